//! The indicators of seed 002 §II.4, each a numerator over a denominator made of the
//! counts in `measures`. `docs/INDICATORS.md` gives each one's written definition.

use super::measures::{
    Activity, Counted, CountingRules, Presence, CALL_OUT_CATEGORIES, SERIOUS_ACCIDENT_CATEGORY,
    WEAPONS_CATEGORY,
};
use crate::domain::records::activity::Details;
use crate::domain::records::{incident, RecordBody};
use serde::{Deserialize, Serialize};

/// What a team, a commune or a province did over some months: every count the
/// indicators need, added up.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Totals {
    pub activity: Activity,
    pub presence: Presence,
}

impl Totals {
    pub fn add(&mut self, other: &Totals) {
        self.activity.add_team(&other.activity);
        self.presence.add(&other.presence);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// A share, shown in per cent.
    Ratio,
    /// A number of cases; the denominator only says whether there is data at all.
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    TipsViaForce,
    IncidentsInTime,
    EffectiveModels,
    CallOutsInTime,
    BusinessViolations,
    HouseholdInfoPassed,
    WeaponsCases,
    Reoffences,
    MembersOnPatrol,
    SeriousAccidents,
    GoodDeedMonths,
}

impl Indicator {
    pub const ALL: [Indicator; 11] = [
        Self::TipsViaForce,
        Self::IncidentsInTime,
        Self::EffectiveModels,
        Self::CallOutsInTime,
        Self::BusinessViolations,
        Self::HouseholdInfoPassed,
        Self::WeaponsCases,
        Self::Reoffences,
        Self::MembersOnPatrol,
        Self::SeriousAccidents,
        Self::GoodDeedMonths,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::TipsViaForce => "tips_via_force",
            Self::IncidentsInTime => "incidents_in_time",
            Self::EffectiveModels => "effective_models",
            Self::CallOutsInTime => "call_outs_in_time",
            Self::BusinessViolations => "business_violations",
            Self::HouseholdInfoPassed => "household_info_passed",
            Self::WeaponsCases => "weapons_cases",
            Self::Reoffences => "reoffences",
            Self::MembersOnPatrol => "members_on_patrol",
            Self::SeriousAccidents => "serious_accidents",
            Self::GoodDeedMonths => "good_deed_months",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|i| i.code() == code)
    }

    /// The content area of seed 002 §II.4 it measures.
    pub fn section(self) -> &'static str {
        match self {
            Self::TipsViaForce | Self::IncidentsInTime => "4.1",
            Self::EffectiveModels => "4.2",
            Self::CallOutsInTime => "4.3",
            Self::BusinessViolations | Self::HouseholdInfoPassed | Self::WeaponsCases => "4.4",
            Self::Reoffences => "4.5",
            Self::MembersOnPatrol | Self::SeriousAccidents => "4.6",
            Self::GoodDeedMonths => "4.7",
        }
    }

    pub fn shape(self) -> Shape {
        match self {
            Self::BusinessViolations
            | Self::WeaponsCases
            | Self::Reoffences
            | Self::SeriousAccidents => Shape::Count,
            _ => Shape::Ratio,
        }
    }

    /// Numerator and denominator from the totals.
    pub fn fraction(self, t: &Totals) -> (i64, i64) {
        let a = &t.activity;
        let p = &t.presence;
        match self {
            Self::TipsViaForce => (a.tips_via_force, a.tips_via_force + a.tips_direct),
            Self::IncidentsInTime => (a.incidents_in_time, a.incidents),
            Self::EffectiveModels => (a.model_month, p.teams),
            Self::CallOutsInTime => (a.call_outs_in_time, a.call_outs),
            Self::BusinessViolations => (a.business_violations, a.business_checks),
            Self::HouseholdInfoPassed => (a.households_passed, a.households_gathered),
            Self::WeaponsCases => (a.weapons_cases, p.team_months),
            Self::Reoffences => (a.reoffences, a.people_helped),
            Self::MembersOnPatrol => (a.members_patrolled, p.member_months),
            Self::SeriousAccidents => (a.serious_accidents, p.team_months),
            Self::GoodDeedMonths => (a.good_deed_month, p.team_months),
        }
    }

    /// The value: per cent for a ratio, the number for a count; `None` when there is no
    /// data (a zero denominator), never 0 % or 100 %.
    pub fn value(self, t: &Totals) -> Option<f64> {
        let (num, den) = self.fraction(t);
        if den <= 0 {
            return None;
        }
        Some(match self.shape() {
            Shape::Ratio => num as f64 * 100.0 / den as f64,
            Shape::Count => num as f64,
        })
    }
}

/// How a record counts in an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Part {
    /// In the numerator (and so in the denominator too, for a ratio).
    Numerator,
    /// In the denominator only.
    Denominator,
}

impl Indicator {
    /// Whether and how a record counts in this indicator: the records behind a number.
    /// Numbers drawn from the roster (members, months) have no records behind them.
    pub fn part_of(self, r: &Counted<'_>, rules: &CountingRules) -> Option<Part> {
        let part = |numerator: bool| {
            Some(if numerator {
                Part::Numerator
            } else {
                Part::Denominator
            })
        };
        match (self, r.body) {
            (Self::TipsViaForce, RecordBody::TipOff(t)) => {
                if r.by_police {
                    part(false)
                } else {
                    t.forwarded_at.is_some().then_some(Part::Numerator)
                }
            }
            (Self::IncidentsInTime, RecordBody::Incident(i)) => {
                part(incident::present_in_time(i, rules.in_time_minutes))
            }
            (Self::CallOutsInTime, RecordBody::Incident(i))
                if i.mobilised && CALL_OUT_CATEGORIES.contains(&i.category.as_str()) =>
            {
                part(incident::present_in_time(i, rules.in_time_minutes))
            }
            (Self::WeaponsCases, RecordBody::Incident(i)) if i.category == WEAPONS_CATEGORY => {
                part(true)
            }
            (Self::SeriousAccidents, RecordBody::Incident(i))
                if i.category == SERIOUS_ACCIDENT_CATEGORY =>
            {
                part(true)
            }
            (Self::MembersOnPatrol, RecordBody::Patrol(_)) => part(true),
            (Self::GoodDeedMonths, RecordBody::GoodDeed(_)) => part(true),
            (_, RecordBody::Activity(a)) => match (self, &a.details) {
                (
                    Self::BusinessViolations,
                    Details::BusinessCheck {
                        violation_found, ..
                    },
                ) => part(*violation_found),
                (Self::HouseholdInfoPassed, Details::HouseholdInfo { .. }) => part(true),
                (Self::Reoffences, Details::Reintegration { reoffended, .. }) => part(*reoffended),
                (
                    Self::EffectiveModels,
                    Details::Model {
                        effective,
                        recognised_by,
                        ..
                    },
                ) if *effective && !recognised_by.trim().is_empty() => part(true),
                _ => None,
            },
            _ => None,
        }
    }

    /// The record kinds that can count in this indicator.
    pub fn record_kinds(self) -> &'static [&'static str] {
        match self {
            Self::TipsViaForce => &["tip_off"],
            Self::IncidentsInTime
            | Self::CallOutsInTime
            | Self::WeaponsCases
            | Self::SeriousAccidents => &["incident"],
            Self::MembersOnPatrol => &["patrol"],
            Self::GoodDeedMonths => &["good_deed"],
            Self::BusinessViolations => &["business_check"],
            Self::HouseholdInfoPassed => &["household_info"],
            Self::Reoffences => &["reintegration"],
            Self::EffectiveModels => &["model"],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn totals(activity: Activity, presence: Presence) -> Totals {
        Totals { activity, presence }
    }

    #[test]
    fn codes_round_trip_and_are_unique() {
        for i in Indicator::ALL {
            assert_eq!(Indicator::parse(i.code()), Some(i));
        }
        let mut codes: Vec<_> = Indicator::ALL.iter().map(|i| i.code()).collect();
        codes.dedup();
        assert_eq!(codes.len(), 11);
        assert_eq!(Indicator::parse("nope"), None);
    }

    #[test]
    fn no_data_is_none_never_zero_or_full() {
        let empty = Totals::default();
        for i in Indicator::ALL {
            assert_eq!(i.value(&empty), None, "{}", i.code());
        }
    }

    #[test]
    fn hand_computed_month() {
        let t = totals(
            Activity {
                tips_via_force: 8,
                tips_direct: 2,
                incidents: 4,
                incidents_in_time: 3,
                members_patrolled: 4,
                business_checks: 3,
                business_violations: 0,
                good_deed_month: 1,
                model_month: 1,
                ..Activity::default()
            },
            Presence {
                teams: 1,
                team_months: 1,
                member_months: 5,
            },
        );
        let v = |i: Indicator| i.value(&t);
        assert_eq!(v(Indicator::TipsViaForce), Some(80.0));
        assert_eq!(v(Indicator::IncidentsInTime), Some(75.0));
        assert_eq!(v(Indicator::MembersOnPatrol), Some(80.0));
        assert_eq!(v(Indicator::BusinessViolations), Some(0.0));
        assert_eq!(v(Indicator::GoodDeedMonths), Some(100.0));
        assert_eq!(v(Indicator::EffectiveModels), Some(100.0));
        assert_eq!(v(Indicator::WeaponsCases), Some(0.0));
        // Nobody being helped: no data on re-offences, not "none".
        assert_eq!(v(Indicator::Reoffences), None);
        assert_eq!(v(Indicator::CallOutsInTime), None);
    }

    #[test]
    fn ratios_roll_up_as_sums_never_as_averages() {
        // Team A: 1 of 1 incidents in time (100 %); team B: 1 of 3 (33 %).
        let a = totals(
            Activity {
                incidents: 1,
                incidents_in_time: 1,
                ..Activity::default()
            },
            Presence::default(),
        );
        let b = totals(
            Activity {
                incidents: 3,
                incidents_in_time: 1,
                ..Activity::default()
            },
            Presence::default(),
        );
        let mut commune = a;
        commune.add(&b);
        assert_eq!(Indicator::IncidentsInTime.fraction(&commune), (2, 4));
        assert_eq!(Indicator::IncidentsInTime.value(&commune), Some(50.0));
    }

    #[test]
    fn records_behind_the_numbers() {
        use crate::domain::records::fixtures::at;
        use crate::domain::records::tip::{Channel, TipOff};
        use crate::domain::records::RecordKind;
        let tip = |forwarded: bool| {
            RecordBody::TipOff(TipOff {
                received_at: at(9, 10, 0),
                channel: Channel::InPerson,
                category: "drugs".into(),
                content: "Có người lạ".into(),
                forwarded_at: forwarded.then(|| at(9, 11, 0)),
                assessment: None,
            })
        };
        let rules = CountingRules::default();
        let (passed, kept) = (tip(true), tip(false));
        let of =
            |body, by_police| Indicator::TipsViaForce.part_of(&Counted { body, by_police }, &rules);
        assert_eq!(of(&passed, false), Some(Part::Numerator));
        assert_eq!(
            of(&kept, false),
            None,
            "a tip kept by the team never reached the police"
        );
        assert_eq!(of(&kept, true), Some(Part::Denominator));
        assert_eq!(
            Indicator::IncidentsInTime.part_of(
                &Counted {
                    body: &passed,
                    by_police: false
                },
                &rules
            ),
            None
        );
        for i in Indicator::ALL {
            for k in i.record_kinds() {
                assert!(RecordKind::parse(k).is_some(), "{k}");
            }
        }
    }

    #[test]
    fn every_section_of_seed_002_has_an_indicator() {
        for s in ["4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7"] {
            assert!(Indicator::ALL.iter().any(|i| i.section() == s), "{s}");
        }
    }
}
