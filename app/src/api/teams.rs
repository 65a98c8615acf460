//! Server functions for a commune's teams as its police keep them (issue 18): the form for
//! a new team or a team's settings, saving either, and a team's history.

use crate::domain::TeamKind;
use crate::dto::teams::{TeamFormView, TeamSettingsView};
use crate::dto::units::ChangeView;
use crate::dto::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "teams/new_form", input = GetUrl)]
pub async fn get_new_team_form(commune_id: i64) -> Result<TeamFormView, AppError> {
    use crate::api::context as ctx;
    use crate::services::teams;
    let actor = ctx::actor().await?;
    Ok(teams::new_form(
        ctx::services().store.as_ref(),
        &actor,
        commune_id,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "teams/form", input = GetUrl)]
pub async fn get_team_form(id: i64) -> Result<TeamFormView, AppError> {
    use crate::api::context as ctx;
    use crate::services::teams;
    let actor = ctx::actor().await?;
    Ok(teams::edit_form(
        ctx::services().store.as_ref(),
        &actor,
        id,
        chrono::Utc::now(),
    )
    .await?)
}

/// The team form's fields as the browser sends them: numbers and dates as typed, the
/// villages ticked (none when no box is).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TeamFields {
    pub name: String,
    pub kind: TeamKind,
    pub member_quota: String,
    pub operating_since: String,
    #[serde(default)]
    pub village_ids: Vec<i64>,
    #[serde(default)]
    pub decision_no: String,
    #[serde(default)]
    pub decided_on: String,
}

#[cfg(feature = "ssr")]
fn request(f: TeamFields) -> Result<crate::dto::teams::TeamRequest, AppError> {
    use crate::domain::{iso_date, ErrorCode, FieldError};
    use crate::services::ServiceError;
    let field = |e: FieldError| AppError::from(ServiceError::from(e));
    let member_quota = f
        .member_quota
        .trim()
        .parse()
        .map_err(|_| field(FieldError::new("member_quota", ErrorCode::InvalidNumber)))?;
    Ok(crate::dto::teams::TeamRequest {
        name: f.name,
        kind: f.kind,
        member_quota,
        operating_since: iso_date::field("operating_since", &f.operating_since).map_err(field)?,
        village_ids: f.village_ids,
        decision_no: f.decision_no,
        decided_on: iso_date::optional_field("decided_on", &f.decided_on).map_err(field)?,
    })
}

/// Adds the team and opens its page.
#[server(endpoint = "teams/add")]
pub async fn add_team(commune_id: i64, team: TeamFields) -> Result<(), AppError> {
    use crate::api::context as ctx;
    use crate::services::teams;
    let actor = ctx::actor().await?;
    let req = request(team)?;
    let added = teams::add_team(
        ctx::services().store.as_ref(),
        &actor,
        commune_id,
        req,
        chrono::Utc::now(),
    )
    .await?;
    leptos_axum::redirect(&format!("/teams/{}", added.id));
    Ok(())
}

#[server(endpoint = "teams/edit")]
pub async fn edit_team(id: i64, team: TeamFields) -> Result<TeamSettingsView, AppError> {
    use crate::api::context as ctx;
    use crate::services::teams;
    let actor = ctx::actor().await?;
    let req = request(team)?;
    Ok(teams::edit_team(
        ctx::services().store.as_ref(),
        &actor,
        id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "teams/history", input = GetUrl)]
pub async fn get_team_history(id: i64) -> Result<Vec<ChangeView>, AppError> {
    use crate::api::context as ctx;
    use crate::services::teams;
    let actor = ctx::actor().await?;
    Ok(teams::history(ctx::services().store.as_ref(), &actor, id).await?)
}
