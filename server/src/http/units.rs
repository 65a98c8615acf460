//! `/api/v1` routes for the units a commune or province keeps: the units under one, a new
//! one, an edit (rename, retire, restore), a merger of the units under one, and a unit's
//! history.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::dto::units::{
    ChangeView, MergerRequest, MergerView, NewUnitRequest, UnitChildrenView, UnitEditRequest,
    UnitEntry,
};
use app::services::{mergers, units};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(children, add_child))
        .routes(routes!(edit))
        .routes(routes!(merge))
        .routes(routes!(history))
}

/// The units directly under a unit (a commune's villages and residential groups, a
/// province's communes), with their dates; those that exist today first.
#[utoipa::path(get, path = "/units/{id}/children", tag = "units", operation_id = "get_unit_children",
    params(("id" = i64, Path, description = "The unit")),
    responses((status = 200, description = "The unit and the units under it", body = UnitChildrenView)))]
async fn children(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<UnitChildrenView> {
    let Path(id) = id?;
    Ok(Json(
        units::children(state.services.store.as_ref(), &actor, id, Utc::now()).await?,
    ))
}

/// Adds a unit under this one: a village or residential group under a commune (its
/// commune police), a commune under a province (its province police).
#[utoipa::path(post, path = "/units/{id}/children", tag = "units", operation_id = "add_unit_child",
    params(("id" = i64, Path, description = "The unit above the new one")),
    request_body = NewUnitRequest,
    responses((status = 201, description = "Added", body = UnitEntry)))]
async fn add_child(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<NewUnitRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<UnitEntry>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let unit = units::add_child(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(unit)))
}

/// Renames a unit or changes its dates: a last day retires it, none restores it. The
/// commune police keep their commune's villages, the province police its communes.
#[utoipa::path(put, path = "/units/{id}", tag = "units", operation_id = "edit_unit",
    params(("id" = i64, Path, description = "The unit")),
    request_body = UnitEditRequest,
    responses((status = 200, description = "The unit after the edit", body = UnitEntry)))]
async fn edit(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<UnitEditRequest>, JsonRejection>,
) -> ApiResult<UnitEntry> {
    let Path(id) = id?;
    let Json(req) = body?;
    Ok(Json(
        units::edit(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?,
    ))
}

/// Merges units under this one from a day: communes under their province (its province
/// police), villages and residential groups under their commune (its commune police).
/// The merged units close on the day before; a commune's villages, teams and police go on
/// under the merged one, and its teams' figures roll up there from that report month on,
/// while earlier months stay with the units they belonged to.
#[utoipa::path(post, path = "/units/{id}/mergers", tag = "units", operation_id = "merge_units",
    params(("id" = i64, Path, description = "The unit above the merging ones")),
    request_body = MergerRequest,
    responses((status = 201, description = "Merged", body = MergerView)))]
async fn merge(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<MergerRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<MergerView>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let merged = mergers::merge(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(merged)))
}

/// Who changed a unit, what and when, newest first.
#[utoipa::path(get, path = "/units/{id}/history", tag = "units", operation_id = "get_unit_history",
    params(("id" = i64, Path, description = "The unit")),
    responses((status = 200, description = "The unit's history", body = Vec<ChangeView>)))]
async fn history(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Vec<ChangeView>> {
    let Path(id) = id?;
    Ok(Json(
        units::history(state.services.store.as_ref(), &actor, id).await?,
    ))
}
