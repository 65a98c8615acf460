//! The screens where a commune keeps its own data, fetched together as one part of the
//! wasm: its places (`/units/:id/places`), a new team (`/units/:id/teams/new`) and a
//! team's settings (`/teams/:id/settings`). Each lazy screen costs the first download a
//! loader of its own; these are used together, so they share one.

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
    } else {
        view! { <TeamSettingsPage /> }.into_any()
    }
}
