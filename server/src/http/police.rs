//! `/api/v1` routes for a unit's police accounts (issue 18, point 5): the list, a new
//! account (or the role given to a phone's account), a new first password, and the role
//! taken back. A commune's are kept by its province's police, a province's by an admin.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::dto::members::{InitialPassword, PasswordResetRequest};
use app::dto::police::{AddedPolice, PoliceListView, PoliceRequest};
use app::services::police_accounts;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list, add))
        .routes(routes!(remove))
        .routes(routes!(reset_password))
}

/// A commune's or a province's police accounts, for its own police and those who keep them.
#[utoipa::path(get, path = "/units/{id}/police", tag = "units", operation_id = "list_unit_police",
    params(("id" = i64, Path, description = "A commune or a province")),
    responses((status = 200, description = "The unit's police accounts", body = PoliceListView)))]
async fn list(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<PoliceListView> {
    let Path(id) = id?;
    Ok(Json(
        police_accounts::list(state.services.store.as_ref(), &actor, id).await?,
    ))
}

/// Gives a phone the unit's police role: a new account whose first password is answered
/// once, or the account the phone already has.
#[utoipa::path(post, path = "/units/{id}/police", tag = "units", operation_id = "add_unit_police",
    params(("id" = i64, Path, description = "A commune or a province")),
    request_body = PoliceRequest,
    responses((status = 201, description = "Added", body = AddedPolice)))]
async fn add(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<PoliceRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<AddedPolice>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let added =
        police_accounts::add(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Takes the unit's police role back from an account and ends its sessions.
#[utoipa::path(delete, path = "/units/{id}/police/{user_id}", tag = "units", operation_id = "remove_unit_police",
    params(("id" = i64, Path, description = "A commune or a province"), ("user_id" = i64, Path, description = "The account")),
    responses((status = 204, description = "Taken back")))]
async fn remove(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path((id, user_id)) = ids?;
    police_accounts::remove(
        state.services.store.as_ref(),
        &actor,
        id,
        user_id,
        Utc::now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A new first password for a police account of the unit (answered once when made up),
/// to be changed at the next sign-in; its sessions end.
#[utoipa::path(post, path = "/units/{id}/police/{user_id}/password", tag = "units", operation_id = "reset_unit_police_password",
    params(("id" = i64, Path, description = "A commune or a province"), ("user_id" = i64, Path, description = "The account")),
    request_body = PasswordResetRequest,
    responses((status = 200, description = "The new first password", body = InitialPassword)))]
async fn reset_password(
    State(state): State<AppState>,
    Caller(actor): Caller,
    ids: Result<Path<(i64, i64)>, PathRejection>,
    body: Result<Json<PasswordResetRequest>, JsonRejection>,
) -> ApiResult<InitialPassword> {
    let Path((id, user_id)) = ids?;
    let Json(req) = body?;
    Ok(Json(
        police_accounts::reset_password(
            state.services.store.as_ref(),
            &actor,
            id,
            user_id,
            req,
            Utc::now(),
        )
        .await?,
    ))
}
