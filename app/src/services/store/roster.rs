//! The store seam's writes of the commune's own data: units, teams and members, each with
//! its history entry in the same transaction.

use super::error::StoreError;
use super::rows::{Member, NewOrgUnit, OrgUnit, Team};
use crate::domain::history::{ChangeAction, Subject};
use crate::domain::roster::RosterEntry;
use crate::domain::selection::LeaveReason;
use crate::domain::TeamKind;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// Who made a change and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChangedBy {
    pub user_id: i64,
    pub at: DateTime<Utc>,
}

/// A unit's name and dates, as an edit leaves them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitEdit {
    pub name: String,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    pub remote: bool,
}

/// One entry of a subject's history: the subject's fields after the change, as a JSON
/// object, and who made it.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub action: ChangeAction,
    pub detail: serde_json::Map<String, serde_json::Value>,
    pub by_user_id: i64,
    pub by_name: String,
    pub at: DateTime<Utc>,
}

/// The fields of a unit its history keeps.
pub fn unit_detail(u: &OrgUnit) -> serde_json::Map<String, serde_json::Value> {
    let date = |d: NaiveDate| crate::domain::iso_date::format(d);
    let mut m = serde_json::Map::new();
    m.insert("name".into(), u.name.clone().into());
    m.insert("valid_from".into(), date(u.valid_from).into());
    m.insert("valid_to".into(), u.valid_to.map(date).into());
    // A "no" is stored as nothing, so that a new place's history lists what it has.
    if u.remote {
        m.insert("remote".into(), true.into());
    }
    m
}

/// A team's settings as the commune keeps them: a new team's, or what an edit leaves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSettings {
    pub name: String,
    pub kind: TeamKind,
    pub member_quota: i32,
    pub operating_since: NaiveDate,
    pub village_ids: Vec<i64>,
    pub decision_no: String,
    pub decided_on: Option<NaiveDate>,
}

/// The fields of a team its history keeps (its villages by name).
pub fn team_detail(t: &Team) -> serde_json::Map<String, serde_json::Value> {
    let date = |d: NaiveDate| crate::domain::iso_date::format(d);
    let mut m = serde_json::Map::new();
    m.insert("name".into(), t.name.clone().into());
    m.insert("kind".into(), t.kind.as_str().into());
    m.insert("member_quota".into(), t.member_quota.into());
    m.insert("operating_since".into(), date(t.operating_since).into());
    m.insert("villages".into(), t.villages.join(", ").into());
    m.insert("decision_no".into(), t.decision_no.clone().into());
    m.insert("decided_on".into(), t.decided_on.map(date).into());
    m
}

/// The sign-in a new member gets: none (no phone), the account their phone already has,
/// or a new one that must choose its own password at first sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MemberAccount {
    None,
    Existing(i64),
    New {
        phone: String,
        password_hash: String,
    },
}

/// How a member's service ends (Law 30/2023 Art. 17): the last day they count, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leaving {
    pub left_on: NaiveDate,
    pub reason: LeaveReason,
    pub note: String,
}

/// The member who takes a leaving member's place: their entry, first day and sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Newcomer {
    pub entry: RosterEntry,
    pub joined_on: NaiveDate,
    pub account: MemberAccount,
}

/// The fields of a member its history keeps: the roster entry, and how they left.
pub fn member_detail(m: &Member) -> serde_json::Map<String, serde_json::Value> {
    let date = |d: Option<NaiveDate>| d.map(crate::domain::iso_date::format);
    let e = &m.entry;
    let approval = e.age_approval.as_ref();
    let mut d = serde_json::Map::new();
    let mut put = |k: &str, v: serde_json::Value| {
        d.insert(k.into(), v);
    };
    put("full_name", e.full_name.clone().into());
    put("date_of_birth", date(e.date_of_birth).into());
    put("gender", e.gender.map(|g| g.as_str()).into());
    put("residence", e.residence.clone().into());
    put("resident_since", date(e.resident_since).into());
    put("phone", e.phone.clone().into());
    put("position", e.position.as_str().into());
    put("origin", e.origin.map(|o| o.as_str()).into());
    // A "no" is stored as nothing, so that a new member's history lists what they have.
    let yes = |b: bool| {
        if b {
            true.into()
        } else {
            serde_json::Value::Null
        }
    };
    put("party_member", yes(e.party_member));
    put("education", e.education.map(|x| x.as_str()).into());
    put(
        "approved_by",
        approval.map(|a| a.approved_by.clone()).into(),
    );
    put(
        "approval_decision_no",
        approval.map(|a| a.decision_no.clone()).into(),
    );
    put("approved_on", date(approval.map(|a| a.approved_on)).into());
    put("appointed_on", date(e.appointed_on).into());
    put("decision_no", e.decision_no.clone().into());
    put("certificate_no", e.certificate_no.clone().into());
    put("certificate_on", date(e.certificate_on).into());
    put("badge_issued", yes(e.badge_issued));
    put("equipment", e.equipment.clone().into());
    put("training", e.training.clone().into());
    put("area_id", e.area_id.into());
    put("joined_on", date(Some(m.joined_on)).into());
    put("left_on", date(m.left_on).into());
    put("leave_reason", m.leave_reason.map(|r| r.as_str()).into());
    put("leave_note", m.leave_note.clone().into());
    d
}

/// The team an imported member joins: one of the commune's, or one the import adds
/// (by its place in `RosterImport::new_teams`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRef {
    Existing(i64),
    New(usize),
}

/// A member a roster file adds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedMember {
    pub team: TeamRef,
    pub entry: RosterEntry,
    pub joined_on: NaiveDate,
    pub account: MemberAccount,
}

/// A member already on the roster whose entry a roster file changes (`with_account`: the
/// sign-in's name and phone follow, as in an edit on screen).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedEdit {
    pub member_id: i64,
    pub entry: RosterEntry,
    pub with_account: bool,
}

/// A commune's roster file as the service has checked it, written in one transaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterImport {
    pub commune_id: i64,
    pub new_teams: Vec<TeamSettings>,
    pub added: Vec<ImportedMember>,
    pub edited: Vec<ImportedEdit>,
}

#[async_trait]
pub trait RosterStore: Send + Sync + 'static {
    /// Adds the unit and its first history entry; returns it as stored.
    async fn add_unit(&self, unit: &NewOrgUnit, by: ChangedBy) -> Result<OrgUnit, StoreError>;
    /// Changes the unit's name and dates and notes it; `None` when there is no such unit.
    async fn edit_unit(
        &self,
        id: i64,
        edit: &UnitEdit,
        by: ChangedBy,
    ) -> Result<Option<OrgUnit>, StoreError>;
    /// Adds a team to the commune, placed there from the start, and notes it.
    async fn add_team(
        &self,
        commune_id: i64,
        team: &TeamSettings,
        by: ChangedBy,
    ) -> Result<Team, StoreError>;
    /// Changes a team's settings and villages and notes it; `None` when there is no such team.
    async fn edit_team(
        &self,
        id: i64,
        team: &TeamSettings,
        by: ChangedBy,
    ) -> Result<Option<Team>, StoreError>;
    /// Adds a member to the team with their account (created here when new, in the same
    /// transaction) and notes it.
    async fn add_member(
        &self,
        team_id: i64,
        entry: &RosterEntry,
        joined_on: NaiveDate,
        account: &MemberAccount,
        by: ChangedBy,
    ) -> Result<Member, StoreError>;
    /// A roster entry, current or past.
    async fn member(&self, id: i64) -> Result<Option<Member>, StoreError>;
    /// Changes a member's roster entry (and, `with_account`, their account's name and
    /// phone) and notes it; `None` when there is no such member.
    async fn edit_member(
        &self,
        id: i64,
        entry: &RosterEntry,
        with_account: bool,
        by: ChangedBy,
    ) -> Result<Option<Member>, StoreError>;
    /// Ends a member's service (their records stay) and, `end_sessions`, every session of
    /// their account, and notes it; `None` when there is no such current member.
    async fn leave_member(
        &self,
        id: i64,
        leaving: &Leaving,
        end_sessions: bool,
        by: ChangedBy,
    ) -> Result<Option<Member>, StoreError>;
    /// Ends a member's service and adds the one who replaces them to the same team, in one
    /// transaction: both or neither. `None` when there is no such current member.
    async fn replace_member(
        &self,
        id: i64,
        leaving: &Leaving,
        end_sessions: bool,
        newcomer: &Newcomer,
        by: ChangedBy,
    ) -> Result<Option<(Member, Member)>, StoreError>;
    /// Moves a current member to another team from a day: their entry in the old team
    /// ends the day before (reason `Transferred`), a new one with the same entry and
    /// account begins in the new team that day; both or neither. `None` when there is no
    /// such current member.
    async fn transfer_member(
        &self,
        id: i64,
        to_team: i64,
        entry: &RosterEntry,
        from: NaiveDate,
        by: ChangedBy,
    ) -> Result<Option<(Member, Member)>, StoreError>;
    /// Sets a new password on the member's account that must be changed at the next
    /// sign-in, ends its sessions and notes it (without the password). False when the
    /// member has no account.
    async fn reset_member_password(
        &self,
        id: i64,
        password_hash: &str,
        by: ChangedBy,
    ) -> Result<bool, StoreError>;
    /// Writes a roster file in one transaction, each team and member noted as on screen:
    /// all of it or, on any failure (a phone another account took meanwhile), nothing.
    async fn import_roster(&self, import: &RosterImport, by: ChangedBy) -> Result<(), StoreError>;
    /// The subject's history, oldest first.
    async fn history_of(&self, subject: Subject, id: i64) -> Result<Vec<HistoryEntry>, StoreError>;
}
