//! A member's roster entry on the wire (issue 18): what the commune police enter for a new
//! member, an edit or a leaving, and the entry as stored.

use crate::domain::roster::RosterEntry;
use crate::domain::selection::LeaveReason;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A new member of a team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewMemberRequest {
    pub member: RosterEntry,
    /// The first day they serve; today when left out.
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub joined_on: Option<NaiveDate>,
    /// The password a new account starts with; one is made up when left out. Either way
    /// the member must choose their own at their first sign-in.
    #[serde(default)]
    pub initial_password: Option<String>,
}

/// A member's service ending (Law 30/2023 Art. 17).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LeaveRequest {
    /// The last day they serve and count in the team's figures.
    #[serde(with = "crate::domain::iso_date")]
    pub left_on: NaiveDate,
    pub reason: LeaveReason,
    #[serde(default)]
    pub note: String,
}

/// A member replaced by another in one step: the leaving one's last day and reason, and
/// the newcomer, who serves in the same team from the next day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReplaceRequest {
    pub leaving: LeaveRequest,
    pub member: RosterEntry,
    /// As for a new member: the password a new account starts with, or one made up.
    #[serde(default)]
    pub initial_password: Option<String>,
}

/// A password reset by the commune police: one given, or one made up.
/// A member moved to another team from a day (their service there begins that day).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TransferRequest {
    pub team_id: i64,
    #[serde(with = "crate::domain::iso_date")]
    pub from: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    #[serde(default)]
    pub password: Option<String>,
}

/// A member's whole roster entry, for those who keep or manage the team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberDetails {
    pub id: i64,
    pub team_id: i64,
    pub team_name: String,
    pub entry: RosterEntry,
    /// The name of the village or residential group they answer for.
    pub area_name: Option<String>,
    #[serde(with = "crate::domain::iso_date")]
    pub joined_on: NaiveDate,
    #[serde(with = "crate::domain::iso_date::option")]
    pub left_on: Option<NaiveDate>,
    pub leave_reason: Option<LeaveReason>,
    pub leave_note: String,
    /// Whether they have a sign-in, and whether it still holds a password someone else chose.
    pub has_account: bool,
    pub must_change_password: bool,
    /// Whether the reader may change the entry (the police above the team).
    pub can_keep: bool,
}

/// A password the commune police hand to a member once: it is not kept anywhere readable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct InitialPassword {
    /// The phone number the member signs in with.
    pub phone: String,
    /// Shown once; `None` when the police gave the password themselves.
    pub password: Option<String>,
}

/// A member just added, with their sign-in: a new account's first password (once), or
/// none when their phone already had an account or they have no phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AddedMember {
    pub member: MemberDetails,
    pub account: Option<InitialPassword>,
}

/// An area a member may answer for: one of the team's villages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AreaChoice {
    pub id: i64,
    pub name: String,
}

/// What the member form needs: the team, its areas, whether its commune is remote (primary
/// schooling is enough), and the member when editing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MemberFormView {
    pub team_id: i64,
    pub team_name: String,
    pub areas: Vec<AreaChoice>,
    pub remote_area: bool,
    pub member: Option<MemberDetails>,
    /// The commune's other teams a current member may move to, for those who keep them.
    #[serde(default)]
    pub other_teams: Vec<AreaChoice>,
}
