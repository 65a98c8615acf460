//! Report months and the periods made of them.
//!
//! Indicators are kept per team and *report month*. By default a report month is the
//! calendar month; many government reports run from the 15th to the 14th instead
//! (DOMAIN.md "Reporting calendar"), so the day a report month starts is a setting.
//! A report month is named after the month it ends in: with a start day of 15, report
//! month 11/2025 runs from 15/10/2025 to 14/11/2025, and the year 2025 from 15/12/2024
//! to 14/12/2025, as those reports do.

use crate::domain::local_time::YearMonth;
use crate::domain::ErrorCode;
use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// The day of the month report months start on: 1 (calendar months) to 28.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCalendar {
    start_day: u32,
}

impl Default for ReportCalendar {
    fn default() -> Self {
        Self { start_day: 1 }
    }
}

impl ReportCalendar {
    /// `None` unless 1 ≤ day ≤ 28, so that every month has the day.
    pub fn starting_on(day: u32) -> Option<Self> {
        (1..=28).contains(&day).then_some(Self { start_day: day })
    }

    pub fn start_day(self) -> u32 {
        self.start_day
    }

    /// The report month a day belongs to.
    pub fn month_of(self, d: NaiveDate) -> YearMonth {
        let calendar = YearMonth::of_date(d);
        if self.start_day > 1 && d.day() >= self.start_day {
            calendar.next()
        } else {
            calendar
        }
    }

    /// First and last day of a report month.
    pub fn span(self, m: YearMonth) -> (NaiveDate, NaiveDate) {
        let day = |ym: YearMonth| {
            NaiveDate::from_ymd_opt(ym.year, ym.month, self.start_day)
                .expect("start day is at most 28")
        };
        if self.start_day == 1 {
            (m.first_day(), m.next().first_day() - Duration::days(1))
        } else {
            (day(previous(m)), day(m) - Duration::days(1))
        }
    }

    /// The report months of `[from, to]` (inclusive dates), taking a month when most of its
    /// days fall inside: a phase ending on 03/02 leaves February to the next phase.
    /// `None` when no month qualifies.
    pub fn months_of_dates(self, from: NaiveDate, to: NaiveDate) -> Option<MonthRange> {
        if to < from {
            return None;
        }
        let mostly_inside = |m: YearMonth| {
            let (a, b) = self.span(m);
            let inside = (b.min(to) - a.max(from)).num_days() + 1;
            let total = (b - a).num_days() + 1;
            inside * 2 > total
        };
        let mut first = self.month_of(from);
        let last_candidate = self.month_of(to);
        while first <= last_candidate && !mostly_inside(first) {
            first = first.next();
        }
        let mut last = last_candidate;
        while last >= first && !mostly_inside(last) {
            last = previous(last);
        }
        (first <= last).then_some(MonthRange { first, last })
    }
}

pub fn previous(m: YearMonth) -> YearMonth {
    if m.month == 1 {
        YearMonth {
            year: m.year - 1,
            month: 12,
        }
    } else {
        YearMonth {
            year: m.year,
            month: m.month - 1,
        }
    }
}

/// Consecutive report months, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthRange {
    pub first: YearMonth,
    pub last: YearMonth,
}

impl MonthRange {
    pub fn single(m: YearMonth) -> Self {
        Self { first: m, last: m }
    }

    pub fn contains(&self, m: YearMonth) -> bool {
        self.first <= m && m <= self.last
    }

    pub fn months(&self) -> impl Iterator<Item = YearMonth> + '_ {
        std::iter::successors(Some(self.first), |m| Some(m.next())).take_while(|m| *m <= self.last)
    }

    pub fn len(&self) -> usize {
        self.months().count()
    }

    pub fn is_empty(&self) -> bool {
        self.first > self.last
    }

    /// The months both ranges share.
    pub fn intersect(&self, other: &MonthRange) -> Option<MonthRange> {
        let r = MonthRange {
            first: self.first.max(other.first),
            last: self.last.min(other.last),
        };
        (!r.is_empty()).then_some(r)
    }
}

/// The periods indicators are asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Period {
    Month {
        year: i32,
        month: u32,
    },
    Quarter {
        year: i32,
        quarter: u32,
    },
    Half {
        year: i32,
        half: u32,
    },
    Year {
        year: i32,
    },
    /// A campaign, one of its phases, or any other span of days.
    Dates {
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// The years the product counts in: well before the force's law (2023) and far enough
/// ahead; outside them a period is a mistake, and chrono's own limits are never near.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;
/// The longest period a table is asked for: ten years, room for any plan's span, while
/// one request stays a bounded amount of work.
pub const MAX_MONTHS: usize = 120;

impl Period {
    fn years(&self) -> (i32, i32) {
        match *self {
            Self::Month { year, .. }
            | Self::Quarter { year, .. }
            | Self::Half { year, .. }
            | Self::Year { year } => (year, year),
            Self::Dates { from, to } => (from.year(), to.year()),
        }
    }

    /// Why the period cannot be counted, as an error code: `period_out_of_range` (a year
    /// before [`FIRST_YEAR`] or after [`LAST_YEAR`]), `period_too_long` (more than
    /// [`MAX_MONTHS`] months) or `invalid_period`; `None` when it can.
    pub fn problem(&self, calendar: ReportCalendar) -> Option<ErrorCode> {
        let (first, last) = self.years();
        if first < FIRST_YEAR || last > LAST_YEAR {
            return Some(ErrorCode::PeriodOutOfRange);
        }
        match self.months(calendar) {
            None => Some(ErrorCode::InvalidPeriod),
            Some(m) if m.len() > MAX_MONTHS => Some(ErrorCode::PeriodTooLong),
            Some(_) => None,
        }
    }

    /// The report months the period covers; `None` for an impossible period or one
    /// outside the years counted.
    pub fn months(&self, calendar: ReportCalendar) -> Option<MonthRange> {
        let (first, last) = self.years();
        if first < FIRST_YEAR || last > LAST_YEAR {
            return None;
        }
        let ym = |year: i32, month: u32| {
            (1..=12)
                .contains(&month)
                .then_some(YearMonth { year, month })
        };
        let range = |year: i32, first: u32, len: u32| {
            Some(MonthRange {
                first: ym(year, first)?,
                last: ym(year, first + len - 1)?,
            })
        };
        match *self {
            Self::Month { year, month } => ym(year, month).map(MonthRange::single),
            Self::Quarter { year, quarter } if (1..=4).contains(&quarter) => {
                range(year, quarter * 3 - 2, 3)
            }
            Self::Half { year, half } if (1..=2).contains(&half) => range(year, half * 6 - 5, 6),
            Self::Year { year } => range(year, 1, 12),
            Self::Dates { from, to } => calendar.months_of_dates(from, to),
            _ => None,
        }
    }

    /// Parses the query form: `2025-07`, `2025-q3`, `2025-h2`, `2025`, `2024-10-01..2025-02-03`.
    /// Only the form is checked here; [`Period::problem`] says whether it can be counted.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if let Some((from, to)) = s.split_once("..") {
            let date = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").ok();
            return Some(Self::Dates {
                from: date(from)?,
                to: date(to)?,
            });
        }
        let (year, rest) = match s.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (s, None),
        };
        if year.len() != 4 {
            return None;
        }
        let year: i32 = year.parse().ok()?;
        let number = |t: &str| t.parse::<u32>().ok();
        let period = match rest {
            None => Self::Year { year },
            Some(r) if r.starts_with(['q', 'Q']) => Self::Quarter {
                year,
                quarter: number(&r[1..])?,
            },
            Some(r) if r.starts_with(['h', 'H']) => Self::Half {
                year,
                half: number(&r[1..])?,
            },
            Some(r) if r.len() == 2 => Self::Month {
                year,
                month: number(r)?,
            },
            Some(_) => return None,
        };
        let well_formed = match period {
            Self::Month { month, .. } => (1..=12).contains(&month),
            Self::Quarter { quarter, .. } => (1..=4).contains(&quarter),
            Self::Half { half, .. } => (1..=2).contains(&half),
            _ => true,
        };
        well_formed.then_some(period)
    }

    /// The query form `parse` reads.
    pub fn key(&self) -> String {
        match *self {
            Self::Month { year, month } => format!("{year:04}-{month:02}"),
            Self::Quarter { year, quarter } => format!("{year:04}-q{quarter}"),
            Self::Half { year, half } => format!("{year:04}-h{half}"),
            Self::Year { year } => format!("{year:04}"),
            Self::Dates { from, to } => format!("{from}..{to}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    #[test]
    fn calendar_months_by_default() {
        let c = ReportCalendar::default();
        assert_eq!(c.month_of(d(2025, 2, 28)), ym(2025, 2));
        assert_eq!(c.span(ym(2024, 2)), (d(2024, 2, 1), d(2024, 2, 29)));
        assert_eq!(c.span(ym(2025, 12)), (d(2025, 12, 1), d(2025, 12, 31)));
    }

    #[test]
    fn report_months_from_the_15th_are_named_by_their_end() {
        let c = ReportCalendar::starting_on(15).unwrap();
        assert_eq!(c.month_of(d(2025, 10, 14)), ym(2025, 10));
        assert_eq!(c.month_of(d(2025, 10, 15)), ym(2025, 11));
        assert_eq!(c.month_of(d(2025, 12, 20)), ym(2026, 1));
        assert_eq!(c.span(ym(2025, 11)), (d(2025, 10, 15), d(2025, 11, 14)));
        assert_eq!(c.span(ym(2026, 1)), (d(2025, 12, 15), d(2026, 1, 14)));
        // The year 2025 of such reports: 15/12/2024 to 14/12/2025.
        let year = Period::Year { year: 2025 }.months(c).unwrap();
        assert_eq!(c.span(year.first).0, d(2024, 12, 15));
        assert_eq!(c.span(year.last).1, d(2025, 12, 14));
    }

    #[test]
    fn start_day_must_exist_in_every_month() {
        assert!(ReportCalendar::starting_on(0).is_none());
        assert!(ReportCalendar::starting_on(29).is_none());
        assert!(ReportCalendar::starting_on(28).is_some());
    }

    #[test]
    fn seed_002_phases_take_the_months_mostly_inside() {
        let c = ReportCalendar::default();
        let phase1 = c.months_of_dates(d(2024, 10, 1), d(2025, 2, 3)).unwrap();
        assert_eq!((phase1.first, phase1.last), (ym(2024, 10), ym(2025, 1)));
        let phase2 = c.months_of_dates(d(2025, 2, 4), d(2025, 7, 30)).unwrap();
        assert_eq!((phase2.first, phase2.last), (ym(2025, 2), ym(2025, 7)));
        assert_eq!(phase1.len() + phase2.len(), 10);
        let whole = c.months_of_dates(d(2024, 10, 1), d(2025, 7, 30)).unwrap();
        assert_eq!(whole.len(), 10);
        // A span too short to hold most of any month.
        assert_eq!(c.months_of_dates(d(2025, 3, 10), d(2025, 3, 20)), None);
        assert_eq!(c.months_of_dates(d(2025, 3, 20), d(2025, 3, 10)), None);
    }

    #[test]
    fn periods_parse_and_cover_their_months() {
        let c = ReportCalendar::default();
        let cases = [
            ("2025-07", ym(2025, 7), ym(2025, 7)),
            ("2025-q3", ym(2025, 7), ym(2025, 9)),
            ("2025-h1", ym(2025, 1), ym(2025, 6)),
            ("2025", ym(2025, 1), ym(2025, 12)),
            ("2024-10-01..2025-07-30", ym(2024, 10), ym(2025, 7)),
        ];
        for (text, first, last) in cases {
            let p = Period::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(p.key(), text);
            assert_eq!(p.months(c), Some(MonthRange { first, last }), "{text}");
        }
        for bad in [
            "", "25", "2025-13", "2025-q5", "2025-h3", "2025-7", "x..y", "2025-00",
        ] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_are_bounded_in_years_and_length() {
        let c = ReportCalendar::default();
        let problem = |text: &str| Period::parse(text).and_then(|p| p.problem(c));
        assert_eq!(problem("2025"), None);
        assert_eq!(problem("2015-01-01..2024-12-31"), None, "ten years exactly");
        assert_eq!(
            problem("2015-01-01..2025-01-31"),
            Some(ErrorCode::PeriodTooLong)
        );
        assert_eq!(problem("1999-12"), Some(ErrorCode::PeriodOutOfRange));
        assert_eq!(problem("2101"), Some(ErrorCode::PeriodOutOfRange));
        assert_eq!(
            problem("2025-03-20..2025-03-10"),
            Some(ErrorCode::InvalidPeriod)
        );
        // Far from the product's years, and near chrono's limits: refused, no panic.
        let far = Period::Dates {
            from: NaiveDate::MIN,
            to: NaiveDate::MAX,
        };
        assert_eq!(far.problem(c), Some(ErrorCode::PeriodOutOfRange));
        assert_eq!(far.months(c), None);
        assert_eq!(Period::Year { year: i32::MAX }.months(c), None);
        assert_eq!(
            Period::parse("9999-12-31..9999-12-31").map(|p| p.problem(c)),
            Some(Some(ErrorCode::PeriodOutOfRange))
        );
    }

    #[test]
    fn ranges() {
        let r = MonthRange {
            first: ym(2024, 11),
            last: ym(2025, 2),
        };
        assert_eq!(r.len(), 4);
        assert!(r.contains(ym(2025, 1)) && !r.contains(ym(2025, 3)));
        let other = MonthRange {
            first: ym(2025, 2),
            last: ym(2025, 5),
        };
        assert_eq!(r.intersect(&other), Some(MonthRange::single(ym(2025, 2))));
        assert_eq!(r.intersect(&MonthRange::single(ym(2026, 1))), None);
        assert_eq!(previous(ym(2025, 1)), ym(2024, 12));
    }
}
