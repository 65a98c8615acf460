//! Mergers and splits of units, recorded by the police above them: communes merged under
//! their province (as on 01/07/2025), villages and residential groups joined under their
//! commune, and a village split into several. Every door (server functions, the JSON API) comes through here; the store
//! carries a checked merger out in one transaction.

use super::directory::{readable_unit, unit_scope};
use super::store::places::{MergeInto, Merger, Split};
use super::store::roster::ChangedBy;
use super::store::{OrgUnit, Store};
use super::units::written;
use super::ServiceError;
use crate::domain::local_time::local_date;
use crate::domain::merger::{clashing_name, effective_month, may_merge};
use crate::domain::org::{check_name, exists_on, same_name};
use crate::domain::{Actor, ErrorCode, FieldError, OrgUnitKind};
use crate::dto::units::{MergerRequest, MergerView, SplitRequest, SplitView};
use chrono::{DateTime, NaiveDate, Utc};

/// Whether the unit exists on the day of the merger and began before it.
fn open_before(u: &OrgUnit, day: NaiveDate) -> bool {
    u.valid_from < day && exists_on(u.valid_from, u.valid_to, day)
}

/// Merges units under `parent_id` from `req.from`: the units in `req.unit_ids` close on
/// the day before, and what they held goes on under `req.into_id` or a new unit.
pub async fn merge(
    store: &dyn Store,
    actor: &Actor,
    parent_id: i64,
    req: MergerRequest,
    now: DateTime<Utc>,
) -> Result<MergerView, ServiceError> {
    readable_unit(store, actor, parent_id).await?;
    if !actor.can_add_unit_under(&unit_scope(store, parent_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    let siblings = store.child_units(parent_id).await?;
    let closing = closing_units(&siblings, &req.unit_ids)?;
    let kind = closing[0].kind;
    let calendar = store.counting_rules().await?.calendar;
    let from_month = effective_month(req.from, calendar, local_date(now))?;
    if !closing.iter().all(|u| open_before(u, req.from)) {
        return Err(FieldError::new("unit_ids", ErrorCode::UnitNotOpen).into());
    }
    let into = match (req.into_id, req.new_name.as_deref()) {
        (Some(id), None) => {
            if req.unit_ids.contains(&id) {
                return Err(FieldError::new("into_id", ErrorCode::ListedTwice).into());
            }
            let goes_on = siblings
                .iter()
                .any(|u| u.id == id && u.kind == kind && open_before(u, req.from));
            if !goes_on {
                return Err(FieldError::new("into_id", ErrorCode::UnitNotOpen).into());
            }
            MergeInto::Existing(id)
        }
        (None, Some(name)) => {
            let name = check_name("new_name", name)?;
            // The new unit's name is free among the units that go on beside it.
            let taken = siblings.iter().any(|u| {
                !req.unit_ids.contains(&u.id)
                    && exists_on(u.valid_from, u.valid_to, req.from)
                    && same_name(&u.name, &name)
            });
            if taken {
                return Err(FieldError::new("new_name", ErrorCode::NameTaken).into());
            }
            MergeInto::New(name)
        }
        (None, None) => return Err(FieldError::new("into_id", ErrorCode::Required).into()),
        (Some(_), Some(_)) => {
            return Err(FieldError::new("new_name", ErrorCode::InvalidChoice).into())
        }
    };
    if kind == OrgUnitKind::Commune {
        check_names_side_by_side(store, &req, &into).await?;
    }
    let merger = Merger {
        parent_id,
        kind,
        closing: req.unit_ids.clone(),
        into,
        from: req.from,
        from_month,
    };
    let by = ChangedBy {
        user_id: actor.user_id,
        at: now,
    };
    let merged = store.merge_units(&merger, by).await?;
    Ok(MergerView {
        into: written(store, actor, merged.into, now).await?,
        closed: closing.into_iter().map(|u| u.name.clone()).collect(),
        places_moved: merged.places_moved,
        teams_moved: merged.teams_moved,
    })
}

/// The units to close: each listed once, each under the parent, all of one kind that
/// may merge.
fn closing_units<'a>(siblings: &'a [OrgUnit], ids: &[i64]) -> Result<Vec<&'a OrgUnit>, FieldError> {
    let field = |code| FieldError::new("unit_ids", code);
    if ids.is_empty() {
        return Err(field(ErrorCode::Required));
    }
    let mut seen = std::collections::HashSet::new();
    if !ids.iter().all(|id| seen.insert(*id)) {
        return Err(field(ErrorCode::ListedTwice));
    }
    let units = ids
        .iter()
        .map(|id| siblings.iter().find(|u| u.id == *id))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| field(ErrorCode::UnitNotOpen))?;
    let kind = units[0].kind;
    if !may_merge(kind) || units.iter().any(|u| u.kind != kind) {
        return Err(field(ErrorCode::UnitKindNotAllowed));
    }
    Ok(units)
}

/// Merged communes bring their villages and teams side by side: no two may share a name.
async fn check_names_side_by_side(
    store: &dyn Store,
    req: &MergerRequest,
    into: &MergeInto,
) -> Result<(), ServiceError> {
    let mut communes = req.unit_ids.clone();
    if let MergeInto::Existing(id) = into {
        communes.push(*id);
    }
    let (mut places, mut teams) = (Vec::new(), Vec::new());
    for id in communes {
        let open: Vec<String> = store
            .child_units(id)
            .await?
            .into_iter()
            .filter(|v| v.valid_to.is_none_or(|to| to >= req.from))
            .map(|v| v.name)
            .collect();
        places.push(open);
        teams.push(
            store
                .teams_under(id)
                .await?
                .into_iter()
                .map(|t| t.name)
                .collect::<Vec<_>>(),
        );
    }
    for groups in [&places, &teams] {
        let borrowed: Vec<Vec<&str>> = groups
            .iter()
            .map(|g| g.iter().map(String::as_str).collect())
            .collect();
        if clashing_name(&borrowed).is_some() {
            return Err(FieldError::new("unit_ids", ErrorCode::MergedNamesClash).into());
        }
    }
    Ok(())
}

/// Splits a village or residential group under `parent_id` into two or more from
/// `req.from` (a village split, as in 2026): it closes on the day before, its parts begin
/// that day under the same commune, its teams cover them all, and its members answer for
/// the first part. The months before stay with the whole village.
pub async fn split(
    store: &dyn Store,
    actor: &Actor,
    parent_id: i64,
    req: SplitRequest,
    now: DateTime<Utc>,
) -> Result<SplitView, ServiceError> {
    readable_unit(store, actor, parent_id).await?;
    if !actor.can_add_unit_under(&unit_scope(store, parent_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    let siblings = store.child_units(parent_id).await?;
    let unit = siblings
        .iter()
        .find(|u| u.id == req.unit_id)
        .ok_or_else(|| FieldError::new("unit_id", ErrorCode::UnitNotOpen))?;
    if unit.kind != OrgUnitKind::Village {
        return Err(FieldError::new("unit_id", ErrorCode::UnitKindNotAllowed).into());
    }
    let calendar = store.counting_rules().await?.calendar;
    effective_month(req.from, calendar, local_date(now))?;
    if !open_before(unit, req.from) {
        return Err(FieldError::new("unit_id", ErrorCode::UnitNotOpen).into());
    }
    let mut names: Vec<String> = Vec::new();
    for name in &req.names {
        let name = check_name("names", name)?;
        if names.iter().any(|n| same_name(n, &name)) {
            return Err(FieldError::new("names", ErrorCode::ListedTwice).into());
        }
        // Free among the places that go on beside it (the split one may lend its name).
        let taken = siblings.iter().any(|u| {
            u.id != unit.id
                && exists_on(u.valid_from, u.valid_to, req.from)
                && same_name(&u.name, &name)
        });
        if taken {
            return Err(FieldError::new("names", ErrorCode::NameTaken).into());
        }
        names.push(name);
    }
    if names.len() < 2 {
        return Err(FieldError::new("names", ErrorCode::Required).into());
    }
    let by = ChangedBy {
        user_id: actor.user_id,
        at: now,
    };
    let split = Split {
        parent_id,
        unit_id: unit.id,
        names,
        from: req.from,
    };
    let mut parts = Vec::new();
    for u in store.split_unit(&split, by).await? {
        parts.push(written(store, actor, u, now).await?);
    }
    Ok(SplitView {
        closed: unit.name.clone(),
        parts,
    })
}
