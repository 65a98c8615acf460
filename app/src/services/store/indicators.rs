//! What the indicator services need from the database: the counting settings, the
//! counts of each team-month (kept by the record writes themselves), where teams sat
//! over time, and campaigns.

use super::error::StoreError;
use super::rows::{OrgUnit, RecordRow};
use crate::domain::indicators::{
    Activity, Campaign, CountingRules, Membership, MonthRange, TeamSpan,
};
use crate::domain::local_time::YearMonth;
use async_trait::async_trait;
use chrono::NaiveDate;

/// The counts of one team over some months while it sat in one commune.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamCounts {
    pub team_id: i64,
    pub commune_id: i64,
    pub activity: Activity,
}

/// A team that sat in a given part of the tree at some time, with what the roster and
/// the calendar need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlacedTeam {
    pub team_id: i64,
    pub name: String,
    pub span: TeamSpan,
    /// `(first report month, commune)`, oldest first; the first one covers all before it.
    pub placements: Vec<(YearMonth, i64)>,
    /// Members on the roster every day of the span asked about (they count in each of
    /// its months); the others of the span are in `roster`.
    pub steady_members: i64,
    pub roster: Vec<Membership>,
}

impl PlacedTeam {
    /// The commune the team sat in during report month `m`.
    pub fn commune_in(&self, m: YearMonth) -> Option<i64> {
        self.placements
            .iter()
            .rev()
            .find(|(from, _)| *from <= m)
            .or(self.placements.first())
            .map(|(_, c)| *c)
    }
}

/// A commune's counts over some months; `model_month` is the number of its teams that
/// kept a model in any of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommuneCounts {
    pub commune_id: i64,
    pub activity: Activity,
}

/// A stored row of counts: a team's month, or (from `stored_commune_counts`) a commune's,
/// with the commune's id in `team_id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCount {
    pub team_id: i64,
    pub month: String,
    pub activity: Activity,
}

#[async_trait]
pub trait IndicatorStore: Send + Sync + 'static {
    async fn counting_rules(&self) -> Result<CountingRules, StoreError>;
    /// Saves new settings and recounts every team-month with them, in one transaction.
    async fn set_counting_rules(&self, rules: &CountingRules) -> Result<u64, StoreError>;
    /// Rebuilds every team-month's counts from the records; the number of team-months
    /// that counted something.
    async fn recompute_counts(&self) -> Result<u64, StoreError>;
    /// Every stored team-month count, by team then month (for checks and tests).
    async fn stored_counts(&self) -> Result<Vec<StoredCount>, StoreError>;
    /// The team sits in `commune_id` from report month `from` on.
    async fn move_team(
        &self,
        team_id: i64,
        commune_id: i64,
        from: YearMonth,
    ) -> Result<(), StoreError>;
    /// The unit and every unit under it except villages, the unit first.
    async fn units_under(&self, unit_id: i64) -> Result<Vec<OrgUnit>, StoreError>;
    /// Teams that sat under the unit at any time, with placements and their roster over
    /// the days `from..=to`.
    async fn teams_placed_under(
        &self,
        unit_id: i64,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<PlacedTeam>, StoreError>;
    /// The counts of the months in `months` of the teams that sat under the unit, added
    /// up per team and commune (a team that moved has one line per commune).
    async fn counts_under(
        &self,
        unit_id: i64,
        months: MonthRange,
    ) -> Result<Vec<TeamCounts>, StoreError>;
    /// The counts of the months in `months` of each commune under the unit (read from
    /// the commune-month sums, so a province costs a row per commune and month).
    async fn commune_counts_under(
        &self,
        unit_id: i64,
        months: MonthRange,
    ) -> Result<Vec<CommuneCounts>, StoreError>;
    /// Every stored commune-month sum, by commune then month (for checks and tests).
    async fn stored_commune_counts(&self) -> Result<Vec<StoredCount>, StoreError>;
    /// One team's counts, per month of `months` that counted anything.
    async fn team_counts(
        &self,
        team_id: i64,
        months: MonthRange,
    ) -> Result<Vec<StoredCount>, StoreError>;
    /// Authors of the team's records who count as the commune police logging directly.
    async fn police_authors(&self, team_id: i64) -> Result<Vec<i64>, StoreError>;
    /// One team with its placements and its whole roster, past members included.
    async fn placed_team(&self, team_id: i64) -> Result<Option<PlacedTeam>, StoreError>;
    /// The live records of the teams of the kinds given, logged in calendar months
    /// `from..=to` (`yyyy-mm`), oldest first, at most `limit`; with whether the commune
    /// police logged each one themselves.
    async fn records_of_teams(
        &self,
        team_ids: &[i64],
        from: &str,
        to: &str,
        kinds: &[&str],
        limit: i64,
    ) -> Result<Vec<(RecordRow, bool)>, StoreError>;
    async fn insert_campaign(&self, campaign: &Campaign) -> Result<i64, StoreError>;
    /// All campaigns with their ids, newest start first.
    async fn campaigns(&self) -> Result<Vec<(i64, Campaign)>, StoreError>;
}
