//! A member's service ending or moving on (issue 18, point 3): a leaving with a reason of
//! Law 30/2023 Art. 17, a replacement in one step, and a move to another team.

use super::directory::team_scope;
use super::members::{account_for, account_is_kept, by, check, details, kept, phone_conflict};
use super::store::roster::{Leaving, Newcomer};
use super::store::{Member, Store};
use super::ServiceError;
use crate::domain::local_time::local_date;
use crate::domain::selection::{check_leaving, LeaveReason};
use crate::domain::{Actor, ErrorCode, FieldError};
use crate::dto::members::{
    AddedMember, LeaveRequest, MemberDetails, ReplaceRequest, TransferRequest,
};
use chrono::{DateTime, Utc};

/// The longest note kept with a leaving.
const MAX_NOTE_CHARS: usize = 500;

/// A leaving checked against the member's service and the law's reasons.
fn leaving_of(
    member: &Member,
    req: LeaveRequest,
    now: DateTime<Utc>,
) -> Result<Leaving, ServiceError> {
    // A move to another team is a transfer, not a leaving.
    if req.reason == LeaveReason::Transferred {
        return Err(FieldError::new("reason", ErrorCode::InvalidChoice).into());
    }
    check_leaving(member.joined_on, req.left_on, local_date(now))?;
    let note = req.note.trim().to_owned();
    if note.chars().count() > MAX_NOTE_CHARS {
        return Err(FieldError::new("note", ErrorCode::TooLong).into());
    }
    Ok(Leaving {
        left_on: req.left_on,
        reason: req.reason,
        note,
    })
}

/// Whether a leaving member's sessions end: not when the account also signs in for what
/// the actor does not keep (police, another commune's team), whose roles stay with it.
async fn ends_sessions(
    store: &dyn Store,
    actor: &Actor,
    member: &Member,
) -> Result<bool, ServiceError> {
    match member.user_id {
        Some(u) => account_is_kept(store, actor, u).await,
        None => Ok(false),
    }
}

/// Replaces a member in one step (seed 000 §III.1: "thay thế những thành viên không đủ
/// tiêu chuẩn"): the leaving one's service ends on a day with a reason of Art. 17, and the
/// newcomer joins the same team the next day, checked like any new member. Both are
/// written or neither.
pub async fn replace(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    req: ReplaceRequest,
    now: DateTime<Utc>,
) -> Result<AddedMember, ServiceError> {
    let (member, team) = kept(store, actor, id).await?;
    let leaving = leaving_of(&member, req.leaving, now)?;
    let (entry, phone) = check(store, &team, req.member, now).await?;
    let joined_on = leaving.left_on.succ_opt().unwrap_or(leaving.left_on);
    let (account, shown) = account_for(store, phone.as_ref(), req.initial_password).await?;
    let end_sessions = ends_sessions(store, actor, &member).await?;
    let newcomer = Newcomer {
        entry,
        joined_on,
        account,
    };
    let (_, newcomer) = store
        .replace_member(id, &leaving, end_sessions, &newcomer, by(actor, now))
        .await
        .map_err(|e| phone_conflict(e.into()))?
        .ok_or_else(|| ServiceError::Conflict("the member has left".into()))?;
    Ok(AddedMember {
        member: details(store, &team, newcomer, true).await?,
        account: shown,
    })
}

/// Ends a member's service from a day with a reason of Art. 17; their sessions end, their
/// records stay, and from the next day they no longer count in the team's figures.
pub async fn leave(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    req: LeaveRequest,
    now: DateTime<Utc>,
) -> Result<MemberDetails, ServiceError> {
    let (member, team) = kept(store, actor, id).await?;
    let leaving = leaving_of(&member, req, now)?;
    let end_sessions = ends_sessions(store, actor, &member).await?;
    let member = store
        .leave_member(id, &leaving, end_sessions, by(actor, now))
        .await?
        .ok_or_else(|| ServiceError::Conflict("the member has left".into()))?;
    details(store, &team, member, true).await
}

/// Moves a current member to another team from a day (seed 000 §VI.1: a member answers
/// for an area, and areas move between teams): their service in the old team ends the
/// day before, and goes on in the new one with the same entry and sign-in. The area goes
/// with them when the new team covers it. For the police who keep both teams.
pub async fn transfer(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    req: TransferRequest,
    now: DateTime<Utc>,
) -> Result<MemberDetails, ServiceError> {
    let (member, _) = kept(store, actor, id).await?;
    if req.team_id == member.team_id {
        return Err(FieldError::new("team_id", ErrorCode::ListedTwice).into());
    }
    let scope = team_scope(store, req.team_id)
        .await
        .map_err(|_| ServiceError::from(FieldError::new("team_id", ErrorCode::NotFound)))?;
    if !actor.can_keep_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let to = store
        .team(req.team_id)
        .await?
        .ok_or_else(|| FieldError::new("team_id", ErrorCode::NotFound))?;
    let today = local_date(now);
    if req.from > today {
        return Err(FieldError::new("from", ErrorCode::DateInFuture).into());
    }
    if req.from <= member.joined_on {
        return Err(FieldError::new("from", ErrorCode::LeftBeforeJoined).into());
    }
    let mut entry = member.entry.clone();
    entry.area_id = entry.area_id.filter(|a| to.village_ids.contains(a));
    let (_, moved) = store
        .transfer_member(id, to.id, &entry, req.from, by(actor, now))
        .await?
        .ok_or_else(|| ServiceError::Conflict("the member has left".into()))?;
    details(store, &to, moved, true).await
}
