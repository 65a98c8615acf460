//! The commune's units on the wire: the villages and residential groups under a commune
//! (or the communes under a province), a new one, an edit, and a unit's history.

use crate::domain::history::{ChangeAction, FieldChange};
use crate::domain::OrgUnitKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A unit to add under another: a village under a commune, a commune under a province.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewUnitRequest {
    pub kind: OrgUnitKind,
    pub name: String,
    /// The first day it exists.
    #[serde(with = "crate::domain::iso_date")]
    pub valid_from: NaiveDate,
    /// The last day it exists; none while it does.
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub valid_to: Option<NaiveDate>,
}

/// A unit's name and dates after an edit; a last day retires it, none restores it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UnitEditRequest {
    pub name: String,
    #[serde(with = "crate::domain::iso_date")]
    pub valid_from: NaiveDate,
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub valid_to: Option<NaiveDate>,
    /// For a commune: whether it lies in the mountains, on the border, on an island or in
    /// an ethnic-minority area (primary schooling is then enough to serve). Left out, it
    /// stays as it was.
    #[serde(default)]
    pub remote: Option<bool>,
}

/// A unit with its dates, as listed under its parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitEntry {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub kind: OrgUnitKind,
    pub name: String,
    #[serde(with = "crate::domain::iso_date")]
    pub valid_from: NaiveDate,
    #[serde(with = "crate::domain::iso_date::option")]
    pub valid_to: Option<NaiveDate>,
    /// Whether it exists today (in Vietnam).
    pub active: bool,
    /// A commune where primary schooling is enough to serve (`UnitEditRequest::remote`).
    pub remote: bool,
    /// Whether the reader may rename or retire it.
    pub can_manage: bool,
}

/// A unit and the units directly under it, current ones first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct UnitChildrenView {
    pub unit: UnitEntry,
    /// The kind of unit that may be added under it, if any.
    pub child_kind: Option<OrgUnitKind>,
    /// Whether the reader may add one.
    pub can_add: bool,
    pub children: Vec<UnitEntry>,
}

/// One change in a unit's (team's, member's) history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ChangeView {
    pub action: ChangeAction,
    pub by: String,
    pub at: DateTime<Utc>,
    pub changes: Vec<FieldChange>,
}
