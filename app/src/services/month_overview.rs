//! What the commune police see of their teams' months, the reminders they send, and
//! the notices people receive about months and records.

use super::directory::{readable_unit, team_scope};
use super::records;
use super::signoff::{leaders, notify, parse_month, state_changed};
use super::store::signoff::{Notice, TeamMonth};
use super::store::{Store, TeamListing};
use super::ServiceError;
use crate::domain::signoff;
use crate::domain::{Actor, TeamScope};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// The commune police remind a team's leader that its month is due. Answers how many
/// people were told.
pub async fn remind(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    month_key: &str,
    now: DateTime<Utc>,
) -> Result<usize, ServiceError> {
    let month = parse_month(month_key)?;
    let scope = team_scope(store, team_id).await?;
    if !actor.signoff_parties(&scope).police {
        return Err(ServiceError::Forbidden);
    }
    let key = month.key();
    if !store.team_month(team_id, &key).await?.state.awaits_leader() {
        return Err(state_changed());
    }
    let to = leaders(store, team_id).await?;
    notify(
        store,
        &to,
        actor,
        "month_reminder",
        team_id,
        &key,
        None,
        "",
        now,
    )
    .await?;
    Ok(to.iter().filter(|u| **u != actor.user_id).count())
}

/// One team's month in the commune police's overview.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamMonthLine {
    pub team: TeamListing,
    pub month: TeamMonth,
    pub late: bool,
    pub can_remind: bool,
}

/// The months of every team under a unit, for the police who watch it.
pub async fn unit_months(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    month_key: &str,
    deadline_day: u32,
    today: NaiveDate,
) -> Result<(String, NaiveDate, Vec<TeamMonthLine>), ServiceError> {
    let month = parse_month(month_key)?;
    let unit = readable_unit(store, actor, unit_id).await?;
    let teams = store.teams_under(unit_id).await?;
    let ids: Vec<i64> = teams.iter().map(|t| t.id).collect();
    let months: HashMap<i64, TeamMonth> = store
        .team_months(&ids, &month.key())
        .await?
        .into_iter()
        .collect();
    let mut above: HashMap<i64, Vec<i64>> = HashMap::new();
    let mut lines = Vec::with_capacity(teams.len());
    for team in teams {
        if let std::collections::hash_map::Entry::Vacant(e) = above.entry(team.commune_id) {
            e.insert(store.unit_and_above(team.commune_id).await?);
        }
        let team_scope = TeamScope {
            team_id: team.id,
            units_above: above[&team.commune_id].clone(),
        };
        let m = months.get(&team.id).cloned().unwrap_or_default();
        lines.push(TeamMonthLine {
            late: signoff::is_late(m.state, month, deadline_day, today),
            can_remind: m.state.awaits_leader() && actor.signoff_parties(&team_scope).police,
            team,
            month: m,
        });
    }
    Ok((unit.name, signoff::deadline(month, deadline_day), lines))
}

/// The person's latest unread notices, newest first, with who sent each.
pub async fn notices(
    store: &dyn Store,
    actor: &Actor,
) -> Result<Vec<(Notice, String)>, ServiceError> {
    let list = store.notices(actor.user_id, 5).await?;
    let mut names = HashMap::new();
    let mut out = Vec::with_capacity(list.len());
    for n in list {
        let from = records::user_name(store, n.notice.from_user, &mut names).await?;
        out.push((n, from));
    }
    Ok(out)
}

/// Notices about what the person has just opened (a team's month, or a record) are read.
pub async fn opened(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    month: &str,
    record_id: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    Ok(store
        .mark_notices_read(actor.user_id, team_id, month, record_id, now)
        .await?)
}
