//! Sign-in, sessions and passwords. Sessions live in the database so that any
//! app server behind a load balancer can answer any request.

use super::store::{NewSession, NewUser, Store};
use super::ServiceError;
use crate::domain::password::check_new_password;
use crate::domain::throttle;
use crate::domain::ErrorCode;
use crate::domain::{Actor, FieldError, PhoneNumber};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

/// Field phones are shared and rarely re-authenticated; a month keeps people working offline.
pub const SESSION_DAYS: i64 = 30;
/// Sign-in counts older than this are of no use to any window (see `domain::throttle`).
pub const FAILURE_WINDOW_MINUTES: i64 = throttle::PAIR_WINDOW_MINUTES;

pub fn hash_password(password: &str) -> Result<String, ServiceError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| ServiceError::Internal(format!("hashing: {e}")))
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Argon2 is slow and memory-hungry on purpose: it runs on the blocking pool, never on
/// the threads that serve requests, and no more of it at once than the machine has cores,
/// so a burst of sign-ins queues instead of exhausting memory.
async fn off_the_workers<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ServiceError> {
    static SLOTS: OnceLock<std::sync::Arc<tokio::sync::Semaphore>> = OnceLock::new();
    let slots = SLOTS.get_or_init(|| {
        let n = std::thread::available_parallelism().map_or(2, |n| n.get());
        std::sync::Arc::new(tokio::sync::Semaphore::new(n))
    });
    let slot = slots
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| ServiceError::Internal(format!("hashing slots: {e}")))?;
    // The slot goes with the work: a client that hangs up drops this future, not the hash
    // already running, and the slot is freed only when the hash is done.
    tokio::task::spawn_blocking(move || {
        let out = work();
        drop(slot);
        out
    })
    .await
    .map_err(|e| ServiceError::Internal(format!("hashing task: {e}")))
}

/// [`verify_password`] on the blocking pool.
pub async fn verify_password_async(password: &str, hash: &str) -> Result<bool, ServiceError> {
    let (password, hash) = (password.to_owned(), hash.to_owned());
    off_the_workers(move || verify_password(&password, &hash)).await
}

/// [`hash_password`] on the blocking pool.
pub async fn hash_password_async(password: &str) -> Result<String, ServiceError> {
    let password = password.to_owned();
    off_the_workers(move || hash_password(&password)).await?
}

/// Verifying against this when the phone is unknown keeps both answers equally slow.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| hash_password("not-a-real-password").unwrap_or_default())
}

pub fn token_hash(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A session just opened: the raw token goes to the client once and is stored only hashed.
#[derive(Debug, Clone)]
pub struct Opened {
    pub token: String,
    pub user_id: i64,
    pub expires_at: DateTime<Utc>,
    /// The account holds a password someone else chose: its owner must choose their own
    /// before anything else.
    pub must_change_password: bool,
}

/// The throttle keys of a sign-in: this phone from this address, and the address alone.
pub fn throttle_keys(phone: &PhoneNumber, addr: &str) -> (String, String) {
    (format!("phone:{phone}|addr:{addr}"), format!("addr:{addr}"))
}

/// Signs in. Each attempt is counted before the password is checked (so attempts made in
/// parallel all count) against the address and against this phone from this address;
/// a successful one clears the phone's count from that address. See `domain::throttle`.
pub async fn login(
    store: &dyn Store,
    phone: &str,
    password: &str,
    client_addr: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Opened, ServiceError> {
    let phone = PhoneNumber::parse(phone).map_err(|e| FieldError::new("phone", e.code()))?;
    if password.is_empty() {
        return Err(FieldError::new("password", ErrorCode::PasswordRequired).into());
    }
    let addr = client_addr.map(throttle::address_key);
    let (pair_key, address_key) = throttle_keys(&phone, addr.as_deref().unwrap_or("unknown"));
    let at_address = store
        .count_login_attempt(
            &address_key,
            now,
            now - Duration::minutes(throttle::ADDRESS_WINDOW_MINUTES),
        )
        .await?;
    if throttle::over_address_ceiling(at_address.count) {
        return Err(ServiceError::RateLimited {
            retry_after: throttle::ADDRESS_WINDOW_MINUTES * 60,
        });
    }
    let pair = store
        .count_login_attempt(
            &pair_key,
            now,
            now - Duration::minutes(throttle::PAIR_WINDOW_MINUTES),
        )
        .await?;
    if let Some(wait) = throttle::wait_for(pair.count, pair.previous_at, now) {
        return Err(ServiceError::RateLimited {
            retry_after: throttle::seconds_to_wait(wait),
        });
    }
    let user = store.user_by_phone(phone.as_str()).await?;
    let ok = match &user {
        Some(u) if !u.disabled => verify_password_async(password, &u.password_hash).await?,
        _ => {
            verify_password_async(password, dummy_hash()).await?;
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        return Err(ServiceError::BadCredentials);
    };
    store.clear_login_attempts(&pair_key).await?;
    let opened = open_session(store, user.id, now).await?;
    Ok(Opened {
        must_change_password: user.must_change_password,
        ..opened
    })
}

pub async fn open_session(
    store: &dyn Store,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Opened, ServiceError> {
    let token = new_token();
    let expires_at = now + Duration::days(SESSION_DAYS);
    store
        .insert_session(&NewSession {
            token_hash: token_hash(&token),
            user_id,
            created_at: now,
            expires_at,
        })
        .await?;
    Ok(Opened {
        token,
        user_id,
        expires_at,
        must_change_password: false,
    })
}

/// The actor behind a session token, with the roles they hold now.
pub async fn actor_for_token(
    store: &dyn Store,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Actor, ServiceError> {
    let user_id = store
        .session_user(&token_hash(token), now)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    match store.user(user_id).await? {
        // A password someone else chose (a new member's first, a reset) was seen by
        // them: until its owner chooses their own, the account holds no role and can
        // only change it.
        Some(u) if !u.disabled && u.must_change_password => Ok(Actor {
            user_id,
            roles: Vec::new(),
        }),
        Some(u) if !u.disabled => Ok(Actor {
            user_id,
            roles: store.roles_of(user_id).await?,
        }),
        _ => Err(ServiceError::Unauthenticated),
    }
}

pub async fn logout(store: &dyn Store, token: &str) -> Result<(), ServiceError> {
    Ok(store.delete_session(&token_hash(token)).await?)
}

/// Changes the password and ends every other session of the user, keeping the one in use.
pub async fn change_password(
    store: &dyn Store,
    actor: &Actor,
    current_token: &str,
    current: &str,
    new: &str,
    confirm: &str,
) -> Result<(), ServiceError> {
    let user = store
        .user(actor.user_id)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    if !verify_password_async(current, &user.password_hash).await? {
        return Err(FieldError::new("current_password", ErrorCode::WrongPassword).into());
    }
    check_new_password(new, confirm, Some(current))?;
    store
        .set_password_hash(user.id, &hash_password_async(new).await?)
        .await?;
    store
        .delete_sessions_except(user.id, Some(&token_hash(current_token)))
        .await?;
    Ok(())
}

/// Creates an account (the `antt user add` command and the demo loader).
pub async fn create_user(
    store: &dyn Store,
    phone: &str,
    full_name: &str,
    password: &str,
) -> Result<i64, ServiceError> {
    let phone = PhoneNumber::parse(phone).map_err(|e| FieldError::new("phone", e.code()))?;
    if full_name.trim().is_empty() {
        return Err(FieldError::new("full_name", ErrorCode::Required).into());
    }
    check_new_password(password, password, None)?;
    let hash = hash_password_async(password).await?;
    create_user_with_hash(store, &phone, full_name, hash).await
}

pub async fn create_user_with_hash(
    store: &dyn Store,
    phone: &PhoneNumber,
    full_name: &str,
    password_hash: String,
) -> Result<i64, ServiceError> {
    Ok(store
        .insert_user(&NewUser {
            phone: phone.to_string(),
            full_name: full_name.trim().to_owned(),
            password_hash,
        })
        .await?)
}

/// Sets a password from the command line, ending every session of the user.
pub async fn reset_password(
    store: &dyn Store,
    phone: &str,
    password: &str,
) -> Result<(), ServiceError> {
    let phone = PhoneNumber::parse(phone).map_err(|e| FieldError::new("phone", e.code()))?;
    check_new_password(password, password, None)?;
    let user = store
        .user_by_phone(phone.as_str())
        .await?
        .ok_or(ServiceError::NotFound)?;
    store
        .set_password_hash(user.id, &hash_password_async(password).await?)
        .await?;
    store.delete_sessions_except(user.id, None).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash_password("mật khẩu 1").unwrap();
        let b = hash_password("mật khẩu 1").unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify_password("mật khẩu 1", &a));
        assert!(!verify_password("mật khẩu 2", &a));
        assert!(!verify_password("x", "not a hash"));
    }

    #[test]
    fn tokens_are_random_and_hashed() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(token_hash(&a).len(), 64);
        assert_ne!(token_hash(&a), a);
    }
}
