//! A team's members as the commune police keep them (issue 18; seed 000 §III.1): a new
//! member with their sign-in, an edit of their roster entry, their leaving with a reason of
//! the law, a new first password, and their history. The law's criteria (Law 30/2023
//! Art. 13) are checked in `domain::roster`; who may do what in `domain::access`.

use super::auth::hash_password_async;
use super::directory::{team_scope, unit_scope};
use super::store::roster::{ChangedBy, MemberAccount};
use super::store::{Member, Store, Team};
use super::ServiceError;
use crate::domain::history::Subject;
use crate::domain::local_time::local_date;
use crate::domain::password::check_new_password;
use crate::domain::roster::{check_member, RosterEntry};
use crate::domain::{Actor, ErrorCode, FieldError, PhoneNumber, Role};
use crate::dto::members::{
    AddedMember, AreaChoice, InitialPassword, MemberDetails, MemberFormView, NewMemberRequest,
    PasswordResetRequest,
};
use crate::dto::units::ChangeView;
use chrono::{DateTime, Utc};

/// The fields a member's history shows, in the order it shows them (the order the member
/// form asks for them): the roster entry, then how the member left.
pub(super) const MEMBER_FIELDS: [&str; 25] = [
    "full_name",
    "date_of_birth",
    "gender",
    "residence",
    "resident_since",
    "phone",
    "position",
    "origin",
    "party_member",
    "education",
    "approved_by",
    "approval_decision_no",
    "approved_on",
    "appointed_on",
    "decision_no",
    "certificate_no",
    "certificate_on",
    "badge_issued",
    "equipment",
    "training",
    "area_id",
    "joined_on",
    "left_on",
    "leave_reason",
    "leave_note",
];

/// A first password a member can read off a screen and type on a cheap phone: ten
/// letters and digits without the look-alikes (0/o, 1/l/i), about 50 bits.
fn made_up_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    (0..10)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}

/// A first password: the one given (checked as a new password, refused on `field`), or
/// one made up; and whether it was made up, so that it is shown once.
pub(super) fn first_password(
    given: Option<String>,
    field: &str,
) -> Result<(String, bool), FieldError> {
    match given.filter(|p| !p.is_empty()) {
        Some(p) => {
            check_new_password(&p, &p, None).map_err(|e| FieldError::new(field, e.code))?;
            Ok((p, false))
        }
        None => Ok((made_up_password(), true)),
    }
}

pub(super) fn by(actor: &Actor, now: DateTime<Utc>) -> ChangedBy {
    ChangedBy {
        user_id: actor.user_id,
        at: now,
    }
}

pub(super) async fn details(
    store: &dyn Store,
    team: &Team,
    m: Member,
    can_keep: bool,
) -> Result<MemberDetails, ServiceError> {
    let account = match m.user_id {
        Some(id) => store.user(id).await?,
        None => None,
    };
    let area_name = m.entry.area_id.and_then(|a| {
        team.village_ids
            .iter()
            .position(|v| *v == a)
            .and_then(|i| team.villages.get(i).cloned())
    });
    Ok(MemberDetails {
        id: m.id,
        team_id: team.id,
        team_name: team.name.clone(),
        area_name,
        joined_on: m.joined_on,
        left_on: m.left_on,
        leave_reason: m.leave_reason,
        leave_note: m.leave_note,
        has_account: account.is_some(),
        must_change_password: account.is_some_and(|u| u.must_change_password),
        can_keep,
        entry: m.entry,
    })
}

/// The entry checked against the law and the team: returns it as it is stored (the phone
/// normalised, the texts trimmed) and the phone.
pub(super) async fn check(
    store: &dyn Store,
    team: &Team,
    entry: RosterEntry,
    now: DateTime<Utc>,
) -> Result<(RosterEntry, Option<PhoneNumber>), ServiceError> {
    let commune = store
        .org_unit(team.commune_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(checked(
        entry,
        &team.village_ids,
        local_date(now),
        commune.remote,
    )?)
}

/// The entry checked against the law (`remote`: the commune's area mark) and the villages
/// of its team, as it is stored: the phone normalised, the texts trimmed. The form and the
/// import check alike.
pub(super) fn checked(
    mut entry: RosterEntry,
    team_villages: &[i64],
    today: chrono::NaiveDate,
    remote: bool,
) -> Result<(RosterEntry, Option<PhoneNumber>), FieldError> {
    let phone = check_member(&entry, today, remote)?;
    if entry.area_id.is_some_and(|a| !team_villages.contains(&a)) {
        return Err(FieldError::new("area_id", ErrorCode::VillageNotInCommune));
    }
    let tidy = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    entry.full_name = tidy(&entry.full_name);
    entry.residence = tidy(&entry.residence);
    entry.decision_no = tidy(&entry.decision_no);
    entry.certificate_no = tidy(&entry.certificate_no);
    entry.equipment = entry.equipment.trim().to_owned();
    entry.training = entry.training.trim().to_owned();
    entry.phone = phone.as_ref().map(|p| p.to_string());
    if let Some(a) = entry.age_approval.as_mut() {
        a.approved_by = tidy(&a.approved_by);
        a.decision_no = tidy(&a.decision_no);
    }
    Ok((entry, phone))
}

/// The account for a new member's phone: theirs if the phone signs in already (a member
/// who moves between teams keeps it), otherwise a new one with a first password.
pub(super) async fn account_for(
    store: &dyn Store,
    phone: Option<&PhoneNumber>,
    initial: Option<String>,
) -> Result<(MemberAccount, Option<InitialPassword>), ServiceError> {
    let Some(phone) = phone else {
        return Ok((MemberAccount::None, None));
    };
    if let Some(u) = store.user_by_phone(phone.as_str()).await? {
        return Ok((MemberAccount::Existing(u.id), None));
    }
    let (password, made_up) = first_password(initial, "initial_password")?;
    let account = MemberAccount::New {
        phone: phone.to_string(),
        password_hash: hash_password_async(&password).await?,
    };
    let shown = InitialPassword {
        phone: phone.to_string(),
        password: made_up.then_some(password),
    };
    Ok((account, Some(shown)))
}

/// Adds a member to a team: the police above it, or an admin.
pub async fn add(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    req: NewMemberRequest,
    now: DateTime<Utc>,
) -> Result<AddedMember, ServiceError> {
    if !actor.can_keep_team(&team_scope(store, team_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    let team = store.team(team_id).await?.ok_or(ServiceError::NotFound)?;
    let (entry, phone) = check(store, &team, req.member, now).await?;
    let today = local_date(now);
    let joined_on = req.joined_on.unwrap_or(today);
    if joined_on > today {
        return Err(FieldError::new("joined_on", ErrorCode::DateInFuture).into());
    }
    let (account, shown) = account_for(store, phone.as_ref(), req.initial_password).await?;
    let member = store
        .add_member(team_id, &entry, joined_on, &account, by(actor, now))
        .await
        .map_err(|e| phone_conflict(e.into()))?;
    Ok(AddedMember {
        member: details(store, &team, member, true).await?,
        account: shown,
    })
}

/// Whether every role the account holds is one the actor keeps: a team role in a team
/// they keep, a police role at a unit whose police they keep. Only then may the actor set
/// its password or move its sign-in: a phone that signs in as police they do not keep, or
/// as a member of a team they do not keep, is linked, never taken over.
pub(super) async fn account_is_kept(
    store: &dyn Store,
    actor: &Actor,
    user_id: i64,
) -> Result<bool, ServiceError> {
    for role in store.roles_of(user_id).await? {
        let kept = match role {
            Role::Team { team_id, .. } => actor.can_keep_team(&team_scope(store, team_id).await?),
            Role::CommunePolice { commune_id: unit }
            | Role::ProvincePolice { province_id: unit } => {
                actor.can_keep_police_at(&unit_scope(store, unit).await?)
            }
            Role::Admin => false,
        };
        if !kept {
            return Ok(false);
        }
    }
    Ok(true)
}

/// A phone another account holds is the one uniqueness rule an entry can break.
pub(super) fn phone_conflict(e: ServiceError) -> ServiceError {
    match e {
        ServiceError::Conflict(_) => FieldError::new("phone", ErrorCode::PhoneTaken).into(),
        other => other,
    }
}

/// The member and their team, for whoever may see personal roster details: the police
/// above the team, its leader and deputy.
async fn readable(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
) -> Result<(Member, Team, bool), ServiceError> {
    let member = store.member(id).await?.ok_or(ServiceError::NotFound)?;
    let scope = team_scope(store, member.team_id).await?;
    let can_keep = actor.can_keep_team(&scope);
    if !can_keep && !actor.can_manage_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    let team = store
        .team(member.team_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok((member, team, can_keep))
}

/// A member's whole roster entry.
pub async fn get(store: &dyn Store, actor: &Actor, id: i64) -> Result<MemberDetails, ServiceError> {
    let (member, team, can_keep) = readable(store, actor, id).await?;
    details(store, &team, member, can_keep).await
}

/// The member to change, refused to all but the police above the team, and once they left.
pub(super) async fn kept(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
) -> Result<(Member, Team), ServiceError> {
    let (member, team, can_keep) = readable(store, actor, id).await?;
    if !can_keep {
        return Err(ServiceError::Forbidden);
    }
    if member.left_on.is_some() {
        return Err(ServiceError::Conflict("the member has left".into()));
    }
    Ok((member, team))
}

/// Changes a member's roster entry.
pub async fn edit(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    entry: RosterEntry,
    now: DateTime<Utc>,
) -> Result<MemberDetails, ServiceError> {
    let (member, team) = kept(store, actor, id).await?;
    let (entry, _) = check(store, &team, entry, now).await?;
    if entry == member.entry {
        // Nothing changed: no history entry for a form saved as it was.
        return details(store, &team, member, true).await;
    }
    let with_account = match member.user_id {
        Some(u) => account_is_kept(store, actor, u).await?,
        None => false,
    };
    let member = store
        .edit_member(id, &entry, with_account, by(actor, now))
        .await
        .map_err(|e| phone_conflict(e.into()))?
        .ok_or(ServiceError::NotFound)?;
    details(store, &team, member, true).await
}

/// Gives a member's account a new first password (theirs was forgotten, or never reached
/// them): it must be changed at the next sign-in, and every session of it ends.
pub async fn reset_password(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
    req: PasswordResetRequest,
    now: DateTime<Utc>,
) -> Result<InitialPassword, ServiceError> {
    let (member, _) = kept(store, actor, id).await?;
    let Some(user) = (match member.user_id {
        Some(u) => store.user(u).await?,
        None => None,
    }) else {
        return Err(FieldError::new("phone", ErrorCode::PhoneRequired).into());
    };
    if !account_is_kept(store, actor, user.id).await? {
        return Err(ServiceError::Forbidden);
    }
    let (password, made_up) = first_password(req.password, "password")?;
    let hash = hash_password_async(&password).await?;
    store
        .reset_member_password(id, &hash, by(actor, now))
        .await?;
    Ok(InitialPassword {
        phone: user.phone,
        password: made_up.then_some(password),
    })
}

fn form_view(team: Team, remote_area: bool, member: Option<MemberDetails>) -> MemberFormView {
    MemberFormView {
        areas: team
            .village_ids
            .iter()
            .zip(&team.villages)
            .map(|(id, name)| AreaChoice {
                id: *id,
                name: name.clone(),
            })
            .collect(),
        team_id: team.id,
        team_name: team.name,
        remote_area,
        member,
        other_teams: Vec::new(),
    }
}

async fn remote(store: &dyn Store, team: &Team) -> Result<bool, ServiceError> {
    Ok(store
        .org_unit(team.commune_id)
        .await?
        .is_some_and(|c| c.remote))
}

/// The form for a new member of a team, for those who may add one.
pub async fn new_form(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
) -> Result<MemberFormView, ServiceError> {
    if !actor.can_keep_team(&team_scope(store, team_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    let team = store.team(team_id).await?.ok_or(ServiceError::NotFound)?;
    let remote = remote(store, &team).await?;
    Ok(form_view(team, remote, None))
}

/// A member's page: their entry (`can_keep` says whether the reader may change it) with
/// what its form needs.
pub async fn member_page(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
) -> Result<MemberFormView, ServiceError> {
    let (member, team, can_keep) = readable(store, actor, id).await?;
    let current = member.left_on.is_none();
    let details = details(store, &team, member, can_keep).await?;
    let remote = remote(store, &team).await?;
    let (team_id, commune_id) = (team.id, team.commune_id);
    let mut view = form_view(team, remote, Some(details));
    if can_keep && current {
        view.other_teams = store
            .teams_under(commune_id)
            .await?
            .into_iter()
            .filter(|t| t.id != team_id)
            .map(|t| AreaChoice {
                id: t.id,
                name: t.name,
            })
            .collect();
    }
    Ok(view)
}

/// A member's history, newest first, for whoever may see their roster entry. The area is
/// shown by name.
pub async fn history(
    store: &dyn Store,
    actor: &Actor,
    id: i64,
) -> Result<Vec<ChangeView>, ServiceError> {
    let (_, team, _) = readable(store, actor, id).await?;
    let mut changes = super::history::changes(store, Subject::Member, id, &MEMBER_FIELDS).await?;
    let name = |v: &mut Option<String>| {
        if let Some(id) = v.as_deref().and_then(|s| s.parse::<i64>().ok()) {
            if let Some(i) = team.village_ids.iter().position(|x| *x == id) {
                *v = team.villages.get(i).cloned();
            }
        }
    };
    for c in &mut changes {
        for f in c.changes.iter_mut().filter(|f| f.field == "area_id") {
            name(&mut f.before);
            name(&mut f.after);
        }
    }
    Ok(changes)
}
