//! Indicator tables for a unit, a team and a period (the records behind a number are
//! in `drill_down`).
//! The counts come from the team-month table; what the roster and calendar give is
//! counted here; the reading of each indicator is the domain's.

use super::directory::team_scope;
use super::store::indicators::PlacedTeam;
use super::store::{OrgUnit, Store};
use super::ServiceError;
use crate::domain::access::UnitScope;
use crate::domain::indicators::measures::presence;
use crate::domain::indicators::progress::standings;
use crate::domain::indicators::{
    Activity, Campaign, CountingRules, Indicator, MonthRange, Period, Totals,
};
use crate::domain::local_time::local_date;
use crate::domain::ErrorCode;
use crate::domain::{Actor, FieldError, OrgUnitKind};
use crate::dto::indicators::{CampaignRef, Cell, IndicatorHead, IndicatorTable, Row, RowKind};
use crate::dto::progress::CountingKit;
use chrono::Utc;
use std::collections::{BTreeMap, HashMap};

fn invalid_period() -> ServiceError {
    ServiceError::Invalid(FieldError::new("period", ErrorCode::InvalidPeriod))
}

/// The report months of the period that have begun: months still to come would add
/// months and members to the denominators with nothing done yet.
pub(super) async fn months_of(
    store: &dyn Store,
    period: &Period,
) -> Result<(CountingRules, MonthRange), ServiceError> {
    let rules = store.counting_rules().await?;
    if let Some(code) = period.problem(rules.calendar) {
        return Err(ServiceError::Invalid(FieldError::new("period", code)));
    }
    let months = period.months(rules.calendar).ok_or_else(invalid_period)?;
    let now = rules.calendar.month_of(local_date(Utc::now()));
    let begun = MonthRange {
        first: months.first,
        last: months.last.min(now),
    };
    if begun.is_empty() {
        return Err(ServiceError::Invalid(FieldError::new(
            "period",
            ErrorCode::PeriodInFuture,
        )));
    }
    Ok((rules, begun))
}

pub(super) async fn check_unit(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
) -> Result<(), ServiceError> {
    let self_and_above = store.unit_and_above(unit_id).await?;
    if self_and_above.is_empty() {
        return Err(ServiceError::NotFound);
    }
    let scope = UnitScope {
        unit_id,
        self_and_above,
    };
    if !actor.can_read_unit(&scope) {
        return Err(ServiceError::Forbidden);
    }
    Ok(())
}

/// The campaign asked for, or else the latest one covering `units_above` that overlaps
/// the months; none means the table has no targets.
async fn campaign_for(
    store: &dyn Store,
    asked: Option<i64>,
    units_above: &[i64],
    months: MonthRange,
    rules: &CountingRules,
) -> Result<Option<(i64, Campaign)>, ServiceError> {
    let all = store.campaigns().await?;
    if let Some(id) = asked {
        return all
            .into_iter()
            .find(|(i, _)| *i == id)
            .map(Some)
            .ok_or(ServiceError::NotFound);
    }
    Ok(all.into_iter().find(|(_, c)| {
        units_above.contains(&c.scope_unit_id) && c.overlaps(&months, rules.calendar)
    }))
}

fn cells(totals: &Totals, campaign: Option<&Campaign>) -> Vec<Cell> {
    standings(totals, campaign)
        .into_iter()
        .map(|s| Cell {
            indicator: s.indicator,
            numerator: s.numerator,
            denominator: s.denominator,
            value: s.value,
            met: s.met,
        })
        .collect()
}

fn columns(campaign: Option<&Campaign>) -> Vec<IndicatorHead> {
    Indicator::ALL
        .iter()
        .map(|&indicator| IndicatorHead {
            indicator,
            section: indicator.section().to_owned(),
            shape: indicator.shape(),
            target: campaign.and_then(|c| c.target(indicator)),
        })
        .collect()
}

fn campaign_ref(c: &Option<(i64, Campaign)>) -> Option<CampaignRef> {
    c.as_ref().map(|(id, c)| CampaignRef {
        id: *id,
        name: c.name.clone(),
    })
}

/// The first and last day of the report months.
pub(super) fn days_of(
    months: MonthRange,
    rules: &CountingRules,
) -> (chrono::NaiveDate, chrono::NaiveDate) {
    (
        rules.calendar.span(months.first).0,
        rules.calendar.span(months.last).1,
    )
}

/// The direct child of `unit_id` that `id` lies under (or `id` itself).
fn child_of(unit_id: i64, id: i64, parent: &HashMap<i64, Option<i64>>) -> Option<i64> {
    let mut at = id;
    loop {
        match parent.get(&at).copied().flatten() {
            Some(p) if p == unit_id => return Some(at),
            Some(p) => at = p,
            None => return None,
        }
    }
}

/// The months of `months` a team sat in each commune of `communes`, as roster counts.
fn presence_by_commune(
    team: &PlacedTeam,
    months: MonthRange,
    rules: &CountingRules,
    in_scope: impl Fn(i64) -> bool,
) -> BTreeMap<i64, Totals> {
    let mut out: BTreeMap<i64, Totals> = BTreeMap::new();
    for m in months.months() {
        let Some(commune) = team.commune_in(m).filter(|c| in_scope(*c)) else {
            continue;
        };
        let mut p = presence(
            team.span,
            &team.roster,
            MonthRange::single(m),
            rules.calendar,
        );
        // Members there all along were not sent one by one.
        p.member_months += team.steady_members * p.team_months;
        let t = out.entry(commune).or_default();
        t.presence.team_months += p.team_months;
        t.presence.member_months += p.member_months;
        t.presence.teams = t.presence.teams.max(p.teams);
    }
    out
}

/// The counts a unit's table adds up, as (team, commune, counts); the team is 0 where the
/// counts are a commune's.
async fn counts_by_source(
    store: &dyn Store,
    unit_id: i64,
    months: MonthRange,
    by_teams: bool,
) -> Result<Vec<(i64, i64, Activity)>, ServiceError> {
    // A commune's teams come from the team-month counts; anything larger from the
    // commune-month sums, a row per commune and month however many records there are.
    Ok(if by_teams {
        store
            .counts_under(unit_id, months)
            .await?
            .into_iter()
            .map(|c| (c.team_id, c.commune_id, c.activity))
            .collect()
    } else {
        store
            .commune_counts_under(unit_id, months)
            .await?
            .into_iter()
            .map(|c| (0, c.commune_id, c.activity))
            .collect()
    })
}

/// A unit's table's rows: its teams (for a commune) or its child units, with their cells.
fn child_rows(
    unit_id: i64,
    by_teams: bool,
    teams: &[PlacedTeam],
    units: &[OrgUnit],
    totals: &BTreeMap<i64, Totals>,
    c: Option<&Campaign>,
) -> Vec<Row> {
    if by_teams {
        teams
            .iter()
            .filter(|t| totals.contains_key(&t.team_id))
            .map(|t| Row {
                kind: RowKind::Team,
                id: t.team_id,
                name: t.name.clone(),
                cells: cells(&totals[&t.team_id], c),
            })
            .collect()
    } else {
        units
            .iter()
            .filter(|u: &&OrgUnit| u.parent_id == Some(unit_id))
            .map(|u| Row {
                kind: RowKind::Unit,
                id: u.id,
                name: u.name.clone(),
                cells: cells(&totals.get(&u.id).copied().unwrap_or_default(), c),
            })
            .collect()
    }
}

/// A unit's indicators over a period, with a row per child: the teams of a commune,
/// the communes (or districts) of a province.
pub async fn unit_table(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    period: &Period,
    campaign_id: Option<i64>,
) -> Result<IndicatorTable, ServiceError> {
    check_unit(store, actor, unit_id).await?;
    let (rules, months) = months_of(store, period).await?;
    let units = store.units_under(unit_id).await?;
    let unit = units.first().cloned().ok_or(ServiceError::NotFound)?;
    let parent: HashMap<i64, Option<i64>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let campaign = campaign_for(
        store,
        campaign_id,
        &store.unit_and_above(unit_id).await?,
        months,
        &rules,
    )
    .await?;
    let by_teams = unit.kind == OrgUnitKind::Commune;
    let (from, to) = days_of(months, &rules);
    let teams = store.teams_placed_under(unit_id, from, to).await?;
    let in_scope = |c: i64| parent.contains_key(&c);
    // Which row a team's months in a commune belong to.
    let row_of = |team_id: i64, commune: i64| {
        if by_teams {
            Some(team_id)
        } else {
            child_of(unit_id, commune, &parent)
        }
    };
    let mut totals: BTreeMap<i64, Totals> = BTreeMap::new();
    let mut total = Totals::default();
    for team in &teams {
        for (commune, t) in presence_by_commune(team, months, &rules, in_scope) {
            total.add(&t);
            if let Some(row) = row_of(team.team_id, commune) {
                totals.entry(row).or_default().add(&t);
            }
        }
    }
    let counts = counts_by_source(store, unit_id, months, by_teams).await?;
    for (team_id, commune_id, activity) in counts {
        let t = Totals {
            activity,
            ..Totals::default()
        };
        total.add(&t);
        if let Some(row) = row_of(team_id, commune_id) {
            totals.entry(row).or_default().add(&t);
        }
    }
    let c = campaign.as_ref().map(|(_, c)| c);
    let rows = child_rows(unit_id, by_teams, &teams, &units, &totals, c);
    Ok(IndicatorTable {
        scope: Row {
            kind: RowKind::Unit,
            id: unit.id,
            name: unit.name,
            cells: cells(&total, c),
        },
        period: period.key(),
        months,
        campaign: campaign_ref(&campaign),
        columns: columns(c),
        rows,
    })
}

/// A team's indicators over a period, with a row per month.
pub async fn team_table(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    period: &Period,
    campaign_id: Option<i64>,
) -> Result<IndicatorTable, ServiceError> {
    let scope = team_scope(store, team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let (rules, months) = months_of(store, period).await?;
    let team = store
        .placed_team(team_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let campaign = campaign_for(store, campaign_id, &scope.units_above, months, &rules).await?;
    let c = campaign.as_ref().map(|(_, c)| c);
    let counts: HashMap<String, Activity> = store
        .team_counts(team_id, months)
        .await?
        .into_iter()
        .map(|s| (s.month, s.activity))
        .collect();
    let mut total = Totals::default();
    let mut rows = Vec::new();
    for m in months.months() {
        let month = Totals {
            activity: counts.get(&m.key()).copied().unwrap_or_default(),
            presence: presence(
                team.span,
                &team.roster,
                MonthRange::single(m),
                rules.calendar,
            ),
        };
        total.activity.add_month(&month.activity);
        rows.push(Row {
            kind: RowKind::Month,
            id: i64::from(m.year) * 100 + i64::from(m.month),
            name: m.to_string(),
            cells: cells(&month, c),
        });
    }
    total.presence = presence(team.span, &team.roster, months, rules.calendar);
    Ok(IndicatorTable {
        scope: Row {
            kind: RowKind::Team,
            id: team_id,
            name: team.name,
            cells: cells(&total, c),
        },
        period: period.key(),
        months,
        campaign: campaign_ref(&campaign),
        columns: columns(c),
        rows,
    })
}

/// What the reader's phone needs to count the team's months itself.
pub async fn counting_kit(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
) -> Result<CountingKit, ServiceError> {
    let scope = team_scope(store, team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let team = store
        .placed_team(team_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let campaigns = store
        .campaigns()
        .await?
        .into_iter()
        .filter(|(_, c)| scope.units_above.contains(&c.scope_unit_id))
        .map(|(_, c)| c)
        .collect();
    Ok(CountingKit {
        team_id,
        team_name: team.name,
        user_id: actor.user_id,
        rules: store.counting_rules().await?,
        span: team.span,
        roster: team.roster,
        police_authors: store.police_authors(team_id).await?,
        logs_as_police: !actor.can_log_for(&scope)
            && actor.can_log_kind(&scope, crate::domain::records::RecordKind::TipOff),
        campaigns,
    })
}

/// The campaigns a reader may choose among: all of them (they are public plans).
pub async fn campaigns(
    store: &dyn Store,
    _actor: &Actor,
) -> Result<Vec<(i64, Campaign)>, ServiceError> {
    Ok(store.campaigns().await?)
}

/// Sets up a campaign (a copy of the preset, edited, or a new one): admins only.
pub async fn create_campaign(
    store: &dyn Store,
    actor: &Actor,
    campaign: &Campaign,
) -> Result<i64, ServiceError> {
    if !actor.is_admin() {
        return Err(ServiceError::Forbidden);
    }
    crate::domain::indicators::campaign::check(campaign)?;
    if store.org_unit(campaign.scope_unit_id).await?.is_none() {
        return Err(ServiceError::Invalid(FieldError::new(
            "scope_unit_id",
            ErrorCode::NotFound,
        )));
    }
    Ok(store.insert_campaign(campaign).await?)
}
