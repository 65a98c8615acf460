//! `/api/v1` routes for the units a commune or province keeps: the units under one, a new
//! one, an edit (rename, retire, restore), a merger of the units under one, a unit's
//! history, and its roster as a spreadsheet.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::dto::units::{
    ChangeView, MergerRequest, MergerView, NewUnitRequest, UnitChildrenView, UnitEditRequest,
    UnitEntry,
};
use app::i18n::Lang;
use app::services::{mergers, roster_export, units};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
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
        .routes(routes!(roster_xlsx))
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

/// An .xlsx file's bytes.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct XlsxBytes(pub Vec<u8>);

/// The roster of every team under a unit as an .xlsx file, in the reader's language: a
/// row per current member with every roster field, for the police who read the unit.
#[utoipa::path(get, path = "/units/{id}/roster.xlsx", tag = "units", operation_id = "get_unit_roster_xlsx",
    params(("id" = i64, Path, description = "A commune or a province")),
    responses((status = 200, description = "The roster", content((XlsxBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
async fn roster_xlsx(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let lang = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::Vi, Lang::from_cookie_header);
    let sheet =
        roster_export::roster_sheet(state.services.store.as_ref(), &actor, id, lang, Utc::now())
            .await?;
    let bytes = crate::export::xlsx(&sheet).map_err(|e| {
        tracing::error!(error = %e, "writing the roster's .xlsx");
        ApiError(app::dto::AppError::new(app::domain::ErrorCode::Internal))
    })?;
    let name = format!("attachment; filename=\"roster-{id}.xlsx\"");
    Ok((
        [
            (header::CONTENT_TYPE, crate::export::XLSX.to_owned()),
            (header::CONTENT_DISPOSITION, name),
            // Names, birthdays and phones: kept by no cache on the way.
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}
