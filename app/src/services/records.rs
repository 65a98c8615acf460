//! Logging, reading, editing and deleting records, behind the access rules; the
//! informant of a tip leaves the server only for those allowed to see it.

use super::directory::team_scope;
use super::store::{decode_body, InformantRow, RecordFilter, RecordRow, Store, StoreError};
use super::ServiceError;
use crate::domain::records::tip::{Assessment, Informant};
use crate::domain::records::{check_record_id, CheckContext, RecordBody, RecordKind};
use crate::domain::ErrorCode;
use crate::domain::{category, Actor, Category, FieldError, TeamScope};
use crate::dto::records::{HistoryEntry, NewRecord, RecordChange, RecordView};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

fn body_json(body: &RecordBody) -> Result<String, ServiceError> {
    serde_json::to_string(body).map_err(|e| ServiceError::Internal(e.to_string()))
}

/// Validates a body against the team's roster and the category list; an informant goes
/// only with a tip.
async fn check_body(
    store: &dyn Store,
    team_id: i64,
    body: &RecordBody,
    informant: Option<&Informant>,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    if informant.is_some() && body.kind() != RecordKind::TipOff {
        return Err(FieldError::new("informant", ErrorCode::InformantOnlyForTips).into());
    }
    let roster: Vec<i64> = store
        .team_members(team_id)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    body.check(informant, &CheckContext::new(now, &roster))?;
    if category::category_of(body).is_some() {
        category::check(body, &store.categories().await?)?;
    }
    if let RecordBody::Patrol(p) = body {
        for id in &p.incidents {
            let linked = store.record(id).await?;
            let is_team_incident = linked.is_some_and(|r| {
                r.team_id == team_id
                    && r.kind == RecordKind::Incident.as_str()
                    && r.deleted_at.is_none()
            });
            if !is_team_incident {
                return Err(FieldError::new("incidents", ErrorCode::InvalidLink).into());
            }
        }
    }
    Ok(())
}

/// A tip's assessment is the commune police's to give: a member's create or edit must
/// leave it as it was.
fn same_assessment(stored: Option<&RecordBody>, new: &RecordBody) -> Result<(), ServiceError> {
    let assessment = |b: &RecordBody| match b {
        RecordBody::TipOff(t) => t.assessment.clone(),
        _ => None,
    };
    if assessment(new) != stored.and_then(assessment) {
        return Err(FieldError::new("assessment", ErrorCode::AssessmentByPoliceOnly).into());
    }
    Ok(())
}

/// The active incident and tip-off categories, for any signed-in user.
pub async fn categories(store: &dyn Store, _actor: &Actor) -> Result<Vec<Category>, ServiceError> {
    Ok(store.categories().await?)
}

fn informant_row(i: &Informant) -> InformantRow {
    InformantRow {
        name: i.name.trim().to_owned(),
        phone: i.phone.clone().filter(|p| !p.trim().is_empty()),
    }
}

pub(crate) async fn view(
    store: &dyn Store,
    actor: &Actor,
    scope: &TeamScope,
    row: RecordRow,
    names: &mut HashMap<i64, String>,
) -> Result<RecordView, ServiceError> {
    let body = row.decoded_body()?;
    let informant =
        if body.kind() == RecordKind::TipOff && actor.can_see_informant(row.author_id, scope) {
            store.informant(&row.id).await?.map(|i| Informant {
                name: i.name,
                phone: i.phone,
            })
        } else {
            None
        };
    let photos = store
        .photos_of(&row.id)
        .await?
        .into_iter()
        .map(|p| p.id)
        .collect();
    Ok(RecordView {
        photos,
        kind: body.kind(),
        author_name: user_name(store, row.author_id, names).await?,
        can_edit: actor.can_edit_record(row.author_id, scope),
        can_assess: row.kind == RecordKind::TipOff.as_str() && actor.can_assess_tip(scope),
        id: row.id,
        team_id: row.team_id,
        author_id: row.author_id,
        month: row.month,
        occurred_at: row.occurred_at,
        body,
        informant,
        version: row.version,
        created_at: row.created_at,
        updated_at: row.updated_at,
    })
}

pub(crate) async fn user_name(
    store: &dyn Store,
    id: i64,
    names: &mut HashMap<i64, String>,
) -> Result<String, ServiceError> {
    if let Some(n) = names.get(&id) {
        return Ok(n.clone());
    }
    let name = store
        .user(id)
        .await?
        .map(|u| u.full_name)
        .unwrap_or_default();
    names.insert(id, name.clone());
    Ok(name)
}

/// Logs a record. Sending the same record again (same id, author and body) is not an
/// error and stores nothing new: a phone may resend what it never saw acknowledged.
pub async fn create(
    store: &dyn Store,
    actor: &Actor,
    new: NewRecord,
    now: DateTime<Utc>,
) -> Result<(RecordView, bool), ServiceError> {
    create_marked(store, actor, new, now, None).await
}

/// [`create`], keeping the id of the phone's mutation with the write (see `sync`).
pub(crate) async fn create_marked(
    store: &dyn Store,
    actor: &Actor,
    new: NewRecord,
    now: DateTime<Utc>,
    mutation: Option<&str>,
) -> Result<(RecordView, bool), ServiceError> {
    check_record_id(&new.id)?;
    let scope = team_scope(store, new.team_id).await?;
    if !actor.can_log_kind(&scope, new.body.kind()) {
        return Err(ServiceError::Forbidden);
    }
    check_body(store, new.team_id, &new.body, new.informant.as_ref(), now).await?;
    same_assessment(None, &new.body)?;
    let row = RecordRow {
        id: new.id.clone(),
        team_id: new.team_id,
        kind: new.body.kind().as_str().to_owned(),
        author_id: actor.user_id,
        occurred_at: new.body.occurred_at(),
        month: new.body.month().key(),
        body: body_json(&new.body)?,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    };
    let informant = new.informant.as_ref().map(informant_row);
    let created = match store
        .insert_record(&row, informant.as_ref(), mutation)
        .await
    {
        Ok(()) => true,
        Err(StoreError::Conflict(_)) => {
            let existing = store
                .record(&new.id)
                .await?
                .ok_or(ServiceError::Conflict("record id".into()))?;
            // A record deleted since cannot be brought back by sending it again: saying
            // "stored" would show a record that reading then calls missing.
            if existing.deleted_at.is_some() {
                return Err(FieldError::new("id", ErrorCode::RecordDeleted).into());
            }
            let same = existing.decoded_body().ok();
            if existing.author_id != actor.user_id || same.as_ref() != Some(&new.body) {
                return Err(ServiceError::Conflict(
                    "this record id is already used".into(),
                ));
            }
            false
        }
        Err(e) => return Err(e.into()),
    };
    let stored = store.record(&new.id).await?.ok_or(ServiceError::NotFound)?;
    Ok((
        view(store, actor, &scope, stored, &mut HashMap::new()).await?,
        created,
    ))
}

/// A live record and where its team sits, or not found.
pub(super) async fn load(
    store: &dyn Store,
    id: &str,
) -> Result<(RecordRow, TeamScope), ServiceError> {
    let row = store
        .record(id)
        .await?
        .filter(|r| r.deleted_at.is_none())
        .ok_or(ServiceError::NotFound)?;
    let scope = team_scope(store, row.team_id).await?;
    Ok((row, scope))
}

pub async fn get(store: &dyn Store, actor: &Actor, id: &str) -> Result<RecordView, ServiceError> {
    let (row, scope) = load(store, id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    view(store, actor, &scope, row, &mut HashMap::new()).await
}

pub async fn list(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    filter: &RecordFilter,
) -> Result<Vec<RecordView>, ServiceError> {
    let scope = team_scope(store, team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let mut names = HashMap::new();
    let mut out = Vec::new();
    for row in store.records(team_id, filter).await? {
        out.push(view(store, actor, &scope, row, &mut names).await?);
    }
    Ok(out)
}

pub async fn update(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
    change: RecordChange,
    now: DateTime<Utc>,
) -> Result<RecordView, ServiceError> {
    update_marked(store, actor, id, change, now, None).await
}

pub(crate) async fn update_marked(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
    change: RecordChange,
    now: DateTime<Utc>,
    mutation: Option<&str>,
) -> Result<RecordView, ServiceError> {
    let (row, scope) = load(store, id).await?;
    if !actor.can_read_team(&scope) || !actor.can_edit_record(row.author_id, &scope) {
        return Err(ServiceError::Forbidden);
    }
    // Who may not see the informant may not set or change it either (DOMAIN.md): a
    // leader's edit of a member's tip, through any door, leaves the informant alone.
    if change.informant.is_some() && !actor.can_see_informant(row.author_id, &scope) {
        return Err(FieldError::new("informant", ErrorCode::InformantNotYours).into());
    }
    if change.body.kind().as_str() != row.kind {
        return Err(FieldError::new("kind", ErrorCode::KindCannotChange).into());
    }
    check_body(
        store,
        row.team_id,
        &change.body,
        change.informant.as_ref(),
        now,
    )
    .await?;
    let stored = row.decoded_body()?;
    same_assessment(Some(&stored), &change.body)?;
    let new_row = RecordRow {
        occurred_at: change.body.occurred_at(),
        month: change.body.month().key(),
        body: body_json(&change.body)?,
        updated_at: now,
        ..row
    };
    let informant = change.informant.as_ref().map(informant_row);
    if !store
        .update_record(
            &new_row,
            change.version,
            informant.as_ref(),
            actor.user_id,
            mutation,
        )
        .await?
    {
        return Err(ServiceError::Conflict(
            "the record changed since this edit began".into(),
        ));
    }
    get(store, actor, id).await
}

pub async fn delete(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
    version: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    delete_marked(store, actor, id, version, now, None).await
}

pub(crate) async fn delete_marked(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
    version: i64,
    now: DateTime<Utc>,
    mutation: Option<&str>,
) -> Result<(), ServiceError> {
    let (row, scope) = load(store, id).await?;
    if !actor.can_read_team(&scope) || !actor.can_edit_record(row.author_id, &scope) {
        return Err(ServiceError::Forbidden);
    }
    if !store
        .delete_record(id, version, now, actor.user_id, mutation)
        .await?
    {
        return Err(ServiceError::Conflict(
            "the record changed since it was read".into(),
        ));
    }
    Ok(())
}

/// The commune police's assessment of a tip: was it of value, and what came of it.
/// Recorded as an edit of the tip (versioned and audited like any other).
pub async fn assess_tip(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
    version: i64,
    assessment: Assessment,
    now: DateTime<Utc>,
) -> Result<RecordView, ServiceError> {
    let (row, scope) = load(store, id).await?;
    if !actor.can_assess_tip(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let RecordBody::TipOff(mut tip) = row.decoded_body()? else {
        return Err(FieldError::new("kind", ErrorCode::OnlyTipsAreAssessed).into());
    };
    crate::domain::records::optional_text("assessment_outcome", &assessment.outcome)?;
    tip.assessment = Some(assessment);
    let new_row = RecordRow {
        body: body_json(&RecordBody::TipOff(tip))?,
        updated_at: now,
        ..row
    };
    if !store
        .update_record(&new_row, version, None, actor.user_id, None)
        .await?
    {
        return Err(ServiceError::Conflict(
            "the record changed since it was read".into(),
        ));
    }
    get(store, actor, id).await
}

/// Every change to a record, oldest first (deleted records keep their history). For
/// those who may see a tip's informant, the writes that set or changed it are among them,
/// as `informant_set` and `informant_changed`, without the values.
pub async fn history(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
) -> Result<Vec<HistoryEntry>, ServiceError> {
    let row = store.record(id).await?.ok_or(ServiceError::NotFound)?;
    let scope = team_scope(store, row.team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let informant_changes = if row.kind == RecordKind::TipOff.as_str()
        && actor.can_see_informant(row.author_id, &scope)
    {
        store.informant_audit(id).await?
    } else {
        Vec::new()
    };
    let decode = |s: Option<String>| s.as_deref().map(decode_body).transpose();
    let mut names = HashMap::new();
    let mut out = Vec::new();
    for e in store.record_history(id).await? {
        out.push(HistoryEntry {
            at: e.at,
            user_id: e.user_id,
            user_name: user_name(store, e.user_id, &mut names).await?,
            action: e.action,
            before: decode(e.before)?,
            after: decode(e.after)?,
        });
    }
    for c in informant_changes {
        out.push(HistoryEntry {
            at: c.at,
            user_id: c.user_id,
            user_name: user_name(store, c.user_id, &mut names).await?,
            action: if c.action == "set" {
                "informant_set".into()
            } else {
                "informant_changed".into()
            },
            before: None,
            after: None,
        });
    }
    // Stable: an informant noted in the same write as the edit comes after it.
    out.sort_by_key(|h| h.at);
    Ok(out)
}
