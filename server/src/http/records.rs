//! `/api/v1` routes for records: log, list, read, edit, delete, history, and the
//! category list.

use super::error::{ApiError, ApiResult};
use super::v1::Caller;
use crate::router::AppState;
use app::api::records::{
    AssessmentChange, HistoryEntry, NewRecord, PhotoUploadStatus, RecordChange, RecordView,
};
use app::api::AppError;
use app::domain::records::photo;
use app::domain::records::tip::Assessment;
use app::domain::Category;
use app::services::store::RecordFilter;
use app::services::{photo_upload, records};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, put};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    // Room for the largest photo we accept, so that the domain rule gives the message.
    let photo_limit = DefaultBodyLimit::max(photo::MAX_BYTES + 1024);
    Router::new()
        .route("/teams/{id}/records", get(list))
        .route("/records", axum::routing::post(create))
        .route("/records/{id}", get(read).put(update).delete(remove))
        .route("/records/{id}/history", get(history))
        .route("/records/{id}/assessment", put(assess))
        .route(
            "/records/{id}/photos/{photo_id}",
            put(upload_photo).patch(upload_piece).layer(photo_limit),
        )
        .route("/records/{id}/photos/{photo_id}/upload", get(upload_status))
        .route("/photos/{photo_id}", get(download_photo))
        .route("/categories", get(categories))
}

async fn categories(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> ApiResult<Vec<Category>> {
    Ok(Json(
        records::categories(state.services.store.as_ref(), &actor).await?,
    ))
}

async fn upload_photo(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((record_id, photo_id)): Path<(String, String)>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<StatusCode, ApiError> {
    let bytes = body.map_err(|_| ApiError(AppError::on_field("payload_too_large", "photo")))?;
    let created = records::add_photo(
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PieceQuery {
    /// Where the piece starts in the photo.
    pub position: i64,
    /// The whole photo's size.
    pub total: i64,
}

/// One piece of a photo sent in pieces (`?position=&total=`, the photo's type as the
/// content type): 200 with how far it has come, 201 once the photo is stored.
async fn upload_piece(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((record_id, photo_id)): Path<(String, String)>,
    q: Result<Query<PieceQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<PhotoUploadStatus>), ApiError> {
    let Query(q) = q.map_err(query_error)?;
    let bytes = body.map_err(|_| ApiError(AppError::on_field("payload_too_large", "photo")))?;
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
async fn upload_status(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path((record_id, photo_id)): Path<(String, String)>,
) -> ApiResult<PhotoUploadStatus> {
    Ok(Json(
        photo_upload::status(state.services.store.as_ref(), &actor, &record_id, &photo_id).await?,
    ))
}

async fn download_photo(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(photo_id): Path<String>,
) -> Result<Response, ApiError> {
    let (content_type, bytes) =
        records::get_photo(state.services.store.as_ref(), &actor, &photo_id).await?;
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    pub kind: Option<String>,
    pub month: Option<String>,
    pub author: Option<i64>,
    /// At most this many, newest first.
    pub limit: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct VersionQuery {
    pub version: i64,
}

fn query_error(e: QueryRejection) -> ApiError {
    let mut err = AppError::new("invalid_query");
    err.message = format!("{} ({})", err.message, e.body_text());
    ApiError(err)
}

async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<ListQuery>, QueryRejection>,
) -> ApiResult<Vec<RecordView>> {
    let Path(team_id) = id?;
    let Query(q) = q.map_err(query_error)?;
    if q.limit.is_some_and(|l| l < 1) {
        return Err(ApiError(AppError::on_field("invalid_query", "limit")));
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

async fn read(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> ApiResult<RecordView> {
    Ok(Json(
        records::get(state.services.store.as_ref(), &actor, &id).await?,
    ))
}

async fn update(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<String>,
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
async fn assess(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<String>,
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

async fn remove(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<String>,
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

async fn history(
    State(state): State<AppState>,
    Caller(actor): Caller,
    Path(id): Path<String>,
) -> ApiResult<Vec<HistoryEntry>> {
    Ok(Json(
        records::history(state.services.store.as_ref(), &actor, &id).await?,
    ))
}
