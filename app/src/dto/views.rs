//! What the server returns to the UI and the API: read models, never database rows.

use crate::domain::roster::RosterEntry;
use crate::domain::team_structure::StructureWarning;
use crate::domain::{OrgUnitKind, Position, Role, TeamKind};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MeView {
    pub user_id: i64,
    pub full_name: String,
    pub phone: String,
    pub roles: Vec<Role>,
    /// Until the account's owner replaces a password someone else chose, it holds no role.
    #[serde(default)]
    pub must_change_password: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamCard {
    pub id: i64,
    pub name: String,
    pub kind: TeamKind,
    pub commune_name: String,
    pub member_quota: i32,
    pub member_count: i64,
    /// The reader's position in this team, if any.
    pub position: Option<Position>,
    /// The worst of what the team's make-up lacks, worded for the reader, with how many
    /// more its page lists ("Chưa có tổ trưởng (+2)"): given to the police on their
    /// commune's list, none elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitSummary {
    pub id: i64,
    pub name: String,
    pub kind: OrgUnitKind,
    pub team_count: i64,
    pub member_count: i64,
}

/// A police officer's unit: for a commune its teams, for a province its communes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitView {
    pub id: i64,
    pub name: String,
    pub kind: OrgUnitKind,
    pub children: Vec<UnitSummary>,
    pub teams: Vec<TeamCard>,
}

/// Everything the home screen shows, one section per role the reader holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HomeView {
    pub me: MeView,
    pub my_teams: Vec<TeamCard>,
    pub communes: Vec<UnitView>,
    pub provinces: Vec<UnitView>,
    pub is_admin: bool,
    /// Unread notices (a returned record, a reminder, a returned month), worded.
    #[serde(default)]
    pub notices: Vec<crate::dto::month::NoticeLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberView {
    pub id: i64,
    pub full_name: String,
    pub position: Position,
    pub phone: Option<String>,
    #[serde(with = "crate::domain::iso_date")]
    pub joined_on: NaiveDate,
    /// The village or residential group they answer for (seed 000 §VI.1), by name.
    #[serde(default)]
    pub area: Option<String>,
    /// The whole roster entry, only for those who manage the team.
    pub details: Option<RosterEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamView {
    pub id: i64,
    pub name: String,
    pub kind: TeamKind,
    pub commune_id: i64,
    pub commune_name: String,
    pub member_quota: i32,
    #[serde(with = "crate::domain::iso_date")]
    pub operating_since: NaiveDate,
    pub villages: Vec<String>,
    /// The founding decision's number and date ("" and none when not recorded).
    pub decision_no: String,
    #[serde(with = "crate::domain::iso_date::option")]
    pub decided_on: Option<NaiveDate>,
    pub members: Vec<MemberView>,
    pub can_manage: bool,
    /// Whether the reader keeps the team's settings (the police above it).
    pub can_keep: bool,
    /// What the team's make-up falls short of, worst first; empty when nothing does.
    pub warnings: Vec<StructureWarning>,
}
