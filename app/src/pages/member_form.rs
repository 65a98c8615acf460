//! The member form's parts, shared by the new member, a member's page, a replacement and
//! the police accounts: the roster fields, the first password, and the sign-in handed over.

use crate::components::{use_lang, FieldMessage};
use crate::domain::roster::{Gender, Origin};
use crate::domain::selection::Education;
use crate::domain::{iso_date, Position};
use crate::dto::members::{InitialPassword, MemberFormView};
use crate::dto::AppError;
use crate::i18n::members::MemberTexts;
use leptos::prelude::*;

pub(super) fn date_value(d: Option<chrono::NaiveDate>) -> String {
    d.map(iso_date::format).unwrap_or_default()
}

/// The first password a new account may be given; left empty, one is made up.
#[component]
pub(super) fn InitialPasswordField(error: Signal<Option<AppError>>) -> impl IntoView {
    let m = use_lang().members();
    view! {
            <label for="m-password">{m.initial_password}</label>
            <input id="m-password" name="initial_password" type="text" autocomplete="off" aria-describedby="m-password-hint" />
            <p class="hint" id="m-password-hint">{m.initial_password_hint}</p>
            <FieldMessage error field="initial_password" />
    }
}

/// A member just added, with the sign-in they were given and the way to their page.
pub(super) fn added_notice(a: crate::dto::members::AddedMember) -> impl IntoView {
    let m = use_lang().members();
    let href = format!("/members/{}", a.member.id);
    view! {
        <section class="notice" role="status">
            <h2>{m.added_title}": "{a.member.entry.full_name.clone()}</h2>
            <AccountNote account=a.account has_phone=a.member.entry.phone.is_some() />
            <a class="button" href=href>{m.open_member}</a>
        </section>
    }
}

/// The sign-in a member was given: their phone and, once, a made-up first password.
#[component]
pub(super) fn AccountNote(account: Option<InitialPassword>, has_phone: bool) -> impl IntoView {
    let m = use_lang().members();
    match account {
        None if has_phone => view! { <p>{m.existing_account}</p> }.into_any(),
        None => view! { <p>{m.no_account}</p> }.into_any(),
        Some(a) => {
            let password = match a.password {
                Some(p) => view! { <p>{m.password_once}" "<strong class="secret">{p}</strong></p> }
                    .into_any(),
                None => view! { <p>{m.password_given}</p> }.into_any(),
            };
            view! { <p>{m.sign_in_with}" "<strong>{a.phone}</strong></p>{password} }.into_any()
        }
    }
}

pub(super) fn position(m: &MemberTexts, p: Position) -> &'static str {
    match p {
        Position::Leader => m.leader,
        Position::Deputy => m.deputy,
        Position::Member => m.member,
    }
}

/// A `<select>` of codes with their names, one chosen.
fn select(
    id: &'static str,
    name: &'static str,
    choose: &'static str,
    options: Vec<(&'static str, String)>,
    chosen: Option<&'static str>,
) -> impl IntoView {
    view! {
        <select id=id name=name>
            <option value="">{choose}</option>
            {options.into_iter().map(|(v, label)| view! { <option value=v selected=chosen == Some(v)>{label}</option> }).collect_view()}
        </select>
    }
}

/// A labelled text input with its error under it.
fn text(
    error: Signal<Option<AppError>>,
    field: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
) -> impl IntoView {
    let id = format!("m-{field}");
    view! {
        <label for=id.clone()>{label}</label>
        <input id=id name=format!("member[{field}]") type=kind value=value autocomplete="off" />
        <FieldMessage error field />
    }
}

/// The fields of the member form, filled from the member when editing.
// Long on purpose: one labelled field after another, as the form reads.
#[component]
pub(super) fn MemberFields(
    form: MemberFormView,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let lang = use_lang();
    let m = lang.members();
    let e = form
        .member
        .as_ref()
        .map(|x| x.entry.clone())
        .unwrap_or_else(|| crate::domain::roster::RosterEntry::new("", Position::Member));
    let approval = e.age_approval.clone();
    let general = move || {
        error
            .get()
            .filter(|e| e.field.is_none())
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    let positions = [Position::Leader, Position::Deputy, Position::Member]
        .map(|p| (p.as_str(), position(m, p).to_owned()))
        .to_vec();
    let genders = Gender::ALL
        .map(|g| (g.as_str(), m.gender(g).to_owned()))
        .to_vec();
    let origins = Origin::ALL
        .map(|o| (o.as_str(), m.origin(o).to_owned()))
        .to_vec();
    let educations = Education::ALL
        .map(|x| (x.as_str(), m.education(x).to_owned()))
        .to_vec();
    let areas = form
        .areas
        .iter()
        .map(|a| a.id)
        .zip(form.areas.iter().map(|a| a.name.clone()))
        .collect::<Vec<_>>();
    let area = e.area_id;
    let education_hint = if form.remote_area {
        m.education_hint_remote
    } else {
        m.education_hint
    };
    view! {
        <fieldset>
            <legend>{m.section_person}</legend>
            {text(error, "full_name", m.full_name, "text", e.full_name.clone())}
            {text(error, "date_of_birth", m.date_of_birth, "date", date_value(e.date_of_birth))}
            <label for="m-gender">{m.gender}</label>
            {select("m-gender", "member[gender]", m.choose, genders, e.gender.map(Gender::as_str))}
            <FieldMessage error field="gender" />
            {text(error, "residence", m.residence, "text", e.residence.clone())}
            <label for="m-resident_since">{m.resident_since}</label>
            <input id="m-resident_since" name="member[resident_since]" type="date" value=date_value(e.resident_since) aria-describedby="m-resident-hint" />
            <p class="hint" id="m-resident-hint">{m.resident_since_hint}</p>
            <FieldMessage error field="resident_since" />
            <label for="m-phone">{m.phone}</label>
            <input id="m-phone" name="member[phone]" type="tel" inputmode="tel" value=e.phone.clone().unwrap_or_default() autocomplete="off" aria-describedby="m-phone-hint" />
            <p class="hint" id="m-phone-hint">{m.phone_hint}</p>
            <FieldMessage error field="phone" />
            <label for="m-education">{m.education}</label>
            {select("m-education", "member[education]", m.choose, educations, e.education.map(Education::as_str))}
            <p class="hint">{education_hint}</p>
            <FieldMessage error field="education" />
            <label class="check">
                <input type="checkbox" name="member[party_member]" value="on" checked=e.party_member />
                <span>{m.party_member}</span>
            </label>
        </fieldset>
        <fieldset>
            <legend>{m.approval_title}</legend>
            <p class="hint">{m.approval_hint}</p>
            {text(error, "approved_by", m.approved_by, "text", approval.as_ref().map(|a| a.approved_by.clone()).unwrap_or_default())}
            {text(error, "approval_decision_no", m.approval_decision_no, "text", approval.as_ref().map(|a| a.decision_no.clone()).unwrap_or_default())}
            {text(error, "approved_on", m.approved_on, "date", date_value(approval.as_ref().map(|a| a.approved_on)))}
        </fieldset>
        <fieldset>
            <legend>{m.section_service}</legend>
            <label for="m-position">{m.position}</label>
            {select("m-position", "member[position]", m.choose, positions, Some(e.position.as_str()))}
            <FieldMessage error field="position" />
            <label for="m-origin">{m.origin}</label>
            {select("m-origin", "member[origin]", m.choose, origins, e.origin.map(Origin::as_str))}
            <FieldMessage error field="origin" />
            <label for="m-area">{m.area}</label>
            <select id="m-area" name="member[area_id]">
                <option value="">{m.no_area}</option>
                {areas.into_iter().map(|(id, name)| view! { <option value=id selected=area == Some(id)>{name}</option> }).collect_view()}
            </select>
            <FieldMessage error field="area_id" />
        </fieldset>
        <fieldset>
            <legend>{m.section_papers}</legend>
            {text(error, "decision_no", m.decision_no, "text", e.decision_no.clone())}
            {text(error, "appointed_on", m.appointed_on, "date", date_value(e.appointed_on))}
            {text(error, "certificate_no", m.certificate_no, "text", e.certificate_no.clone())}
            {text(error, "certificate_on", m.certificate_on, "date", date_value(e.certificate_on))}
            <label class="check">
                <input type="checkbox" name="member[badge_issued]" value="on" checked=e.badge_issued />
                <span>{m.badge_issued}</span>
            </label>
            {text(error, "equipment", m.equipment, "text", e.equipment.clone())}
            {text(error, "training", m.training, "text", e.training.clone())}
        </fieldset>
        {general}
    }
}
