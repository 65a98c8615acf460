//! The store seam: everything the services need from a database, implemented for
//! SQLite and PostgreSQL in the server crate and checked by one contract suite.
//! The seam is cut by feature: the hierarchy, people and sessions here, records in
//! `records`, counting in `indicators`, the month's sign-off in `signoff`, the commune's
//! own data as its officers keep it in `roster`, its police accounts in `police`,
//! mergers and splits of places in `places`.

mod error;
pub mod indicators;
pub mod places;
pub mod police;
mod records;
pub mod roster;
mod rows;
pub mod signoff;

pub use error::StoreError;
pub use indicators::IndicatorStore;
pub use places::PlaceStore;
pub use police::PoliceStore;
pub use records::RecordStore;
pub use roster::RosterStore;
pub use rows::*;
pub use signoff::SignoffStore;

use crate::domain::Role;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

#[async_trait]
pub trait Store:
    RecordStore + IndicatorStore + SignoffStore + RosterStore + PoliceStore + PlaceStore
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
