//! The store seam: everything the services need from a database, implemented for
//! SQLite and PostgreSQL in the server crate and checked by one contract suite.

use crate::domain::roster::RosterEntry;
use crate::domain::Category;
use crate::domain::{OrgUnitKind, Role, TeamKind};
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StoreError {
    /// A uniqueness or reference rule of the schema refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("stored data does not decode: {0}")]
    Corrupt(String),
    /// The team's month was handed in: its records are locked until it is reopened.
    #[error("month {0} is signed off")]
    MonthLocked(String),
    #[error("database error: {0}")]
    Backend(String),
}

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
    /// Names of the villages or residential groups the team covers.
    pub villages: Vec<String>,
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

#[async_trait]
pub trait Store:
    RecordStore + super::indicator_store::IndicatorStore + super::signoff_store::SignoffStore
{
    /// "sqlite" or "postgres", for health reports and logs.
    fn backend(&self) -> &'static str;
    async fn ping(&self) -> Result<(), StoreError>;
    /// True when no org unit and no user exists yet (a brand-new database).
    async fn is_empty(&self) -> Result<bool, StoreError>;

    async fn insert_org_unit(&self, unit: &NewOrgUnit) -> Result<i64, StoreError>;
    async fn org_unit(&self, id: i64) -> Result<Option<OrgUnit>, StoreError>;
    async fn child_units(&self, id: i64) -> Result<Vec<OrgUnit>, StoreError>;
    async fn root_units(&self) -> Result<Vec<OrgUnit>, StoreError>;
    /// The unit itself, then its parent, up to the root. Empty if it does not exist.
    async fn unit_and_above(&self, id: i64) -> Result<Vec<i64>, StoreError>;

    async fn insert_team(&self, team: &NewTeam) -> Result<i64, StoreError>;
    async fn team(&self, id: i64) -> Result<Option<Team>, StoreError>;
    /// Every team whose commune lies in the subtree of `unit_id`.
    async fn teams_under(&self, unit_id: i64) -> Result<Vec<TeamListing>, StoreError>;

    async fn insert_member(&self, member: &NewMember) -> Result<i64, StoreError>;
    /// Current members (not left), leader first.
    async fn team_members(&self, team_id: i64) -> Result<Vec<Member>, StoreError>;

    async fn insert_user(&self, user: &NewUser) -> Result<i64, StoreError>;
    async fn user(&self, id: i64) -> Result<Option<User>, StoreError>;
    async fn user_by_phone(&self, phone: &str) -> Result<Option<User>, StoreError>;
    async fn set_password_hash(&self, user_id: i64, hash: &str) -> Result<(), StoreError>;
    async fn grant_role(&self, user_id: i64, grant: RoleGrant) -> Result<(), StoreError>;
    /// Granted roles plus a team role for every current roster entry linked to the user.
    async fn roles_of(&self, user_id: i64) -> Result<Vec<Role>, StoreError>;

    async fn insert_session(&self, session: &NewSession) -> Result<(), StoreError>;
    async fn session_user(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError>;
    async fn delete_session(&self, token_hash: &str) -> Result<(), StoreError>;
    /// Ends every session of the user except `keep`; returns how many ended.
    async fn delete_sessions_except(
        &self,
        user_id: i64,
        keep: Option<&str>,
    ) -> Result<u64, StoreError>;

    /// Counts one more sign-in attempt against `key` in a single statement, so that
    /// parallel attempts each count; the count starts again when its window began before
    /// `window_cutoff`.
    async fn count_login_attempt(
        &self,
        key: &str,
        now: DateTime<Utc>,
        window_cutoff: DateTime<Utc>,
    ) -> Result<LoginAttempts, StoreError>;
    async fn clear_login_attempts(&self, key: &str) -> Result<(), StoreError>;
    /// Removes sessions that have expired, sign-in counts last raised before `failures_before` and
    /// photos left half-sent for `photo::UNFINISHED_KEPT_DAYS`; returns how many rows went.
    async fn purge_expired(
        &self,
        now: DateTime<Utc>,
        failures_before: DateTime<Utc>,
    ) -> Result<u64, StoreError>;
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

/// The record operations of the store; every write is audited in the same transaction.
#[async_trait]
pub trait RecordStore: Send + Sync + 'static {
    /// `mutation` is the id of the phone's mutation that made this write, kept with it.
    async fn insert_record(
        &self,
        row: &RecordRow,
        informant: Option<&InformantRow>,
        mutation: Option<&str>,
    ) -> Result<(), StoreError>;
    async fn record(&self, id: &str) -> Result<Option<RecordRow>, StoreError>;
    /// The team's records that are not deleted, newest first.
    async fn records(
        &self,
        team_id: i64,
        filter: &RecordFilter,
    ) -> Result<Vec<RecordRow>, StoreError>;
    /// Replaces body and bumps the version if it still is `expected_version`; false if not.
    async fn update_record(
        &self,
        row: &RecordRow,
        expected_version: i64,
        informant: Option<&InformantRow>,
        user_id: i64,
        mutation: Option<&str>,
    ) -> Result<bool, StoreError>;
    async fn delete_record(
        &self,
        id: &str,
        expected_version: i64,
        at: DateTime<Utc>,
        user_id: i64,
        mutation: Option<&str>,
    ) -> Result<bool, StoreError>;
    /// Who applied a pushed mutation, and to which record, if it was applied.
    async fn applied_mutation(&self, id: &str) -> Result<Option<AppliedMutation>, StoreError>;
    /// The team's records changed after change number `after` (deleted ones too), with
    /// their change numbers, oldest change first.
    async fn changes(
        &self,
        team_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, RecordRow)>, StoreError>;
    async fn informant(&self, record_id: &str) -> Result<Option<InformantRow>, StoreError>;
    /// Who set or changed a tip's informant and when, oldest first (never the values).
    async fn informant_audit(&self, record_id: &str) -> Result<Vec<InformantChange>, StoreError>;
    async fn record_history(&self, record_id: &str) -> Result<Vec<AuditEntry>, StoreError>;
    /// Stores a photo, and drops the pieces it arrived in, if it came in pieces.
    async fn insert_photo(&self, photo: &PhotoRow) -> Result<(), StoreError>;
    async fn photo_upload(&self, photo_id: &str) -> Result<Option<PhotoUpload>, StoreError>;
    /// How many photos of the record are arriving in pieces, other than `except`.
    async fn unfinished_uploads(&self, record_id: &str, except: &str) -> Result<i64, StoreError>;
    /// Adds the piece that starts at `position`, beginning the upload if it is new. False,
    /// with nothing written, when the upload holds other than `position` bytes by then or
    /// was begun for another record, person, type or size.
    async fn append_photo_piece(
        &self,
        upload: &PhotoUpload,
        position: i64,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// The pieces received so far, joined in order.
    async fn photo_upload_bytes(&self, photo_id: &str) -> Result<Vec<u8>, StoreError>;
    async fn discard_photo_upload(&self, photo_id: &str) -> Result<(), StoreError>;
    async fn photo(&self, id: &str) -> Result<Option<PhotoRow>, StoreError>;
    async fn photos_of(&self, record_id: &str) -> Result<Vec<PhotoInfo>, StoreError>;
    /// The active incident and tip-off categories, by domain, then in list order.
    async fn categories(&self) -> Result<Vec<Category>, StoreError>;
    /// Public holidays, oldest first.
    async fn holidays(&self) -> Result<Vec<NaiveDate>, StoreError>;
}
