//! Sync for phones that work offline: a batch of pushed mutations, each applied once and
//! answered only after its commit, and a team's changes after a cursor.

use super::directory::team_scope;
use super::records::{self, view};
use super::{signoff, ServiceError, Store};
use crate::domain::records::check_record_id;
use crate::domain::records::RecordBody;
use crate::domain::signoff::{Step, Verdict};
use crate::domain::ErrorCode;
use crate::domain::{Actor, FieldError};
use crate::dto::log::Person;
use crate::dto::records::RecordView;
use crate::dto::sync::{
    Difference, Mutation, MutationResult, Outcome, PullResponse, PulledRecord, MAX_BATCH, MAX_PULL,
};
use crate::dto::AppError;
use crate::i18n::Lang;
use crate::wording::records::{changes, Names};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Applies the mutations in order. A refused mutation does not stop the others; only a
/// failure of the database does (what was committed before it stays, and a resend of
/// the batch recognises it). `lang` words the differences of a conflicting edit.
pub async fn push(
    store: &dyn Store,
    actor: &Actor,
    mutations: Vec<Mutation>,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<Vec<MutationResult>, ServiceError> {
    if mutations.len() > MAX_BATCH {
        return Err(FieldError::new("mutations", ErrorCode::BatchTooLarge).into());
    }
    let mut results = Vec::with_capacity(mutations.len());
    for m in mutations {
        results.push(apply(store, actor, m, now, lang).await?);
    }
    Ok(results)
}

/// Carries out one mutation through the service its door would call, marked with the
/// mutation's id; true when it wrote something, false when the same write was there.
async fn carry_out(
    store: &dyn Store,
    actor: &Actor,
    m: Mutation,
    now: DateTime<Utc>,
    mark: Option<&str>,
) -> Result<bool, ServiceError> {
    match m {
        Mutation::Create { record, .. } => records::create_marked(store, actor, record, now, mark)
            .await
            .map(|(_, created)| created),
        Mutation::Update {
            record_id, change, ..
        } => records::update_marked(store, actor, &record_id, change, now, mark)
            .await
            .map(|_| true),
        Mutation::Delete {
            record_id, version, ..
        } => records::delete_marked(store, actor, &record_id, version, now, mark)
            .await
            .map(|()| true),
        Mutation::MonthStep {
            team_id,
            month,
            step,
            version,
            reason,
            remarks,
            ..
        } => match Step::parse(&step, reason) {
            Some(step) => signoff::take_step_marked(
                store, actor, team_id, &month, step, remarks, version, now, mark,
            )
            .await
            .map(|_| true),
            None => Err(FieldError::new("step", ErrorCode::InvalidChoice).into()),
        },
        Mutation::Review {
            record_id,
            version,
            verdict,
            comment,
            ..
        } => match Verdict::parse(&verdict, comment) {
            Some(verdict) => {
                signoff::review_marked(store, actor, &record_id, version, verdict, now, mark)
                    .await
                    .map(|()| true)
            }
            None => Err(FieldError::new("verdict", ErrorCode::InvalidChoice).into()),
        },
    }
}

async fn apply(
    store: &dyn Store,
    actor: &Actor,
    m: Mutation,
    now: DateTime<Utc>,
    lang: Lang,
) -> Result<MutationResult, ServiceError> {
    let id = m.id().to_owned();
    if check_record_id(&id).is_err() {
        return Ok(refused(
            id,
            AppError::on_field(ErrorCode::InvalidRecordId, "id"),
        ));
    }
    if let Some(done) = earlier(store, actor, &id).await? {
        return Ok(done);
    }
    let record_id = m.record_id().to_owned();
    let edited = match &m {
        Mutation::Update { change, .. } => Some(change.body.clone()),
        _ => None,
    };
    let applied = carry_out(store, actor, m, now, Some(id.as_str())).await;
    let status = match applied {
        Ok(true) => Outcome::Applied,
        // The same record, sent before without this mutation's id (from the online form).
        Ok(false) => Outcome::AlreadyApplied,
        Err(ServiceError::Conflict(_)) => {
            // A concurrent push of this very mutation may have won the race.
            if let Some(done) = earlier(store, actor, &id).await? {
                return Ok(done);
            }
            Outcome::Conflict
        }
        Err(ServiceError::Internal(detail)) => return Err(ServiceError::Internal(detail)),
        Err(e) => {
            // A racing push of this very mutation may have taken the step first.
            if let Some(done) = earlier(store, actor, &id).await? {
                return Ok(done);
            }
            return Ok(refused(id, e.into()));
        }
    };
    let record = current(store, actor, &record_id).await?;
    let differences = match (status, &edited, &record) {
        (Outcome::Conflict, Some(mine), Some(theirs)) => {
            differences(store, lang, mine, theirs).await?
        }
        _ => Vec::new(),
    };
    Ok(MutationResult {
        record,
        id,
        status,
        error: match status {
            Outcome::Conflict => Some(AppError::new(ErrorCode::Conflict)),
            _ => None,
        },
        differences,
    })
}

/// The facts an edit and the server's version of the record disagree on, worded as the
/// record screen words them.
async fn differences(
    store: &dyn Store,
    lang: Lang,
    mine: &RecordBody,
    theirs: &RecordView,
) -> Result<Vec<Difference>, ServiceError> {
    let members: Vec<Person> = store
        .team_members(theirs.team_id)
        .await?
        .into_iter()
        .map(Person::from)
        .collect();
    let categories = store.categories().await?;
    let holidays = store.holidays().await?;
    let names = Names {
        members: &members,
        categories: &categories,
        incidents: &[],
        holidays: &holidays,
    };
    Ok(changes(lang, &theirs.body, mine, &names)
        .into_iter()
        .map(|(label, theirs, mine)| Difference {
            label: label.to_owned(),
            mine,
            theirs,
        })
        .collect())
}

/// The answer for a mutation applied by an earlier push, if it was.
async fn earlier(
    store: &dyn Store,
    actor: &Actor,
    id: &str,
) -> Result<Option<MutationResult>, ServiceError> {
    let Some(done) = store.applied_mutation(id).await? else {
        return Ok(None);
    };
    if done.user_id != actor.user_id {
        return Ok(Some(refused(
            id.to_owned(),
            AppError::on_field(ErrorCode::MutationIdTaken, "id"),
        )));
    }
    Ok(Some(MutationResult {
        id: id.to_owned(),
        status: Outcome::AlreadyApplied,
        record: current(store, actor, &done.record_id).await?,
        error: None,
        differences: Vec::new(),
    }))
}

fn refused(id: String, error: AppError) -> MutationResult {
    MutationResult {
        id,
        status: Outcome::Rejected,
        record: None,
        error: Some(error),
        differences: Vec::new(),
    }
}

/// The record as the caller may see it now; none if it is gone or not theirs to read.
async fn current(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
) -> Result<Option<crate::dto::records::RecordView>, ServiceError> {
    match records::get(store, actor, record_id).await {
        Ok(v) => Ok(Some(v)),
        Err(ServiceError::NotFound | ServiceError::Forbidden) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The team's records changed after change number `since`, oldest change first.
pub async fn pull(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    since: i64,
    limit: Option<i64>,
) -> Result<PullResponse, ServiceError> {
    let scope = team_scope(store, team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let limit = limit.unwrap_or(MAX_PULL).clamp(1, MAX_PULL);
    let since = since.max(0);
    let mut rows = store.changes(team_id, since, limit + 1).await?;
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let cursor = rows.last().map_or(since, |(seq, _)| *seq);
    let mut names = HashMap::new();
    let mut changes = Vec::with_capacity(rows.len());
    for (seq, row) in rows {
        let deleted = row.deleted_at.is_some();
        changes.push(PulledRecord {
            seq,
            id: row.id.clone(),
            deleted,
            record: if deleted {
                None
            } else {
                Some(view(store, actor, &scope, row, &mut names).await?)
            },
        });
    }
    Ok(PullResponse {
        team_id,
        changes,
        cursor,
        more,
    })
}
