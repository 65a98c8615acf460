//! A unit's police accounts (issue 18, point 5): who signs in as a commune's or a
//! province's police, kept by the police above the unit (a commune's by its province's,
//! a province's by an admin), each change in the unit's history. A commune's own police
//! read the list; only those who keep it add, reset or take back.

use super::auth::hash_password_async;
use super::directory::{readable_unit, unit_scope};
use super::members::{account_is_kept, by, first_password};
use super::store::police::PoliceSignIn;
use super::store::{RoleGrant, Store, User};
use super::ServiceError;
use crate::domain::org::check_name;
use crate::domain::{Actor, ErrorCode, FieldError, OrgUnitKind, PhoneNumber};
use crate::dto::members::{InitialPassword, PasswordResetRequest};
use crate::dto::police::{AddedPolice, PoliceAccountView, PoliceListView, PoliceRequest};
use chrono::{DateTime, Utc};

fn view(u: &User) -> PoliceAccountView {
    PoliceAccountView {
        user_id: u.id,
        phone: u.phone.clone(),
        full_name: u.full_name.clone(),
        must_change_password: u.must_change_password,
    }
}

/// The police role at the unit: a commune's or a province's; no other unit has police.
async fn grant_at(store: &dyn Store, unit_id: i64) -> Result<RoleGrant, ServiceError> {
    let unit = store
        .org_unit(unit_id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    match unit.kind {
        OrgUnitKind::Commune => Ok(RoleGrant::CommunePolice {
            commune_id: unit_id,
        }),
        OrgUnitKind::Province => Ok(RoleGrant::ProvincePolice {
            province_id: unit_id,
        }),
        _ => Err(FieldError::new("unit_id", ErrorCode::UnitKindNotAllowed).into()),
    }
}

/// Refused unless the actor keeps the unit's police accounts.
async fn kept(store: &dyn Store, actor: &Actor, unit_id: i64) -> Result<RoleGrant, ServiceError> {
    readable_unit(store, actor, unit_id).await?;
    if !actor.can_keep_police_at(&unit_scope(store, unit_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    grant_at(store, unit_id).await
}

/// The unit's police accounts, for its own police and those who keep them.
pub async fn list(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
) -> Result<PoliceListView, ServiceError> {
    let unit = readable_unit(store, actor, unit_id).await?;
    grant_at(store, unit_id).await?;
    let can_keep = actor.can_keep_police_at(&unit_scope(store, unit_id).await?);
    Ok(PoliceListView {
        unit_id,
        unit_name: unit.name,
        accounts: store.police_at(unit_id).await?.iter().map(view).collect(),
        can_keep,
    })
}

/// Gives a phone the unit's police role: a new account with a first password, or the
/// account the phone signs in with already (its password stays).
pub async fn add(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    req: PoliceRequest,
    now: DateTime<Utc>,
) -> Result<AddedPolice, ServiceError> {
    let grant = kept(store, actor, unit_id).await?;
    let full_name = check_name("full_name", &req.full_name)?;
    let phone = PhoneNumber::parse(&req.phone).map_err(|e| FieldError::new("phone", e.code()))?;
    let (account, password) = match store.user_by_phone(phone.as_str()).await? {
        Some(u) => (PoliceSignIn::Existing(u.id), None),
        None => {
            let (password, made_up) = first_password(req.initial_password, "initial_password")?;
            let account = PoliceSignIn::New {
                phone: phone.to_string(),
                full_name,
                password_hash: hash_password_async(&password).await?,
            };
            let shown = InitialPassword {
                phone: phone.to_string(),
                password: made_up.then_some(password),
            };
            (account, Some(shown))
        }
    };
    let (user_id, added) = store.add_police(grant, &account, by(actor, now)).await?;
    if !added {
        return Err(FieldError::new("phone", ErrorCode::AlreadyPoliceHere).into());
    }
    let user = store.user(user_id).await?.ok_or(ServiceError::NotFound)?;
    Ok(AddedPolice {
        account: view(&user),
        password,
    })
}

/// Takes the unit's police role back from an account and ends its sessions; its records
/// and its other roles stay.
pub async fn remove(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<(), ServiceError> {
    let grant = kept(store, actor, unit_id).await?;
    if !store.remove_police(grant, user_id, by(actor, now)).await? {
        return Err(ServiceError::NotFound);
    }
    Ok(())
}

/// A new first password for a police account of the unit, which must be changed at the
/// next sign-in; every session of it ends. Refused for an account that also signs in for
/// what the actor does not keep (an admin, another province's police).
pub async fn reset_password(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    user_id: i64,
    req: PasswordResetRequest,
    now: DateTime<Utc>,
) -> Result<InitialPassword, ServiceError> {
    let grant = kept(store, actor, unit_id).await?;
    let user = store.user(user_id).await?.ok_or(ServiceError::NotFound)?;
    if !account_is_kept(store, actor, user_id).await? {
        return Err(ServiceError::Forbidden);
    }
    let (password, made_up) = first_password(req.password, "password")?;
    let hash = hash_password_async(&password).await?;
    if !store
        .reset_police_password(grant, user_id, &hash, by(actor, now))
        .await?
    {
        return Err(ServiceError::NotFound);
    }
    Ok(InitialPassword {
        phone: user.phone,
        password: made_up.then_some(password),
    })
}
