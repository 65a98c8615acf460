//! The versioned JSON API under `/api/v1`, for the offline app and other clients. It calls the
//! same services as the server functions, with the same access rules.

use super::error::{not_found, ApiError, ApiResult};
use crate::router::AppState;
use app::api::views::{HomeView, MeView, TeamView, UnitView};
use app::domain::Actor;
use app::services::{auth, directory, request, Services};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequestParts, Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(super::openapi::document))
        .route("/auth/token", post(create_token).delete(revoke_token))
        .route("/me", get(me))
        .route("/home", get(home))
        .route("/teams/{id}", get(team))
        .route("/units/{id}", get(unit))
        .merge(super::records::routes())
        .merge(super::indicators::routes())
        .merge(super::sync::routes())
        .merge(super::months::routes())
        .fallback(not_found)
        .layer(axum::middleware::map_response(
            super::error::json_method_not_allowed,
        ))
        .layer(axum::middleware::map_response(super::error::no_store))
}

/// The signed-in actor of an API request, from a bearer token or the session cookie.
pub struct Caller(pub Actor);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Caller(
            request::actor_from_parts(&state.services, parts).await?,
        ))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub phone: String,
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct TokenResponse {
    pub token: String,
    pub token_type: String,
    pub user_id: i64,
    pub expires_at: DateTime<Utc>,
}

async fn create_token(
    State(state): State<AppState>,
    parts: Parts,
    body: Result<Json<TokenRequest>, JsonRejection>,
) -> ApiResult<TokenResponse> {
    let Json(body) = body?;
    let addr = request::client_addr(&state.services, &parts);
    let opened = auth::login(
        store(&state.services),
        &body.phone,
        &body.password,
        addr.as_deref(),
        Utc::now(),
    )
    .await?;
    Ok(Json(TokenResponse {
        token: opened.token,
        token_type: "Bearer".into(),
        user_id: opened.user_id,
        expires_at: opened.expires_at,
    }))
}

async fn revoke_token(State(state): State<AppState>, parts: Parts) -> Result<StatusCode, ApiError> {
    let secure = request::secure_cookies(&state.services, &parts);
    if let Some(token) = request::session_token(&parts.headers, secure) {
        auth::logout(store(&state.services), &token).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

fn store(services: &Services) -> &dyn app::services::Store {
    services.store.as_ref()
}

async fn me(State(state): State<AppState>, Caller(actor): Caller) -> ApiResult<MeView> {
    Ok(Json(directory::me(store(&state.services), &actor).await?))
}

async fn home(State(state): State<AppState>, Caller(actor): Caller) -> ApiResult<HomeView> {
    Ok(Json(directory::home(store(&state.services), &actor).await?))
}

async fn team(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<TeamView> {
    let Path(id) = id?;
    Ok(Json(
        directory::team(store(&state.services), &actor, id).await?,
    ))
}

async fn unit(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<UnitView> {
    let Path(id) = id?;
    Ok(Json(
        directory::unit(store(&state.services), &actor, id).await?,
    ))
}
