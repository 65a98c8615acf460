//! `/api/v1` routes for campaign indicators: a unit's or a team's table for a period,
//! the records behind a number, and the campaigns.

use super::error::{ApiError, ApiResult};
use super::v1::Caller;
use crate::router::AppState;
use app::api::indicators::{DrillDown, IndicatorTable};
use app::api::AppError;
use app::domain::indicators::{Campaign, Indicator, Period};
use app::services::indicators::{self, Scope};
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use serde::{Deserialize, Serialize};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/units/{id}/indicators", get(unit_table))
        .route("/teams/{id}/indicators", get(team_table))
        .route("/units/{id}/indicators/{code}/records", get(unit_records))
        .route("/teams/{id}/indicators/{code}/records", get(team_records))
        .route("/campaigns", get(campaigns).post(create_campaign))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableQuery {
    /// `2025-07`, `2025-q3`, `2025-h1`, `2025` or `2024-10-01..2025-07-30`.
    pub period: String,
    pub campaign: Option<i64>,
}

fn period(q: Result<Query<TableQuery>, QueryRejection>) -> Result<(Period, Option<i64>), ApiError> {
    let Query(q) = q.map_err(|e| {
        let mut err = AppError::on_field("invalid_query", "period");
        err.message = format!("{} ({})", err.message, e.body_text());
        ApiError(err)
    })?;
    let p = Period::parse(&q.period)
        .ok_or_else(|| ApiError(AppError::on_field("invalid_period", "period")))?;
    Ok((p, q.campaign))
}

fn indicator(code: &str) -> Result<Indicator, ApiError> {
    Indicator::parse(code).ok_or_else(|| ApiError(AppError::on_field("unknown_indicator", "code")))
}

async fn unit_table(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<TableQuery>, QueryRejection>,
) -> ApiResult<IndicatorTable> {
    let Path(unit_id) = id?;
    let (p, campaign) = period(q)?;
    let store = state.services.store.as_ref();
    Ok(Json(
        indicators::unit_table(store, &actor, unit_id, &p, campaign).await?,
    ))
}

async fn team_table(
    State(state): State<AppState>,
    Caller(actor): Caller,
    id: Result<Path<i64>, PathRejection>,
    q: Result<Query<TableQuery>, QueryRejection>,
) -> ApiResult<IndicatorTable> {
    let Path(team_id) = id?;
    let (p, campaign) = period(q)?;
    let store = state.services.store.as_ref();
    Ok(Json(
        indicators::team_table(store, &actor, team_id, &p, campaign).await?,
    ))
}

async fn unit_records(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<(i64, String)>, PathRejection>,
    q: Result<Query<TableQuery>, QueryRejection>,
) -> ApiResult<DrillDown> {
    let Path((unit_id, code)) = path?;
    let (p, _) = period(q)?;
    let store = state.services.store.as_ref();
    let i = indicator(&code)?;
    Ok(Json(
        indicators::drill_down(store, &actor, Scope::Unit(unit_id), &p, i).await?,
    ))
}

async fn team_records(
    State(state): State<AppState>,
    Caller(actor): Caller,
    path: Result<Path<(i64, String)>, PathRejection>,
    q: Result<Query<TableQuery>, QueryRejection>,
) -> ApiResult<DrillDown> {
    let Path((team_id, code)) = path?;
    let (p, _) = period(q)?;
    let store = state.services.store.as_ref();
    let i = indicator(&code)?;
    Ok(Json(
        indicators::drill_down(store, &actor, Scope::Team(team_id), &p, i).await?,
    ))
}

#[derive(Debug, Serialize, Deserialize)]
pub struct CampaignListing {
    pub id: i64,
    #[serde(flatten)]
    pub campaign: Campaign,
}

async fn campaigns(
    State(state): State<AppState>,
    Caller(actor): Caller,
) -> ApiResult<Vec<CampaignListing>> {
    let all = indicators::campaigns(state.services.store.as_ref(), &actor).await?;
    Ok(Json(
        all.into_iter()
            .map(|(id, campaign)| CampaignListing { id, campaign })
            .collect(),
    ))
}

async fn create_campaign(
    State(state): State<AppState>,
    Caller(actor): Caller,
    body: Result<Json<Campaign>, JsonRejection>,
) -> Result<(StatusCode, Json<CampaignListing>), ApiError> {
    let Json(campaign) = body?;
    let id = indicators::create_campaign(state.services.store.as_ref(), &actor, &campaign).await?;
    Ok((StatusCode::CREATED, Json(CampaignListing { id, campaign })))
}
