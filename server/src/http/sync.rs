//! `/api/v1` routes for offline phones: push a batch of mutations, pull a team's changes.

use super::error::{ApiError, ApiResult};
use super::v1::Caller;
use crate::router::AppState;
use app::api::sync::{PullResponse, PushRequest, PushResponse};
use app::api::AppError;
use app::i18n::Lang;
use app::services::sync;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::Utc;
use serde::Deserialize;

/// Room for a full batch of long records; a larger body is refused before it is read.
const PUSH_LIMIT: usize = 4 * 1024 * 1024;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route(
            "/sync/push",
            post(push).layer(DefaultBodyLimit::max(PUSH_LIMIT)),
        )
        .route("/teams/{id}/changes", get(pull))
}

async fn push(
    State(state): State<AppState>,
    Caller(actor): Caller,
    headers: HeaderMap,
    body: Result<Json<PushRequest>, JsonRejection>,
) -> ApiResult<PushResponse> {
    let Json(req) = body?;
    // The app's language cookie words a conflict's differences; other clients get Vietnamese.
    let lang = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::Vi, Lang::from_cookie_header);
    let results = sync::push(
        state.services.store.as_ref(),
        &actor,
        req.mutations,
        Utc::now(),
        lang,
    )
    .await?;
    Ok(Json(PushResponse { results }))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    #[serde(default)]
    pub since: i64,
    pub limit: Option<i64>,
}

async fn pull(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<PullQuery>, QueryRejection>,
) -> ApiResult<PullResponse> {
    let Path(team_id) = id?;
    let Query(q) = q.map_err(|e| {
        let mut err = AppError::on_field("invalid_query", "since");
        err.message = format!("{} ({})", err.message, e.body_text());
        ApiError(err)
    })?;
    Ok(Json(
        sync::pull(
            state.services.store.as_ref(),
            &actor,
            team_id,
            q.since,
            q.limit,
        )
        .await?,
    ))
}
