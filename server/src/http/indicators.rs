//! `/api/v1` routes for campaign indicators: a unit's or a team's table for a period,
//! the records behind a number, and the campaigns.

use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use super::AppState;
use app::domain::indicators::{Campaign, Indicator, Period};
use app::domain::ErrorCode;
use app::dto::indicators::{DrillDown, IndicatorTable};
use app::dto::AppError;
use app::services::drill_down::{self, Scope};
use app::services::indicators;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(unit_table))
        .routes(routes!(team_table))
        .routes(routes!(unit_records))
        .routes(routes!(team_records))
        .routes(routes!(campaigns, create_campaign))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TableQuery {
    /// `2025-07`, `2025-q3`, `2025-h1`, `2025` or `2024-10-01..2025-07-30`.
    pub period: String,
    pub campaign: Option<i64>,
}

fn period(q: Result<Query<TableQuery>, QueryRejection>) -> Result<(Period, Option<i64>), ApiError> {
    let Query(q) = q.map_err(|e| {
        let mut err = AppError::on_field(ErrorCode::InvalidQuery, "period");
        err.message = format!("{} ({})", err.message, e.body_text());
        ApiError(err)
    })?;
    let p = Period::parse(&q.period)
        .ok_or_else(|| ApiError(AppError::on_field(ErrorCode::InvalidPeriod, "period")))?;
    Ok((p, q.campaign))
}

fn indicator(code: &str) -> Result<Indicator, ApiError> {
    Indicator::parse(code)
        .ok_or_else(|| ApiError(AppError::on_field(ErrorCode::UnknownIndicator, "code")))
}

/// A unit's indicators for a period, and each child's (a commune's teams, a province's
/// communes), against the campaign's targets.
#[utoipa::path(get, path = "/units/{id}/indicators", tag = "indicators", operation_id = "get_unit_indicators",
    params(("id" = i64, Path, description = "The unit"), TableQuery),
    responses((status = 200, description = "The table", body = IndicatorTable)))]
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

/// A team's indicators for a period, month by month.
#[utoipa::path(get, path = "/teams/{id}/indicators", tag = "indicators", operation_id = "get_team_indicators",
    params(("id" = i64, Path, description = "The team"), TableQuery),
    responses((status = 200, description = "The table", body = IndicatorTable)))]
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

/// The records behind one indicator's number for a unit and a period.
#[utoipa::path(get, path = "/units/{id}/indicators/{code}/records", tag = "indicators", operation_id = "get_unit_indicator_records",
    params(("id" = i64, Path, description = "The unit"), ("code" = Indicator, Path, description = "The indicator"), TableQuery),
    responses((status = 200, description = "The records", body = DrillDown)))]
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
        drill_down::drill_down(store, &actor, Scope::Unit(unit_id), &p, i).await?,
    ))
}

/// The records behind one indicator's number for a team and a period.
#[utoipa::path(get, path = "/teams/{id}/indicators/{code}/records", tag = "indicators", operation_id = "get_team_indicator_records",
    params(("id" = i64, Path, description = "The team"), ("code" = Indicator, Path, description = "The indicator"), TableQuery),
    responses((status = 200, description = "The records", body = DrillDown)))]
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
        drill_down::drill_down(store, &actor, Scope::Team(team_id), &p, i).await?,
    ))
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CampaignListing {
    pub id: i64,
    #[serde(flatten)]
    pub campaign: Campaign,
}

/// The campaigns, with their phases and targets (public plans: any signed-in person).
#[utoipa::path(get, path = "/campaigns", tag = "indicators", operation_id = "list_campaigns",
    responses((status = 200, description = "The campaigns", body = Vec<CampaignListing>)))]
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

/// Sets up a campaign (e.g. a copy of the seed 002 preset): admins only.
#[utoipa::path(post, path = "/campaigns", tag = "indicators", operation_id = "create_campaign",
    request_body = Campaign,
    responses((status = 201, description = "Set up", body = CampaignListing)))]
async fn create_campaign(
    State(state): State<AppState>,
    Caller(actor): Caller,
    body: Result<Json<Campaign>, JsonRejection>,
) -> Result<(StatusCode, Json<CampaignListing>), ApiError> {
    let Json(campaign) = body?;
    let id = indicators::create_campaign(state.services.store.as_ref(), &actor, &campaign).await?;
    Ok((StatusCode::CREATED, Json(CampaignListing { id, campaign })))
}
