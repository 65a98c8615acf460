//! The rows the store's SQL reads, one struct per shape, with the columns typed as both
//! databases give them back; the SQL macros fetch these and turn them into the app's
//! types here, so every check on stored text (kinds, states, months) has one home. Record
//! bodies are decoded by `app::services::store::decode_body`, which the app shares.
//!
//! The derives are generic over the row type, so one struct serves both backends. The
//! rows are grouped like the SQL: the hierarchy and people, records, counting, sign-off,
//! the roster's history.

mod indicators;
mod org;
mod records;
mod roster;
mod signoff;

pub(crate) use indicators::*;
pub(crate) use org::*;
pub(crate) use records::*;
pub(crate) use roster::*;
pub(crate) use signoff::*;

use app::domain::local_time::YearMonth;
use app::services::store::StoreError;

fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Corrupt(format!("unknown {what} {value:?}"))
}

/// Stored text naming one of a closed set of values: anything else means the data is bad.
fn known<T>(
    what: &str,
    text: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, StoreError> {
    parse(text).ok_or_else(|| corrupt(what, text))
}

fn month_key(text: &str) -> Result<YearMonth, StoreError> {
    known("month", text, YearMonth::parse_key)
}
