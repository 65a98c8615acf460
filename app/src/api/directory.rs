//! Server functions for the home screen, teams and units.

use crate::dto::views::{HomeView, TeamView, UnitView};
use crate::dto::AppError;
use leptos::prelude::*;
// Reads are GET, so the service worker can keep the last answer for offline use.
use leptos::server_fn::codec::GetUrl;

// The home screen is in the first download: a POST keeps the GET client code out of it
// (offline, the service worker serves the whole page instead).
#[server(endpoint = "home")]
pub async fn get_home() -> Result<HomeView, AppError> {
    use crate::api::context as ctx;
    use crate::services::directory;
    use crate::services::month_overview;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let mut home = directory::home(store.as_ref(), &actor, ctx::lang()).await?;
    let lang = ctx::lang();
    home.notices = month_overview::notices(store.as_ref(), &actor)
        .await?
        .into_iter()
        .map(|(n, from)| crate::services::month_screens::notice(lang, n, &from))
        .collect();
    Ok(home)
}

#[server(endpoint = "team", input = GetUrl)]
pub async fn get_team(id: i64) -> Result<TeamView, AppError> {
    use crate::api::context as ctx;
    use crate::services::directory;
    let actor = ctx::actor().await?;
    Ok(directory::team(ctx::services().store.as_ref(), &actor, id).await?)
}

#[server(endpoint = "unit", input = GetUrl)]
pub async fn get_unit(id: i64) -> Result<UnitView, AppError> {
    use crate::api::context as ctx;
    use crate::services::directory;
    let actor = ctx::actor().await?;
    Ok(directory::unit(ctx::services().store.as_ref(), &actor, id, ctx::lang()).await?)
}
