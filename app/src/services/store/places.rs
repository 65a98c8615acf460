//! Places restructured, as the police above them record it (issue 18, point 1): units
//! merged under their parent from a day (communes under a province as in 2025, villages
//! joined under their commune), and a village split into several. Each is one
//! transaction, every unit, team and member it changes noted.

use super::error::StoreError;
use super::roster::ChangedBy;
use super::rows::OrgUnit;
use crate::domain::local_time::YearMonth;
use crate::domain::OrgUnitKind;
use async_trait::async_trait;
use chrono::NaiveDate;

/// What units merge into: one of them or another that goes on, or a new one of this name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeInto {
    Existing(i64),
    New(String),
}

/// A merger as the service has checked it: units of one kind under one parent close on
/// the day before `from`, and what they held goes on under `into`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merger {
    pub parent_id: i64,
    pub kind: OrgUnitKind,
    pub closing: Vec<i64>,
    pub into: MergeInto,
    pub from: NaiveDate,
    /// The report month `from` begins: the teams' figures move from there on.
    pub from_month: YearMonth,
}

/// What a merger did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub into: OrgUnit,
    /// The villages and residential groups now under the merged commune.
    pub places_moved: usize,
    /// The teams now in the merged commune, or now covering the merged village.
    pub teams_moved: usize,
}

/// A village or residential group split into several from a day, as the service has
/// checked it: the unit closes on the day before, the new ones (by name, in order) begin
/// that day, its teams cover them all, and its members' areas pass to the first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub parent_id: i64,
    pub unit_id: i64,
    pub names: Vec<String>,
    pub from: NaiveDate,
}

#[async_trait]
pub trait PlaceStore: Send + Sync + 'static {
    /// Carries out a merger in one transaction, each unit, team and member it changes
    /// noted: the closing units end, a commune's places, teams and police move to the
    /// merged commune (the teams' figures from `from_month` on), a village's teams and
    /// members' areas to the merged village.
    async fn merge_units(&self, merger: &Merger, by: ChangedBy) -> Result<Merged, StoreError>;
    /// Carries out a split in one transaction; returns the new units, in order.
    async fn split_unit(&self, split: &Split, by: ChangedBy) -> Result<Vec<OrgUnit>, StoreError>;
}
