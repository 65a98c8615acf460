//! The home screen: one section for each role the signed-in person holds.

use crate::api::directory::get_home;
use crate::components::{use_lang, ErrorBox, Loading, Page, TeamCardView, UnitSummaryView};
use crate::domain::ErrorCode;
use crate::domain::Position;
use crate::dto::views::{HomeView, UnitView};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Suspense fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                match home.await {
                    // A password someone else chose is replaced before anything else.
                    Ok(h) if h.me.must_change_password => view! { <Redirect path="/account/password" /> }.into_any(),
                    Ok(h) => view! { <Page signed_in=true><HomeSections home=h /></Page> }.into_any(),
                    Err(e) if e.code == ErrorCode::Unauthenticated => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <Page><ErrorBox error=e /></Page> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn HomeSections(home: HomeView) -> impl IntoView {
    let t = use_lang().texts();
    let no_roles = home.my_teams.is_empty()
        && home.communes.is_empty()
        && home.provinces.is_empty()
        && !home.is_admin;
    let (led, joined): (Vec<_>, Vec<_>) = home
        .my_teams
        .into_iter()
        .partition(|c| matches!(c.position, Some(Position::Leader | Position::Deputy)));
    view! {
        <h1 class="greeting">{t.hello}", "{home.me.full_name}</h1>
        {no_roles.then(|| view! { <p class="notice">{t.no_roles}</p> })}
        {(!home.notices.is_empty()).then(|| view! {
            <section class="notices" aria-live="polite">
                <h2>{t.notices}</h2>
                <ul>
                    {home.notices.into_iter().map(|n| view! {
                        <li><a href=n.href>{n.text}</a><span class="muted small">" · "{n.when}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        {(!led.is_empty()).then(|| view! {
            <section data-role="leader">
                <h2>{t.team_i_lead}</h2>
                {led.into_iter().map(|team| view! { <TeamActions id=team.id /><TeamCardView team /> }).collect_view()}
            </section>
        })}
        {(!joined.is_empty()).then(|| view! {
            <section data-role="member">
                <h2>{t.my_team}</h2>
                {joined.into_iter().map(|team| view! { <TeamActions id=team.id /><TeamCardView team /> }).collect_view()}
            </section>
        })}
        {home.communes.into_iter().map(|unit| view! { <CommuneSection unit /> }).collect_view()}
        {home.provinces.into_iter().map(|unit| view! { <ProvinceSection unit /> }).collect_view()}
        <p class="footer-links"><a href="/account/password">{t.change_password}</a></p>
    }
}

/// The member's two everyday actions: log something, and see what the team has logged.
#[component]
fn TeamActions(id: i64) -> impl IntoView {
    let r = use_lang().records();
    view! {
        <div class="team-actions">
            <a class="button primary big log-action" href=format!("/teams/{id}/log")>{r.log_button}</a>
            <a class="button secondary" href=format!("/teams/{id}/records")>{r.feed_title}</a>
            <a class="button secondary progress-action" href=format!("/teams/{id}/progress")>{use_lang().texts().progress_link}</a>
            <a class="button secondary" href=format!("/teams/{id}/indicators")>{use_lang().texts().indicators_link}</a>
            <a class="button secondary" href=format!("/teams/{id}/month")>{use_lang().texts().month_link}</a>
        </div>
    }
}

#[component]
pub fn CommuneSection(unit: UnitView) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <section data-role="commune_police">
            <h2>{t.commune_teams}": "{unit.name}</h2>
            <a class="button primary big" href=format!("/units/{}/indicators", unit.id)>{t.indicators_link}</a>
            <a class="button secondary big commune-months" href=format!("/units/{}/months", unit.id)>{t.commune_months}</a>
            <a class="button secondary big" href=format!("/units/{}/places", unit.id)>{t.villages_link}</a>
            {unit.teams.into_iter().map(|team| view! { <TeamCardView team hide_commune=true /> }).collect_view()}
        </section>
    }
}

#[component]
pub fn ProvinceSection(unit: UnitView) -> impl IntoView {
    let t = use_lang().texts();
    view! {
        <section data-role="province_police">
            <h2>{t.province_communes}": "{unit.name}</h2>
            <a class="button primary big" href=format!("/units/{}/indicators", unit.id)>{t.indicators_link}</a>
            <a class="button secondary big" href=format!("/units/{}/places", unit.id)>{t.communes_link}</a>
            {unit.children.into_iter().map(|unit| view! { <UnitSummaryView unit /> }).collect_view()}
        </section>
    }
}
