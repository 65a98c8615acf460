//! A team's settings on the wire (issue 18): what the commune police enter for a new team
//! or an edit, and the team as stored.

use crate::domain::TeamKind;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A team's settings: a new team's, or what an edit leaves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TeamRequest {
    pub name: String,
    pub kind: TeamKind,
    /// How many members the team may have, leader and deputy included.
    pub member_quota: i32,
    #[serde(with = "crate::domain::iso_date")]
    pub operating_since: NaiveDate,
    /// The villages or residential groups of the commune the team covers (at least one).
    pub village_ids: Vec<i64>,
    /// The founding decision's number, e.g. `12/QĐ-UBND`.
    #[serde(default)]
    pub decision_no: String,
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub decided_on: Option<NaiveDate>,
}

/// A team's settings as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamSettingsView {
    pub id: i64,
    pub commune_id: i64,
    pub name: String,
    pub kind: TeamKind,
    pub member_quota: i32,
    #[serde(with = "crate::domain::iso_date")]
    pub operating_since: NaiveDate,
    pub village_ids: Vec<i64>,
    pub villages: Vec<String>,
    pub decision_no: String,
    #[serde(with = "crate::domain::iso_date::option")]
    pub decided_on: Option<NaiveDate>,
}

/// A village of the commune as the team form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct VillageChoice {
    pub id: i64,
    pub name: String,
    /// The other team that covers it already, if one does.
    pub taken_by: Option<String>,
}

/// What the team form needs: the commune, its open villages, and the team when editing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamFormView {
    pub commune_id: i64,
    pub commune_name: String,
    pub villages: Vec<VillageChoice>,
    pub team: Option<TeamSettingsView>,
}
