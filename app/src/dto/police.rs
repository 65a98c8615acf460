//! The police accounts of a commune or a province (issue 18, point 5): who signs in as
//! its police, kept by the police above it (a commune's by its province, a province's by
//! an admin).

use super::members::InitialPassword;
use serde::{Deserialize, Serialize};

/// A police account to add at a unit: a new sign-in on the phone, or the role given to
/// the account the phone already has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PoliceRequest {
    pub phone: String,
    /// The name and rank as the screens show it, e.g. "Thượng úy Trần Quốc Việt".
    pub full_name: String,
    #[serde(default)]
    pub initial_password: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PoliceAccountView {
    pub user_id: i64,
    pub phone: String,
    pub full_name: String,
    /// The account still holds a password someone else chose.
    pub must_change_password: bool,
}

/// A unit's police accounts, and whether the reader keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PoliceListView {
    pub unit_id: i64,
    pub unit_name: String,
    pub accounts: Vec<PoliceAccountView>,
    pub can_keep: bool,
}

/// An account added or given a new password: its first password is answered once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AddedPolice {
    pub account: PoliceAccountView,
    pub password: Option<InitialPassword>,
}
