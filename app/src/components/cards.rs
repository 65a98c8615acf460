//! Cards for teams and units in lists.

use super::use_lang;
use crate::domain::{Position, TeamKind};
use crate::dto::views::{TeamCard, UnitSummary};
use crate::i18n::Texts;
use leptos::prelude::*;

pub fn position_label(t: &Texts, p: Position) -> &'static str {
    match p {
        Position::Leader => t.leader,
        Position::Deputy => t.deputy,
        Position::Member => t.member,
    }
}

pub fn team_kind_label(t: &Texts, k: TeamKind) -> &'static str {
    match k {
        TeamKind::SecurityOrder => t.kind_security_order,
        TeamKind::PeoplePatrol => t.kind_people_patrol,
    }
}

#[component]
pub fn TeamCardView(team: TeamCard, #[prop(optional)] hide_commune: bool) -> impl IntoView {
    let t = use_lang().texts();
    let short = team.member_count < i64::from(team.member_quota);
    // The worst shortfall of the team's make-up, worded by the server.
    let warning = team
        .warning
        .map(|w| view! { <span class="warn structure">{w}</span> });
    view! {
        <a class="card" href=format!("/teams/{}", team.id) data-team-id=team.id>
            <span class="card-title">{team.name}</span>
            <span class="muted">
                {team_kind_label(t, team.kind)}
                {(!hide_commune).then(|| format!(" · {}", team.commune_name))}
            </span>
            <span class="card-meta">
                {team.position.map(|p| view! { <span class="badge">{position_label(t, p)}</span> })}
                <span class:warn=short>
                    {t.members_count}": "{team.member_count}"/"{team.member_quota}
                </span>
                {short.then(|| view! { <span class="warn">{t.below_quota}</span> })}
            </span>
            {warning}
        </a>
    }
}

#[component]
pub fn UnitSummaryView(unit: UnitSummary) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <a class="card" href=format!("/units/{}", unit.id)>
            <span class="card-title">{unit.name}</span>
            <span class="card-meta">
                <span>{unit.team_count}" "{t.teams}</span>
                <span>{t.members_count}": "{unit.member_count}</span>
            </span>
        </a>
    }
}
