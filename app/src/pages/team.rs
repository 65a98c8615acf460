//! A team: who it is, where it works, and its roster.

use crate::api::directory::get_team;
use crate::components::cards::{position_label, team_kind_label};
use crate::components::{format_date, use_lang, ErrorBox, Loading, Page};
use crate::domain::ErrorCode;
use crate::dto::views::{MemberView, TeamView};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

/// The numeric id in the route, or -1, which no record has (so the answer is "not found").
pub fn route_id() -> Memo<i64> {
    let params = use_params_map();
    Memo::new(move |_| {
        params
            .read()
            .get("id")
            .and_then(|s| s.parse().ok())
            .unwrap_or(-1)
    })
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let id = route_id();
    let team = Resource::new(move || id.get(), get_team);
    view! {
        <Suspense fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                match team.await {
                    Ok(team) => view! { <Page signed_in=true><TeamDetail team /></Page> }.into_any(),
                    Err(e) if e.code == ErrorCode::Unauthenticated => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <Page signed_in=true><ErrorBox error=e /></Page> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TeamDetail(team: TeamView) -> impl IntoView {
    let t = use_lang().texts();
    let count = team.members.len();
    view! {
        <h1>{team.name}</h1>
        <dl class="facts">
            <dt>{t.commune}</dt><dd>{team.commune_name}</dd>
            <dt>{t.villages}</dt><dd>{team.villages.join(", ")}</dd>
            <dt>{t.operating_since}</dt><dd>{format_date(team.operating_since)}</dd>
            <dt>{t.members_count}</dt><dd>{count}" / "{t.quota}" "{team.member_quota}</dd>
        </dl>
        <p class="muted">{team_kind_label(t, team.kind)}</p>
        {(!team.decision_no.is_empty() || team.decided_on.is_some()).then(|| {
            let s = use_lang().setup();
            let date = team.decided_on.map(|d| format!(" ({})", format_date(d)));
            view! { <p class="muted">{s.founding_decision}": "{team.decision_no.clone()}{date}</p> }
        })}
        {(!team.warnings.is_empty()).then(|| {
            let s = use_lang().setup();
            view! {
                <section class="warnings" aria-labelledby="structure-title">
                    <h2 id="structure-title">{s.structure_title}</h2>
                    <ul>{team.warnings.iter().map(|w| view! { <li>{s.warning(*w)}</li> }).collect_view()}</ul>
                </section>
            }
        })}
        {team.can_keep.then(|| view! {
            <a class="button secondary big" href=format!("/teams/{}/settings", team.id)>{use_lang().setup().edit_team}</a>
        })}
        <a class="button secondary big" href=format!("/teams/{}/records", team.id)>
            {use_lang().records().feed_title}
        </a>
        <a class="button secondary big team-indicators" href=format!("/teams/{}/indicators", team.id)>
            {t.indicators_link}
        </a>
        <a class="button secondary big team-month" href=format!("/teams/{}/month", team.id)>
            {use_lang().month().open_month}
        </a>
        <h2>{t.roster}</h2>
        {team.can_keep.then(|| view! {
            <a class="button secondary" href=format!("/teams/{}/members/new", team.id)>{use_lang().members().add_member}</a>
        })}
        <ul class="roster">
            {team.members.into_iter().map(|member| view! { <MemberRow member /> }).collect_view()}
        </ul>
    }
}

#[component]
fn MemberRow(member: MemberView) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <li class="roster-row">
            <div>
                {if member.details.is_some() {
                    view! { <a class="card-title" href=format!("/members/{}", member.id)>{member.full_name}</a> }.into_any()
                } else {
                    view! { <span class="card-title">{member.full_name}</span> }.into_any()
                }}
                <span class="badge">{position_label(t, member.position)}</span>
                {member.area.map(|a| view! { <span class="muted small">{use_lang().members().answers_for}": "{a}</span> })}
                {member.details.map(|d| view! {
                    <span class="muted small">
                        {d.date_of_birth.map(|b| format!("{}: {}", t.date_of_birth, format_date(b)))}
                        {(!d.residence.is_empty()).then(|| format!(" · {}: {}", t.residence, d.residence))}
                    </span>
                })}
            </div>
            {member.phone.map(|p| view! {
                <a class="button secondary call" href=format!("tel:{p}")>{t.call}</a>
            })}
        </li>
    }
}
