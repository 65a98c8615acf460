//! Where a team stands against the campaign's targets: each indicator's fraction, value
//! and whether its target is met. The server reads it from its kept counts; the phone
//! computes it from the records it holds, with the same functions, so both say the same.

use super::campaign::Campaign;
use super::definitions::{Indicator, Totals};
use super::measures::{count_month, presence, Counted, CountingRules, Membership, TeamSpan};
use super::period::{MonthRange, ReportCalendar};
use super::target::Target;
use crate::domain::local_time::YearMonth;
use serde::{Deserialize, Serialize};

/// One indicator for one team (or unit) over some months.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub indicator: Indicator,
    pub numerator: i64,
    pub denominator: i64,
    /// `None` when there is no data.
    pub value: Option<f64>,
    pub target: Option<Target>,
    /// `None` when there is no data or no target.
    pub met: Option<bool>,
}

/// Every indicator of the totals, in the campaign's order of seed 002 §II.4.
pub fn standings(totals: &Totals, campaign: Option<&Campaign>) -> Vec<Standing> {
    Indicator::ALL
        .iter()
        .map(|&indicator| {
            let (numerator, denominator) = indicator.fraction(totals);
            let value = indicator.value(totals);
            let target = campaign.and_then(|c| c.target(indicator));
            Standing {
                indicator,
                numerator,
                denominator,
                value,
                target,
                met: target.and_then(|t| t.met(value)),
            }
        })
        .collect()
}

/// What one team did in one report month, from its records and roster: what the server
/// keeps for that team-month, counted afresh.
pub fn team_month(
    month: YearMonth,
    records: &[Counted<'_>],
    roster: &[Membership],
    span: TeamSpan,
    rules: &CountingRules,
) -> Totals {
    Totals {
        activity: count_month(month, records, roster, rules),
        presence: presence(span, roster, MonthRange::single(month), rules.calendar),
    }
}

/// The first campaign that runs in the month, among those covering the team.
pub fn campaign_in(
    campaigns: &[Campaign],
    month: YearMonth,
    calendar: ReportCalendar,
) -> Option<&Campaign> {
    campaigns
        .iter()
        .find(|c| c.overlaps(&MonthRange::single(month), calendar))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicators::campaign::thai_binh_2024;
    use crate::domain::records::deed::GoodDeed;
    use crate::domain::records::fixtures::at;
    use crate::domain::records::patrol::Patrol;
    use crate::domain::records::RecordBody;
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn march() -> YearMonth {
        YearMonth {
            year: 2025,
            month: 3,
        }
    }

    fn patrol(day: u32, members: Vec<i64>) -> RecordBody {
        RecordBody::Patrol(Patrol {
            started_at: at(day, 20, 0),
            ended_at: Some(at(day, 22, 0)),
            participants: members,
            area: "Thôn Đông".into(),
            observations: String::new(),
            mobilised: false,
            track: vec![],
            incidents: vec![],
        })
    }

    fn deed(day: u32) -> RecordBody {
        RecordBody::GoodDeed(GoodDeed {
            date: d(2025, 3, day),
            description: "Giúp cụ già qua đường".into(),
            members: vec![1],
            beneficiary: "Cụ Hoa".into(),
            commendation: None,
        })
    }

    fn roster() -> Vec<Membership> {
        [(1, d(2024, 1, 1), None), (2, d(2024, 1, 1), None)]
            .into_iter()
            .chain([
                (3, d(2025, 3, 20), None),
                (4, d(2024, 1, 1), Some(d(2025, 2, 1))),
            ])
            .map(|(member_id, joined_on, left_on)| Membership {
                member_id,
                joined_on,
                left_on,
            })
            .collect()
    }

    fn span() -> TeamSpan {
        TeamSpan {
            operating_since: d(2024, 1, 1),
            dissolved_on: None,
        }
    }

    #[test]
    fn a_month_is_read_against_the_campaign_targets() {
        let bodies = [patrol(3, vec![1, 3]), patrol(10, vec![1]), deed(12)];
        let counted: Vec<Counted<'_>> = bodies
            .iter()
            .map(|body| Counted {
                body,
                by_police: false,
            })
            .collect();
        let rules = CountingRules::default();
        let totals = team_month(march(), &counted, &roster(), span(), &rules);
        let campaign = thai_binh_2024(1);
        let all = standings(&totals, Some(&campaign));
        let get = |i: Indicator| *all.iter().find(|s| s.indicator == i).unwrap();

        // Members 1, 2 and 3 (who joined on the 20th) were on the roster; 4 had left.
        let patrol = get(Indicator::MembersOnPatrol);
        assert_eq!((patrol.numerator, patrol.denominator), (2, 3));
        assert!((patrol.value.unwrap() - 66.666).abs() < 0.01);
        assert_eq!(patrol.target, campaign.target(Indicator::MembersOnPatrol));
        assert_eq!(patrol.met, patrol.target.and_then(|t| t.met(patrol.value)));

        let deeds = get(Indicator::GoodDeedMonths);
        assert_eq!(
            (deeds.numerator, deeds.denominator, deeds.value),
            (1, 1, Some(100.0))
        );
        assert_eq!(deeds.met, Some(true));

        // No incident at all: no data, and so nothing to judge.
        let incidents = get(Indicator::IncidentsInTime);
        assert_eq!((incidents.value, incidents.met), (None, None));
    }

    #[test]
    fn without_a_campaign_nothing_is_judged() {
        let totals = team_month(march(), &[], &roster(), span(), &CountingRules::default());
        for s in standings(&totals, None) {
            assert_eq!((s.target, s.met), (None, None), "{:?}", s.indicator);
        }
    }

    #[test]
    fn the_campaign_is_the_one_running_that_month() {
        let campaigns = [thai_binh_2024(1)];
        let calendar = ReportCalendar::default();
        assert!(campaign_in(&campaigns, march(), calendar).is_some());
        let later = YearMonth {
            year: 2026,
            month: 3,
        };
        assert!(campaign_in(&campaigns, later, calendar).is_none());
    }
}
