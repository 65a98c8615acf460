//! What a push's answer does to an entry, which entries go in the next push, and how
//! long to wait after a failure.

use super::entry::{Entry, State};
use crate::domain::ErrorCode;
use crate::dto::sync::{MutationResult, Outcome};
use crate::dto::AppError;

/// Entries per push: small enough to finish on a weak signal, large enough to drain a
/// week offline in a few round trips.
pub const BATCH: usize = 50;

/// What to do with an entry once the server has answered for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// On the server, nothing left to send: remove it from the phone.
    Done,
    /// Keep it, in this new form.
    Keep(Box<Entry>),
}

/// The entry after the server's answer for its mutation.
pub fn after_push(entry: &Entry, result: &MutationResult) -> Next {
    let mut kept = entry.clone();
    match result.status {
        Outcome::Applied | Outcome::AlreadyApplied => {
            if entry.photos.is_empty() {
                return Next::Done;
            }
            kept.state = State::Photos;
            kept.stored = true;
            kept.problem = None;
        }
        Outcome::Conflict => {
            kept.state = State::Attention;
            kept.problem = Some(
                result
                    .error
                    .clone()
                    .unwrap_or_else(|| AppError::new(ErrorCode::Conflict)),
            );
            kept.server_copy = result.record.clone();
            kept.server_version = result.record.as_ref().map(|r| r.version);
            kept.differences = result.differences.clone();
        }
        Outcome::Rejected
            if result
                .error
                .as_ref()
                .is_some_and(|e| e.code == ErrorCode::MonthSignedOff) =>
        {
            kept.state = State::Held;
            kept.problem = result.error.clone();
        }
        Outcome::Rejected => {
            kept.state = State::Attention;
            kept.problem = Some(
                result
                    .error
                    .clone()
                    .unwrap_or_else(|| AppError::new(ErrorCode::InvalidJson)),
            );
        }
    }
    Next::Keep(Box::new(kept))
}

/// At the start of a round, the user's entries held for a signed-off month wait again:
/// each is tried once a round, so it goes as soon as the month is reopened.
pub fn release_held(entries: &[Entry], user: i64) -> Vec<Entry> {
    entries
        .iter()
        .filter(|e| e.sent_by(user) && e.state == State::Held)
        .map(|e| Entry {
            state: State::Waiting,
            ..e.clone()
        })
        .collect()
}

/// The next push for `user`: their waiting entries, oldest first, at most `BATCH`.
/// Other people's entries wait for their owner to sign in on this phone again.
pub fn next_batch(entries: &[Entry], user: i64) -> Vec<&Entry> {
    let mut mine: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.sent_by(user) && e.state == State::Waiting)
        .collect();
    mine.sort_by(|a, b| a.saved_at.cmp(&b.saved_at).then(a.id.cmp(&b.id)));
    mine.truncate(BATCH);
    mine
}

/// Milliseconds to wait before try number `failures + 1`: doubling from 2 s up to 5 min,
/// with up to a quarter of random spread (`jitter` in 0..1) so that a commune's phones,
/// back in signal together, do not all knock at once.
pub fn backoff_ms(failures: u32, jitter: f64) -> u32 {
    let base = 2_000u64
        .saturating_mul(1u64 << failures.min(20))
        .min(300_000);
    let spread = (base as f64 * 0.25 * jitter.clamp(0.0, 1.0)) as u64;
    (base - base / 8 + spread) as u32
}
