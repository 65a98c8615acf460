//! The history of a place or a team as a list: who changed what and when, newest first.

use super::{format_date, format_datetime, use_lang};
use crate::domain::history::{ChangeAction, FieldChange};
use crate::domain::{iso_date, TeamKind};
use crate::dto::units::ChangeView;
use crate::i18n::setup::SetupTexts;
use leptos::prelude::*;

/// A stored value as a reader writes it: dates as dd/mm/yyyy, a team's kind by its name.
fn shown(s: &SetupTexts, field: &str, value: Option<String>) -> String {
    let Some(v) = value else {
        return s.empty_value.to_owned();
    };
    if field == "kind" {
        return match TeamKind::parse(&v) {
            Some(TeamKind::SecurityOrder) => s.kind_security_order.to_owned(),
            Some(TeamKind::PeoplePatrol) => s.kind_people_patrol.to_owned(),
            None => v,
        };
    }
    iso_date::parse(&v).map(format_date).unwrap_or(v)
}

fn line(s: &'static SetupTexts, created: bool, f: FieldChange) -> impl IntoView {
    let after = shown(s, &f.field, f.after);
    let before = (!created).then(|| format!("{} → ", shown(s, &f.field, f.before)));
    view! { <li>{s.field(&f.field)}": "{before}{after}</li> }
}

#[component]
pub fn ChangeList(list: Vec<ChangeView>) -> impl IntoView {
    let s = use_lang().setup();
    if list.is_empty() {
        return view! { <p class="muted">{s.no_history}</p> }.into_any();
    }
    view! {
        <ol class="history">
            {list.into_iter().map(|c| {
                let created = c.action == ChangeAction::Created;
                let action = if created { s.created } else { s.edited };
                view! {
                    <li>
                        <p><strong>{action}</strong>" · "{c.by}" · "{format_datetime(c.at)}</p>
                        <ul>{c.changes.into_iter().map(|f| line(s, created, f)).collect_view()}</ul>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}
