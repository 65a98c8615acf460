//! Reusable view pieces: props in, no data fetching.

pub mod cards;
mod chrome;
mod feedback;
pub mod outbox;
pub mod photos;
pub mod record_facts;
pub mod record_form;
pub mod review;

pub use cards::{TeamCardView, UnitSummaryView};
pub use chrome::{AppBar, Page};
pub use feedback::{ErrorBox, FieldMessage, Loading};

use crate::i18n::Lang;
use leptos::prelude::*;

/// The language of this render, provided by `App`.
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_default()
}

/// dd/mm/yyyy, as Vietnamese forms write dates.
pub fn format_date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
}

/// dd/mm/yyyy hh:mm in Vietnam time.
pub fn format_datetime(t: chrono::DateTime<chrono::Utc>) -> String {
    use chrono::Timelike;
    let l = crate::domain::local_time::to_local(t);
    format!(
        "{} {:02}:{:02}",
        format_date(l.date()),
        l.hour(),
        l.minute()
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_are_day_month_year() {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
        assert_eq!(super::format_date(d), "01/07/2025");
        let t = chrono::DateTime::parse_from_rfc3339("2025-06-30T17:05:00Z").unwrap();
        assert_eq!(super::format_datetime(t.into()), "01/07/2025 00:05");
    }
}
