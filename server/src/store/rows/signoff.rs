//! Rows of the month's sign-off: team-months, reviews, the trail and notices.

use super::known;
use app::domain::signoff::{MonthState, ReviewState};
use app::services::store::signoff::{MonthEvent, NewNotice, Notice, Review, TeamMonth};
use app::services::store::StoreError;
use chrono::{DateTime, Utc};
use sqlx::FromRow;

#[derive(FromRow)]
pub(crate) struct TeamMonthRow {
    state: String,
    remarks: String,
    version: i64,
    updated_at: Option<DateTime<Utc>>,
    submitted_at: Option<DateTime<Utc>>,
}

impl TryFrom<TeamMonthRow> for TeamMonth {
    type Error = StoreError;

    fn try_from(r: TeamMonthRow) -> Result<Self, StoreError> {
        Ok(TeamMonth {
            state: known("month state", &r.state, MonthState::parse)?,
            remarks: r.remarks,
            version: r.version,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct ReviewRow {
    record_id: String,
    state: String,
    comment: String,
    reviewer_id: i64,
    at: DateTime<Utc>,
    record_version: i64,
}

impl TryFrom<ReviewRow> for Review {
    type Error = StoreError;

    fn try_from(r: ReviewRow) -> Result<Self, StoreError> {
        Ok(Review {
            record_id: r.record_id,
            state: known("review state", &r.state, ReviewState::parse)?,
            comment: r.comment,
            reviewer_id: r.reviewer_id,
            at: r.at,
            record_version: r.record_version,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct MonthEventRow {
    record_id: Option<String>,
    at: DateTime<Utc>,
    user_id: i64,
    action: String,
    reason: String,
}

impl From<MonthEventRow> for MonthEvent {
    fn from(r: MonthEventRow) -> Self {
        MonthEvent {
            record_id: r.record_id,
            at: r.at,
            user_id: r.user_id,
            action: r.action,
            reason: r.reason,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct NoticeRow {
    id: i64,
    user_id: i64,
    at: DateTime<Utc>,
    kind: String,
    from_user: i64,
    team_id: i64,
    month: String,
    record_id: Option<String>,
    text: String,
    read_at: Option<DateTime<Utc>>,
}

impl From<NoticeRow> for Notice {
    fn from(r: NoticeRow) -> Self {
        Notice {
            id: r.id,
            read: r.read_at.is_some(),
            notice: NewNotice {
                user_id: r.user_id,
                at: r.at,
                kind: r.kind,
                from_user: r.from_user,
                team_id: r.team_id,
                month: r.month,
                record_id: r.record_id,
                text: r.text,
            },
        }
    }
}
