//! `/api/v1` routes for records: log, list, read, edit, delete, history.

use super::error::{ApiError, ApiResult};
use super::v1::Caller;
use crate::router::AppState;
use app::api::records::{HistoryEntry, NewRecord, RecordChange, RecordView};
use app::api::AppError;
use app::services::records;
use app::services::store::RecordFilter;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams/{id}/records", get(list))
        .route("/records", axum::routing::post(create))
        .route("/records/{id}", get(read).put(update).delete(remove))
        .route("/records/{id}/history", get(history))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    pub kind: Option<String>,
    pub month: Option<String>,
    pub author: Option<i64>,
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
    let filter = RecordFilter {
        kind: q.kind,
        month: q.month,
        author_id: q.author,
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
