//! Rows of the hierarchy, people and their roles.

use super::{corrupt, known};
use app::domain::roster::{Gender, Origin, RosterEntry};
use app::domain::selection::{AgeApproval, Education, LeaveReason};
use app::domain::{OrgUnitKind, Position, Role, TeamKind};
use app::services::store::{Member, OrgUnit, StoreError, Team, TeamListing, User};
use chrono::NaiveDate;
use sqlx::FromRow;

#[derive(FromRow)]
pub(crate) struct UnitRow {
    id: i64,
    parent_id: Option<i64>,
    kind: String,
    name: String,
    code: Option<String>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    remote: bool,
}

impl TryFrom<UnitRow> for OrgUnit {
    type Error = StoreError;

    fn try_from(r: UnitRow) -> Result<Self, StoreError> {
        Ok(OrgUnit {
            id: r.id,
            parent_id: r.parent_id,
            kind: known("org unit kind", &r.kind, OrgUnitKind::parse)?,
            name: r.name,
            code: r.code,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            remote: r.remote,
        })
    }
}

/// A team without its villages, which come from a query of their own.
#[derive(FromRow)]
pub(crate) struct TeamRow {
    id: i64,
    commune_id: i64,
    name: String,
    kind: String,
    member_quota: i32,
    operating_since: NaiveDate,
    decision_no: String,
    decided_on: Option<NaiveDate>,
}

impl TeamRow {
    /// The team with the villages it covers, as (id, name) in name order.
    pub(crate) fn into_team(self, villages: Vec<(i64, String)>) -> Result<Team, StoreError> {
        let (village_ids, villages) = villages.into_iter().unzip();
        Ok(Team {
            id: self.id,
            commune_id: self.commune_id,
            name: self.name,
            kind: known("team kind", &self.kind, TeamKind::parse)?,
            member_quota: self.member_quota,
            operating_since: self.operating_since,
            villages,
            village_ids,
            decision_no: self.decision_no,
            decided_on: self.decided_on,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct TeamListingRow {
    id: i64,
    name: String,
    kind: String,
    commune_id: i64,
    commune_name: String,
    member_quota: i32,
    member_count: i64,
}

impl TryFrom<TeamListingRow> for TeamListing {
    type Error = StoreError;

    fn try_from(r: TeamListingRow) -> Result<Self, StoreError> {
        Ok(TeamListing {
            id: r.id,
            name: r.name,
            kind: known("team kind", &r.kind, TeamKind::parse)?,
            commune_id: r.commune_id,
            commune_name: r.commune_name,
            member_quota: r.member_quota,
            member_count: r.member_count,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct MemberRow {
    id: i64,
    team_id: i64,
    user_id: Option<i64>,
    full_name: String,
    date_of_birth: Option<NaiveDate>,
    residence: String,
    phone: Option<String>,
    position: String,
    origin: Option<String>,
    party_member: bool,
    education: String,
    appointed_on: Option<NaiveDate>,
    decision_no: String,
    certificate_no: String,
    badge_issued: bool,
    equipment: String,
    training: String,
    joined_on: NaiveDate,
    left_on: Option<NaiveDate>,
    gender: Option<String>,
    resident_since: Option<NaiveDate>,
    age_approved_by: Option<String>,
    age_approval_no: Option<String>,
    age_approved_on: Option<NaiveDate>,
    certificate_on: Option<NaiveDate>,
    area_id: Option<i64>,
    leave_reason: Option<String>,
    leave_note: String,
}

impl TryFrom<MemberRow> for Member {
    type Error = StoreError;

    fn try_from(r: MemberRow) -> Result<Self, StoreError> {
        let origin = match &r.origin {
            Some(o) => Some(known("origin", o, Origin::parse)?),
            None => None,
        };
        let gender = match &r.gender {
            Some(g) => Some(known("gender", g, Gender::parse)?),
            None => None,
        };
        let leave_reason = match &r.leave_reason {
            Some(l) => Some(known("leave reason", l, LeaveReason::parse)?),
            None => None,
        };
        // The approval is recorded whole or not at all (the service checks it whole).
        let age_approval = match (r.age_approved_by, r.age_approval_no, r.age_approved_on) {
            (Some(approved_by), Some(decision_no), Some(approved_on)) => Some(AgeApproval {
                approved_by,
                decision_no,
                approved_on,
            }),
            _ => None,
        };
        Ok(Member {
            id: r.id,
            team_id: r.team_id,
            user_id: r.user_id,
            leave_reason,
            leave_note: r.leave_note,
            entry: RosterEntry {
                full_name: r.full_name,
                date_of_birth: r.date_of_birth,
                gender,
                resident_since: r.resident_since,
                age_approval,
                certificate_on: r.certificate_on,
                area_id: r.area_id,
                residence: r.residence,
                phone: r.phone,
                position: known("position", &r.position, Position::parse)?,
                origin,
                party_member: r.party_member,
                // Older rows hold what was typed ("9/12", "THCS"); new ones a level's code.
                education: Education::read(&r.education),
                appointed_on: r.appointed_on,
                decision_no: r.decision_no,
                certificate_no: r.certificate_no,
                badge_issued: r.badge_issued,
                equipment: r.equipment,
                training: r.training,
            },
            joined_on: r.joined_on,
            left_on: r.left_on,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct UserRow {
    id: i64,
    phone: String,
    full_name: String,
    password_hash: String,
    disabled: bool,
    must_change_password: bool,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> Self {
        User {
            id: r.id,
            phone: r.phone,
            full_name: r.full_name,
            password_hash: r.password_hash,
            disabled: r.disabled,
            must_change_password: r.must_change_password,
        }
    }
}

/// A current roster entry of a user, which makes them a team's member, deputy or leader.
#[derive(FromRow)]
pub(crate) struct TeamRoleRow {
    team_id: i64,
    position: String,
}

impl TryFrom<TeamRoleRow> for Role {
    type Error = StoreError;

    fn try_from(r: TeamRoleRow) -> Result<Self, StoreError> {
        Ok(Role::Team {
            team_id: r.team_id,
            position: known("position", &r.position, Position::parse)?,
        })
    }
}

#[derive(FromRow)]
pub(crate) struct GrantRow {
    role: String,
    org_unit_id: Option<i64>,
}

impl TryFrom<GrantRow> for Role {
    type Error = StoreError;

    fn try_from(r: GrantRow) -> Result<Self, StoreError> {
        match (r.role.as_str(), r.org_unit_id) {
            ("commune_police", Some(commune_id)) => Ok(Role::CommunePolice { commune_id }),
            ("province_police", Some(province_id)) => Ok(Role::ProvincePolice { province_id }),
            ("admin", _) => Ok(Role::Admin),
            _ => Err(corrupt("role grant", &r.role)),
        }
    }
}
