//! Mergers of units: communes merged into one from a day (as on 01/07/2025), villages and
//! residential groups joined (as in 2026). The rules that need no database: what may
//! merge, the day it takes effect, and the names that would clash afterwards.

use super::indicators::ReportCalendar;
use super::local_time::YearMonth;
use super::org::{same_name, OrgUnitKind};
use super::{ErrorCode, FieldError};
use chrono::NaiveDate;

/// Communes merge under their province, villages and residential groups under their
/// commune. Provinces merged too in 2025, but their campaigns and targets would have to
/// move with them, which is not built.
pub fn may_merge(kind: OrgUnitKind) -> bool {
    matches!(kind, OrgUnitKind::Commune | OrgUnitKind::Village)
}

/// The report month a merger takes effect from. It must begin on the first day of a
/// report month, so that each month's figures belong to one unit: the months before roll
/// up under the old units, that month and the later ones under the new. A merger is
/// recorded once it has happened (from that day on, the teams answer to the new unit).
pub fn effective_month(
    day: NaiveDate,
    calendar: ReportCalendar,
    today: NaiveDate,
) -> Result<YearMonth, FieldError> {
    if day > today {
        return Err(FieldError::new("from", ErrorCode::DateInFuture));
    }
    let month = calendar.month_of(day);
    if calendar.span(month).0 != day {
        return Err(FieldError::new("from", ErrorCode::MergeNotMonthStart));
    }
    Ok(month)
}

/// A name that more than one of the merging units would bring into the merged one (each
/// group: the names under one unit), compared as a reader would: two "Thôn 1" side by
/// side could not be told apart, so one is renamed first.
pub fn clashing_name<'a>(groups: &[Vec<&'a str>]) -> Option<&'a str> {
    groups.iter().enumerate().find_map(|(i, group)| {
        group.iter().copied().find(|name| {
            groups[i + 1..]
                .iter()
                .any(|later| later.iter().any(|other| same_name(name, other)))
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn communes_and_villages_merge() {
        assert!(may_merge(OrgUnitKind::Commune));
        assert!(may_merge(OrgUnitKind::Village));
        assert!(!may_merge(OrgUnitKind::Province));
        assert!(!may_merge(OrgUnitKind::District));
    }

    #[test]
    fn a_merger_begins_a_report_month_that_has_come() {
        let today = d(2025, 7, 20);
        let calendar = ReportCalendar::default();
        let july = effective_month(d(2025, 7, 1), calendar, today).unwrap();
        assert_eq!((july.year, july.month), (2025, 7));
        let e = effective_month(d(2025, 7, 2), calendar, today).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("from", ErrorCode::MergeNotMonthStart)
        );
        let e = effective_month(d(2025, 8, 1), calendar, today).unwrap_err();
        assert_eq!(e.code, ErrorCode::DateInFuture);
        // Report months from the 15th: 15/06 begins report month 07/2025.
        let fifteenth = ReportCalendar::starting_on(15).unwrap();
        let m = effective_month(d(2025, 6, 15), fifteenth, today).unwrap();
        assert_eq!((m.year, m.month), (2025, 7));
        assert!(effective_month(d(2025, 7, 1), fifteenth, today).is_err());
    }

    #[test]
    fn names_clash_across_merging_units_not_within_one() {
        let a = vec!["Thôn 1", "Thôn 2"];
        let b = vec!["Thôn 3", "thôn  2"];
        assert_eq!(clashing_name(&[a.clone(), b]), Some("Thôn 2"));
        assert_eq!(clashing_name(&[a, vec!["Thôn 3"]]), None);
        assert_eq!(clashing_name(&[vec!["Thôn 1", "Thôn 1"]]), None);
        assert_eq!(clashing_name(&[]), None);
    }
}
