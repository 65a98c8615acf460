//! The store seam's writes of the commune's own data: units and teams (and, next,
//! members), each with its history entry in the same transaction.

use super::error::StoreError;
use super::rows::{NewOrgUnit, OrgUnit, Team};
use crate::domain::history::{ChangeAction, Subject};
use crate::domain::TeamKind;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// Who made a change and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangedBy {
    pub user_id: i64,
    pub at: DateTime<Utc>,
}

/// A unit's name and dates, as an edit leaves them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitEdit {
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// One entry of a subject's history: the subject's fields after the change, as a JSON
/// object, and who made it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub action: ChangeAction,
    pub detail: serde_json::Map<String, serde_json::Value>,
    pub by_user_id: i64,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// The fields of a unit its history keeps.
pub fn unit_detail(u: &OrgUnit) -> serde_json::Map<String, serde_json::Value> {
    let date = |d: NaiveDate| crate::domain::iso_date::format(d);
    let mut m = serde_json::Map::new();
    m.insert("name".into(), u.name.clone().into());
    m.insert("valid_from".into(), date(u.valid_from).into());
    m.insert("valid_to".into(), u.valid_to.map(date).into());
    m
}

/// A team's settings as the commune keeps them: a new team's, or what an edit leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSettings {
    pub name: String,
    pub kind: TeamKind,
    pub member_quota: i32,
    pub operating_since: NaiveDate,
    pub village_ids: Vec<i64>,
    pub decision_no: String,
    pub decided_on: Option<NaiveDate>,
}

/// The fields of a team its history keeps (its villages by name).
pub fn team_detail(t: &Team) -> serde_json::Map<String, serde_json::Value> {
    let date = |d: NaiveDate| crate::domain::iso_date::format(d);
    let mut m = serde_json::Map::new();
    m.insert("name".into(), t.name.clone().into());
    m.insert("kind".into(), t.kind.as_str().into());
    m.insert("member_quota".into(), t.member_quota.into());
    m.insert("operating_since".into(), date(t.operating_since).into());
    m.insert("villages".into(), t.villages.join(", ").into());
    m.insert("decision_no".into(), t.decision_no.clone().into());
    m.insert("decided_on".into(), t.decided_on.map(date).into());
    m
}

#[async_trait]
pub trait RosterStore: Send + Sync + 'static {
    /// Adds the unit and its first history entry; returns it as stored.
    async fn add_unit(&self, unit: &NewOrgUnit, by: ChangedBy) -> Result<OrgUnit, StoreError>;
    /// Changes the unit's name and dates and notes it; `None` when there is no such unit.
    async fn edit_unit(
        &self,
        id: i64,
        edit: &UnitEdit,
        by: ChangedBy,
    ) -> Result<Option<OrgUnit>, StoreError>;
    /// Adds a team to the commune, placed there from the start, and notes it.
    async fn add_team(
        &self,
        commune_id: i64,
        team: &TeamSettings,
        by: ChangedBy,
    ) -> Result<Team, StoreError>;
    /// Changes a team's settings and villages and notes it; `None` when there is no such team.
    async fn edit_team(
        &self,
        id: i64,
        team: &TeamSettings,
        by: ChangedBy,
    ) -> Result<Option<Team>, StoreError>;
    /// The subject's history, oldest first.
    async fn history_of(&self, subject: Subject, id: i64) -> Result<Vec<HistoryEntry>, StoreError>;
}
