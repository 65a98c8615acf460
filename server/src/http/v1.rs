//! The versioned JSON API under `/api/v1`, for the offline app and other clients. It calls the
//! same services as the server functions, with the same access rules.

use super::caller::Caller;
use super::error::{not_found, ApiError, ApiResult};
use super::lang::ReaderLang;
use super::openapi::ApiDoc;
use super::AppState;
use app::dto::views::{HomeView, MeView, TeamView, UnitView};
use app::services::{auth, directory, request, Services};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// The API's routes and their description, built together: a handler is served only
/// through `routes!`, which also puts it in the document.
pub fn api() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    let (router, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(create_token, revoke_token))
        .routes(routes!(me))
        .routes(routes!(home))
        .routes(routes!(team, super::teams::edit_team))
        .routes(routes!(unit))
        .merge(super::records::routes())
        .merge(super::indicators::routes())
        .merge(super::sync::routes())
        .merge(super::months::routes())
        .merge(super::units::routes())
        .merge(super::police::routes())
        .merge(super::teams::routes())
        .merge(super::members::routes())
        .split_for_parts();
    super::openapi::with_errors(&mut doc);
    (router, doc)
}

pub fn routes() -> Router<AppState> {
    let (router, doc) = api();
    let document = doc.to_pretty_json().unwrap_or_else(|_| "{}".into());
    router
        .route(
            "/openapi.json",
            get(move || async move {
                (
                    [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
                    document,
                )
            }),
        )
        .fallback(not_found)
        .layer(axum::middleware::map_response(
            super::error::json_method_not_allowed,
        ))
        .layer(axum::middleware::map_response(super::error::no_store))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub phone: String,
    pub password: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TokenResponse {
    pub token: String,
    pub token_type: String,
    pub user_id: i64,
    pub expires_at: DateTime<Utc>,
    /// The password was chosen by someone else (a new member's first, a reset): the token
    /// holds no role until `PUT /me/password` replaces it.
    pub must_change_password: bool,
}

/// Signs in with a phone number and a password, for a bearer token (30 days). Attempts
/// are slowed per phone and address; the answer says when to try again.
#[utoipa::path(post, path = "/auth/token", tag = "session", operation_id = "create_token",
    request_body = TokenRequest, security(()),
    responses((status = 200, description = "Signed in", body = TokenResponse)))]
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
        must_change_password: opened.must_change_password,
    }))
}

/// Signs out: the token (or the session cookie) ends.
#[utoipa::path(delete, path = "/auth/token", tag = "session", operation_id = "revoke_token",
    responses((status = 204, description = "Signed out")))]
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

/// Who is signed in, with their roles.
#[utoipa::path(get, path = "/me", tag = "session", operation_id = "get_me",
    responses((status = 200, description = "The signed-in person", body = MeView)))]
async fn me(State(state): State<AppState>, Caller(actor): Caller) -> ApiResult<MeView> {
    Ok(Json(directory::me(store(&state.services), &actor).await?))
}

/// The home screen's data: one section per role the person holds.
#[utoipa::path(get, path = "/home", tag = "directory", operation_id = "get_home",
    responses((status = 200, description = "The home screen", body = HomeView)))]
async fn home(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ReaderLang(lang): ReaderLang,
) -> ApiResult<HomeView> {
    Ok(Json(
        directory::home(store(&state.services), &actor, lang).await?,
    ))
}

/// A team and its roster (personal details for those who manage the team).
#[utoipa::path(get, path = "/teams/{id}", tag = "directory", operation_id = "get_team",
    params(("id" = i64, Path, description = "The team")),
    responses((status = 200, description = "The team", body = TeamView)))]
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

/// A commune or province: its place in the hierarchy and its teams.
#[utoipa::path(get, path = "/units/{id}", tag = "directory", operation_id = "get_unit",
    params(("id" = i64, Path, description = "The unit")),
    responses((status = 200, description = "The unit", body = UnitView)))]
async fn unit(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ReaderLang(lang): ReaderLang,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<UnitView> {
    let Path(id) = id?;
    Ok(Json(
        directory::unit(store(&state.services), &actor, id, lang).await?,
    ))
}
