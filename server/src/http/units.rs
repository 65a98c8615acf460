//! `/api/v1` routes for the units a commune or province keeps: the units under one, a new
//! one, an edit (rename, retire, restore), a merger of the units under one, a unit's
//! history, and its roster as a spreadsheet.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::lang::ReaderLang;
use super::AppState;
use app::dto::roster_import::RosterImportView;
use app::dto::units::{
    ChangeView, MergerRequest, MergerView, NewUnitRequest, SplitRequest, SplitView,
    UnitChildrenView, UnitEditRequest, UnitEntry,
};
use app::services::{mergers, roster_export, roster_import, units};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(children, add_child))
        .routes(routes!(edit))
        .routes(routes!(merge))
        .routes(routes!(split))
        .routes(routes!(history))
        .routes(routes!(roster_xlsx))
        .routes(routes!(roster_template))
        .routes(routes!(import_roster).layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)))
}

/// The largest roster file taken: a commune's few hundred rows are tens of kilobytes.
const MAX_IMPORT_BYTES: usize = 4 * 1024 * 1024;

/// A spreadsheet's bytes: .xlsx, or CSV in UTF-8.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct RosterFileBytes(pub Vec<u8>);

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

/// Splits a village or residential group under this commune into two or more from the
/// first day of a report month: it closes the day before, its parts begin that day, its
/// teams cover them all and its members answer for the first. The commune's police.
#[utoipa::path(post, path = "/units/{id}/splits", tag = "units", operation_id = "split_unit",
    params(("id" = i64, Path, description = "The commune the place is under")),
    request_body = SplitRequest,
    responses((status = 201, description = "Split", body = SplitView)))]
async fn split(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<SplitRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<SplitView>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let done = mergers::split(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(done)))
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

/// A sheet as an .xlsx download named `name`, kept by no cache on the way (names,
/// birthdays and phones).
fn xlsx_download(sheet: &app::services::sheet::Sheet, name: &str) -> Result<Response, ApiError> {
    let bytes = crate::export::xlsx(sheet).map_err(|e| {
        tracing::error!(error = %e, "writing an .xlsx");
        ApiError(app::dto::AppError::new(app::domain::ErrorCode::Internal))
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, crate::export::XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_owned()),
        ],
        bytes,
    )
        .into_response())
}

/// The roster of every team under a unit as an .xlsx file, in the reader's language: a
/// row per current member with every roster field, for the police who read the unit.
#[utoipa::path(get, path = "/units/{id}/roster.xlsx", tag = "units", operation_id = "get_unit_roster_xlsx",
    params(("id" = i64, Path, description = "A commune or a province")),
    responses((status = 200, description = "The roster", content((XlsxBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
async fn roster_xlsx(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    ReaderLang(lang): ReaderLang,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let sheet =
        roster_export::roster_sheet(state.services.store.as_ref(), &actor, id, lang, Utc::now())
            .await?;
    xlsx_download(&sheet, &format!("roster-{id}.xlsx"))
}

/// The file to fill in for a roster import: the roster's columns, no rows.
#[utoipa::path(get, path = "/units/{id}/roster-template.xlsx", tag = "units", operation_id = "get_roster_template_xlsx",
    params(("id" = i64, Path, description = "A commune")),
    responses((status = 200, description = "The template", content((RosterFileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")))))]
async fn roster_template(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    ReaderLang(lang): ReaderLang,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let sheet =
        roster_export::roster_template(state.services.store.as_ref(), &actor, id, lang).await?;
    xlsx_download(&sheet, &format!("roster-template-{id}.xlsx"))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// Only check the file and answer the preview; nothing is written.
    #[serde(default)]
    pub dry_run: bool,
}

/// Imports a commune's roster from an .xlsx or CSV file on the template (the export's
/// columns): the new teams, members and sign-ins, and the changed entries, in one
/// transaction. Nothing is written while any row has a problem (422, each row's problems
/// in `import`); the same file again changes nothing. `?dry_run=true` answers the preview.
#[utoipa::path(post, path = "/units/{id}/roster-import", tag = "units", operation_id = "import_roster",
    params(("id" = i64, Path, description = "A commune"), ImportQuery),
    request_body(content((RosterFileBytes = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), (RosterFileBytes = "text/csv"))),
    responses((status = 200, description = "The preview, or what was imported", body = RosterImportView),
        (status = 422, description = "A row or the file has problems: nothing was written", body = app::dto::AppError),
        (status = 413, description = "Too large", body = app::dto::AppError)))]
async fn import_roster(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<ImportQuery>, QueryRejection>,
    ReaderLang(lang): ReaderLang,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    let Query(q) = q.map_err(|_| {
        ApiError(app::dto::AppError::on_field(
            app::domain::ErrorCode::InvalidQuery,
            "dry_run",
        ))
    })?;
    let bytes = body.map_err(|_| {
        ApiError(app::dto::AppError::on_field(
            app::domain::ErrorCode::PayloadTooLarge,
            "file",
        ))
    })?;
    let grid = crate::import::grid(&bytes).map_err(|_| {
        ApiError(app::dto::AppError::on_field(
            app::domain::ErrorCode::ImportUnreadable,
            "file",
        ))
    })?;
    let view = roster_import::import(
        state.services.store.as_ref(),
        &actor,
        id,
        grid,
        lang,
        q.dry_run,
        Utc::now(),
    )
    .await?;
    if q.dry_run || view.is_clean() {
        return Ok(Json(view).into_response());
    }
    let error = app::dto::AppError::new(app::domain::ErrorCode::ImportHasProblems);
    let body = serde_json::json!({
        "code": error.code,
        "message": error.message,
        "import": view,
    });
    Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
}
