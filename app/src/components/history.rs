//! The history of a place, a team or a member as a list: who changed what and when,
//! newest first.

use super::{format_date, format_datetime, use_lang};
use crate::domain::history::{ChangeAction, FieldChange, EVENT_FIELDS};
use crate::domain::{iso_date, TeamKind};
use crate::dto::units::ChangeView;
use crate::dto::AppError;
use crate::i18n::members::MemberTexts;
use crate::i18n::setup::SetupTexts;
use leptos::prelude::*;
use std::future::Future;

/// A stored value as a reader writes it: dates as dd/mm/yyyy, a team's kind and a
/// member's choices by their names.
fn shown(s: &SetupTexts, m: &MemberTexts, field: &str, value: Option<String>) -> String {
    let Some(v) = value else {
        return s.empty_value.to_owned();
    };
    if let Some(named) = m.value(field, &v) {
        return named.to_owned();
    }
    if field == "kind" {
        return match TeamKind::parse(&v) {
            Some(TeamKind::SecurityOrder) => s.kind_security_order.to_owned(),
            Some(TeamKind::PeoplePatrol) => s.kind_people_patrol.to_owned(),
            None => v,
        };
    }
    iso_date::parse(&v).map(format_date).unwrap_or(v)
}

fn line(
    s: &'static SetupTexts,
    m: &'static MemberTexts,
    created: bool,
    f: FieldChange,
) -> impl IntoView {
    let g = use_lang().mergers();
    let after = shown(s, m, &f.field, f.after);
    // What a merger did has no "before": it is news of that change alone.
    let event = EVENT_FIELDS.contains(&f.field.as_str());
    let before = (!created && !event).then(|| format!("{} → ", shown(s, m, &f.field, f.before)));
    let label = match f.field.as_str() {
        "merged_into" => g.merged_into,
        "merged_from" => g.merged_from,
        "split_into" => g.split_into,
        "split_from" => g.split_from,
        "police_added" => use_lang().police().added,
        "police_removed" => use_lang().police().removed,
        "police_password_reset" => use_lang().police().reset,
        other => m.field(other).unwrap_or_else(|| s.field(other)),
    };
    view! { <li>{label}": "{before}{after}</li> }
}

#[component]
pub fn ChangeList(list: Vec<ChangeView>) -> impl IntoView {
    let lang = use_lang();
    let (s, m) = (lang.setup(), lang.members());
    if list.is_empty() {
        return view! { <p class="muted">{s.no_history}</p> }.into_any();
    }
    view! {
        <ol class="history">
            {list.into_iter().map(|c| {
                let created = c.action == ChangeAction::Created;
                let action = match c.action {
                    ChangeAction::Created => s.created,
                    ChangeAction::Edited => s.edited,
                    ChangeAction::Left => m.leave_title,
                    ChangeAction::PasswordReset => m.reset_password,
                    ChangeAction::Merged => lang.mergers().action,
                    ChangeAction::Split => lang.mergers().split_action,
                };
                view! {
                    <li>
                        <p><strong>{action}</strong>" · "{c.by}" · "{format_datetime(c.at)}</p>
                        <ul>{c.changes.into_iter().map(|f| line(s, m, created, f)).collect_view()}</ul>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// A subject's history fetched with `fetch` (a unit's, a team's or a member's server
/// function), read again each time `saved` changes, as a list.
#[component]
pub fn History<F, Fut>(id: i64, saved: RwSignal<u32>, fetch: F) -> impl IntoView
where
    F: Fn(i64) -> Fut + Copy + Send + Sync + 'static,
    Fut: Future<Output = Result<Vec<ChangeView>, AppError>> + Send + 'static,
{
    let lang = use_lang();
    let changes = Resource::new(move || (id, saved.get()), move |(id, _)| fetch(id));
    view! {
        <Transition fallback=|| view! { <super::Loading /> }>
            {move || Suspend::new(async move {
                match changes.await {
                    Ok(list) => view! { <ChangeList list /> }.into_any(),
                    Err(e) => view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> }.into_any(),
                }
            })}
        </Transition>
    }
}
