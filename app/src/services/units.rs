//! The units a commune (or province) keeps itself: its villages and residential groups,
//! added, renamed, retired and restored with their dates, each change in their history.
//! Every door (server functions, the JSON API) comes through here.

use super::directory::{readable_unit, unit_scope};
use super::store::roster::{ChangedBy, UnitEdit};
use super::store::{NewOrgUnit, OrgUnit, Store};
use super::ServiceError;
use crate::domain::access::UnitScope;
use crate::domain::history::Subject;
use crate::domain::local_time::local_date;
use crate::domain::org::{check_name, check_validity, exists_on, may_contain, same_name};
use crate::domain::{Actor, ErrorCode, FieldError, OrgUnitKind};
use crate::dto::units::{ChangeView, NewUnitRequest, UnitChildrenView, UnitEditRequest, UnitEntry};
use chrono::{DateTime, NaiveDate, Utc};

/// The fields a unit's history shows, in the order it shows them.
const UNIT_FIELDS: [&str; 11] = [
    "name",
    "valid_from",
    "valid_to",
    "remote",
    "merged_into",
    "merged_from",
    "split_into",
    "split_from",
    "police_added",
    "police_removed",
    "police_password_reset",
];

/// What may be added under a unit of this kind from a screen: districts were abolished on
/// 01/07/2025, so a province takes communes.
pub fn child_kind(kind: OrgUnitKind) -> Option<OrgUnitKind> {
    match kind {
        OrgUnitKind::Province | OrgUnitKind::District => Some(OrgUnitKind::Commune),
        OrgUnitKind::Commune => Some(OrgUnitKind::Village),
        OrgUnitKind::Village => None,
    }
}

/// A unit as listed, for the reader whose access `scope` (the unit's own) decides.
fn entry(actor: &Actor, u: OrgUnit, scope: &UnitScope, today: NaiveDate) -> UnitEntry {
    let can_manage = actor.can_manage_unit(scope);
    UnitEntry {
        active: exists_on(u.valid_from, u.valid_to, today),
        id: u.id,
        parent_id: u.parent_id,
        kind: u.kind,
        name: u.name,
        valid_from: u.valid_from,
        valid_to: u.valid_to,
        remote: u.remote,
        can_manage,
    }
}

/// The unit as listed after a write, its scope read once.
pub(super) async fn written(
    store: &dyn Store,
    actor: &Actor,
    u: OrgUnit,
    now: DateTime<Utc>,
) -> Result<UnitEntry, ServiceError> {
    let scope = unit_scope(store, u.id).await?;
    Ok(entry(actor, u, &scope, local_date(now)))
}

/// A unit and the units under it, those that exist today first, for anyone whose police
/// role covers it.
pub async fn children(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    now: DateTime<Utc>,
) -> Result<UnitChildrenView, ServiceError> {
    let today = local_date(now);
    let unit = readable_unit(store, actor, unit_id).await?;
    let scope = unit_scope(store, unit_id).await?;
    let can_add = actor.can_add_unit_under(&scope);
    // A child's place in the tree is itself above its parent's: no query per child.
    let mut children: Vec<UnitEntry> = store
        .child_units(unit_id)
        .await?
        .into_iter()
        .map(|child| {
            let mut self_and_above = vec![child.id];
            self_and_above.extend(&scope.self_and_above);
            let child_scope = UnitScope {
                unit_id: child.id,
                self_and_above,
            };
            entry(actor, child, &child_scope, today)
        })
        .collect();
    // Stable: the store's order (by name) within each group.
    children.sort_by_key(|c| !c.active);
    Ok(UnitChildrenView {
        child_kind: child_kind(unit.kind),
        unit: entry(actor, unit, &scope, today),
        can_add,
        children,
    })
}

/// Whether two spans of days, both ends included, share a day.
fn overlap(a: (NaiveDate, Option<NaiveDate>), b: (NaiveDate, Option<NaiveDate>)) -> bool {
    let ends_after = |end: Option<NaiveDate>, day: NaiveDate| end.is_none_or(|e| day <= e);
    ends_after(a.1, b.0) && ends_after(b.1, a.0)
}

/// The checks of a new or edited unit against its parent and its siblings (`except`: the
/// unit being edited); returns the tidied name.
async fn check_under(
    store: &dyn Store,
    parent: &OrgUnit,
    except: Option<i64>,
    name: &str,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
) -> Result<String, ServiceError> {
    let name = check_name("name", name)?;
    check_validity(valid_from, valid_to)?;
    if parent.valid_to.is_some_and(|closed| valid_from > closed) {
        return Err(FieldError::new("valid_from", ErrorCode::ParentClosed).into());
    }
    let taken = store.child_units(parent.id).await?.into_iter().any(|s| {
        Some(s.id) != except
            && same_name(&s.name, &name)
            && overlap((s.valid_from, s.valid_to), (valid_from, valid_to))
    });
    if taken {
        return Err(FieldError::new("name", ErrorCode::NameTaken).into());
    }
    Ok(name)
}

/// Adds a unit under `parent_id`: a village or residential group under a commune, a
/// commune under a province.
pub async fn add_child(
    store: &dyn Store,
    actor: &Actor,
    parent_id: i64,
    req: NewUnitRequest,
    now: DateTime<Utc>,
) -> Result<UnitEntry, ServiceError> {
    let parent = readable_unit(store, actor, parent_id).await?;
    if !actor.can_add_unit_under(&unit_scope(store, parent_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    if !may_contain(parent.kind, req.kind) {
        return Err(FieldError::new("kind", ErrorCode::UnitKindNotAllowed).into());
    }
    let name = check_under(
        store,
        &parent,
        None,
        &req.name,
        req.valid_from,
        req.valid_to,
    )
    .await?;
    let unit = store
        .add_unit(
            &NewOrgUnit {
                parent_id: Some(parent_id),
                kind: req.kind,
                name,
                code: None,
                valid_from: req.valid_from,
                valid_to: req.valid_to,
            },
            ChangedBy {
                user_id: actor.user_id,
                at: now,
            },
        )
        .await?;
    written(store, actor, unit, now).await
}

/// Renames a unit or changes its dates: a last day retires it, none restores it.
pub async fn edit(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    req: UnitEditRequest,
    now: DateTime<Utc>,
) -> Result<UnitEntry, ServiceError> {
    let unit = readable_unit(store, actor, id).await?;
    if !actor.can_manage_unit(&unit_scope(store, id).await?) {
        return Err(ServiceError::Forbidden);
    }
    // A unit without a parent is the root of the tree: only an admin keeps it, and it has
    // no siblings to clash with.
    let name = match unit.parent_id {
        Some(parent_id) => {
            let parent = store
                .org_unit(parent_id)
                .await?
                .ok_or(ServiceError::NotFound)?;
            check_under(
                store,
                &parent,
                Some(id),
                &req.name,
                req.valid_from,
                req.valid_to,
            )
            .await?
        }
        None => {
            check_validity(req.valid_from, req.valid_to)?;
            check_name("name", &req.name)?
        }
    };
    if req.remote == Some(true) && unit.kind != OrgUnitKind::Commune {
        return Err(FieldError::new("remote", ErrorCode::UnitKindNotAllowed).into());
    }
    let edit = UnitEdit {
        name,
        valid_from: req.valid_from,
        valid_to: req.valid_to,
        remote: req.remote.unwrap_or(unit.remote),
    };
    if edit.name == unit.name
        && edit.valid_from == unit.valid_from
        && edit.valid_to == unit.valid_to
        && edit.remote == unit.remote
    {
        // Nothing changed: no history entry for a form saved as it was.
        return written(store, actor, unit, now).await;
    }
    let by = ChangedBy {
        user_id: actor.user_id,
        at: now,
    };
    let unit = store
        .edit_unit(id, &edit, by)
        .await?
        .ok_or(ServiceError::NotFound)?;
    written(store, actor, unit, now).await
}

/// A unit's history, newest first: who changed what, and when.
pub async fn history(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
) -> Result<Vec<ChangeView>, ServiceError> {
    readable_unit(store, actor, id).await?;
    super::history::changes(store, Subject::Unit, id, &UNIT_FIELDS).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn spans_overlap_when_they_share_a_day() {
        let open = (d(2025, 7, 1), None);
        assert!(overlap(open, (d(2020, 1, 1), Some(d(2025, 7, 1)))));
        assert!(!overlap(open, (d(2020, 1, 1), Some(d(2025, 6, 30)))));
        assert!(overlap(open, (d(2030, 1, 1), None)));
        assert!(!overlap(
            (d(2025, 1, 1), Some(d(2025, 1, 31))),
            (d(2025, 2, 1), None)
        ));
    }

    #[test]
    fn provinces_take_communes_and_communes_villages() {
        assert_eq!(
            child_kind(OrgUnitKind::Province),
            Some(OrgUnitKind::Commune)
        );
        assert_eq!(child_kind(OrgUnitKind::Commune), Some(OrgUnitKind::Village));
        assert_eq!(child_kind(OrgUnitKind::Village), None);
        for k in OrgUnitKind::ALL {
            if let Some(c) = child_kind(k) {
                assert!(may_contain(k, c), "{k:?} offers {c:?}");
            }
        }
    }
}
