//! A team's members as the commune police keep them: the form for a new member (with the
//! sign-in it hands over once), and a member's page — their whole roster entry, its edit,
//! a new first password, their leaving or replacement, and their history.

use super::member_form::{added_notice, position, AccountNote, InitialPasswordField, MemberFields};
use super::member_leaving::{Leave, Replacement, Transfer};
use super::team::route_id;
use crate::api::members::{
    get_member_history, get_member_page, get_new_member_form, AddMember, EditMember,
    ResetMemberPassword,
};
use crate::components::history::History;
use crate::components::{format_date, framed, now, use_lang, FieldMessage, Loading, Page};
use crate::domain::iso_date;
use crate::domain::local_time::local_date;
use crate::dto::members::{MemberDetails, MemberFormView};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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
    let form_teams = form.other_teams.clone();
    let body = if member.can_keep && member.left_on.is_none() {
        view! {
            <EditMember form saved />
            <ResetPassword id saved />
            {(!form_teams.is_empty()).then(|| view! { <Transfer id teams=form_teams.clone() /> })}
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
