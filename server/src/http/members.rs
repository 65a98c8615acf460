//! `/api/v1` routes for a team's members as the commune police keep them (issue 18): a new
//! member with their sign-in, their roster entry read and changed, their leaving, their
//! replacement, a new first password, their history; and a signed-in person's own password.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::domain::roster::RosterEntry;
use app::dto::members::{
    AddedMember, InitialPassword, LeaveRequest, MemberDetails, NewMemberRequest,
    PasswordResetRequest, ReplaceRequest, TransferRequest,
};
use app::dto::units::ChangeView;
use app::services::{auth, member_moves, members, request};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(add_member))
        .routes(routes!(member, edit_member))
        .routes(routes!(leave))
        .routes(routes!(replace))
        .routes(routes!(transfer))
        .routes(routes!(reset_password))
        .routes(routes!(history))
        .routes(routes!(change_own_password))
}

/// Adds a member to a team, checked against the law (aged 18–70, older with the commune
/// chairman's approval; the schooling the commune's area asks for; a year's residence).
/// A phone with no account yet gets one, whose first password is answered once.
#[utoipa::path(post, path = "/teams/{id}/members", tag = "members", operation_id = "add_member",
    params(("id" = i64, Path, description = "The team")),
    request_body = NewMemberRequest,
    responses((status = 201, description = "Added", body = AddedMember)))]
async fn add_member(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<NewMemberRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<AddedMember>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let added = members::add(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Replaces a member in one step: their service ends on `leaving.left_on` with a reason
/// of Law 30/2023 Art. 17, and the newcomer, checked like any new member, joins the same
/// team the next day with their sign-in. Both are written or neither.
#[utoipa::path(post, path = "/members/{id}/replace", tag = "members", operation_id = "replace_member",
    params(("id" = i64, Path, description = "The member who leaves")),
    request_body = ReplaceRequest,
    responses((status = 201, description = "The newcomer", body = AddedMember)))]
async fn replace(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<ReplaceRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<AddedMember>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let added =
        member_moves::replace(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(added)))
}

/// Moves a member to another team from a day: their service in the old team ends the day
/// before and goes on in the new one, with the same entry and sign-in; both or neither.
#[utoipa::path(post, path = "/members/{id}/transfer", tag = "members", operation_id = "transfer_member",
    params(("id" = i64, Path, description = "The member")),
    request_body = TransferRequest,
    responses((status = 201, description = "Their entry in the new team", body = MemberDetails)))]
async fn transfer(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<TransferRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<MemberDetails>), ApiError> {
    let Path(id) = id?;
    let Json(req) = body?;
    let moved =
        member_moves::transfer(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?;
    Ok((StatusCode::CREATED, Json(moved)))
}

/// A member's whole roster entry: the police above the team, its leader and deputy.
#[utoipa::path(get, path = "/members/{id}", tag = "members", operation_id = "get_member",
    params(("id" = i64, Path, description = "The member")),
    responses((status = 200, description = "The member", body = MemberDetails)))]
async fn member(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<MemberDetails> {
    let Path(id) = id?;
    Ok(Json(
        members::get(state.services.store.as_ref(), &actor, id).await?,
    ))
}

/// Changes a member's roster entry (their account's name and phone follow): the police
/// above the team.
#[utoipa::path(put, path = "/members/{id}", tag = "members", operation_id = "edit_member",
    params(("id" = i64, Path, description = "The member")),
    request_body = RosterEntry,
    responses((status = 200, description = "The member after the edit", body = MemberDetails)))]
async fn edit_member(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<RosterEntry>, JsonRejection>,
) -> ApiResult<MemberDetails> {
    let Path(id) = id?;
    let Json(entry) = body?;
    Ok(Json(
        members::edit(state.services.store.as_ref(), &actor, id, entry, Utc::now()).await?,
    ))
}

/// Ends a member's service on a day, for a reason of Law 30/2023 Art. 17. Their sessions
/// end; their records stay.
#[utoipa::path(post, path = "/members/{id}/leave", tag = "members", operation_id = "leave_member",
    params(("id" = i64, Path, description = "The member")),
    request_body = LeaveRequest,
    responses((status = 200, description = "The member, gone", body = MemberDetails)))]
async fn leave(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<LeaveRequest>, JsonRejection>,
) -> ApiResult<MemberDetails> {
    let Path(id) = id?;
    let Json(req) = body?;
    Ok(Json(
        member_moves::leave(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?,
    ))
}

/// Gives the member's account a new first password (answered once when made up), to be
/// changed at the next sign-in; its sessions end.
#[utoipa::path(post, path = "/members/{id}/password", tag = "members", operation_id = "reset_member_password",
    params(("id" = i64, Path, description = "The member")),
    request_body = PasswordResetRequest,
    responses((status = 200, description = "The new first password", body = InitialPassword)))]
async fn reset_password(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    body: Result<Json<PasswordResetRequest>, JsonRejection>,
) -> ApiResult<InitialPassword> {
    let Path(id) = id?;
    let Json(req) = body?;
    Ok(Json(
        members::reset_password(state.services.store.as_ref(), &actor, id, req, Utc::now()).await?,
    ))
}

/// Who changed a member's roster entry, what and when, newest first.
#[utoipa::path(get, path = "/members/{id}/history", tag = "members", operation_id = "get_member_history",
    params(("id" = i64, Path, description = "The member")),
    responses((status = 200, description = "The member's history", body = Vec<ChangeView>)))]
async fn history(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
) -> ApiResult<Vec<ChangeView>> {
    let Path(id) = id?;
    Ok(Json(
        members::history(state.services.store.as_ref(), &actor, id).await?,
    ))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Replaces the signed-in person's password (a first one included); every other session
/// of theirs ends, this one stays.
#[utoipa::path(put, path = "/me/password", tag = "session", operation_id = "change_own_password",
    request_body = PasswordChange,
    responses((status = 204, description = "Changed")))]
async fn change_own_password(
    State(state): State<AppState>,
    Caller(actor): Caller,
    parts: Parts,
    body: Result<Json<PasswordChange>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Json(body) = body?;
    let secure = request::secure_cookies(&state.services, &parts);
    let token = request::session_token(&parts.headers, secure).unwrap_or_default();
    auth::change_password(
        state.services.store.as_ref(),
        &actor,
        &token,
        &body.current_password,
        &body.new_password,
        &body.new_password,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}
