//! Reusable view pieces: props in, no data fetching.

pub mod cards;
mod chrome;
mod feedback;
pub mod history;
pub mod outbox;
pub mod photos;
pub mod record_form;
pub mod review;

pub use cards::{TeamCardView, UnitSummaryView};
pub use chrome::{AppBar, Page};
pub use feedback::{framed, ErrorBox, FieldMessage, Loading};

use crate::i18n::Lang;
use leptos::prelude::*;

/// The language of this render, provided by `App`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

pub use crate::wording::dates::{format_date, format_datetime};

/// The time now, on the server from its clock and in the browser from the page's (chrono
/// reads no clock in wasm).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    #[cfg(feature = "hydrate")]
    {
        chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        chrono::Utc::now()
    }
}
