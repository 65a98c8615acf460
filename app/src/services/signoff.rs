//! The team leader's month: what it holds, the review of each record and the sign-off
//! steps. The police's overview and the notices are in `month_overview`.

use super::directory::team_scope;
use super::records;
use super::store::signoff::{MonthChange, MonthEvent, NewNotice, Review, TeamMonth};
use super::store::{Member, RecordFilter, Store};
use super::ServiceError;
use crate::domain::local_time::YearMonth;
use crate::domain::records::{RecordBody, RecordKind};
use crate::domain::signoff::{
    self, Gap, Participation, Parties, ReviewState, Situation, Step, StepError, Verdict,
};
use crate::domain::ErrorCode;
use crate::domain::{Actor, FieldError, Position};
use crate::dto::month::{MonthView, ReviewedRecordView, TrailEntry};
use crate::dto::records::RecordView;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// The leader's remarks in the monthly report: a page at most.
pub const MAX_REMARKS: usize = 4000;

fn step_error(e: StepError) -> ServiceError {
    match e {
        StepError::NotYours => ServiceError::Forbidden,
        other => ServiceError::Invalid(FieldError::new(other.field(), other.code())),
    }
}

pub(super) fn state_changed() -> ServiceError {
    ServiceError::Invalid(FieldError::new("state", ErrorCode::MonthStateChanged))
}

pub fn parse_month(key: &str) -> Result<YearMonth, ServiceError> {
    YearMonth::parse_key(key)
        .ok_or_else(|| ServiceError::Invalid(FieldError::new("month", ErrorCode::InvalidPeriod)))
}

/// A record of the month with the leader's word on it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewedRecord {
    pub record: RecordView,
    pub review: ReviewState,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NamedEvent {
    pub event: MonthEvent,
    pub user_name: String,
}

/// Everything the month view shows, before it is put into words.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthSheet {
    pub team_id: i64,
    pub team_name: String,
    pub month: YearMonth,
    pub sheet: TeamMonth,
    pub parties: Parties,
    pub deadline: NaiveDate,
    pub late: bool,
    pub days_left: i64,
    pub members: Vec<Participation>,
    pub records: Vec<ReviewedRecord>,
    pub gaps: Vec<Gap>,
    pub events: Vec<NamedEvent>,
    /// The month's team meeting, if one was logged.
    pub meeting: Option<String>,
}

fn participation(members: &[Member], records: &[RecordView]) -> Vec<Participation> {
    members
        .iter()
        .map(|m| {
            let mut p = Participation {
                member_id: m.id,
                name: m.entry.full_name.clone(),
                patrols: 0,
                tips: 0,
                good_deeds: 0,
                records: 0,
            };
            for r in records {
                let authored = m.user_id == Some(r.author_id);
                p.records += u32::from(authored);
                match &r.body {
                    RecordBody::Patrol(x) => p.patrols += u32::from(x.participants.contains(&m.id)),
                    RecordBody::GoodDeed(x) => p.good_deeds += u32::from(x.members.contains(&m.id)),
                    RecordBody::TipOff(_) => p.tips += u32::from(authored),
                    _ => {}
                }
            }
            p
        })
        .collect()
}

/// The review that still holds for a record at `version`: one made on an older version
/// does not (an edit asks for a new look).
fn holding(review: Option<&Review>, version: i64) -> (ReviewState, String) {
    match review {
        Some(rv) if rv.record_version == version => (rv.state, rv.comment.clone()),
        _ => (ReviewState::Pending, String::new()),
    }
}

/// A team's month for whoever may read the team.
pub async fn sheet(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    month_key: &str,
    deadline_day: u32,
    today: NaiveDate,
) -> Result<MonthSheet, ServiceError> {
    let month = parse_month(month_key)?;
    let scope = team_scope(store, team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let team = store.team(team_id).await?.ok_or(ServiceError::NotFound)?;
    let key = month.key();
    let filter = RecordFilter {
        month: Some(key.clone()),
        ..Default::default()
    };
    let mut views = records::list(store, actor, team_id, &filter).await?;
    views.reverse(); // oldest first, as a month is read
    let reviews: HashMap<String, Review> = store
        .reviews(team_id, &key)
        .await?
        .into_iter()
        .map(|r| (r.record_id.clone(), r))
        .collect();
    let members = participation(&store.team_members(team_id).await?, &views);
    let good_deeds = views
        .iter()
        .filter(|r| r.kind == RecordKind::GoodDeed)
        .count();
    let meeting = views
        .iter()
        .find(|r| r.kind == RecordKind::Meeting)
        .map(|r| r.id.clone());
    let reviewed: Vec<ReviewedRecord> = views
        .into_iter()
        .map(|record| {
            let (review, comment) = holding(reviews.get(&record.id), record.version);
            ReviewedRecord {
                record,
                review,
                comment,
            }
        })
        .collect();
    let states: Vec<ReviewState> = reviewed.iter().map(|r| r.review).collect();
    let gaps = signoff::gaps(
        &members,
        good_deeds,
        usize::from(meeting.is_some()),
        &states,
    );
    let sheet = store.team_month(team_id, &key).await?;
    let events = store.month_events(team_id, &key).await?;
    let mut names = HashMap::new();
    let mut named = Vec::with_capacity(events.len());
    for event in events {
        named.push(NamedEvent {
            user_name: records::user_name(store, event.user_id, &mut names).await?,
            event,
        });
    }
    Ok(MonthSheet {
        team_id,
        team_name: team.name,
        deadline: signoff::deadline(month, deadline_day),
        late: signoff::is_late(sheet.state, month, deadline_day, today),
        days_left: signoff::days_left(month, today),
        parties: actor.signoff_parties(&scope),
        month,
        sheet,
        members,
        records: reviewed,
        gaps,
        events: named,
        meeting,
    })
}

/// The team's leader and deputy with an account, who hear about their team's month.
pub(super) async fn leaders(store: &dyn Store, team_id: i64) -> Result<Vec<i64>, ServiceError> {
    Ok(store
        .team_members(team_id)
        .await?
        .into_iter()
        .filter(|m| matches!(m.entry.position, Position::Leader | Position::Deputy))
        .filter_map(|m| m.user_id)
        .collect())
}

#[allow(clippy::too_many_arguments)]
pub(super) async fn notify(
    store: &dyn Store,
    to: &[i64],
    actor: &Actor,
    kind: &str,
    team_id: i64,
    month: &str,
    record_id: Option<&str>,
    text: &str,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    for &user_id in to.iter().filter(|u| **u != actor.user_id) {
        store
            .insert_notice(&NewNotice {
                user_id,
                at: now,
                kind: kind.to_owned(),
                from_user: actor.user_id,
                team_id,
                month: month.to_owned(),
                record_id: record_id.map(str::to_owned),
                text: text.trim().to_owned(),
            })
            .await?;
    }
    Ok(())
}

/// Returned records of the month that their authors have not fixed yet.
async fn returned_records(
    store: &dyn Store,
    team_id: i64,
    month: &str,
) -> Result<usize, ServiceError> {
    let mut n = 0;
    for rv in store.reviews(team_id, month).await? {
        if rv.state == ReviewState::Returned
            && store
                .record(&rv.record_id)
                .await?
                .is_some_and(|r| r.version == rv.record_version)
        {
            n += 1;
        }
    }
    Ok(n)
}

/// Takes a step of the month's sign-off, from the version the asker saw. The leader's
/// remarks for the report go with the submission.
#[allow(clippy::too_many_arguments)]
pub async fn take_step(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    month_key: &str,
    step: Step,
    remarks: Option<String>,
    version: i64,
    now: DateTime<Utc>,
) -> Result<TeamMonth, ServiceError> {
    take_step_marked(
        store, actor, team_id, month_key, step, remarks, version, now, None,
    )
    .await
}

/// [`take_step`], keeping the id of the phone's mutation with the write (see `sync`).
#[allow(clippy::too_many_arguments)]
pub(crate) async fn take_step_marked(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    month_key: &str,
    step: Step,
    remarks: Option<String>,
    version: i64,
    now: DateTime<Utc>,
    mutation: Option<&str>,
) -> Result<TeamMonth, ServiceError> {
    let month = parse_month(month_key)?;
    let scope = team_scope(store, team_id).await?;
    let who = actor.signoff_parties(&scope);
    if !who.leader && !who.police {
        return Err(ServiceError::Forbidden);
    }
    let key = month.key();
    let current = store.team_month(team_id, &key).await?;
    let situation = Situation {
        state: current.state,
        month,
        today: crate::domain::local_time::local_date(now),
        returned_records: returned_records(store, team_id, &key).await?,
    };
    let state = signoff::next(situation, &step, who).map_err(step_error)?;
    if version != current.version {
        return Err(state_changed());
    }
    let remarks = match (&step, remarks) {
        (Step::Submit, Some(r)) => {
            if r.chars().count() > MAX_REMARKS {
                return Err(ServiceError::Invalid(FieldError::new(
                    "remarks",
                    ErrorCode::TooLong,
                )));
            }
            r.trim().to_owned()
        }
        _ => current.remarks.clone(),
    };
    let change = MonthChange {
        team_id,
        month: key.clone(),
        expected_version: version,
        state,
        remarks,
        at: now,
        user_id: actor.user_id,
        action: step.action().to_owned(),
        reason: step.reason().unwrap_or_default().trim().to_owned(),
        mutation: mutation.map(str::to_owned),
    };
    if !store.change_month(&change).await? {
        return Err(state_changed());
    }
    if who.police && !matches!(step, Step::Submit) {
        let to = leaders(store, team_id).await?;
        let kind = format!("month_{}", step.action());
        let text = step.reason().unwrap_or_default();
        notify(store, &to, actor, &kind, team_id, &key, None, text, now).await?;
    }
    Ok(store.team_month(team_id, &key).await?)
}

/// The leader accepts a record, or returns it to its author with a comment, for the
/// version they read.
pub async fn review(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
    version: i64,
    verdict: Verdict,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    review_marked(store, actor, record_id, version, verdict, now, None).await
}

pub(crate) async fn review_marked(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
    version: i64,
    verdict: Verdict,
    now: DateTime<Utc>,
    mutation: Option<&str>,
) -> Result<(), ServiceError> {
    let row = store
        .record(record_id)
        .await?
        .filter(|r| r.deleted_at.is_none())
        .ok_or(ServiceError::NotFound)?;
    let scope = team_scope(store, row.team_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let state = store.team_month(row.team_id, &row.month).await?.state;
    signoff::review(state, &verdict, actor.signoff_parties(&scope)).map_err(step_error)?;
    let review = Review {
        record_id: record_id.to_owned(),
        state: verdict.state(),
        comment: verdict.comment().unwrap_or_default().trim().to_owned(),
        reviewer_id: actor.user_id,
        at: now,
        record_version: version,
    };
    if !store
        .set_review(&review, row.team_id, &row.month, mutation)
        .await?
    {
        return Err(ServiceError::Conflict(
            "the record changed since it was read".into(),
        ));
    }
    if let Verdict::Return { comment } = &verdict {
        notify(
            store,
            &[row.author_id],
            actor,
            "record_returned",
            row.team_id,
            &row.month,
            Some(record_id),
            comment,
            now,
        )
        .await?;
    }
    Ok(())
}

/// The review of one record, as its page shows it.
pub async fn review_for(
    store: &dyn Store,
    r: &RecordView,
) -> Result<(ReviewState, String), ServiceError> {
    Ok(holding(store.review_of(&r.id).await?.as_ref(), r.version))
}

impl From<MonthSheet> for MonthView {
    fn from(s: MonthSheet) -> Self {
        MonthView {
            team_id: s.team_id,
            month: s.month.key(),
            state: s.sheet.state,
            version: s.sheet.version,
            remarks: s.sheet.remarks,
            submitted_at: s.sheet.submitted_at,
            deadline: s.deadline,
            late: s.late,
            gaps: s.gaps,
            members: s.members,
            records: s
                .records
                .into_iter()
                .map(|r| ReviewedRecordView {
                    id: r.record.id,
                    kind: r.record.kind,
                    author_id: r.record.author_id,
                    version: r.record.version,
                    review: r.review,
                    comment: r.comment,
                })
                .collect(),
            trail: s
                .events
                .into_iter()
                .map(|e| TrailEntry {
                    at: e.event.at,
                    user_id: e.event.user_id,
                    user_name: e.user_name,
                    action: e.event.action,
                    reason: e.event.reason,
                    record_id: e.event.record_id,
                })
                .collect(),
        }
    }
}
