//! Server functions for the home screen, teams and units.

use super::views::{HomeView, TeamView, UnitView};
use super::AppError;
use leptos::prelude::*;

#[server(endpoint = "home")]
pub async fn get_home() -> Result<HomeView, AppError> {
    use crate::services::{directory, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    Ok(directory::home(ctx::services().store.as_ref(), &actor).await?)
}

#[server(endpoint = "team")]
pub async fn get_team(id: i64) -> Result<TeamView, AppError> {
    use crate::services::{directory, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    Ok(directory::team(ctx::services().store.as_ref(), &actor, id).await?)
}

#[server(endpoint = "unit")]
pub async fn get_unit(id: i64) -> Result<UnitView, AppError> {
    use crate::services::{directory, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    Ok(directory::unit(ctx::services().store.as_ref(), &actor, id).await?)
}
