//! A team's members as the commune police keep them: the form for a new member (with the
//! sign-in it hands over once), and a member's page — their whole roster entry, its edit,
//! a new first password, their leaving or replacement, and their history.

use super::team::route_id;
use crate::api::members::{
    get_member_history, get_member_page, get_new_member_form, AddMember, EditMember, LeaveMember,
    ReplaceMember, ResetMemberPassword,
};
use crate::components::history::History;
use crate::components::{format_date, framed, now, use_lang, FieldMessage, Loading, Page};
use crate::domain::local_time::local_date;
use crate::domain::roster::{Gender, Origin};
use crate::domain::selection::{Education, LeaveReason};
use crate::domain::{iso_date, Position};
use crate::dto::members::{InitialPassword, MemberDetails, MemberFormView};
use crate::dto::AppError;
use crate::i18n::members::MemberTexts;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn date_value(d: Option<chrono::NaiveDate>) -> String {
    d.map(iso_date::format).unwrap_or_default()
}

#[component]
pub(super) fn NewMemberPage() -> impl IntoView {
    let team = route_id();
    let form = Resource::new(move || team.get(), get_new_member_form);
    view! {
        <Suspense fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                framed(form.await, |f| view! { <NewMember form=f /> }.into_any())
            })}
        </Suspense>
    }
}

#[component]
fn NewMember(form: MemberFormView) -> impl IntoView {
    let m = use_lang().members();
    let add = ServerAction::<AddMember>::new();
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let team_id = form.team_id;
    let team_name = form.team_name.clone();
    let added = move || add.value().get().and_then(Result::ok).map(added_notice);
    view! {
        <h1>{m.add_member}</h1>
        <p class="lead"><a href=format!("/teams/{team_id}")>{team_name}</a></p>
        {added}
        <ActionForm action=add attr:class="form" attr:novalidate=true>
            <input type="hidden" name="team_id" value=team_id />
            <MemberFields form error />
            <label for="m-joined">{m.joined_on}</label>
            <input id="m-joined" name="joined_on" type="date" value=iso_date::format(local_date(now())) />
            <FieldMessage error field="joined_on" />
            <InitialPasswordField error />
            <button type="submit" class="primary" disabled=move || add.pending().get()>{m.add_member}</button>
        </ActionForm>
    }
}

/// The first password a new account may be given; left empty, one is made up.
#[component]
fn InitialPasswordField(error: Signal<Option<AppError>>) -> impl IntoView {
    let m = use_lang().members();
    view! {
            <label for="m-password">{m.initial_password}</label>
            <input id="m-password" name="initial_password" type="text" autocomplete="off" aria-describedby="m-password-hint" />
            <p class="hint" id="m-password-hint">{m.initial_password_hint}</p>
            <FieldMessage error field="initial_password" />
    }
}

/// A member just added, with the sign-in they were given and the way to their page.
fn added_notice(a: crate::dto::members::AddedMember) -> impl IntoView {
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

#[component]
pub(super) fn MemberPage() -> impl IntoView {
    let id = route_id();
    // `?replace` opens the replacement of a current member instead of their page.
    let query = use_query_map();
    let replacing = Memo::new(move |_| query.read().get("replace").is_some());
    // Bumped by each change, which reads the member and the history again.
    let saved = RwSignal::new(0u32);
    let page = Resource::new(
        move || (id.get(), saved.get()),
        |(id, _)| get_member_page(id),
    );
    view! {
        <Transition fallback=|| view! { <Page><Loading /></Page> }>
            {move || {
                let replacing = replacing.get();
                Suspend::new(async move {
                    framed(page.await, |f| {
                        let current = f.member.as_ref().is_some_and(|m| m.can_keep && m.left_on.is_none());
                        if replacing && current {
                            view! { <Replacement form=f /> }.into_any()
                        } else {
                            view! { <MemberScreen form=f saved /> }.into_any()
                        }
                    })
                })
            }}
        </Transition>
    }
}

#[component]
fn MemberScreen(form: MemberFormView, saved: RwSignal<u32>) -> impl IntoView {
    let m = use_lang().members();
    let Some(member) = form.member.clone() else {
        return ().into_any();
    };
    let id = member.id;
    let title = format!(
        "{} · {}",
        member.entry.full_name,
        position(m, member.entry.position)
    );
    let team = format!("/teams/{}", member.team_id);
    let left = member.left_on.map(|d| {
        let why = member.leave_reason.map(|r| m.reason(r)).unwrap_or_default();
        view! { <p class="notice" role="status">{m.left_notice}" "{format_date(d)}" · "{why}</p> }
    });
    let must_change = member
        .must_change_password
        .then(|| view! { <p class="muted">{m.must_change}</p> });
    let body = if member.can_keep && member.left_on.is_none() {
        view! {
            <EditMember form saved />
            <ResetPassword id saved />
            <Leave member=member.clone() saved />
            <p><a class="button secondary" href=format!("/members/{id}?replace")>{m.replace}</a></p>
        }
        .into_any()
    } else {
        view! { <Details member=member.clone() /> }.into_any()
    };
    view! {
        <h1>{title}</h1>
        <p class="lead"><a href=team>{member.team_name.clone()}</a></p>
        {left}
        {must_change}
        {body}
        <h2>{use_lang().setup().history}</h2>
        <History id saved fetch=get_member_history />
    }
    .into_any()
}

fn position(m: &MemberTexts, p: Position) -> &'static str {
    match p {
        Position::Leader => m.leader,
        Position::Deputy => m.deputy,
        Position::Member => m.member,
    }
}

#[component]
fn EditMember(form: MemberFormView, saved: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let m = lang.members();
    let edit = ServerAction::<EditMember>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = edit.value().get() {
            saved.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || edit.value().get().and_then(Result::err));
    let id = form.member.as_ref().map(|x| x.id).unwrap_or_default();
    view! {
        <h2>{m.edit_member}</h2>
        <ActionForm action=edit attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <MemberFields form error />
            <button type="submit" class="primary" disabled=move || edit.pending().get()>{lang.setup().save}</button>
        </ActionForm>
    }
}

#[component]
fn ResetPassword(id: i64, saved: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let m = lang.members();
    let reset = ServerAction::<ResetMemberPassword>::new();
    let answer = move || {
        reset.value().get().map(|r| match r {
            Ok(a) => view! {
                <div class="notice" role="status">
                    <p>{m.reset_done}</p>
                    <AccountNote account=Some(a) has_phone=true />
                </div>
            }
            .into_any(),
            Err(e) => {
                view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> }.into_any()
            }
        })
    };
    Effect::new(move |_| {
        if let Some(Ok(_)) = reset.value().get() {
            saved.update(|n| *n += 1);
        }
    });
    view! {
        {answer}
        <ActionForm action=reset attr:class="form inline">
            <input type="hidden" name="id" value=id />
            <button type="submit" class="secondary" disabled=move || reset.pending().get()>{m.reset_password}</button>
        </ActionForm>
    }
}

#[component]
fn Leave(member: MemberDetails, saved: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let m = lang.members();
    let leave = ServerAction::<LeaveMember>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = leave.value().get() {
            saved.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || leave.value().get().and_then(Result::err));
    let general = move || {
        error
            .get()
            .filter(|e| e.field.is_none())
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    view! {
        <h2>{m.leave_title}</h2>
        <ActionForm action=leave attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=member.id />
            <LeaveFields error />
            {general}
            <button type="submit" class="danger" disabled=move || leave.pending().get()>{m.leave_button}</button>
        </ActionForm>
    }
}

/// The day, reason and note of a leaving, as the leaving and the replacement forms ask.
#[component]
fn LeaveFields(error: Signal<Option<AppError>>) -> impl IntoView {
    let m = use_lang().members();
    view! {
            <label for="leave-on">{m.left_on}</label>
            <input id="leave-on" name="left_on" type="date" value=iso_date::format(local_date(now())) />
            <FieldMessage error field="left_on" />
            <label for="leave-reason">{m.reason}</label>
            <select id="leave-reason" name="reason">
                <option value="">{m.choose}</option>
                {LeaveReason::ALL.map(|r| view! { <option value=r.as_str()>{m.reason(r)}</option> }).collect_view()}
            </select>
            <FieldMessage error field="reason" />
            <label for="leave-note">{m.note}</label>
            <textarea id="leave-note" name="note" rows="2"></textarea>
            <FieldMessage error field="note" />
    }
}

/// A member replaced in one step: their leaving, and the newcomer's entry and sign-in.
#[component]
fn Replacement(form: MemberFormView) -> impl IntoView {
    let m = use_lang().members();
    let Some(leaving) = form.member.clone() else {
        return ().into_any();
    };
    let replace = ServerAction::<ReplaceMember>::new();
    let error = Signal::derive(move || replace.value().get().and_then(Result::err));
    let done = move || replace.value().get().is_some_and(|r| r.is_ok());
    // The newcomer's fields start empty.
    let fields = StoredValue::new(MemberFormView {
        member: None,
        ..form.clone()
    });
    let leaving_id = leaving.id;
    view! {
        <h1>{m.replace}</h1>
        <p class="lead">
            <a href=format!("/members/{leaving_id}")>{leaving.entry.full_name.clone()}</a>" · "
            <a href=format!("/teams/{}", form.team_id)>{form.team_name.clone()}</a>
        </p>
        {move || replace.value().get().and_then(Result::ok).map(added_notice)}
        <Show when=move || !done()>
            <ActionForm action=replace attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=leaving_id />
                <h2>{m.leave_title}</h2>
                <LeaveFields error />
                <h2>{m.newcomer}</h2>
                <p class="hint">{m.replace_hint}</p>
                <MemberFields form=fields.get_value() error />
                <InitialPasswordField error />
                <button type="submit" class="primary" disabled=move || replace.pending().get()>{m.replace_button}</button>
            </ActionForm>
        </Show>
    }
    .into_any()
}

/// The roster entry read-only: for the team's leader and deputy, or once a member left.
#[component]
fn Details(member: MemberDetails) -> impl IntoView {
    let m = use_lang().members();
    let e = member.entry;
    let date = |d: Option<chrono::NaiveDate>| d.map(format_date).unwrap_or_default();
    let yes = |b: bool| if b { m.yes } else { "" };
    let rows: Vec<(&'static str, String)> = vec![
        (m.date_of_birth, date(e.date_of_birth)),
        (
            m.gender,
            e.gender.map(|g| m.gender(g)).unwrap_or_default().into(),
        ),
        (m.residence, e.residence),
        (m.resident_since, date(e.resident_since)),
        (m.phone, e.phone.unwrap_or_default()),
        (
            m.origin,
            e.origin.map(|o| m.origin(o)).unwrap_or_default().into(),
        ),
        (m.party_member, yes(e.party_member).into()),
        (
            m.education,
            e.education
                .map(|x| m.education(x))
                .unwrap_or_default()
                .into(),
        ),
        (m.area, member.area_name.unwrap_or_else(|| m.no_area.into())),
        (m.joined_on, format_date(member.joined_on)),
        (m.appointed_on, date(e.appointed_on)),
        (m.decision_no, e.decision_no),
        (m.certificate_no, e.certificate_no),
        (m.certificate_on, date(e.certificate_on)),
        (m.badge_issued, yes(e.badge_issued).into()),
        (m.equipment, e.equipment),
        (m.training, e.training),
    ];
    view! {
        <dl class="details">
            {rows.into_iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| view! { <dt>{k}</dt><dd>{v}</dd> }).collect_view()}
        </dl>
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
fn MemberFields(
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
