//! What a team did in one report month, counted: the numbers every indicator is made of.
//!
//! A team-month's counts are kept in the database and refreshed with every write to the
//! team's records of that month; periods and units add them up. What depends on the
//! roster or the calendar alone (how many members, how many months) is counted when
//! asked, from the roster, so that a month without any record still counts.

use super::period::{MonthRange, ReportCalendar};
use crate::domain::local_time::{local_date, YearMonth};
use crate::domain::records::activity::Details;
use crate::domain::records::{incident, RecordBody};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Fire and rescue call-outs are incidents of these categories the team was called to.
pub const CALL_OUT_CATEGORIES: [&str; 2] = ["fire", "rescue"];
pub const WEAPONS_CATEGORY: &str = "weapons";
pub const SERIOUS_ACCIDENT_CATEGORY: &str = "serious_traffic_accident";

/// Settings the counting depends on; changing one means recounting (`antt recompute`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountingRules {
    pub calendar: ReportCalendar,
    /// The team is "present in time" when it arrives at most this long after learning.
    pub in_time_minutes: i64,
}

impl Default for CountingRules {
    fn default() -> Self {
        Self {
            calendar: ReportCalendar::default(),
            in_time_minutes: 30,
        }
    }
}

/// Declares `Activity` from its counts, each written once: the struct's fields, the
/// database columns of `team_month_counts` (`COLUMNS`, same names) and the values in that
/// order, so adding a count is one line here plus a migration.
macro_rules! activity_counts {
    ($($(#[$doc:meta])* $count:ident,)*) => {
        /// The counts of one team in one report month (or, added up, of many).
        #[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
        pub struct Activity {
            $($(#[$doc])* pub $count: i64,)*
        }

        impl Activity {
            pub const COLUMNS: [&'static str; [$(stringify!($count)),*].len()] =
                [$(stringify!($count)),*];

            /// The values in the order of `COLUMNS`.
            pub fn values(&self) -> [i64; Self::COLUMNS.len()] {
                [$(self.$count),*]
            }

            /// Built from values in the order of `COLUMNS`.
            pub fn from_values(v: [i64; Self::COLUMNS.len()]) -> Self {
                let [$($count),*] = v;
                Self { $($count),* }
            }
        }
    };
}

activity_counts! {
    /// Members on the roster who took part in at least one patrol.
    members_patrolled,
    /// Tips the force received and passed to the commune police.
    tips_via_force,
    /// Tips the commune police received directly.
    tips_direct,
    incidents,
    incidents_in_time,
    call_outs,
    call_outs_in_time,
    business_checks,
    business_violations,
    households_gathered,
    households_passed,
    weapons_cases,
    people_helped,
    reoffences,
    serious_accidents,
    /// 1 when the month had a good deed or a commended member.
    good_deed_month,
    /// 1 when the month had a report of an effective model recognised by the police;
    /// over several months of one team it stays 1 (see `add_month`), so over teams it
    /// counts the teams that kept a model.
    model_month,
}

impl Activity {
    pub fn is_zero(&self) -> bool {
        self.values().iter().all(|v| *v == 0)
    }

    /// Adds another team's counts: everything adds up.
    pub fn add_team(&mut self, other: &Activity) {
        let mut v = self.values();
        for (a, b) in v.iter_mut().zip(other.values()) {
            *a += b;
        }
        *self = Self::from_values(v);
    }

    /// Adds another month of the same team: counts add up, good-deed months too, but a
    /// model kept over several months is still one team with a model.
    pub fn add_month(&mut self, other: &Activity) {
        let model = self.model_month.max(other.model_month);
        self.add_team(other);
        self.model_month = model;
    }
}

/// A member's time on a team's roster (`left_on` is their last day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub member_id: i64,
    pub joined_on: NaiveDate,
    pub left_on: Option<NaiveDate>,
}

impl Membership {
    /// On the roster for at least one day of `[from, to]`: a member who joins or leaves
    /// mid-month counts in that month.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.joined_on <= to && self.left_on.is_none_or(|l| l >= from)
    }
}

/// A record to count: its body, and whether the commune police logged it themselves.
#[derive(Debug, Clone, Copy)]
pub struct Counted<'a> {
    pub body: &'a RecordBody,
    pub by_police: bool,
}

/// The report month a record counts in.
pub fn month_of(body: &RecordBody, rules: &CountingRules) -> YearMonth {
    rules.calendar.month_of(local_date(body.occurred_at()))
}

/// Counts one team-month from its records (those of other months are ignored, deleted
/// ones must not be passed) and its roster.
pub fn count_month(
    month: YearMonth,
    records: &[Counted<'_>],
    roster: &[Membership],
    rules: &CountingRules,
) -> Activity {
    let (from, to) = rules.calendar.span(month);
    let on_roster: BTreeSet<i64> = roster
        .iter()
        .filter(|m| m.overlaps(from, to))
        .map(|m| m.member_id)
        .collect();
    let mut patrolled: BTreeSet<i64> = BTreeSet::new();
    let mut a = Activity::default();
    for r in records.iter().filter(|r| month_of(r.body, rules) == month) {
        match r.body {
            RecordBody::Patrol(p) => {
                patrolled.extend(
                    p.participants
                        .iter()
                        .filter(|id| on_roster.contains(id))
                        .copied(),
                );
            }
            RecordBody::Incident(i) => {
                let in_time = incident::present_in_time(i, rules.in_time_minutes) as i64;
                a.incidents += 1;
                a.incidents_in_time += in_time;
                if i.mobilised && CALL_OUT_CATEGORIES.contains(&i.category.as_str()) {
                    a.call_outs += 1;
                    a.call_outs_in_time += in_time;
                }
                a.weapons_cases += (i.category == WEAPONS_CATEGORY) as i64;
                a.serious_accidents += (i.category == SERIOUS_ACCIDENT_CATEGORY) as i64;
            }
            RecordBody::TipOff(t) => {
                if r.by_police {
                    a.tips_direct += 1;
                } else if t.forwarded_at.is_some() {
                    a.tips_via_force += 1;
                }
            }
            RecordBody::GoodDeed(_) => a.good_deed_month = 1,
            RecordBody::Activity(act) => match &act.details {
                Details::BusinessCheck {
                    violation_found, ..
                } => {
                    a.business_checks += 1;
                    a.business_violations += *violation_found as i64;
                }
                Details::HouseholdInfo {
                    gathered,
                    passed_to_police,
                } => {
                    a.households_gathered += i64::from(*gathered);
                    a.households_passed += i64::from(*passed_to_police);
                }
                Details::Reintegration { reoffended, .. } => {
                    a.people_helped += 1;
                    a.reoffences += *reoffended as i64;
                }
                Details::Model {
                    effective,
                    recognised_by,
                    ..
                } if *effective && !recognised_by.trim().is_empty() => a.model_month = 1,
                _ => {}
            },
        }
    }
    a.members_patrolled = patrolled.len() as i64;
    a
}

/// A team's span of operation (`dissolved_on` is its last day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamSpan {
    pub operating_since: NaiveDate,
    pub dissolved_on: Option<NaiveDate>,
}

/// What the roster and the calendar give for a team over some months.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Presence {
    /// 1 when the team operated in any of the months; added up, the number of teams.
    pub teams: i64,
    /// Months the team operated (at least one day of the month).
    pub team_months: i64,
    /// Σ over those months of the members on the roster that month.
    pub member_months: i64,
}

impl Presence {
    pub fn add(&mut self, other: &Presence) {
        self.teams += other.teams;
        self.team_months += other.team_months;
        self.member_months += other.member_months;
    }
}

/// Counts the months of `months` the team operated, and its members in each of them.
pub fn presence(
    team: TeamSpan,
    roster: &[Membership],
    months: MonthRange,
    calendar: ReportCalendar,
) -> Presence {
    let mut p = Presence::default();
    for m in months.months() {
        let (from, to) = calendar.span(m);
        let operating = team.operating_since <= to && team.dissolved_on.is_none_or(|d| d >= from);
        if operating {
            p.team_months += 1;
            p.member_months += roster.iter().filter(|r| r.overlaps(from, to)).count() as i64;
        }
    }
    p.teams = (p.team_months > 0) as i64;
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::activity::Activity as Act;
    use crate::domain::records::deed::GoodDeed;
    use crate::domain::records::fixtures::at;
    use crate::domain::records::incident::{Incident, Presence as Arrival};
    use crate::domain::records::patrol::Patrol;
    use crate::domain::records::tip::{Channel, TipOff};
    use chrono::{DateTime, Duration, Utc};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn march() -> YearMonth {
        YearMonth {
            year: 2025,
            month: 3,
        }
    }
    fn member(id: i64, joined: NaiveDate, left: Option<NaiveDate>) -> Membership {
        Membership {
            member_id: id,
            joined_on: joined,
            left_on: left,
        }
    }
    fn patrol(when: DateTime<Utc>, who: &[i64]) -> RecordBody {
        RecordBody::Patrol(Patrol {
            started_at: when,
            ended_at: Some(when + Duration::hours(2)),
            participants: who.to_vec(),
            area: "Thôn Đông".into(),
            observations: String::new(),
            mobilised: false,
            track: vec![],
            incidents: vec![],
        })
    }
    fn incident(category: &str, mobilised: bool, arrive_after: Option<i64>) -> RecordBody {
        let learned = at(9, 20, 0);
        RecordBody::Incident(Incident {
            category: category.into(),
            occurred_at: learned,
            location: "Chợ".into(),
            lat: None,
            lon: None,
            learned_at: learned,
            presence: match arrive_after {
                Some(m) => Arrival::Arrived {
                    at: learned + Duration::minutes(m),
                },
                None => Arrival::NotPresent,
            },
            mobilised,
            actions: vec![],
            outcome: String::new(),
        })
    }
    fn tip(forwarded: bool) -> RecordBody {
        RecordBody::TipOff(TipOff {
            received_at: at(9, 10, 0),
            channel: Channel::InPerson,
            category: "drugs".into(),
            content: "Có người lạ".into(),
            forwarded_at: forwarded.then(|| at(9, 11, 0)),
            assessment: None,
        })
    }
    fn activity(details: Details) -> RecordBody {
        RecordBody::Activity(Act {
            date: d(2025, 3, 9),
            details,
            notes: String::new(),
        })
    }
    fn counted(bodies: &[RecordBody]) -> Vec<Counted<'_>> {
        bodies
            .iter()
            .map(|body| Counted {
                body,
                by_police: false,
            })
            .collect()
    }

    #[test]
    fn a_month_with_nothing_counts_nothing() {
        let a = count_month(march(), &[], &[], &CountingRules::default());
        assert!(a.is_zero());
    }

    #[test]
    fn patrols_count_each_member_on_the_roster_once() {
        let roster = [
            member(1, d(2024, 1, 1), None),
            member(2, d(2025, 3, 20), None), // joined mid-month: counts
            member(3, d(2024, 1, 1), Some(d(2025, 2, 28))), // left before March
        ];
        let bodies = [
            patrol(at(9, 20, 0), &[1, 2]),
            patrol(at(10, 20, 0), &[1, 3]),
            // Another month: not counted in March.
            patrol(at(9, 20, 0) + Duration::days(40), &[1, 2]),
        ];
        let a = count_month(
            march(),
            &counted(&bodies),
            &roster,
            &CountingRules::default(),
        );
        assert_eq!(a.members_patrolled, 2);
    }

    #[test]
    fn incidents_in_time_and_call_outs() {
        let bodies = [
            incident("theft", false, Some(10)),
            incident("theft", false, Some(31)),
            incident("theft", false, None),
            incident("fire", true, Some(30)),
            incident("fire", false, Some(5)), // not called out: not a call-out
            incident("rescue", true, None),
            incident(WEAPONS_CATEGORY, false, Some(5)),
            incident(SERIOUS_ACCIDENT_CATEGORY, true, Some(45)),
        ];
        let a = count_month(march(), &counted(&bodies), &[], &CountingRules::default());
        assert_eq!((a.incidents, a.incidents_in_time), (8, 4));
        assert_eq!((a.call_outs, a.call_outs_in_time), (2, 1));
        assert_eq!((a.weapons_cases, a.serious_accidents), (1, 1));
        let strict = CountingRules {
            in_time_minutes: 5,
            ..CountingRules::default()
        };
        let a = count_month(march(), &counted(&bodies), &[], &strict);
        assert_eq!(a.incidents_in_time, 2);
    }

    #[test]
    fn tips_count_when_passed_on_or_logged_by_the_police() {
        let bodies = [tip(true), tip(false), tip(true), tip(false)];
        let mut records = counted(&bodies);
        records[3].by_police = true;
        let a = count_month(march(), &records, &[], &CountingRules::default());
        assert_eq!((a.tips_via_force, a.tips_direct), (2, 1));
    }

    #[test]
    fn activities_and_month_flags() {
        let bodies = [
            activity(Details::BusinessCheck {
                business: "Karaoke X".into(),
                violation_found: true,
            }),
            activity(Details::BusinessCheck {
                business: "Nhà nghỉ Y".into(),
                violation_found: false,
            }),
            activity(Details::HouseholdInfo {
                gathered: 10,
                passed_to_police: 9,
            }),
            activity(Details::Reintegration {
                person: "Anh T.".into(),
                reoffended: false,
            }),
            activity(Details::Model {
                name: "Camera an ninh".into(),
                recognised_by: String::new(),
                effective: true,
            }),
            RecordBody::GoodDeed(GoodDeed {
                date: d(2025, 3, 8),
                description: "Giúp cụ Hoa".into(),
                members: vec![1],
                beneficiary: String::new(),
                commendation: None,
            }),
            RecordBody::GoodDeed(GoodDeed {
                date: d(2025, 3, 9),
                description: "Trả lại ví".into(),
                members: vec![1],
                beneficiary: String::new(),
                commendation: None,
            }),
        ];
        let a = count_month(march(), &counted(&bodies), &[], &CountingRules::default());
        assert_eq!((a.business_checks, a.business_violations), (2, 1));
        assert_eq!((a.households_gathered, a.households_passed), (10, 9));
        assert_eq!((a.people_helped, a.reoffences), (1, 0));
        assert_eq!(a.good_deed_month, 1, "two deeds are still one month");
        assert_eq!(a.model_month, 0, "a model nobody recognised does not count");
    }

    #[test]
    fn report_months_from_the_15th_move_late_days_forward() {
        let rules = CountingRules {
            calendar: ReportCalendar::starting_on(15).unwrap(),
            ..CountingRules::default()
        };
        // 20/03 belongs to report month 04/2025.
        let bodies = [patrol(at(9, 20, 0) + Duration::days(11), &[1])];
        let roster = [member(1, d(2024, 1, 1), None)];
        let april = YearMonth {
            year: 2025,
            month: 4,
        };
        assert_eq!(
            count_month(march(), &counted(&bodies), &roster, &rules).members_patrolled,
            0
        );
        assert_eq!(
            count_month(april, &counted(&bodies), &roster, &rules).members_patrolled,
            1
        );
    }

    #[test]
    fn presence_counts_operating_months_and_members() {
        let team = TeamSpan {
            operating_since: d(2025, 2, 10),
            dissolved_on: None,
        };
        let roster = [
            member(1, d(2025, 2, 10), None),
            member(2, d(2025, 3, 31), None),
            member(3, d(2025, 2, 10), Some(d(2025, 3, 1))),
        ];
        let months = MonthRange {
            first: YearMonth {
                year: 2025,
                month: 1,
            },
            last: YearMonth {
                year: 2025,
                month: 4,
            },
        };
        let p = presence(team, &roster, months, ReportCalendar::default());
        // January: not yet operating. February: 1 and 3. March: 1, 2, 3. April: 1, 2.
        assert_eq!((p.teams, p.team_months), (1, 3));
        assert_eq!(p.member_months, 2 + 3 + 2);
    }

    #[test]
    fn values_round_trip_in_column_order() {
        let v: [i64; Activity::COLUMNS.len()] = std::array::from_fn(|i| i as i64 + 1);
        assert_eq!(Activity::from_values(v).values(), v);
        let mut teams = Activity::from_values(v);
        teams.add_team(&Activity::from_values(v));
        assert_eq!(teams.values()[15..], [32, 34]);
        let mut months = Activity::from_values(v);
        months.add_month(&Activity::from_values(v));
        assert_eq!(months.values()[15..], [32, 17]);
    }
}
