//! The police accounts of a unit as the police above it keep them (issue 18, point 5):
//! who holds a commune's or a province's police role, given and taken back with the
//! unit's history noted in the same transaction.

use super::error::StoreError;
use super::roster::ChangedBy;
use super::rows::{RoleGrant, User};
use async_trait::async_trait;

/// The account a police role goes to: the one the phone signs in with already, or a new
/// one that must choose its own password at first sign-in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoliceSignIn {
    Existing(i64),
    New {
        phone: String,
        full_name: String,
        password_hash: String,
    },
}

#[async_trait]
pub trait PoliceStore: Send + Sync + 'static {
    /// The accounts holding a police role at the unit (its commune or province police),
    /// by name.
    async fn police_at(&self, unit_id: i64) -> Result<Vec<User>, StoreError>;
    /// Gives the account (created here when new) the police role, noted in the unit's
    /// history; returns the account and whether the role is new to it.
    async fn add_police(
        &self,
        grant: RoleGrant,
        account: &PoliceSignIn,
        by: ChangedBy,
    ) -> Result<(i64, bool), StoreError>;
    /// Takes the police role back and ends the account's sessions (its records stay),
    /// noted in the unit's history; false when it did not hold the role.
    async fn remove_police(
        &self,
        grant: RoleGrant,
        user_id: i64,
        by: ChangedBy,
    ) -> Result<bool, StoreError>;
    /// Gives a police account a password it must change, ends its sessions and notes it
    /// (without the password) in the unit's history; false when it does not hold the role.
    async fn reset_police_password(
        &self,
        grant: RoleGrant,
        user_id: i64,
        password_hash: &str,
        by: ChangedBy,
    ) -> Result<bool, StoreError>;
}
