//! `/api/v1` routes for the team leader's month: read it, take a sign-off step, give a
//! verdict on a record, and the commune police's overview of their teams' months.

use super::error::{ApiError, ApiResult};
use super::v1::Caller;
use crate::router::AppState;
use app::api::month::{MonthView, ReviewRequest, StepRequest};
use app::api::AppError;
use app::domain::local_time::local_date;
use app::services::signoff;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post, put};
use axum::{Json, Router};
use chrono::Utc;
use serde::Serialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/teams/{id}/months/{month}", get(read))
        .route("/teams/{id}/months/{month}/steps", post(take_step))
        .route("/records/{id}/review", put(review))
        .route("/units/{id}/months/{month}", get(overview))
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

async fn read(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<(i64, String)>, PathRejection>,
) -> ApiResult<MonthView> {
    let Path((team, month)) = path?;
    sheet(&state, &actor, team, &month).await
}

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
#[derive(Debug, Serialize)]
struct TeamMonthState {
    team_id: i64,
    team_name: String,
    commune_id: i64,
    state: app::domain::signoff::MonthState,
    version: i64,
    submitted_at: Option<chrono::DateTime<Utc>>,
    late: bool,
}

#[derive(Debug, Serialize)]
struct Overview {
    unit_id: i64,
    month: String,
    #[serde(with = "app::domain::iso_date")]
    deadline: chrono::NaiveDate,
    teams: Vec<TeamMonthState>,
}

async fn overview(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<(i64, String)>, PathRejection>,
) -> Result<Json<Overview>, ApiError> {
    let Path((unit, month)) = path?;
    let (_, deadline, lines) = signoff::unit_months(
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
