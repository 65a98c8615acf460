//! The team leader's month and the commune police's overview of their teams' months:
//! wire types, worded on the server in the reader's language, and the server functions.

use crate::domain::signoff::{Gap, MonthState, Participation, ReviewState, Step, Verdict};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberLine {
    pub name: String,
    pub patrols: u32,
    pub tips: u32,
    pub good_deeds: u32,
    pub records: u32,
}

/// A record of the month with the leader's word on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewLine {
    pub id: String,
    pub version: i64,
    pub kind_label: String,
    pub headline: String,
    pub when: String,
    pub author: String,
    /// `pending`, `accepted` or `returned`.
    pub review: String,
    pub review_label: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorLine {
    pub label: String,
    pub value: String,
    pub target: Option<String>,
    /// `met`, `missed` or `none`.
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrailLine {
    pub when: String,
    pub who: String,
    pub what: String,
    pub reason: String,
    pub record_href: Option<String>,
}

/// The month view of one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthScreen {
    pub team_id: i64,
    pub team_name: String,
    /// `yyyy-mm`.
    pub month: String,
    pub month_label: String,
    pub previous: String,
    pub next: Option<String>,
    /// `open`, `submitted`, `accepted` or `returned`.
    pub state: String,
    pub state_label: String,
    pub version: i64,
    pub deadline: String,
    pub late: bool,
    pub days_left: i64,
    pub remarks: String,
    pub gaps: Vec<String>,
    pub members: Vec<MemberLine>,
    pub indicators: Vec<IndicatorLine>,
    pub summary: Vec<String>,
    pub records: Vec<ReviewLine>,
    pub meeting_href: Option<String>,
    pub trail: Vec<TrailLine>,
    pub locked: bool,
    pub can_review: bool,
    pub can_submit: bool,
    pub can_accept: bool,
    pub can_return: bool,
    pub can_reopen: bool,
    pub can_remind: bool,
    pub can_log: bool,
    /// The reader, who signs what they prepare with no signal.
    #[serde(default)]
    pub user_id: i64,
    #[serde(default)]
    pub user_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamMonthRow {
    pub team_id: i64,
    pub team_name: String,
    pub commune_name: String,
    pub state: String,
    pub state_label: String,
    pub submitted_at: Option<String>,
    pub late: bool,
    pub can_remind: bool,
    pub href: String,
}

/// The commune police's overview: every team's month, who is late, a reminder to send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitMonthsScreen {
    pub unit_id: i64,
    pub unit_name: String,
    pub month: String,
    pub month_label: String,
    pub previous: String,
    pub next: Option<String>,
    pub deadline: String,
    pub submitted: usize,
    pub late: usize,
    pub rows: Vec<TeamMonthRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeLine {
    pub id: i64,
    pub text: String,
    pub when: String,
    pub href: String,
    pub unread: bool,
}

// The JSON API's view of a month (`/api/v1/teams/{id}/months/{month}`): the same facts,
// as data rather than words.

/// A record of the month with the leader's word on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewedRecordView {
    pub id: String,
    pub kind: crate::domain::records::RecordKind,
    pub author_id: i64,
    pub version: i64,
    pub review: ReviewState,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrailEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user_id: i64,
    pub user_name: String,
    /// `submit`, `accept`, `return`, `reopen`, `record_accepted`, `record_returned`,
    /// `record_fixed`.
    pub action: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub record_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthView {
    pub team_id: i64,
    /// `yyyy-mm`.
    pub month: String,
    pub state: MonthState,
    /// The version a step must be taken from.
    pub version: i64,
    pub remarks: String,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(with = "crate::domain::iso_date")]
    pub deadline: chrono::NaiveDate,
    pub late: bool,
    pub gaps: Vec<Gap>,
    pub members: Vec<Participation>,
    pub records: Vec<ReviewedRecordView>,
    pub trail: Vec<TrailEntry>,
}

/// A step of the month's sign-off: `{"step": "return", "reason": "…", "version": 1}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StepRequest {
    #[serde(flatten)]
    pub step: Step,
    pub version: i64,
    /// The leader's remarks for the report, with a submission.
    #[serde(default)]
    pub remarks: Option<String>,
}

/// The leader's word on a record: `{"verdict": "return", "comment": "…", "version": 2}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewRequest {
    #[serde(flatten)]
    pub verdict: Verdict,
    pub version: i64,
}
