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

/// A merger recorded under the unit above the merging ones: communes under their
/// province, villages and residential groups under their commune.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MergerRequest {
    /// The units that end on the day before `from`: one or more merged into an existing
    /// unit, two or more into a new one.
    pub unit_ids: Vec<i64>,
    /// The unit they merge into, which goes on; or leave it out and name a new one.
    #[serde(default)]
    pub into_id: Option<i64>,
    /// The name of a new unit they become, from `from`.
    #[serde(default)]
    pub new_name: Option<String>,
    /// The day the merger takes effect: the first day of a report month, not in the
    /// future. Months before it roll up under the old units, it and later ones under the
    /// merged one.
    #[serde(with = "crate::domain::iso_date")]
    pub from: NaiveDate,
}

/// What a merger did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MergerView {
    /// The unit they merged into, as it is now.
    pub into: UnitEntry,
    /// The names of the units that closed.
    pub closed: Vec<String>,
    /// The villages and residential groups moved under the merged commune.
    pub places_moved: usize,
    /// The teams moved to the merged commune, or now covering the merged village.
    pub teams_moved: usize,
}

/// A village or residential group split into several from a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SplitRequest {
    /// The unit that ends on the day before `from`.
    pub unit_id: i64,
    /// The names of the units it becomes (two or more), in order: its members answer for
    /// the first until their page says otherwise.
    pub names: Vec<String>,
    /// The first day of a report month, not in the future, as for a merger.
    #[serde(with = "crate::domain::iso_date")]
    pub from: NaiveDate,
}

/// What a split made: the new units, as they are now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SplitView {
    pub closed: String,
    pub parts: Vec<UnitEntry>,
}
