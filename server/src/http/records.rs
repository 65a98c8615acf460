//! `/api/v1` routes for records: log, list, read, edit, delete, history, and the
//! category list.

use super::caller::Caller;
use super::error::{ApiError, ApiPath, ApiResult};
use super::AppState;
use app::domain::records::photo;
use app::domain::records::tip::Assessment;
use app::domain::Category;
use app::domain::ErrorCode;
use app::dto::records::{
    AssessmentChange, HistoryEntry, NewRecord, PhotoUploadStatus, RecordChange, RecordView,
};
use app::dto::AppError;
use app::services::store::RecordFilter;
use app::services::{photo_upload, photos, records};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use serde::Deserialize;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    // Room for the largest photo we accept, so that the domain rule gives the message.
    let photo_limit = DefaultBodyLimit::max(photo::MAX_BYTES + 1024);
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(create))
        .routes(routes!(read, update, remove))
        .routes(routes!(history))
        .routes(routes!(assess))
        .routes(routes!(upload_photo, upload_piece).layer(photo_limit))
        .routes(routes!(upload_status))
        .routes(routes!(download_photo))
        .routes(routes!(categories))
}

/// A photo's bytes: JPEG, PNG or WebP, at most 2 MB.
#[derive(utoipa::ToSchema)]
#[schema(value_type = String, format = Binary)]
pub struct PhotoBytes(pub Vec<u8>);

/// The incident and tip-off categories, in list order.
#[utoipa::path(get, path = "/categories", tag = "records", operation_id = "list_categories",
    responses((status = 200, description = "The categories", body = Vec<Category>)))]
async fn categories(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> ApiResult<Vec<Category>> {
    Ok(Json(
        records::categories(state.services.store.as_ref(), &actor).await?,
    ))
}

/// Attaches a photo to a record, whole. The photo id is made by the client, so a resend is
/// stored once (200 instead of 201). Only those who may edit the record add photos.
#[utoipa::path(put, path = "/records/{id}/photos/{photo_id}", tag = "records",
    operation_id = "upload_photo",
    params(("id" = String, Path, description = "The record"),
        ("photo_id" = String, Path, description = "A UUID the client made for the photo")),
    request_body(content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png"), (PhotoBytes = "image/webp"))),
    responses((status = 201, description = "Stored"), (status = 200, description = "Stored before"),
        (status = 413, description = "Too large", body = AppError),
        (status = 415, description = "Not the image its type says", body = AppError)))]
async fn upload_photo(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath((record_id, photo_id)): ApiPath<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let bytes =
        body.map_err(|_| ApiError(AppError::on_field(ErrorCode::PayloadTooLarge, "photo")))?;
    let created = photos::add_photo(
        state.services.store.as_ref(),
        &actor,
        &record_id,
        &photo_id,
        content_type(&headers),
        bytes.to_vec(),
        Utc::now(),
    )
    .await?;
    Ok(if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    })
}

fn content_type(headers: &HeaderMap) -> &str {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PieceQuery {
    /// Where the piece starts in the photo.
    pub position: i64,
    /// The whole photo's size.
    pub total: i64,
}

/// One piece of a photo sent in pieces (`?position=&total=`, the photo's type as the
/// content type): 200 with how far it has come, 201 once the photo is stored.
#[utoipa::path(patch, path = "/records/{id}/photos/{photo_id}", tag = "records",
    operation_id = "upload_photo_piece",
    params(("id" = String, Path, description = "The record"),
        ("photo_id" = String, Path, description = "A UUID the client made for the photo"),
        PieceQuery),
    request_body(content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png"), (PhotoBytes = "image/webp"))),
    responses((status = 200, description = "Received so far", body = PhotoUploadStatus),
        (status = 201, description = "The last piece: the photo is stored", body = PhotoUploadStatus),
        (status = 409, description = "The piece does not start where the server stopped (`upload_offset`)", body = AppError),
        (status = 413, description = "Too large", body = AppError)))]
async fn upload_piece(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath((record_id, photo_id)): ApiPath<(String, String)>,
    q: Result<Query<PieceQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<PhotoUploadStatus>), ApiError> {
    let Query(q) = q.map_err(query_error)?;
    let bytes =
        body.map_err(|_| ApiError(AppError::on_field(ErrorCode::PayloadTooLarge, "photo")))?;
    let piece = photo::Piece {
        position: q.position,
        len: bytes.len(),
        total: q.total,
    };
    let (progress, created) = photo_upload::append(
        state.services.store.as_ref(),
        &actor,
        &record_id,
        &photo_id,
        content_type(&headers),
        piece,
        &bytes,
        Utc::now(),
    )
    .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(progress)))
}

/// How far a photo sent in pieces has come: where its sender goes on from.
#[utoipa::path(get, path = "/records/{id}/photos/{photo_id}/upload", tag = "records",
    operation_id = "get_photo_upload",
    params(("id" = String, Path, description = "The record"),
        ("photo_id" = String, Path, description = "The photo")),
    responses((status = 200, description = "Received so far", body = PhotoUploadStatus)))]
async fn upload_status(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath((record_id, photo_id)): ApiPath<(String, String)>,
) -> ApiResult<PhotoUploadStatus> {
    Ok(Json(
        photo_upload::status(state.services.store.as_ref(), &actor, &record_id, &photo_id).await?,
    ))
}

/// A photo, to those who may read its record.
#[utoipa::path(get, path = "/photos/{photo_id}", tag = "records", operation_id = "get_photo",
    params(("photo_id" = String, Path, description = "The photo")),
    responses((status = 200, description = "The photo", content((PhotoBytes = "image/jpeg"), (PhotoBytes = "image/png"), (PhotoBytes = "image/webp")))))]
async fn download_photo(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath(photo_id): ApiPath<String>,
) -> Result<Response, ApiError> {
    let (content_type, bytes) =
        photos::get_photo(state.services.store.as_ref(), &actor, &photo_id).await?;
    // Photos never change once stored: a phone may keep them as long as it likes.
    Ok((
        [
            (header::CONTENT_TYPE, content_type),
            (
                header::CACHE_CONTROL,
                "private, max-age=31536000, immutable".into(),
            ),
        ],
        bytes,
    )
        .into_response())
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// Only records of this kind (`patrol`, `tip_off`, …).
    pub kind: Option<String>,
    /// Only records of this month, `yyyy-mm`.
    pub month: Option<String>,
    /// Only records by this user.
    pub author: Option<i64>,
    /// At most this many, newest first.
    #[param(minimum = 1)]
    pub limit: Option<i64>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version the delete was decided on: a record changed since is not deleted.
    pub version: i64,
}

fn query_error(e: QueryRejection) -> ApiError {
    let mut err = AppError::new(ErrorCode::InvalidQuery);
    err.message = format!("{} ({})", err.message, e.body_text());
    ApiError(err)
}

/// A team's records, newest first, with filters.
#[utoipa::path(get, path = "/teams/{id}/records", tag = "records", operation_id = "list_records",
    params(("id" = i64, Path, description = "The team"), ListQuery),
    responses((status = 200, description = "The records", body = Vec<RecordView>)))]
async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> ApiResult<Vec<RecordView>> {
    let Path(team_id) = id?;
    let Query(q) = q.map_err(query_error)?;
    if q.limit.is_some_and(|l| l < 1) {
        return Err(ApiError(AppError::on_field(
            ErrorCode::InvalidQuery,
            "limit",
        )));
    }
    let filter = RecordFilter {
        kind: q.kind,
        month: q.month,
        author_id: q.author,
        limit: q.limit,
    };
    Ok(Json(
        records::list(state.services.store.as_ref(), &actor, team_id, &filter).await?,
    ))
}

/// Logs a record with the id the client made; resending the same record is safe (200).
#[utoipa::path(post, path = "/records", tag = "records", operation_id = "create_record",
    request_body = NewRecord,
    responses((status = 201, description = "Stored", body = RecordView),
        (status = 200, description = "Stored before, by this same request", body = RecordView),
        (status = 409, description = "The id is taken by another record, or by a deleted one (`record_deleted`)", body = AppError)))]
async fn create(
    State(state): State<AppState>,
    Caller(actor): Caller,
    body: Result<Json<NewRecord>, JsonRejection>,
) -> Result<(StatusCode, Json<RecordView>), ApiError> {
    let Json(new) = body?;
    let (view, created) =
        records::create(state.services.store.as_ref(), &actor, new, Utc::now()).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view)))
}

/// One record.
#[utoipa::path(get, path = "/records/{id}", tag = "records", operation_id = "get_record",
    params(("id" = String, Path, description = "The record")),
    responses((status = 200, description = "The record", body = RecordView)))]
async fn read(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<RecordView> {
    Ok(Json(
        records::get(state.services.store.as_ref(), &actor, &id).await?,
    ))
}

/// Replaces a record's body, from the version the edit began on. Only those who may see a
/// tip's informant may send one (`informant_not_yours`).
#[utoipa::path(put, path = "/records/{id}", tag = "records", operation_id = "update_record",
    params(("id" = String, Path, description = "The record")),
    request_body = RecordChange,
    responses((status = 200, description = "The record as stored", body = RecordView),
        (status = 409, description = "The record changed since that version (`conflict`)", body = AppError)))]
async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath(id): ApiPath<String>,
    body: Result<Json<RecordChange>, JsonRejection>,
) -> ApiResult<RecordView> {
    let Json(change) = body?;
    Ok(Json(
        records::update(
            state.services.store.as_ref(),
            &actor,
            &id,
            change,
            Utc::now(),
        )
        .await?,
    ))
}

/// The commune police's assessment of a tip (seed 002 §II.4.1).
#[utoipa::path(put, path = "/records/{id}/assessment", tag = "records", operation_id = "assess_tip",
    params(("id" = String, Path, description = "The tip")),
    request_body = AssessmentChange,
    responses((status = 200, description = "The tip as stored", body = RecordView),
        (status = 409, description = "The tip changed since that version", body = AppError)))]
async fn assess(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath(id): ApiPath<String>,
    body: Result<Json<AssessmentChange>, JsonRejection>,
) -> ApiResult<RecordView> {
    let Json(change) = body?;
    let assessment = Assessment {
        valuable: change.valuable,
        outcome: change.outcome.trim().to_owned(),
    };
    Ok(Json(
        records::assess_tip(
            state.services.store.as_ref(),
            &actor,
            &id,
            change.version,
            assessment,
            Utc::now(),
        )
        .await?,
    ))
}

/// Deletes a record (it keeps its history).
#[utoipa::path(delete, path = "/records/{id}", tag = "records", operation_id = "delete_record",
    params(("id" = String, Path, description = "The record"), VersionQuery),
    responses((status = 204, description = "Deleted"),
        (status = 409, description = "The record changed since that version", body = AppError)))]
async fn remove(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath(id): ApiPath<String>,
    q: Result<Query<VersionQuery>, QueryRejection>,
) -> Result<StatusCode, ApiError> {
    let Query(q) = q.map_err(query_error)?;
    records::delete(
        state.services.store.as_ref(),
        &actor,
        &id,
        q.version,
        Utc::now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Who changed what, oldest first; for those who may see a tip's informant, also who set
/// or changed it and when (never the values).
#[utoipa::path(get, path = "/records/{id}/history", tag = "records", operation_id = "get_record_history",
    params(("id" = String, Path, description = "The record")),
    responses((status = 200, description = "The history", body = Vec<HistoryEntry>)))]
async fn history(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ApiPath(id): ApiPath<String>,
) -> ApiResult<Vec<HistoryEntry>> {
    Ok(Json(
        records::history(state.services.store.as_ref(), &actor, &id).await?,
    ))
}
