//! Rows of the counts, the counting settings, where teams sat, and campaigns.

use super::{corrupt, known, month_key};
use app::domain::indicators::{
    Activity, Campaign, Comparison, CountingRules, Indicator, Membership, Phase, ReportCalendar,
    Target, TeamSpan,
};
use app::domain::local_time::YearMonth;
use app::services::store::indicators::{CommuneCounts, PlacedTeam, StoredCount, TeamCounts};
use app::services::store::StoreError;
use chrono::NaiveDate;
use sqlx::{ColumnIndex, Decode, FromRow, Row, Type};

/// The counts of a row of `team_month_counts` or `commune_month_counts` (or sums of
/// them), read by the names in `Activity::COLUMNS` so that the columns are listed once.
pub(crate) struct Counts(pub(crate) Activity);

impl<'r, R: Row> FromRow<'r, R> for Counts
where
    &'r str: ColumnIndex<R>,
    i64: Decode<'r, R::Database> + Type<R::Database>,
{
    fn from_row(row: &'r R) -> Result<Self, sqlx::Error> {
        let mut values = [0i64; Activity::COLUMNS.len()];
        for (slot, column) in values.iter_mut().zip(Activity::COLUMNS) {
            *slot = row.try_get::<i64, &'r str>(column)?;
        }
        Ok(Self(Activity::from_values(values)))
    }
}

/// A stored team-month (or, with the commune's id as `team_id`, commune-month) count.
#[derive(FromRow)]
pub(crate) struct StoredCountRow {
    team_id: i64,
    month: String,
    #[sqlx(flatten)]
    counts: Counts,
}

impl From<StoredCountRow> for StoredCount {
    fn from(r: StoredCountRow) -> Self {
        StoredCount {
            team_id: r.team_id,
            month: r.month,
            activity: r.counts.0,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct TeamCountsRow {
    team_id: i64,
    commune_id: i64,
    #[sqlx(flatten)]
    counts: Counts,
}

impl From<TeamCountsRow> for TeamCounts {
    fn from(r: TeamCountsRow) -> Self {
        TeamCounts {
            team_id: r.team_id,
            commune_id: r.commune_id,
            activity: r.counts.0,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct CommuneCountsRow {
    commune_id: i64,
    #[sqlx(flatten)]
    counts: Counts,
}

impl From<CommuneCountsRow> for CommuneCounts {
    fn from(r: CommuneCountsRow) -> Self {
        CommuneCounts {
            commune_id: r.commune_id,
            activity: r.counts.0,
        }
    }
}

/// The settings row of `indicator_settings`.
#[derive(FromRow)]
pub(crate) struct RulesRow {
    report_start_day: i32,
    in_time_minutes: i32,
}

impl TryFrom<RulesRow> for CountingRules {
    type Error = StoreError;

    fn try_from(r: RulesRow) -> Result<Self, StoreError> {
        let day = r.report_start_day;
        Ok(CountingRules {
            calendar: ReportCalendar::starting_on(day as u32)
                .ok_or_else(|| corrupt("report start day", &day.to_string()))?,
            in_time_minutes: i64::from(r.in_time_minutes),
        })
    }
}

#[derive(FromRow)]
pub(crate) struct MembershipRow {
    id: i64,
    joined_on: NaiveDate,
    left_on: Option<NaiveDate>,
}

impl From<MembershipRow> for Membership {
    fn from(r: MembershipRow) -> Self {
        Membership {
            member_id: r.id,
            joined_on: r.joined_on,
            left_on: r.left_on,
        }
    }
}

/// A member of a team, for gathering many teams' rosters in one query.
#[derive(FromRow)]
pub(crate) struct TeamMembershipRow {
    pub(crate) team_id: i64,
    #[sqlx(flatten)]
    membership: MembershipRow,
}

impl TeamMembershipRow {
    pub(crate) fn membership(self) -> Membership {
        self.membership.into()
    }
}

/// A team sitting in a commune from a report month on.
#[derive(FromRow)]
pub(crate) struct PlacementRow {
    pub(crate) team_id: i64,
    commune_id: i64,
    from_month: String,
}

impl PlacementRow {
    /// `(first report month, commune)`, as `PlacedTeam::placements` holds it.
    pub(crate) fn placement(&self) -> Result<(YearMonth, i64), StoreError> {
        Ok((month_key(&self.from_month)?, self.commune_id))
    }
}

/// A team's name and the days it operated.
#[derive(FromRow)]
pub(crate) struct TeamSpanRow {
    pub(crate) id: i64,
    name: String,
    operating_since: NaiveDate,
    dissolved_on: Option<NaiveDate>,
}

impl TeamSpanRow {
    pub(crate) fn placed(
        self,
        placements: Vec<(YearMonth, i64)>,
        steady_members: i64,
        roster: Vec<Membership>,
    ) -> PlacedTeam {
        PlacedTeam {
            team_id: self.id,
            name: self.name,
            span: TeamSpan {
                operating_since: self.operating_since,
                dissolved_on: self.dissolved_on,
            },
            placements,
            steady_members,
            roster,
        }
    }
}

/// A team placed under a unit, with the commune it is in now and the number of members
/// on its roster all along the span asked about.
#[derive(FromRow)]
pub(crate) struct PlacedTeamRow {
    #[sqlx(flatten)]
    pub(crate) team: TeamSpanRow,
    pub(crate) commune_id: i64,
    pub(crate) steady: i64,
}

/// A campaign without its phases and targets, which come from queries of their own.
#[derive(FromRow)]
pub(crate) struct CampaignRow {
    id: i64,
    name: String,
    theme: String,
    issued_by: String,
    scope_unit_id: i64,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

impl From<CampaignRow> for (i64, Campaign) {
    fn from(r: CampaignRow) -> Self {
        let campaign = Campaign {
            name: r.name,
            theme: r.theme,
            issued_by: r.issued_by,
            scope_unit_id: r.scope_unit_id,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
            phases: vec![],
            targets: vec![],
        };
        (r.id, campaign)
    }
}

#[derive(FromRow)]
pub(crate) struct PhaseRow {
    campaign_id: i64,
    name: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
}

impl From<PhaseRow> for (i64, Phase) {
    fn from(r: PhaseRow) -> Self {
        let phase = Phase {
            name: r.name,
            starts_on: r.starts_on,
            ends_on: r.ends_on,
        };
        (r.campaign_id, phase)
    }
}

#[derive(FromRow)]
pub(crate) struct TargetRow {
    campaign_id: i64,
    indicator: String,
    comparison: String,
    threshold: f64,
}

impl TryFrom<TargetRow> for (i64, Indicator, Target) {
    type Error = StoreError;

    fn try_from(r: TargetRow) -> Result<Self, StoreError> {
        let target = Target {
            comparison: known("comparison", &r.comparison, Comparison::parse)?,
            threshold: r.threshold,
        };
        Ok((
            r.campaign_id,
            known("indicator", &r.indicator, Indicator::parse)?,
            target,
        ))
    }
}
