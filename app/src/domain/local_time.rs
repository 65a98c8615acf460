//! Time as the teams live it: Asia/Ho_Chi_Minh, UTC+7 all year (no daylight saving), so a
//! fixed offset is exact and the browser build needs no time-zone database.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

pub const OFFSET_HOURS: i64 = 7;

pub fn to_local(t: DateTime<Utc>) -> NaiveDateTime {
    t.naive_utc() + Duration::hours(OFFSET_HOURS)
}

pub fn from_local(t: NaiveDateTime) -> DateTime<Utc> {
    (t - Duration::hours(OFFSET_HOURS)).and_utc()
}

pub fn local_date(t: DateTime<Utc>) -> NaiveDate {
    to_local(t).date()
}

/// A calendar month in Vietnam, the period teams report and sign off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    pub fn of_date(d: NaiveDate) -> Self {
        Self {
            year: d.year(),
            month: d.month(),
        }
    }

    pub fn of_instant(t: DateTime<Utc>) -> Self {
        Self::of_date(local_date(t))
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
            .expect("a YearMonth always holds a month 1..=12")
    }

    pub fn next(self) -> Self {
        if self.month == 12 {
            Self {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Self {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The storage key, `yyyy-mm`, which sorts in time order.
    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    pub fn parse_key(s: &str) -> Option<Self> {
        let (y, m) = s.split_once('-')?;
        let (year, month) = (y.parse().ok()?, m.parse().ok()?);
        (y.len() == 4 && m.len() == 2 && (1..=12).contains(&month)).then_some(Self { year, month })
    }
}

/// As Vietnamese forms write it: `tháng 07/2025` → `07/2025`.
impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{}", self.month, self.year)
    }
}

/// Night duty runs 22:00–06:00 local time (Law 30/2023 Art. 23(2)(b)): the minutes of
/// `[start, end)` that fall in it, across as many nights as the span covers.
pub fn night_minutes(start: DateTime<Utc>, end: DateTime<Utc>) -> i64 {
    if end <= start {
        return 0;
    }
    let (s, e) = (to_local(start), to_local(end));
    let night_start = NaiveTime::from_hms_opt(22, 0, 0).expect("valid time");
    let mut day = s.date() - Duration::days(1);
    let mut total = 0;
    while day <= e.date() {
        let from = day.and_time(night_start);
        let to = from + Duration::hours(8);
        let overlap = e.min(to) - s.max(from);
        if overlap > Duration::zero() {
            total += overlap.num_minutes();
        }
        day += Duration::days(1);
    }
    total
}

/// The local dates of `[start, end)` that are public holidays. Holidays are data
/// (the government announces each year's Tết days), passed in by the caller.
pub fn holidays_touched(
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    holidays: &[NaiveDate],
) -> Vec<NaiveDate> {
    if end <= start {
        return Vec::new();
    }
    let last = local_date(end - Duration::microseconds(1));
    let mut day = local_date(start);
    let mut out = Vec::new();
    while day <= last {
        if holidays.contains(&day) {
            out.push(day);
        }
        day += Duration::days(1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        from_local(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
    }

    #[test]
    fn months_follow_local_time_not_utc() {
        // 23:30 on 31/07 in Vietnam is still July, though it is 16:30 UTC.
        assert_eq!(
            YearMonth::of_instant(local(2025, 7, 31, 23, 30)),
            YearMonth {
                year: 2025,
                month: 7
            }
        );
        // 00:30 on 01/08 local is 17:30 UTC on 31/07, but it is August here.
        assert_eq!(
            YearMonth::of_instant(local(2025, 8, 1, 0, 30)),
            YearMonth {
                year: 2025,
                month: 8
            }
        );
        let dec = YearMonth {
            year: 2024,
            month: 12,
        };
        assert_eq!(
            dec.next(),
            YearMonth {
                year: 2025,
                month: 1
            }
        );
        assert_eq!(dec.key(), "2024-12");
        assert_eq!(dec.to_string(), "12/2024");
        assert_eq!(YearMonth::parse_key("2024-12"), Some(dec));
        for bad in ["2024-13", "2024-1", "24-01", "x"] {
            assert_eq!(YearMonth::parse_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn night_minutes_table() {
        let cases = [
            (local(2025, 3, 1, 19, 0), local(2025, 3, 1, 21, 0), 0), // evening only
            (local(2025, 3, 1, 21, 0), local(2025, 3, 1, 23, 30), 90), // into the night
            (local(2025, 3, 1, 22, 0), local(2025, 3, 2, 6, 0), 480), // the whole night
            (local(2025, 3, 2, 4, 0), local(2025, 3, 2, 8, 0), 120), // early morning
            (local(2025, 3, 1, 20, 0), local(2025, 3, 3, 7, 0), 960), // two nights
            (local(2025, 3, 1, 23, 0), local(2025, 3, 1, 22, 0), 0), // end before start
        ];
        for (s, e, want) in cases {
            assert_eq!(night_minutes(s, e), want, "{s} → {e}");
        }
    }

    #[test]
    fn holidays_by_local_date() {
        let national_day = NaiveDate::from_ymd_opt(2025, 9, 2).unwrap();
        let hols = [national_day];
        // 23:00 on 01/09 to 01:00 on 02/09 local touches National Day.
        assert_eq!(
            holidays_touched(local(2025, 9, 1, 23, 0), local(2025, 9, 2, 1, 0), &hols),
            vec![national_day]
        );
        // Ending exactly at midnight does not touch the next day.
        assert!(
            holidays_touched(local(2025, 9, 1, 20, 0), local(2025, 9, 2, 0, 0), &hols).is_empty()
        );
        assert!(
            holidays_touched(local(2025, 9, 3, 8, 0), local(2025, 9, 3, 9, 0), &hols).is_empty()
        );
    }
}
