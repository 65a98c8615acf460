//! The records behind a number: those that count in an indicator for a unit or team
//! over a period, read from the records themselves and counted as the tables count.

use super::directory::team_scope;
use super::indicators::{check_unit, days_of, months_of};
use super::store::indicators::PlacedTeam;
use super::store::Store;
use super::ServiceError;
use crate::domain::indicators::measures::month_of;
use crate::domain::indicators::{Counted, CountingRules, Indicator, MonthRange, Period};
use crate::domain::Actor;
use crate::dto::indicators::{CountedRecord, DrillDown};
use std::collections::HashMap;

/// The most records a drill-down lists.
pub const DRILL_DOWN_LIMIT: i64 = 500;
/// The most records read to find them (a province's patrols run into the hundred
/// thousands; the list says when it stopped short).
const SCANNED_LIMIT: i64 = 20 * DRILL_DOWN_LIMIT;

/// Where to look for the records behind a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Unit(i64),
    Team(i64),
}

/// The teams whose records may count. A team counts for the months it sat in the scope
/// (it may have moved), so for a unit the communes under it come too, to check each
/// record's month against.
async fn teams_in(
    store: &dyn Store,
    actor: &Actor,
    scope: Scope,
    months: MonthRange,
    rules: &CountingRules,
) -> Result<(Vec<PlacedTeam>, Option<Vec<i64>>), ServiceError> {
    Ok(match scope {
        Scope::Unit(unit_id) => {
            check_unit(store, actor, unit_id).await?;
            let units = store.units_under(unit_id).await?;
            (
                {
                    let (from, to) = days_of(months, rules);
                    store.teams_placed_under(unit_id, from, to).await?
                },
                Some(units.into_iter().map(|u| u.id).collect()),
            )
        }
        Scope::Team(team_id) => {
            let scope = team_scope(store, team_id).await?;
            if !actor.can_read_team(&scope) {
                return Err(ServiceError::Forbidden);
            }
            (
                store.placed_team(team_id).await?.into_iter().collect(),
                None,
            )
        }
    })
}

/// The records that count in an indicator for a unit or team over a period.
pub async fn drill_down(
    store: &dyn Store,
    actor: &Actor,
    scope: Scope,
    period: &Period,
    indicator: Indicator,
) -> Result<DrillDown, ServiceError> {
    let (rules, months) = months_of(store, period).await?;
    let (teams, communes) = teams_in(store, actor, scope, months, &rules).await?;
    let names: HashMap<i64, &str> = teams.iter().map(|t| (t.team_id, t.name.as_str())).collect();
    let team_ids: Vec<i64> = teams.iter().map(|t| t.team_id).collect();
    // A report month starting after the 1st begins in the calendar month before.
    let from = if rules.calendar.start_day() == 1 {
        months.first
    } else {
        crate::domain::indicators::period::previous(months.first)
    };
    let rows = store
        .records_of_teams(
            &team_ids,
            &from.key(),
            &months.last.key(),
            indicator.record_kinds(),
            SCANNED_LIMIT,
        )
        .await?;
    let mut truncated = rows.len() as i64 >= SCANNED_LIMIT;
    let mut records = Vec::new();
    for (row, by_police) in rows {
        let body = row.decoded_body()?;
        let m = month_of(&body, &rules);
        if !months.contains(m) {
            continue;
        }
        let team = teams.iter().find(|t| t.team_id == row.team_id);
        let inside = match (&communes, team.and_then(|t| t.commune_in(m))) {
            (Some(units), Some(c)) => units.contains(&c),
            (None, _) => true,
            (Some(_), None) => false,
        };
        if !inside {
            continue;
        }
        let counted = Counted {
            body: &body,
            by_police,
        };
        if let Some(part) = indicator.part_of(&counted, &rules) {
            if records.len() as i64 >= DRILL_DOWN_LIMIT {
                truncated = true;
                break;
            }
            records.push(CountedRecord {
                id: row.id,
                team_id: row.team_id,
                team_name: names
                    .get(&row.team_id)
                    .copied()
                    .unwrap_or_default()
                    .to_owned(),
                kind: row.kind,
                occurred_at: row.occurred_at,
                part,
            });
        }
    }
    Ok(DrillDown {
        indicator,
        period: period.key(),
        records,
        truncated,
    })
}
