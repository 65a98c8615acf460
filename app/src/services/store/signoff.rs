//! What the month's sign-off needs from the database: each team-month's state, the
//! review of each record, the month's audit trail and the notices people are sent.

use super::error::StoreError;
use crate::domain::signoff::{MonthState, ReviewState};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// A team's month as stored; a month never acted on reads as open, version 0.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TeamMonth {
    pub state: MonthState,
    pub remarks: String,
    pub version: i64,
    pub updated_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
}

/// One line of a month's audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthEvent {
    pub record_id: Option<String>,
    pub at: DateTime<Utc>,
    pub user_id: i64,
    pub action: String,
    pub reason: String,
}

/// The leader's word on a record, for the version they read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub record_id: String,
    pub state: ReviewState,
    pub comment: String,
    pub reviewer_id: i64,
    pub at: DateTime<Utc>,
    pub record_version: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotice {
    pub user_id: i64,
    pub at: DateTime<Utc>,
    /// `record_returned`, `month_reminder`, `month_returned`, `month_accepted`.
    pub kind: String,
    pub from_user: i64,
    pub team_id: i64,
    pub month: String,
    pub record_id: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub id: i64,
    pub read: bool,
    pub notice: NewNotice,
}

/// A step of the month to store: the new state, written only if the month is still at
/// `expected_version`, with its line in the trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthChange {
    pub team_id: i64,
    pub month: String,
    pub expected_version: i64,
    pub state: MonthState,
    pub remarks: String,
    pub at: DateTime<Utc>,
    pub user_id: i64,
    pub action: String,
    pub reason: String,
    /// The id of the phone's mutation that took the step, kept with it (see `sync`).
    pub mutation: Option<String>,
}

#[async_trait]
pub trait SignoffStore: Send + Sync + 'static {
    async fn team_month(&self, team_id: i64, month: &str) -> Result<TeamMonth, StoreError>;
    /// The stored months of these teams for `month` (teams with no row are open).
    async fn team_months(
        &self,
        team_ids: &[i64],
        month: &str,
    ) -> Result<Vec<(i64, TeamMonth)>, StoreError>;
    /// Applies a step while holding the team's row, so a record write for the month
    /// either commits before it or sees the new state. False if the version moved on.
    async fn change_month(&self, change: &MonthChange) -> Result<bool, StoreError>;
    async fn month_events(&self, team_id: i64, month: &str) -> Result<Vec<MonthEvent>, StoreError>;
    /// Reviews of the team's records of the month.
    async fn reviews(&self, team_id: i64, month: &str) -> Result<Vec<Review>, StoreError>;
    async fn review_of(&self, record_id: &str) -> Result<Option<Review>, StoreError>;
    /// Records the leader's word if the record is still at `review.record_version` and its
    /// month is not locked; false if the record moved on. Adds the line to the trail.
    async fn set_review(
        &self,
        review: &Review,
        team_id: i64,
        month: &str,
        mutation: Option<&str>,
    ) -> Result<bool, StoreError>;
    async fn insert_notice(&self, notice: &NewNotice) -> Result<i64, StoreError>;
    /// The person's latest unread notices, newest first.
    async fn notices(&self, user_id: i64, limit: i64) -> Result<Vec<Notice>, StoreError>;
    /// Marks read the person's notices about a team's month (`record_id: None`) or about
    /// one record, once they have opened it.
    async fn mark_notices_read(
        &self,
        user_id: i64,
        team_id: i64,
        month: &str,
        record_id: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
}
