//! A member's service ending or moving on (issue 18, point 3): the leaving with a reason of
//! Law 30/2023 Art. 17, a replacement in one step, and a move to another team of the
//! commune from a day.

use super::member_form::{added_notice, InitialPasswordField, MemberFields};
use crate::api::members::{LeaveMember, ReplaceMember, TransferMember};
use crate::components::{now, use_lang, FieldMessage};
use crate::domain::iso_date;
use crate::domain::local_time::local_date;
use crate::domain::selection::LeaveReason;
use crate::dto::members::{AreaChoice, MemberDetails, MemberFormView};
use crate::dto::AppError;
use leptos::prelude::*;

#[component]
pub(super) fn Leave(member: MemberDetails, saved: RwSignal<u32>) -> impl IntoView {
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
pub(super) fn Replacement(form: MemberFormView) -> impl IntoView {
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

/// A current member moved to another team of the commune from a day; their page is then
/// their entry in the new team.
#[component]
pub(super) fn Transfer(id: i64, teams: Vec<AreaChoice>) -> impl IntoView {
    let lang = use_lang();
    let m = lang.members();
    let transfer = ServerAction::<TransferMember>::new();
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(moved)) = transfer.value().get() {
            navigate(&format!("/members/{}", moved.id), Default::default());
        }
    });
    let error = Signal::derive(move || transfer.value().get().and_then(Result::err));
    let general = move || {
        error
            .get()
            .filter(|e| e.field.is_none())
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    let options = teams
        .into_iter()
        .map(|t| view! { <option value=t.id>{t.name}</option> })
        .collect_view();
    view! {
        <h2>{m.transfer}</h2>
        <ActionForm action=transfer attr:class="form" attr:novalidate=true>
            <input type="hidden" name="id" value=id />
            <label for="transfer-team">{m.transfer_to}</label>
            <select id="transfer-team" name="team_id">{options}</select>
            <FieldMessage error field="team_id" />
            <label for="transfer-from">{m.transfer_from}</label>
            <input id="transfer-from" name="from" type="date" value=iso_date::format(local_date(now())) />
            <FieldMessage error field="from" />
            {general}
            <button type="submit" class="secondary" disabled=move || transfer.pending().get()>{m.transfer}</button>
        </ActionForm>
    }
}
