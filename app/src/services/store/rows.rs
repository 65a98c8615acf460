//! What the store reads and writes: the hierarchy, people, sessions and records.

use super::error::StoreError;
use crate::domain::records::RecordBody;
use crate::domain::roster::RosterEntry;
use crate::domain::{OrgUnitKind, Role, TeamKind};
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOrgUnit {
    pub parent_id: Option<i64>,
    pub kind: OrgUnitKind,
    pub name: String,
    pub code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgUnit {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgUnitKind,
    pub name: String,
    pub code: Option<String>,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
    /// A commune of the mountains, the border, an island or an ethnic-minority area,
    /// where primary schooling is enough to serve (Law 30/2023 Art. 13).
    pub remote: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTeam {
    pub commune_id: i64,
    pub name: String,
    pub kind: TeamKind,
    pub member_quota: i32,
    pub operating_since: NaiveDate,
    pub village_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub id: i64,
    pub commune_id: i64,
    pub name: String,
    pub kind: TeamKind,
    pub member_quota: i32,
    pub operating_since: NaiveDate,
    /// The villages or residential groups the team covers, by name.
    pub villages: Vec<String>,
    /// Their ids, in the same order.
    pub village_ids: Vec<i64>,
    /// The number and date of the decision that founded the team ("" and none if unknown).
    pub decision_no: String,
    pub decided_on: Option<NaiveDate>,
}

/// A team with its commune's name and its current headcount, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamListing {
    pub id: i64,
    pub name: String,
    pub kind: TeamKind,
    pub commune_id: i64,
    pub commune_name: String,
    pub member_quota: i32,
    pub member_count: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMember {
    pub team_id: i64,
    pub user_id: Option<i64>,
    pub entry: RosterEntry,
    pub joined_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: i64,
    pub team_id: i64,
    pub user_id: Option<i64>,
    pub entry: RosterEntry,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
    pub leave_reason: Option<crate::domain::selection::LeaveReason>,
    pub leave_note: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub phone: String,
    pub full_name: String,
    pub password_hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub phone: String,
    pub full_name: String,
    pub password_hash: String,
    pub disabled: bool,
    /// Set while the account holds a password someone else chose (a new member's initial
    /// one, a reset): it holds no role until its owner chooses their own.
    pub must_change_password: bool,
}

/// A role that is not a team position (team positions come from the roster).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleGrant {
    CommunePolice { commune_id: i64 },
    ProvincePolice { province_id: i64 },
    Admin,
}

impl RoleGrant {
    pub fn role(self) -> Role {
        match self {
            RoleGrant::CommunePolice { commune_id } => Role::CommunePolice { commune_id },
            RoleGrant::ProvincePolice { province_id } => Role::ProvincePolice { province_id },
            RoleGrant::Admin => Role::Admin,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token_hash: String,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A throttle key's count, this attempt included, and when the attempt before it was made
/// (none when this one opened the window).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginAttempts {
    pub count: i64,
    pub previous_at: Option<DateTime<Utc>>,
}

/// A stored record: the kind's fields as JSON in `body`, the rest as columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordRow {
    pub id: String,
    pub team_id: i64,
    pub kind: String,
    pub author_id: i64,
    pub occurred_at: DateTime<Utc>,
    /// `yyyy-mm`, Vietnam time.
    pub month: String,
    pub body: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl RecordRow {
    /// The kind's fields, read from the JSON the store keeps.
    pub fn decoded_body(&self) -> Result<RecordBody, StoreError> {
        decode_body(&self.body)
    }
}

/// The one place a stored record body is read back, on both sides of the seam.
pub fn decode_body(text: &str) -> Result<RecordBody, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("record body: {e}")))
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RecordFilter {
    pub kind: Option<String>,
    pub month: Option<String>,
    pub author_id: Option<i64>,
    /// At most this many, newest first.
    pub limit: Option<i64>,
}

/// One change to a record: who, when, and the body before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<Utc>,
    pub user_id: i64,
    pub action: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRow {
    pub id: String,
    pub record_id: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
    pub author_id: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedMutation {
    pub user_id: i64,
    pub record_id: String,
}

/// A photo without its bytes, for listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoInfo {
    pub id: String,
    pub content_type: String,
    pub size: i64,
}

/// A photo arriving in pieces, as far as it has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoUpload {
    pub photo_id: String,
    pub record_id: String,
    pub user_id: i64,
    pub content_type: String,
    pub total: i64,
    pub received: i64,
}

/// A tip's informant as stored: never part of the record row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InformantRow {
    pub name: String,
    pub phone: Option<String>,
}

/// One write that set or changed a tip's informant: `action` is `set` (there was none,
/// or an anonymous one) or `change`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InformantChange {
    pub at: DateTime<Utc>,
    pub user_id: i64,
    pub action: String,
}

impl InformantRow {
    /// An informant who gave no name and no phone is anonymous: as if none were stored.
    pub fn is_anonymous(&self) -> bool {
        self.name.trim().is_empty() && self.phone.as_deref().is_none_or(|p| p.trim().is_empty())
    }
}
