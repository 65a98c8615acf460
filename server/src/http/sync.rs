//! `/api/v1` routes for offline phones: push a batch of mutations, pull a team's changes.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::domain::ErrorCode;
use app::dto::sync::{PullResponse, PushRequest, PushResponse};
use app::dto::AppError;
use app::i18n::Lang;
use app::services::sync;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use chrono::Utc;
use serde::Deserialize;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouterExt};
use utoipa_axum::routes;

/// Room for a full batch of long records; a larger body is refused before it is read.
const PUSH_LIMIT: usize = 4 * 1024 * 1024;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(push).layer(DefaultBodyLimit::max(PUSH_LIMIT)))
        .routes(routes!(pull))
}

/// A batch (at most 500) of mutations made offline, applied in order, each once by its id;
/// one result per mutation, answered after its commit: `applied`, `already_applied`,
/// `conflict` (with the server's version and, for an edit, the differences fact by fact)
/// or `rejected` (with the reason).
#[utoipa::path(post, path = "/sync/push", tag = "sync", operation_id = "push_mutations",
    request_body = PushRequest,
    responses((status = 200, description = "One result per mutation", body = PushResponse),
        (status = 413, description = "More than 500 mutations, or a body over 4 MB", body = AppError)))]
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

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    /// The cursor of the last pull (0 for everything).
    #[serde(default)]
    pub since: i64,
    /// At most this many changes (the server caps it).
    pub limit: Option<i64>,
}

/// The team's records changed after change number `since` (deleted ones as tombstones),
/// oldest change first, with the next cursor.
#[utoipa::path(get, path = "/teams/{id}/changes", tag = "sync", operation_id = "pull_changes",
    params(("id" = i64, Path, description = "The team"), PullQuery),
    responses((status = 200, description = "The changes", body = PullResponse)))]
async fn pull(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<PullQuery>, QueryRejection>,
) -> ApiResult<PullResponse> {
    let Path(team_id) = id?;
    let Query(q) = q.map_err(|e| {
        let mut err = AppError::on_field(ErrorCode::InvalidQuery, "since");
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
