//! The indicator tables: wire types for the API and the screens.

use crate::domain::indicators::{Indicator, MonthRange, Part, Shape, Target};
use serde::{Deserialize, Serialize};

/// One indicator's column: its code, section of seed 002 and the campaign's target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorHead {
    pub indicator: Indicator,
    pub section: String,
    pub shape: Shape,
    pub target: Option<Target>,
}

/// One indicator for one unit, team or month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Cell {
    pub indicator: Indicator,
    pub numerator: i64,
    pub denominator: i64,
    /// Per cent for a ratio, the number for a count; absent when there is no data.
    pub value: Option<f64>,
    /// Absent when there is no data or no target.
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Unit,
    Team,
    Month,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Row {
    pub kind: RowKind,
    /// The unit's or team's id; for a month, `yyyymm`.
    pub id: i64,
    pub name: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CampaignRef {
    pub id: i64,
    pub name: String,
}

/// A unit's (or a team's) indicators over a period, with one row per child: the
/// communes of a province, the teams of a commune, the months of a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorTable {
    pub scope: Row,
    pub period: String,
    pub months: MonthRange,
    pub campaign: Option<CampaignRef>,
    pub columns: Vec<IndicatorHead>,
    pub rows: Vec<Row>,
}

/// A record behind a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountedRecord {
    pub id: String,
    pub team_id: i64,
    pub team_name: String,
    pub kind: String,
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    pub part: Part,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DrillDown {
    pub indicator: Indicator,
    pub period: String,
    pub records: Vec<CountedRecord>,
    /// More records counted than were listed.
    pub truncated: bool,
}

/// Something to pick: a value and what the reader sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodChoice {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenColumn {
    pub section: String,
    pub label: String,
    pub target: Option<String>,
}

/// A cell as the screen shows it, worded on the server in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenCell {
    pub value: String,
    /// `numerator/denominator`.
    pub detail: String,
    /// `met`, `missed` or `none` (no data or no target).
    pub state: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenRow {
    pub name: String,
    pub href: Option<String>,
    pub cells: Vec<ScreenCell>,
}

/// The indicator table screen of a unit or a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorScreen {
    pub name: String,
    pub period: String,
    pub period_label: String,
    pub months_label: String,
    pub campaign: Option<String>,
    pub choices: Vec<PeriodChoice>,
    /// What the first column names: a team, a unit or a month.
    pub row_heading: String,
    pub columns: Vec<ScreenColumn>,
    pub total: ScreenRow,
    pub rows: Vec<ScreenRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountedLine {
    pub href: String,
    pub kind: String,
    pub team: String,
    pub when: String,
    pub part: String,
}

/// The records behind one number, worded for the reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillScreen {
    pub name: String,
    pub indicator: String,
    pub period_label: String,
    pub back: String,
    pub from_roster: bool,
    pub lines: Vec<CountedLine>,
    pub truncated: bool,
}
