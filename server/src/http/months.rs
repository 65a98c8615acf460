//! `/api/v1` routes for the team leader's month: read it, take a sign-off step, give a
//! verdict on a record, and the commune police's overview of their teams' months.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::domain::local_time::local_date;
use app::dto::month::{MonthView, ReviewRequest, StepRequest};
use app::dto::AppError;
use app::services::{month_overview, signoff};
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use chrono::Utc;
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(read))
        .routes(routes!(take_step))
        .routes(routes!(review))
        .routes(routes!(overview))
}

async fn sheet(
    state: &AppState,
    actor: &app::domain::Actor,
    team: i64,
    month: &str,
) -> ApiResult<MonthView> {
    let s = signoff::sheet(
        state.services.store.as_ref(),
        actor,
        team,
        month,
        state.services.report_deadline_day,
        local_date(Utc::now()),
    )
    .await?;
    Ok(Json(s.into()))
}

/// A team's month: its state and version, its records with their review, the members'
/// part, what is missing, and the trail of every step.
#[utoipa::path(get, path = "/teams/{id}/months/{month}", tag = "months", operation_id = "get_team_month",
    params(("id" = i64, Path, description = "The team"), ("month" = String, Path, description = "`yyyy-mm`")),
    responses((status = 200, description = "The month", body = MonthView)))]
async fn read(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<(i64, String)>, PathRejection>,
) -> ApiResult<MonthView> {
    let Path((team, month)) = path?;
    sheet(&state, &actor, team, &month).await
}

/// A sign-off step (`submit`, `accept`, `return`, `reopen`) from the month's version it
/// was decided on.
#[utoipa::path(post, path = "/teams/{id}/months/{month}/steps", tag = "months", operation_id = "take_month_step",
    params(("id" = i64, Path, description = "The team"), ("month" = String, Path, description = "`yyyy-mm`")),
    request_body = StepRequest,
    responses((status = 200, description = "The month after the step", body = MonthView),
        (status = 409, description = "The month changed since that version", body = AppError)))]
async fn take_step(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<(i64, String)>, PathRejection>,
    body: Result<Json<StepRequest>, JsonRejection>,
) -> ApiResult<MonthView> {
    let Path((team, month)) = path?;
    let Json(req) = body?;
    signoff::take_step(
        state.services.store.as_ref(),
        &actor,
        team,
        &month,
        req.step,
        req.remarks,
        req.version,
        Utc::now(),
    )
    .await?;
    sheet(&state, &actor, team, &month).await
}

/// The leader's word on a record of the month: accept, or return with a comment.
#[utoipa::path(put, path = "/records/{id}/review", tag = "months", operation_id = "review_record",
    params(("id" = String, Path, description = "The record")),
    request_body = ReviewRequest,
    responses((status = 204, description = "Reviewed"),
        (status = 409, description = "The record changed since that version", body = AppError)))]
async fn review(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<String>, PathRejection>,
    body: Result<Json<ReviewRequest>, JsonRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(id) = path?;
    let Json(req) = body?;
    signoff::review(
        state.services.store.as_ref(),
        &actor,
        &id,
        req.version,
        req.verdict,
        Utc::now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// One team's month in a unit's overview.
#[derive(Debug, Serialize, utoipa::ToSchema)]
struct TeamMonthState {
    team_id: i64,
    team_name: String,
    commune_id: i64,
    state: app::domain::signoff::MonthState,
    version: i64,
    submitted_at: Option<chrono::DateTime<Utc>>,
    late: bool,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
struct Overview {
    unit_id: i64,
    month: String,
    #[serde(with = "app::domain::iso_date")]
    #[schema(value_type = String, format = Date)]
    deadline: chrono::NaiveDate,
    teams: Vec<TeamMonthState>,
}

/// Every team's month under a unit, with who is late against the deadline.
#[utoipa::path(get, path = "/units/{id}/months/{month}", tag = "months", operation_id = "get_unit_months",
    params(("id" = i64, Path, description = "The unit"), ("month" = String, Path, description = "`yyyy-mm`")),
    responses((status = 200, description = "The teams' months", body = Overview)))]
async fn overview(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<(i64, String)>, PathRejection>,
) -> Result<Json<Overview>, ApiError> {
    let Path((unit, month)) = path?;
    let (_, deadline, lines) = month_overview::unit_months(
        state.services.store.as_ref(),
        &actor,
        unit,
        &month,
        state.services.report_deadline_day,
        local_date(Utc::now()),
    )
    .await?;
    Ok(Json(Overview {
        unit_id: unit,
        month: signoff::parse_month(&month).map_err(AppError::from)?.key(),
        deadline,
        teams: lines
            .into_iter()
            .map(|l| TeamMonthState {
                team_id: l.team.id,
                team_name: l.team.name,
                commune_id: l.team.commune_id,
                state: l.month.state,
                version: l.month.version,
                submitted_at: l.month.submitted_at,
                late: l.late,
            })
            .collect(),
    }))
}
