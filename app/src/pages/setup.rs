//! The screens where a commune keeps its own data, fetched together as one part of the
//! wasm: its places (`/units/:id/places`), a new team (`/units/:id/teams/new`), a team's
//! settings (`/teams/:id/settings`), a new member (`/teams/:id/members/new`) and a
//! member's page (`/members/:id`). Each lazy screen costs the first download a loader of
//! its own; these are used together, so they share one.

use super::members::{MemberPage, NewMemberPage};
use super::places::PlacesPage;
use super::team_settings::{NewTeamPage, TeamSettingsPage};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn SetupRoute() -> impl IntoView {
    let path = use_location().pathname.get_untracked();
    if path.ends_with("/places") {
        view! { <PlacesPage /> }.into_any()
    } else if path.ends_with("/teams/new") {
        view! { <NewTeamPage /> }.into_any()
    } else if path.ends_with("/members/new") {
        view! { <NewMemberPage /> }.into_any()
    } else if path.starts_with("/members/") {
        view! { <MemberPage /> }.into_any()
    } else {
        view! { <TeamSettingsPage /> }.into_any()
    }
}
