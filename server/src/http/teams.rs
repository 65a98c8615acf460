//! `/api/v1` routes for a commune's teams as its police keep them: a new team, an edit of
//! its settings (`PUT /teams/{id}`, beside `GET` in `v1.rs`), and its history.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::dto::teams::{TeamRequest, TeamSettingsView};
use app::dto::units::ChangeView;
use app::services::teams;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_team))
        .routes(routes!(history))
}

/// Adds a team to a commune, with the villages it covers (one team per village): the
/// commune's police, the province's, or an admin.
#[utoipa::path(post, path = "/units/{id}/teams", tag = "units", operation_id = "add_team",
    params(("id" = i64, Path, description = "The commune")),
    request_body = TeamRequest,
    responses((status = 201, description = "Added", body = TeamSettingsView)))]
async fn add_team(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<TeamRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<TeamSettingsView>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let team = teams::add_team(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(team)))
}

/// Changes a team's name, kind, quota, villages and founding decision: the police above
/// it, or an admin (its leader keeps the roster, not these).
#[utoipa::path(put, path = "/teams/{id}", tag = "units", operation_id = "edit_team",
    params(("id" = i64, Path, description = "The team")),
    request_body = TeamRequest,
    responses((status = 200, description = "The team after the edit", body = TeamSettingsView)))]
pub(super) async fn edit_team(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<TeamRequest>, JsonRejection>,
) -> ApiResult<TeamSettingsView> {
    let Path(id) = id?;
    let Json(req) = body?;
    Ok(Json(
        teams::edit_team(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?,
    ))
}

/// Who changed a team's settings, what and when, newest first.
#[utoipa::path(get, path = "/teams/{id}/history", tag = "units", operation_id = "get_team_history",
    params(("id" = i64, Path, description = "The team")),
    responses((status = 200, description = "The team's history", body = Vec<ChangeView>)))]
async fn history(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Vec<ChangeView>> {
    let Path(id) = id?;
    Ok(Json(
        teams::history(state.services.store.as_ref(), &actor, id).await?,
    ))
}
