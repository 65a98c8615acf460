//! A team's month, from the records to the commune police: the review of each record,
//! the sign-off states (after DHIS2's data approval) and the deadline. Pure rules:
//! who may take a step, from which state, and what follows.

use super::local_time::YearMonth;
use crate::domain::ErrorCode;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a team's month stands. A month nobody has touched is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MonthState {
    /// Members log and fix; the leader reviews.
    #[default]
    Open,
    /// The leader signed the month off: records and report are locked for the police.
    Submitted,
    /// The commune police took the month: its numbers are official.
    Accepted,
    /// The commune police sent it back with a reason: open again for fixing.
    Returned,
}

impl MonthState {
    pub const ALL: [MonthState; 4] = [
        MonthState::Open,
        MonthState::Submitted,
        MonthState::Accepted,
        MonthState::Returned,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MonthState::Open => "open",
            MonthState::Submitted => "submitted",
            MonthState::Accepted => "accepted",
            MonthState::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    /// Whether the month's records may no longer be logged, edited or deleted.
    pub fn locks_records(self) -> bool {
        matches!(self, MonthState::Submitted | MonthState::Accepted)
    }

    /// Whether the leader still has to hand the month in.
    pub fn awaits_leader(self) -> bool {
        matches!(self, MonthState::Open | MonthState::Returned)
    }
}

/// A step of the month's sign-off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// The leader hands the month in.
    Submit,
    /// The commune police take it.
    Accept,
    /// The commune police send it back.
    Return {
        #[serde(default)]
        reason: String,
    },
    /// The month is opened again (the leader before the police act, or the police).
    Reopen {
        #[serde(default)]
        reason: String,
    },
}

impl Step {
    /// The name kept in the month's audit trail.
    pub fn action(&self) -> &'static str {
        match self {
            Step::Submit => "submit",
            Step::Accept => "accept",
            Step::Return { .. } => "return",
            Step::Reopen { .. } => "reopen",
        }
    }

    /// A step by its name, with the reason it carries if it needs one.
    pub fn parse(name: &str, reason: String) -> Option<Step> {
        match name {
            "submit" => Some(Step::Submit),
            "accept" => Some(Step::Accept),
            "return" => Some(Step::Return { reason }),
            "reopen" => Some(Step::Reopen { reason }),
            _ => None,
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Step::Return { reason } | Step::Reopen { reason } => Some(reason),
            Step::Submit | Step::Accept => None,
        }
    }
}

/// In which capacity the person asking may act on a team's month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Parties {
    /// The team's leader or the deputy standing in.
    pub leader: bool,
    /// The commune police of the team's commune.
    pub police: bool,
}

/// Why a step was refused; each is a stable code for the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepError {
    /// Not the leader, or not the team's commune police, as the step needs.
    NotYours,
    /// The step does not apply to the month's state (e.g. accepting an open month).
    WrongState,
    ReasonRequired,
    ReasonTooLong,
    /// A month that has not begun cannot be handed in.
    MonthNotStarted,
    /// Returned records wait for their authors: the leader cannot hand them in as they are.
    RecordsReturned,
}

impl StepError {
    pub fn code(self) -> ErrorCode {
        match self {
            StepError::NotYours => ErrorCode::Forbidden,
            StepError::WrongState => ErrorCode::MonthStateChanged,
            StepError::ReasonRequired => ErrorCode::ReasonRequired,
            StepError::ReasonTooLong => ErrorCode::TooLong,
            StepError::MonthNotStarted => ErrorCode::MonthNotStarted,
            StepError::RecordsReturned => ErrorCode::RecordsReturned,
        }
    }

    pub fn field(self) -> &'static str {
        match self {
            StepError::ReasonRequired | StepError::ReasonTooLong => "reason",
            _ => "state",
        }
    }
}

/// A reason is a sentence or two that someone else must act on.
pub const MAX_REASON: usize = 1000;

fn check_reason(reason: &str) -> Result<(), StepError> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(StepError::ReasonRequired);
    }
    if reason.chars().count() > MAX_REASON {
        return Err(StepError::ReasonTooLong);
    }
    Ok(())
}

/// What the month's situation is when a step is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Situation {
    pub state: MonthState,
    pub month: YearMonth,
    /// Today in Vietnam.
    pub today: NaiveDate,
    /// Records of the month returned to their authors and not yet fixed.
    pub returned_records: usize,
}

/// The state after `step`, or why it may not be taken. The party is checked before the
/// state, so someone with no say learns nothing about the month.
pub fn next(at: Situation, step: &Step, who: Parties) -> Result<MonthState, StepError> {
    use MonthState::*;
    let allowed = match step {
        Step::Submit => who.leader,
        Step::Accept | Step::Return { .. } => who.police,
        // The leader may take back what the police have not yet taken; an accepted
        // month is reopened by the police alone.
        Step::Reopen { .. } => who.police || (who.leader && at.state == Submitted),
    };
    if !allowed {
        return Err(StepError::NotYours);
    }
    if let Some(reason) = step.reason() {
        check_reason(reason)?;
    }
    match (step, at.state) {
        (Step::Submit, Open | Returned) => {
            if at.today < at.month.first_day() {
                return Err(StepError::MonthNotStarted);
            }
            if at.returned_records > 0 {
                return Err(StepError::RecordsReturned);
            }
            Ok(Submitted)
        }
        (Step::Accept, Submitted) => Ok(Accepted),
        (Step::Return { .. }, Submitted) => Ok(Returned),
        (Step::Reopen { .. }, Submitted | Accepted) => Ok(Open),
        _ => Err(StepError::WrongState),
    }
}

/// The leader's word on one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    /// Not looked at yet, or changed since it was.
    #[default]
    Pending,
    Accepted,
    /// Sent back to the author with a comment.
    Returned,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::Pending => "pending",
            ReviewState::Accepted => "accepted",
            ReviewState::Returned => "returned",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ReviewState::Pending,
            ReviewState::Accepted,
            ReviewState::Returned,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// The leader accepts a record or returns it with a comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "verdict", rename_all = "snake_case")]
pub enum Verdict {
    Accept,
    Return {
        #[serde(default)]
        comment: String,
    },
}

impl Verdict {
    pub fn parse(name: &str, comment: String) -> Option<Verdict> {
        match name {
            "accept" => Some(Verdict::Accept),
            "return" => Some(Verdict::Return { comment }),
            _ => None,
        }
    }

    pub fn state(&self) -> ReviewState {
        match self {
            Verdict::Accept => ReviewState::Accepted,
            Verdict::Return { .. } => ReviewState::Returned,
        }
    }

    pub fn comment(&self) -> Option<&str> {
        match self {
            Verdict::Accept => None,
            Verdict::Return { comment } => Some(comment),
        }
    }
}

/// Whether the leader may give `verdict` on a record of a month in `month`.
pub fn review(month: MonthState, verdict: &Verdict, who: Parties) -> Result<(), StepError> {
    if !who.leader {
        return Err(StepError::NotYours);
    }
    if let Some(comment) = verdict.comment() {
        check_reason(comment)?;
    }
    if month.locks_records() {
        return Err(StepError::WrongState);
    }
    Ok(())
}

/// The day a month's report is due: `day` of the next month, or its last day when the
/// next month is shorter.
pub fn deadline(month: YearMonth, day: u32) -> NaiveDate {
    let next = month.next();
    let last = next
        .next()
        .first_day()
        .pred_opt()
        .unwrap_or(next.first_day());
    let day = day.clamp(1, last.day());
    NaiveDate::from_ymd_opt(next.year, next.month, day).unwrap_or(last)
}

/// A month is late once its deadline has passed and the leader has not handed it in.
pub fn is_late(state: MonthState, month: YearMonth, deadline_day: u32, today: NaiveDate) -> bool {
    state.awaits_leader() && today > deadline(month, deadline_day)
}

/// What the leader should see to before the month ends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "gap", rename_all = "snake_case")]
pub enum Gap {
    /// No good deed or commendation yet (seed 002 §II.4.7: at least one a month).
    NoGoodDeed,
    /// Members on the roster who have not been on a patrol this month.
    NotPatrolled { names: Vec<String> },
    /// No record of the monthly team meeting (seed 000).
    NoMeeting,
    /// Records not reviewed yet.
    Unreviewed { count: usize },
    /// Records returned and not fixed yet.
    Returned { count: usize },
}

/// One member's part in the month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Participation {
    pub member_id: i64,
    pub name: String,
    pub patrols: u32,
    pub tips: u32,
    pub good_deeds: u32,
    pub records: u32,
}

/// The month's gaps, in the order a leader acts on them.
pub fn gaps(
    members: &[Participation],
    good_deeds: usize,
    meetings: usize,
    reviews: &[ReviewState],
) -> Vec<Gap> {
    let mut out = Vec::new();
    let returned = reviews
        .iter()
        .filter(|r| **r == ReviewState::Returned)
        .count();
    if returned > 0 {
        out.push(Gap::Returned { count: returned });
    }
    let unreviewed = reviews
        .iter()
        .filter(|r| **r == ReviewState::Pending)
        .count();
    if unreviewed > 0 {
        out.push(Gap::Unreviewed { count: unreviewed });
    }
    if good_deeds == 0 {
        out.push(Gap::NoGoodDeed);
    }
    let names: Vec<String> = members
        .iter()
        .filter(|m| m.patrols == 0)
        .map(|m| m.name.clone())
        .collect();
    if !names.is_empty() {
        out.push(Gap::NotPatrolled { names });
    }
    if meetings == 0 {
        out.push(Gap::NoMeeting);
    }
    out
}

/// Days left in the month after `today` (0 on its last day, and once it is over).
pub fn days_left(month: YearMonth, today: NaiveDate) -> i64 {
    let last = month.next().first_day().pred_opt().unwrap_or(today);
    (last - today).num_days().max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(year: i32, month: u32) -> YearMonth {
        YearMonth { year, month }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const LEADER: Parties = Parties {
        leader: true,
        police: false,
    };
    const POLICE: Parties = Parties {
        leader: false,
        police: true,
    };
    const NOBODY: Parties = Parties {
        leader: false,
        police: false,
    };

    fn at(state: MonthState) -> Situation {
        Situation {
            state,
            month: ym(2026, 10),
            today: d(2026, 11, 2),
            returned_records: 0,
        }
    }

    fn steps() -> Vec<Step> {
        vec![
            Step::Submit,
            Step::Accept,
            Step::Return {
                reason: "Thiếu biên bản họp".into(),
            },
            Step::Reopen {
                reason: "Bổ sung tin báo".into(),
            },
        ]
    }

    /// Every state × step × party, against the table the issue describes.
    #[test]
    fn every_transition() {
        use MonthState::*;
        let expected = |state: MonthState, step: &Step, who: Parties| -> Option<MonthState> {
            match (step, state) {
                (Step::Submit, Open | Returned) if who.leader => Some(Submitted),
                (Step::Accept, Submitted) if who.police => Some(Accepted),
                (Step::Return { .. }, Submitted) if who.police => Some(Returned),
                (Step::Reopen { .. }, Submitted) if who.police || who.leader => Some(Open),
                (Step::Reopen { .. }, Accepted) if who.police => Some(Open),
                _ => None,
            }
        };
        let parties = [
            NOBODY,
            LEADER,
            POLICE,
            Parties {
                leader: true,
                police: true,
            },
        ];
        let mut allowed = 0;
        for state in MonthState::ALL {
            for step in steps() {
                for who in parties {
                    let got = next(at(state), &step, who).ok();
                    assert_eq!(
                        got,
                        expected(state, &step, who),
                        "{state:?} {step:?} {who:?}"
                    );
                    allowed += usize::from(got.is_some());
                }
            }
        }
        assert_eq!(allowed, 13, "the table has 13 allowed moves");
    }

    #[test]
    fn refusals_say_why() {
        use MonthState::*;
        assert_eq!(
            next(at(Open), &Step::Submit, POLICE),
            Err(StepError::NotYours)
        );
        assert_eq!(
            next(at(Open), &Step::Accept, POLICE),
            Err(StepError::WrongState)
        );
        assert_eq!(
            next(at(Accepted), &Step::Reopen { reason: "x".into() }, LEADER),
            Err(StepError::NotYours),
            "an accepted month is the police's to reopen"
        );
        for reason in ["", "   "] {
            let step = Step::Return {
                reason: reason.into(),
            };
            assert_eq!(
                next(at(Submitted), &step, POLICE),
                Err(StepError::ReasonRequired)
            );
        }
        let long = Step::Reopen {
            reason: "a".repeat(MAX_REASON + 1),
        };
        assert_eq!(
            next(at(Submitted), &long, POLICE),
            Err(StepError::ReasonTooLong)
        );
        let future = Situation {
            month: ym(2026, 12),
            ..at(Open)
        };
        assert_eq!(
            next(future, &Step::Submit, LEADER),
            Err(StepError::MonthNotStarted)
        );
        let current = Situation {
            month: ym(2026, 11),
            ..at(Open)
        };
        assert_eq!(next(current, &Step::Submit, LEADER), Ok(Submitted));
        let returned = Situation {
            returned_records: 1,
            ..at(Returned)
        };
        assert_eq!(
            next(returned, &Step::Submit, LEADER),
            Err(StepError::RecordsReturned)
        );
    }

    #[test]
    fn locked_states() {
        let locked: Vec<_> = MonthState::ALL
            .into_iter()
            .filter(|s| s.locks_records())
            .collect();
        assert_eq!(locked, [MonthState::Submitted, MonthState::Accepted]);
        for s in MonthState::ALL {
            assert_eq!(MonthState::parse(s.as_str()), Some(s));
        }
        assert_eq!(MonthState::parse("closed"), None);
    }

    #[test]
    fn reviews() {
        let ret = Verdict::Return {
            comment: "Ghi rõ địa điểm".into(),
        };
        assert_eq!(review(MonthState::Open, &Verdict::Accept, LEADER), Ok(()));
        assert_eq!(review(MonthState::Returned, &ret, LEADER), Ok(()));
        assert_eq!(
            review(MonthState::Open, &ret, POLICE),
            Err(StepError::NotYours)
        );
        assert_eq!(
            review(MonthState::Submitted, &ret, LEADER),
            Err(StepError::WrongState)
        );
        assert_eq!(
            review(MonthState::Accepted, &Verdict::Accept, LEADER),
            Err(StepError::WrongState)
        );
        let blank = Verdict::Return {
            comment: " ".into(),
        };
        assert_eq!(
            review(MonthState::Open, &blank, LEADER),
            Err(StepError::ReasonRequired)
        );
        assert_eq!(ret.state(), ReviewState::Returned);
        assert_eq!(ReviewState::parse("accepted"), Some(ReviewState::Accepted));
    }

    #[test]
    fn deadlines() {
        assert_eq!(deadline(ym(2026, 10), 5), d(2026, 11, 5));
        assert_eq!(deadline(ym(2026, 12), 5), d(2027, 1, 5));
        // The 31st of a month after which February comes.
        assert_eq!(deadline(ym(2027, 1), 31), d(2027, 2, 28));
        assert_eq!(deadline(ym(2028, 1), 31), d(2028, 2, 29));
        assert_eq!(deadline(ym(2026, 10), 0), d(2026, 11, 1));
        assert!(!is_late(MonthState::Open, ym(2026, 10), 5, d(2026, 11, 5)));
        assert!(is_late(MonthState::Open, ym(2026, 10), 5, d(2026, 11, 6)));
        assert!(is_late(
            MonthState::Returned,
            ym(2026, 10),
            5,
            d(2026, 12, 1)
        ));
        assert!(!is_late(
            MonthState::Submitted,
            ym(2026, 10),
            5,
            d(2026, 12, 1)
        ));
        assert!(!is_late(
            MonthState::Accepted,
            ym(2026, 10),
            5,
            d(2026, 12, 1)
        ));
        assert_eq!(days_left(ym(2026, 11), d(2026, 11, 23)), 7);
        assert_eq!(days_left(ym(2026, 11), d(2026, 11, 30)), 0);
        assert_eq!(days_left(ym(2026, 10), d(2026, 11, 23)), 0);
    }

    fn member(id: i64, name: &str, patrols: u32) -> Participation {
        Participation {
            member_id: id,
            name: name.into(),
            patrols,
            tips: 0,
            good_deeds: 0,
            records: patrols,
        }
    }

    #[test]
    fn what_is_missing() {
        let members = [
            member(1, "An", 2),
            member(2, "Bình", 0),
            member(3, "Chi", 0),
        ];
        use ReviewState::*;
        assert_eq!(
            gaps(&members, 0, 0, &[Pending, Accepted, Returned, Pending]),
            vec![
                Gap::Returned { count: 1 },
                Gap::Unreviewed { count: 2 },
                Gap::NoGoodDeed,
                Gap::NotPatrolled {
                    names: vec!["Bình".into(), "Chi".into()]
                },
                Gap::NoMeeting,
            ]
        );
        let done = [member(1, "An", 1)];
        assert_eq!(gaps(&done, 1, 1, &[Accepted]), vec![]);
        assert_eq!(
            gaps(&[], 1, 1, &[]),
            vec![],
            "an empty roster misses nothing"
        );
    }
}
