//! Who may serve on a team and why a member leaves it (Law 30/2023 Art. 13 and 17,
//! seeds 000 and 001): the age, schooling and residence a commune checks before it
//! proposes someone, and the reasons a member's service ends.

use super::{ErrorCode, FieldError};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub const MIN_AGE: i32 = 18;
/// Older members need the commune chairman's approval (Law 30/2023 Art. 13).
pub const MAX_AGE_WITHOUT_APPROVAL: i32 = 70;

/// Age in whole years on `on`.
pub fn age_on(born: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - born.year();
    if (on.month(), on.day()) < (born.month(), born.day()) {
        age -= 1;
    }
    age
}

/// Over 70 is allowed, but only with the chairman's approval: the form asks for it.
pub fn needs_age_approval(born: NaiveDate, today: NaiveDate) -> bool {
    age_on(born, today) > MAX_AGE_WITHOUT_APPROVAL
}

/// Schooling as a roster records it. Ordered: a level meets any rule a lower one meets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Education {
    /// Did not finish primary school.
    Incomplete,
    Primary,
    LowerSecondary,
    UpperSecondary,
    Vocational,
    College,
    University,
}

impl Education {
    pub const ALL: [Education; 7] = [
        Self::Incomplete,
        Self::Primary,
        Self::LowerSecondary,
        Self::UpperSecondary,
        Self::Vocational,
        Self::College,
        Self::University,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Incomplete => "incomplete",
            Self::Primary => "primary",
            Self::LowerSecondary => "lower_secondary",
            Self::UpperSecondary => "upper_secondary",
            Self::Vocational => "vocational",
            Self::College => "college",
            Self::University => "university",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == s)
    }

    /// Reads what a roster file or an older record says: a code, a grade ("9/12"; "7/10"
    /// from the ten-year school that members born before about 1975 attended) or the
    /// level's name ("THCS", "Trung cấp", "Đại học" …). `None` when it says nothing known.
    pub fn read(text: &str) -> Option<Self> {
        let t = text.trim().to_lowercase();
        if let Some(e) = Self::parse(&t) {
            return Some(e);
        }
        if let Some((grade, of)) = t.split_once('/') {
            let grade: u32 = grade.trim().parse().ok()?;
            // (upper secondary, lower secondary, primary) done at these grades.
            let (upper, lower, primary) = match of.trim() {
                "12" => (12, 9, 5),
                "10" => (10, 7, 4),
                _ => return None,
            };
            return Some(match grade {
                g if g > upper => return None,
                g if g == upper => Self::UpperSecondary,
                g if g >= lower => Self::LowerSecondary,
                g if g >= primary => Self::Primary,
                _ => Self::Incomplete,
            });
        }
        let words: [(&[&str], Self); 6] = [
            (
                &["đại học", "thạc sĩ", "tiến sĩ", "cử nhân", "kỹ sư"],
                Self::University,
            ),
            (&["cao đẳng"], Self::College),
            (&["trung cấp"], Self::Vocational),
            (
                &["thpt", "trung học phổ thông", "cấp 3", "cấp iii"],
                Self::UpperSecondary,
            ),
            (
                &["thcs", "trung học cơ sở", "cấp 2", "cấp ii"],
                Self::LowerSecondary,
            ),
            (&["tiểu học", "cấp 1", "cấp i"], Self::Primary),
        ];
        words
            .into_iter()
            .find(|(names, _)| {
                names
                    .iter()
                    .any(|n| t == *n || t.starts_with(&format!("{n} ")))
            })
            .map(|(_, e)| e)
    }

    /// The least schooling the law asks for: lower secondary, or primary in a commune of
    /// the mountains, the border, an island or an ethnic-minority area.
    pub fn required(remote_area: bool) -> Self {
        if remote_area {
            Self::Primary
        } else {
            Self::LowerSecondary
        }
    }
}

/// The commune chairman's approval for a member over 70: who gave it, by which decision,
/// on which day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AgeApproval {
    pub approved_by: String,
    pub decision_no: String,
    #[serde(with = "crate::domain::iso_date")]
    pub approved_on: NaiveDate,
}

/// Aged 18 to 70 on `today`; older only with the chairman's approval recorded in full.
pub fn check_age(
    born: NaiveDate,
    today: NaiveDate,
    approval: Option<&AgeApproval>,
) -> Result<(), FieldError> {
    if born > today {
        return Err(FieldError::new("date_of_birth", ErrorCode::DateInFuture));
    }
    let age = age_on(born, today);
    if age < MIN_AGE {
        return Err(FieldError::new("date_of_birth", ErrorCode::MemberTooYoung));
    }
    if age <= MAX_AGE_WITHOUT_APPROVAL {
        return Ok(());
    }
    let Some(a) = approval else {
        return Err(FieldError::new("date_of_birth", ErrorCode::MemberTooOld));
    };
    if a.approved_by.trim().is_empty() {
        return Err(FieldError::new("approved_by", ErrorCode::Required));
    }
    if a.decision_no.trim().is_empty() {
        return Err(FieldError::new("approval_decision_no", ErrorCode::Required));
    }
    if a.approved_on > today {
        return Err(FieldError::new("approved_on", ErrorCode::DateInFuture));
    }
    Ok(())
}

/// The schooling the law asks for, given where the commune lies.
pub fn check_education(level: Education, remote_area: bool) -> Result<(), FieldError> {
    if level < Education::required(remote_area) {
        return Err(FieldError::new("education", ErrorCode::EducationTooLow));
    }
    Ok(())
}

/// Resident in the area for a year or more by `today` (permanent or temporary residence).
pub fn check_residence(since: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    if since > today {
        return Err(FieldError::new("resident_since", ErrorCode::DateInFuture));
    }
    let a_year_on = since
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX);
    if a_year_on > today {
        return Err(FieldError::new(
            "resident_since",
            ErrorCode::ResidenceTooShort,
        ));
    }
    Ok(())
}

/// Why a member's service ends (Law 30/2023 Art. 17(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LeaveReason {
    /// (a) They asked to leave.
    OwnRequest,
    /// (b) A medical certificate says their health no longer allows it.
    Health,
    /// (c) Twice failed their tasks without good reason, or kept failing them after two
    /// written reminders from the commune police.
    FailedTasks,
    /// (d) Prosecuted, held under a preventive measure, or under an administrative measure.
    Prosecuted,
    /// Moved to another team: no reason of Art. 17, for the service goes on there. Set
    /// by a transfer only, never chosen on the leaving form (not in `ALL`).
    Transferred,
}

impl LeaveReason {
    pub const ALL: [LeaveReason; 4] = [
        Self::OwnRequest,
        Self::Health,
        Self::FailedTasks,
        Self::Prosecuted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::OwnRequest => "own_request",
            Self::Health => "health",
            Self::FailedTasks => "failed_tasks",
            Self::Prosecuted => "prosecuted",
            Self::Transferred => "transferred",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .chain([Self::Transferred])
            .find(|r| r.as_str() == s)
    }
}

/// A member leaves on a day from their joining day on, and not later than today: the
/// last day they count in the team's figures.
pub fn check_leaving(
    joined_on: NaiveDate,
    left_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), FieldError> {
    if left_on < joined_on {
        return Err(FieldError::new("left_on", ErrorCode::LeftBeforeJoined));
    }
    if left_on > today {
        return Err(FieldError::new("left_on", ErrorCode::DateInFuture));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn code(r: Result<(), FieldError>) -> Option<(String, ErrorCode)> {
        r.err().map(|e| (e.field, e.code))
    }

    #[test]
    fn schooling_reads_grades_of_either_school_system_and_names() {
        let cases = [
            ("9/12", Some(Education::LowerSecondary)),
            ("12/12", Some(Education::UpperSecondary)),
            ("8/12", Some(Education::Primary)),
            ("4/12", Some(Education::Incomplete)),
            ("7/10", Some(Education::LowerSecondary)),
            ("10/10", Some(Education::UpperSecondary)),
            ("4/10", Some(Education::Primary)),
            ("13/12", None),
            ("9/11", None),
            ("THCS", Some(Education::LowerSecondary)),
            ("Trung học phổ thông", Some(Education::UpperSecondary)),
            ("Trung cấp", Some(Education::Vocational)),
            ("Trung cấp nghề", Some(Education::Vocational)),
            ("Đại học", Some(Education::University)),
            ("Cao đẳng", Some(Education::College)),
            ("tiểu học", Some(Education::Primary)),
            ("lower_secondary", Some(Education::LowerSecondary)),
            ("", None),
            ("giỏi", None),
        ];
        for (text, want) in cases {
            assert_eq!(Education::read(text), want, "{text:?}");
        }
        for e in Education::ALL {
            assert_eq!(Education::parse(e.as_str()), Some(e));
        }
    }

    #[test]
    fn lower_secondary_is_required_and_primary_where_the_commune_is_remote() {
        assert!(check_education(Education::LowerSecondary, false).is_ok());
        assert!(check_education(Education::University, false).is_ok());
        assert_eq!(
            code(check_education(Education::Primary, false)),
            Some(("education".into(), ErrorCode::EducationTooLow))
        );
        assert!(check_education(Education::Primary, true).is_ok());
        assert_eq!(
            code(check_education(Education::Incomplete, true)),
            Some(("education".into(), ErrorCode::EducationTooLow))
        );
    }

    #[test]
    fn over_seventy_needs_the_chairmans_approval_in_full() {
        let today = d(2026, 12, 1);
        assert!(check_age(d(1956, 12, 1), today, None).is_ok(), "70 today");
        assert_eq!(
            code(check_age(d(1954, 3, 2), today, None)),
            Some(("date_of_birth".into(), ErrorCode::MemberTooOld))
        );
        let approval = AgeApproval {
            approved_by: "Trần Văn Bình, Chủ tịch UBND xã".into(),
            decision_no: "45/QĐ-UBND".into(),
            approved_on: d(2026, 11, 20),
        };
        assert!(check_age(d(1954, 3, 2), today, Some(&approval)).is_ok());
        let unnamed = AgeApproval {
            approved_by: " ".into(),
            ..approval.clone()
        };
        assert_eq!(
            code(check_age(d(1954, 3, 2), today, Some(&unnamed))),
            Some(("approved_by".into(), ErrorCode::Required))
        );
        let no_decision = AgeApproval {
            decision_no: String::new(),
            ..approval.clone()
        };
        assert_eq!(
            code(check_age(d(1954, 3, 2), today, Some(&no_decision))),
            Some(("approval_decision_no".into(), ErrorCode::Required))
        );
        let later = AgeApproval {
            approved_on: d(2027, 1, 1),
            ..approval
        };
        assert_eq!(
            code(check_age(d(1954, 3, 2), today, Some(&later))),
            Some(("approved_on".into(), ErrorCode::DateInFuture))
        );
        assert_eq!(
            code(check_age(d(2009, 12, 2), today, None)),
            Some(("date_of_birth".into(), ErrorCode::MemberTooYoung))
        );
    }

    #[test]
    fn a_year_of_residence_is_counted_to_the_day() {
        let today = d(2026, 12, 1);
        assert!(check_residence(d(2025, 12, 1), today).is_ok());
        assert_eq!(
            code(check_residence(d(2025, 12, 2), today)),
            Some(("resident_since".into(), ErrorCode::ResidenceTooShort))
        );
        assert_eq!(
            code(check_residence(d(2027, 1, 1), today)),
            Some(("resident_since".into(), ErrorCode::DateInFuture))
        );
        // 29/02 plus a year is 28/02 of the next year.
        assert!(check_residence(d(2024, 2, 29), d(2025, 2, 28)).is_ok());
    }

    #[test]
    fn leaving_falls_between_joining_and_today() {
        let today = d(2026, 12, 1);
        assert!(check_leaving(d(2024, 7, 1), d(2026, 11, 30), today).is_ok());
        assert!(check_leaving(d(2024, 7, 1), d(2024, 7, 1), today).is_ok());
        assert_eq!(
            code(check_leaving(d(2024, 7, 1), d(2024, 6, 30), today)),
            Some(("left_on".into(), ErrorCode::LeftBeforeJoined))
        );
        assert_eq!(
            code(check_leaving(d(2024, 7, 1), d(2026, 12, 2), today)),
            Some(("left_on".into(), ErrorCode::DateInFuture))
        );
        for r in LeaveReason::ALL {
            assert_eq!(LeaveReason::parse(r.as_str()), Some(r));
        }
    }
}
