//! Server functions for a team's members as the commune police keep them (issue 18): the
//! form for a new member and a member's page, saving either, a leaving, a new first
//! password, and a member's history.

use crate::dto::members::{AddedMember, InitialPassword, MemberDetails, MemberFormView};
use crate::dto::units::ChangeView;
use crate::dto::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "members/new_form", input = GetUrl)]
pub async fn get_new_member_form(team_id: i64) -> Result<MemberFormView, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(crate::services::members::new_form(ctx::services().store.as_ref(), &actor, team_id).await?)
}

#[server(endpoint = "members/page", input = GetUrl)]
pub async fn get_member_page(id: i64) -> Result<MemberFormView, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(crate::services::members::member_page(ctx::services().store.as_ref(), &actor, id).await?)
}

/// The member form's fields as the browser sends them: dates and choices as typed, the
/// boxes present only when ticked.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct MemberFields {
    pub full_name: String,
    pub date_of_birth: String,
    pub gender: String,
    pub residence: String,
    pub resident_since: String,
    pub phone: String,
    pub position: String,
    pub origin: String,
    pub party_member: Option<String>,
    pub education: String,
    pub approved_by: String,
    pub approval_decision_no: String,
    pub approved_on: String,
    pub appointed_on: String,
    pub decision_no: String,
    pub certificate_no: String,
    pub certificate_on: String,
    pub badge_issued: Option<String>,
    pub equipment: String,
    pub training: String,
    pub area_id: String,
}

#[cfg(feature = "ssr")]
fn field(e: crate::domain::FieldError) -> AppError {
    AppError::from(crate::services::ServiceError::from(e))
}

/// A choice among codes: none when left empty, refused when not one of them.
#[cfg(feature = "ssr")]
fn choice<T>(
    name: &str,
    value: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<Option<T>, AppError> {
    use crate::domain::{ErrorCode, FieldError};
    match value.trim() {
        "" => Ok(None),
        v => parse(v)
            .map(Some)
            .ok_or_else(|| field(FieldError::new(name, ErrorCode::InvalidChoice))),
    }
}

#[cfg(feature = "ssr")]
fn entry(f: MemberFields) -> Result<crate::domain::roster::RosterEntry, AppError> {
    use crate::domain::iso_date::optional_field;
    use crate::domain::roster::{Gender, Origin, RosterEntry};
    use crate::domain::selection::{AgeApproval, Education};
    use crate::domain::{ErrorCode, FieldError, Position};
    let date = |name: &str, v: &str| optional_field(name, v).map_err(field);
    let approved_on = date("approved_on", &f.approved_on)?;
    // The approval counts once anything of it is filled in; the service then asks for all.
    let age_approval = (!f.approved_by.trim().is_empty()
        || !f.approval_decision_no.trim().is_empty()
        || approved_on.is_some())
    .then(|| {
        approved_on
            .map(|approved_on| AgeApproval {
                approved_by: f.approved_by.clone(),
                decision_no: f.approval_decision_no.clone(),
                approved_on,
            })
            .ok_or_else(|| field(FieldError::new("approved_on", ErrorCode::Required)))
    })
    .transpose()?;
    let area_id = match f.area_id.trim() {
        "" => None,
        v => Some(
            v.parse()
                .map_err(|_| field(FieldError::new("area_id", ErrorCode::InvalidChoice)))?,
        ),
    };
    Ok(RosterEntry {
        full_name: f.full_name,
        date_of_birth: date("date_of_birth", &f.date_of_birth)?,
        gender: choice("gender", &f.gender, Gender::parse)?,
        residence: f.residence,
        resident_since: date("resident_since", &f.resident_since)?,
        phone: Some(f.phone).filter(|p| !p.trim().is_empty()),
        position: choice("position", &f.position, Position::parse)?
            .ok_or_else(|| field(FieldError::new("position", ErrorCode::Required)))?,
        origin: choice("origin", &f.origin, Origin::parse)?,
        party_member: f.party_member.is_some(),
        education: choice("education", &f.education, Education::parse)?,
        age_approval,
        appointed_on: date("appointed_on", &f.appointed_on)?,
        decision_no: f.decision_no,
        certificate_no: f.certificate_no,
        certificate_on: date("certificate_on", &f.certificate_on)?,
        badge_issued: f.badge_issued.is_some(),
        equipment: f.equipment,
        training: f.training,
        area_id,
    })
}

#[server(endpoint = "members/add")]
pub async fn add_member(
    team_id: i64,
    member: MemberFields,
    joined_on: String,
    initial_password: String,
) -> Result<AddedMember, AppError> {
    use crate::api::context as ctx;
    use crate::domain::iso_date::optional_field;
    let actor = ctx::actor().await?;
    let req = crate::dto::members::NewMemberRequest {
        member: entry(member)?,
        joined_on: optional_field("joined_on", &joined_on).map_err(field)?,
        initial_password: Some(initial_password).filter(|p| !p.is_empty()),
    };
    Ok(crate::services::members::add(
        ctx::services().store.as_ref(),
        &actor,
        team_id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "members/edit")]
pub async fn edit_member(id: i64, member: MemberFields) -> Result<MemberDetails, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(crate::services::members::edit(
        ctx::services().store.as_ref(),
        &actor,
        id,
        entry(member)?,
        chrono::Utc::now(),
    )
    .await?)
}

/// A leaving as the form sends it: the day as typed, the reason's code.
#[cfg(feature = "ssr")]
fn leave_request(
    left_on: String,
    reason: String,
    note: String,
) -> Result<crate::dto::members::LeaveRequest, AppError> {
    use crate::domain::selection::LeaveReason;
    use crate::domain::{iso_date, ErrorCode, FieldError};
    Ok(crate::dto::members::LeaveRequest {
        left_on: iso_date::field("left_on", &left_on).map_err(field)?,
        reason: choice("reason", &reason, LeaveReason::parse)?
            .ok_or_else(|| field(FieldError::new("reason", ErrorCode::Required)))?,
        note,
    })
}

#[server(endpoint = "members/leave")]
pub async fn leave_member(
    id: i64,
    left_on: String,
    reason: String,
    note: String,
) -> Result<MemberDetails, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    let req = leave_request(left_on, reason, note)?;
    Ok(crate::services::member_moves::leave(
        ctx::services().store.as_ref(),
        &actor,
        id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

/// A move to another team from the member's page: the team and the first day there as
/// the form's `yyyy-mm-dd` text.
#[server(endpoint = "members/transfer")]
pub async fn transfer_member(
    id: i64,
    team_id: i64,
    from: String,
) -> Result<MemberDetails, AppError> {
    use crate::api::context as ctx;
    use crate::services::ServiceError;
    let actor = ctx::actor().await?;
    let req = crate::dto::members::TransferRequest {
        team_id,
        from: crate::domain::iso_date::field("from", &from).map_err(ServiceError::from)?,
    };
    Ok(crate::services::member_moves::transfer(
        ctx::services().store.as_ref(),
        &actor,
        id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

/// A replacement from the new member form opened for a leaving member: the leaving
/// member's last day and reason, and the newcomer's fields.
#[server(endpoint = "members/replace")]
pub async fn replace_member(
    id: i64,
    left_on: String,
    reason: String,
    note: String,
    member: MemberFields,
    initial_password: String,
) -> Result<AddedMember, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    let req = crate::dto::members::ReplaceRequest {
        leaving: leave_request(left_on, reason, note)?,
        member: entry(member)?,
        initial_password: Some(initial_password).filter(|p| !p.is_empty()),
    };
    Ok(crate::services::member_moves::replace(
        ctx::services().store.as_ref(),
        &actor,
        id,
        req,
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "members/reset_password")]
pub async fn reset_member_password(id: i64) -> Result<InitialPassword, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(crate::services::members::reset_password(
        ctx::services().store.as_ref(),
        &actor,
        id,
        Default::default(),
        chrono::Utc::now(),
    )
    .await?)
}

#[server(endpoint = "members/history", input = GetUrl)]
pub async fn get_member_history(id: i64) -> Result<Vec<ChangeView>, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    Ok(crate::services::members::history(ctx::services().store.as_ref(), &actor, id).await?)
}
