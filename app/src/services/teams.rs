//! A commune's teams as its police keep them (issue 18): a new team with its kind, quota,
//! villages and founding decision, an edit of those, and the team's history. The roster
//! of members is kept apart (its leader and the commune police).

use super::directory::{readable_unit, team_scope, unit_scope};
use super::store::roster::{ChangedBy, TeamSettings};
use super::store::{Store, Team};
use super::ServiceError;
use crate::domain::history::Subject;
use crate::domain::local_time::local_date;
use crate::domain::org::{check_name, same_name};
use crate::domain::team_structure::check_quota;
use crate::domain::{Actor, ErrorCode, FieldError, OrgUnitKind};
use crate::dto::teams::{TeamFormView, TeamRequest, TeamSettingsView, VillageChoice};
use crate::dto::units::ChangeView;
use chrono::{DateTime, Utc};

/// The fields a team's history shows, in the order it shows them.
const TEAM_FIELDS: [&str; 7] = [
    "name",
    "kind",
    "member_quota",
    "operating_since",
    "villages",
    "decision_no",
    "decided_on",
];

/// The longest decision number kept ("123/QĐ-UBND" and the like are a dozen characters).
const MAX_DECISION_CHARS: usize = 60;

fn view(t: Team) -> TeamSettingsView {
    TeamSettingsView {
        id: t.id,
        commune_id: t.commune_id,
        name: t.name,
        kind: t.kind,
        member_quota: t.member_quota,
        operating_since: t.operating_since,
        village_ids: t.village_ids,
        villages: t.villages,
        decision_no: t.decision_no,
        decided_on: t.decided_on,
    }
}

/// The request checked against the commune (`team`: the team being edited): returns the
/// settings to store.
async fn check(
    store: &dyn Store,
    commune_id: i64,
    team: Option<i64>,
    req: TeamRequest,
    now: DateTime<Utc>,
) -> Result<TeamSettings, ServiceError> {
    let name = check_name("name", &req.name)?;
    check_quota(req.kind, req.member_quota)?;
    if req.operating_since > local_date(now) {
        return Err(FieldError::new("operating_since", ErrorCode::DateInFuture).into());
    }
    let decision_no = req
        .decision_no
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if decision_no.chars().count() > MAX_DECISION_CHARS {
        return Err(FieldError::new("decision_no", ErrorCode::TooLong).into());
    }
    if req.decided_on.is_some_and(|d| d > local_date(now)) {
        return Err(FieldError::new("decided_on", ErrorCode::DateInFuture).into());
    }
    let mut village_ids = req.village_ids;
    village_ids.sort_unstable();
    village_ids.dedup();
    if village_ids.is_empty() {
        return Err(FieldError::new("village_ids", ErrorCode::Required).into());
    }
    // Each village is one of the commune's, not closed before the team begins.
    let villages = store.child_units(commune_id).await?;
    let known = |id: i64| {
        villages.iter().any(|v| {
            v.id == id
                && v.kind == OrgUnitKind::Village
                && v.valid_to.is_none_or(|to| req.operating_since <= to)
        })
    };
    if !village_ids.iter().all(|id| known(*id)) {
        return Err(FieldError::new("village_ids", ErrorCode::VillageNotInCommune).into());
    }
    // One name per team in the commune, and one team per village (seed 001 §II.2: "Mỗi
    // thôn thành lập 01 Tổ").
    let others = store.teams_under(commune_id).await?;
    if others
        .iter()
        .any(|o| Some(o.id) != team && same_name(&o.name, &name))
    {
        return Err(FieldError::new("name", ErrorCode::NameTaken).into());
    }
    if covered(store, commune_id, team)
        .await?
        .iter()
        .any(|(v, _)| village_ids.contains(v))
    {
        return Err(FieldError::new("village_ids", ErrorCode::VillageTaken).into());
    }
    Ok(TeamSettings {
        name,
        kind: req.kind,
        member_quota: req.member_quota,
        operating_since: req.operating_since,
        village_ids,
        decision_no,
        decided_on: req.decided_on,
    })
}

fn sorted(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids
}

/// Adds a team to a commune: its police, the province's, or an admin.
pub async fn add_team(
    store: &dyn Store,
    actor: &Actor,
    commune_id: i64,
    req: TeamRequest,
    now: DateTime<Utc>,
) -> Result<TeamSettingsView, ServiceError> {
    let commune = readable_unit(store, actor, commune_id).await?;
    if !actor.can_add_unit_under(&unit_scope(store, commune_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    if commune.kind != OrgUnitKind::Commune {
        return Err(FieldError::new("commune_id", ErrorCode::UnitKindNotAllowed).into());
    }
    let settings = check(store, commune_id, None, req, now).await?;
    let by = ChangedBy {
        user_id: actor.user_id,
        at: now,
    };
    Ok(view(store.add_team(commune_id, &settings, by).await?))
}

/// A team's settings, for whoever may read the team.
pub async fn settings(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
) -> Result<TeamSettingsView, ServiceError> {
    if !actor.can_read_team(&team_scope(store, id).await?) {
        return Err(ServiceError::Forbidden);
    }
    Ok(view(store.team(id).await?.ok_or(ServiceError::NotFound)?))
}

/// Changes a team's settings: the police above it, or an admin.
pub async fn edit_team(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    req: TeamRequest,
    now: DateTime<Utc>,
) -> Result<TeamSettingsView, ServiceError> {
    let scope = team_scope(store, id).await?;
    if !actor.can_keep_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let team = store.team(id).await?.ok_or(ServiceError::NotFound)?;
    let settings = check(store, team.commune_id, Some(id), req, now).await?;
    let unchanged = settings.name == team.name
        && settings.kind == team.kind
        && settings.member_quota == team.member_quota
        && settings.operating_since == team.operating_since
        && settings.village_ids == sorted(&team.village_ids)
        && settings.decision_no == team.decision_no
        && settings.decided_on == team.decided_on;
    if unchanged {
        // Nothing changed: no history entry for a form saved as it was.
        return Ok(view(team));
    }
    let by = ChangedBy {
        user_id: actor.user_id,
        at: now,
    };
    let team = store
        .edit_team(id, &settings, by)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(view(team))
}

/// The villages the commune's other teams (all but `team`) cover, with their names.
async fn covered(
    store: &dyn Store,
    commune_id: i64,
    team: Option<i64>,
) -> Result<Vec<(i64, String)>, ServiceError> {
    let mut covered = Vec::new();
    for other in store.teams_under(commune_id).await? {
        if Some(other.id) != team {
            let ids = store
                .team(other.id)
                .await?
                .map(|t| t.village_ids)
                .unwrap_or_default();
            covered.extend(ids.into_iter().map(|v| (v, other.name.clone())));
        }
    }
    Ok(covered)
}

/// The commune's open villages, each with the other team that covers it (`team`: the
/// team the form edits, whose own villages are free to it).
async fn choices(
    store: &dyn Store,
    commune_id: i64,
    team: Option<i64>,
    now: DateTime<Utc>,
) -> Result<Vec<VillageChoice>, ServiceError> {
    let covered = covered(store, commune_id, team).await?;
    let today = local_date(now);
    Ok(store
        .child_units(commune_id)
        .await?
        .into_iter()
        .filter(|v| v.kind == OrgUnitKind::Village && v.valid_to.is_none_or(|to| today <= to))
        .map(|v| VillageChoice {
            taken_by: covered
                .iter()
                .find(|(id, _)| *id == v.id)
                .map(|(_, n)| n.clone()),
            id: v.id,
            name: v.name,
        })
        .collect())
}

/// The form for a new team of the commune, for those who may add one.
pub async fn new_form(
    store: &dyn Store,
    actor: &Actor,
    commune_id: i64,
    now: DateTime<Utc>,
) -> Result<TeamFormView, ServiceError> {
    let commune = readable_unit(store, actor, commune_id).await?;
    if !actor.can_add_unit_under(&unit_scope(store, commune_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    if commune.kind != OrgUnitKind::Commune {
        return Err(ServiceError::NotFound);
    }
    Ok(TeamFormView {
        villages: choices(store, commune_id, None, now).await?,
        commune_id,
        commune_name: commune.name,
        team: None,
    })
}

/// The form for a team's settings, for those who keep them.
pub async fn edit_form(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    now: DateTime<Utc>,
) -> Result<TeamFormView, ServiceError> {
    if !actor.can_keep_team(&team_scope(store, id).await?) {
        return Err(ServiceError::Forbidden);
    }
    let team = store.team(id).await?.ok_or(ServiceError::NotFound)?;
    let commune = store
        .org_unit(team.commune_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(TeamFormView {
        villages: choices(store, team.commune_id, Some(id), now).await?,
        commune_id: team.commune_id,
        commune_name: commune.name,
        team: Some(view(team)),
    })
}

/// A team's history, newest first, for whoever may read the team.
pub async fn history(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
) -> Result<Vec<ChangeView>, ServiceError> {
    if !actor.can_read_team(&team_scope(store, id).await?) {
        return Err(ServiceError::Forbidden);
    }
    super::history::changes(store, Subject::Team, id, &TEAM_FIELDS).await
}
