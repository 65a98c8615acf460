//! Reading the hierarchy: home screens, teams and units, each behind the access rules.

use super::store::{Member, OrgUnit, Store, Team, TeamListing};
use super::ServiceError;
use crate::domain::access::UnitScope;
use crate::domain::lang::Lang;
use crate::domain::team_structure::{structure_warnings, Seat, StructureWarning};
use crate::domain::{Actor, OrgUnitKind, Role, TeamScope};
use crate::dto::log::Person;
use crate::dto::views::{HomeView, MeView, MemberView, TeamCard, TeamView, UnitSummary, UnitView};

pub async fn team_scope(store: &dyn Store, team_id: i64) -> Result<TeamScope, ServiceError> {
    let team = store.team(team_id).await?.ok_or(ServiceError::NotFound)?;
    Ok(TeamScope {
        team_id,
        units_above: store.unit_and_above(team.commune_id).await?,
    })
}

pub(crate) async fn unit_scope(store: &dyn Store, unit_id: i64) -> Result<UnitScope, ServiceError> {
    let self_and_above = store.unit_and_above(unit_id).await?;
    if self_and_above.is_empty() {
        return Err(ServiceError::NotFound);
    }
    Ok(UnitScope {
        unit_id,
        self_and_above,
    })
}

fn card(t: TeamListing, actor: &Actor) -> TeamCard {
    let position = actor.roles.iter().find_map(|r| match *r {
        Role::Team { team_id, position } if team_id == t.id => Some(position),
        _ => None,
    });
    TeamCard {
        id: t.id,
        name: t.name,
        kind: t.kind,
        commune_name: t.commune_name,
        member_quota: t.member_quota,
        member_count: t.member_count,
        position,
        warning: None,
    }
}

/// A commune's team on its police's list, with what its make-up lacks worded for them. A
/// query per team: a commune has a dozen or two.
async fn kept_card(
    store: &dyn Store,
    t: TeamListing,
    actor: &Actor,
    lang: Lang,
) -> Result<TeamCard, ServiceError> {
    let members = store.team_members(t.id).await?;
    let quota = usize::try_from(t.member_quota).unwrap_or_default();
    let warnings = structure_warnings(t.kind, quota, &seats(&members));
    let mut c = card(t, actor);
    c.warning = warnings.first().map(|w| match warnings.len() - 1 {
        0 => lang.setup().warning(*w),
        more => format!("{} (+{more})", lang.setup().warning(*w)),
    });
    Ok(c)
}

fn seats(members: &[Member]) -> Vec<Seat> {
    members
        .iter()
        .map(|m| Seat {
            position: m.entry.position,
            has_account: m.user_id.is_some(),
            has_area: m.entry.area_id.is_some(),
        })
        .collect()
}

/// What a team's make-up lacks (no leader, too few, members without an account …).
fn warnings_of(team: &Team, members: &[Member]) -> Vec<StructureWarning> {
    let quota = usize::try_from(team.member_quota).unwrap_or_default();
    structure_warnings(team.kind, quota, &seats(members))
}

pub async fn me(store: &dyn Store, actor: &Actor) -> Result<MeView, ServiceError> {
    let user = store
        .user(actor.user_id)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    Ok(MeView {
        user_id: user.id,
        full_name: user.full_name,
        phone: user.phone,
        roles: actor.roles.clone(),
        must_change_password: user.must_change_password,
    })
}

/// A unit with its children and teams. Refused unless the actor's police role covers it.
/// A unit the actor's police role covers, or why not.
pub(crate) async fn readable_unit(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
) -> Result<OrgUnit, ServiceError> {
    let scope = unit_scope(store, unit_id).await?;
    if !actor.can_read_unit(&scope) {
        return Err(ServiceError::Forbidden);
    }
    store.org_unit(unit_id).await?.ok_or(ServiceError::NotFound)
}

/// A commune (its teams, each with what its make-up lacks, worded in `lang`) or a
/// province (its communes), for the police who read it.
pub async fn unit(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    lang: Lang,
) -> Result<UnitView, ServiceError> {
    let unit = readable_unit(store, actor, unit_id).await?;
    let mut children = Vec::new();
    for child in store.child_units(unit_id).await? {
        if child.kind == OrgUnitKind::Village {
            continue;
        }
        let teams = store.teams_under(child.id).await?;
        children.push(UnitSummary {
            id: child.id,
            name: child.name,
            kind: child.kind,
            team_count: teams.len() as i64,
            member_count: teams.iter().map(|t| t.member_count).sum(),
        });
    }
    let mut teams = Vec::new();
    if unit.kind == OrgUnitKind::Commune {
        for t in store.teams_under(unit_id).await? {
            teams.push(kept_card(store, t, actor, lang).await?);
        }
    }
    Ok(UnitView {
        id: unit.id,
        name: unit.name,
        kind: unit.kind,
        children,
        teams,
    })
}

pub async fn home(store: &dyn Store, actor: &Actor, lang: Lang) -> Result<HomeView, ServiceError> {
    let mut my_teams = Vec::new();
    let mut communes = Vec::new();
    let mut provinces = Vec::new();
    for role in &actor.roles {
        match *role {
            Role::Team { team_id, .. } => {
                let team = store.team(team_id).await?.ok_or(ServiceError::NotFound)?;
                if let Some(listing) = store
                    .teams_under(team.commune_id)
                    .await?
                    .into_iter()
                    .find(|t| t.id == team_id)
                {
                    my_teams.push(card(listing, actor));
                }
            }
            Role::CommunePolice { commune_id } => {
                communes.push(unit(store, actor, commune_id, lang).await?)
            }
            Role::ProvincePolice { province_id } => {
                provinces.push(unit(store, actor, province_id, lang).await?)
            }
            Role::Admin => {}
        }
    }
    if actor.is_admin() {
        for root in store.root_units().await? {
            provinces.push(unit(store, actor, root.id, lang).await?);
        }
    }
    Ok(HomeView {
        me: me(store, actor).await?,
        my_teams,
        communes,
        provinces,
        is_admin: actor.is_admin(),
        notices: Vec::new(),
    })
}

fn member_view(m: Member, with_details: bool, team: &Team) -> MemberView {
    let area = m.entry.area_id.and_then(|a| {
        let i = team.village_ids.iter().position(|v| *v == a)?;
        team.villages.get(i).cloned()
    });
    MemberView {
        area,
        id: m.id,
        full_name: m.entry.full_name.clone(),
        position: m.entry.position,
        phone: m.entry.phone.clone(),
        joined_on: m.joined_on,
        details: with_details.then_some(m.entry),
    }
}

/// A team and its roster. Members see names, positions and phones; those who
/// manage the team also see the personal roster fields.
pub async fn team(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
) -> Result<TeamView, ServiceError> {
    let scope = team_scope(store, team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let can_manage = actor.can_manage_team(&scope);
    let team = store.team(team_id).await?.ok_or(ServiceError::NotFound)?;
    let commune = store
        .org_unit(team.commune_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let members = store.team_members(team_id).await?;
    let warnings = warnings_of(&team, &members);
    let member_views = members
        .into_iter()
        .map(|m| member_view(m, can_manage, &team))
        .collect();
    Ok(TeamView {
        warnings,
        id: team.id,
        name: team.name,
        kind: team.kind,
        commune_id: team.commune_id,
        commune_name: commune.name,
        member_quota: team.member_quota,
        operating_since: team.operating_since,
        villages: team.villages,
        decision_no: team.decision_no,
        decided_on: team.decided_on,
        members: member_views,
        can_manage,
        can_keep: actor.can_keep_team(&scope),
    })
}

impl From<crate::services::store::Member> for Person {
    fn from(m: crate::services::store::Member) -> Self {
        Person {
            id: m.id,
            user_id: m.user_id,
            name: m.entry.full_name,
        }
    }
}
