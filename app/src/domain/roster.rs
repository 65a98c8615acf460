//! A team member's roster entry (seeds 000, 001; Law 30/2023 Art. 13) and the rules it must meet.

use super::{FieldError, PhoneNumber, Position};
use crate::domain::ErrorCode;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Where a member came from, as the commune records it (seed 001).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    FormerCommunePolice,
    CivilDefence,
    NewlySelected,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::FormerCommunePolice => "former_commune_police",
            Self::CivilDefence => "civil_defence",
            Self::NewlySelected => "newly_selected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::FormerCommunePolice,
            Self::CivilDefence,
            Self::NewlySelected,
        ]
        .into_iter()
        .find(|o| o.as_str() == s)
    }
}

/// The roster fields the commune keeps for each member (seeds 000, 001).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RosterEntry {
    pub full_name: String,
    #[serde(with = "crate::domain::iso_date::option")]
    pub date_of_birth: Option<NaiveDate>,
    pub residence: String,
    pub phone: Option<String>,
    pub position: Position,
    pub origin: Option<Origin>,
    pub party_member: bool,
    pub education: String,
    #[serde(with = "crate::domain::iso_date::option")]
    pub appointed_on: Option<NaiveDate>,
    pub decision_no: String,
    pub certificate_no: String,
    pub badge_issued: bool,
    pub equipment: String,
    pub training: String,
}

impl RosterEntry {
    /// An entry with a name and position, every other field empty.
    pub fn new(full_name: &str, position: Position) -> Self {
        Self {
            full_name: full_name.to_owned(),
            date_of_birth: None,
            residence: String::new(),
            phone: None,
            position,
            origin: None,
            party_member: false,
            education: String::new(),
            appointed_on: None,
            decision_no: String::new(),
            certificate_no: String::new(),
            badge_issued: false,
            equipment: String::new(),
            training: String::new(),
        }
    }
}

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

/// Checks a roster entry; `today` is the local date in Asia/Ho_Chi_Minh.
/// Returns the normalised phone number when one was given.
pub fn check_member(
    draft: &RosterEntry,
    today: NaiveDate,
) -> Result<Option<PhoneNumber>, FieldError> {
    let name = draft.full_name.trim();
    if name.is_empty() {
        return Err(FieldError::new("full_name", ErrorCode::Required));
    }
    if name.chars().count() > 120 {
        return Err(FieldError::new("full_name", ErrorCode::TooLong));
    }
    if let Some(born) = draft.date_of_birth {
        if born > today {
            return Err(FieldError::new("date_of_birth", ErrorCode::DateInFuture));
        }
        if age_on(born, today) < MIN_AGE {
            return Err(FieldError::new("date_of_birth", ErrorCode::MemberTooYoung));
        }
    }
    if let Some(appointed) = draft.appointed_on {
        if appointed > today {
            return Err(FieldError::new("appointed_on", ErrorCode::DateInFuture));
        }
    }
    match draft
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        None => Ok(None),
        Some(p) => PhoneNumber::parse(p)
            .map(Some)
            .map_err(|e| FieldError::new("phone", e.code())),
    }
}

/// Over 70 is allowed, but only with the chairman's approval: the UI flags it.
pub fn needs_age_approval(born: NaiveDate, today: NaiveDate) -> bool {
    age_on(born, today) > MAX_AGE_WITHOUT_APPROVAL
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn draft() -> RosterEntry {
        RosterEntry {
            full_name: "Nguyễn Văn An".into(),
            date_of_birth: Some(d(1980, 5, 1)),
            residence: "Thôn Đông".into(),
            phone: Some("0912 345 678".into()),
            position: Position::Member,
            origin: Some(Origin::NewlySelected),
            party_member: false,
            education: "12/12".into(),
            appointed_on: Some(d(2024, 7, 1)),
            decision_no: "12/QĐ-UBND".into(),
            certificate_no: String::new(),
            badge_issued: true,
            equipment: String::new(),
            training: String::new(),
        }
    }

    #[test]
    fn ages_count_whole_years() {
        assert_eq!(age_on(d(2000, 3, 10), d(2018, 3, 9)), 17);
        assert_eq!(age_on(d(2000, 3, 10), d(2018, 3, 10)), 18);
        assert!(needs_age_approval(d(1950, 1, 1), d(2026, 1, 1)));
        assert!(!needs_age_approval(d(1956, 1, 2), d(2026, 1, 1)));
    }

    #[test]
    fn a_valid_entry_normalises_the_phone() {
        let today = d(2026, 11, 22);
        assert_eq!(
            check_member(&draft(), today).unwrap().unwrap().as_str(),
            "0912345678"
        );
        let no_phone = RosterEntry {
            phone: Some("  ".into()),
            ..draft()
        };
        assert_eq!(check_member(&no_phone, today).unwrap(), None);
    }

    #[test]
    fn broken_rules_name_their_field() {
        let today = d(2026, 11, 22);
        let cases = [
            (
                RosterEntry {
                    full_name: " ".into(),
                    ..draft()
                },
                "full_name",
                "required",
            ),
            (
                RosterEntry {
                    full_name: "x".repeat(121),
                    ..draft()
                },
                "full_name",
                "too_long",
            ),
            (
                RosterEntry {
                    date_of_birth: Some(d(2027, 1, 1)),
                    ..draft()
                },
                "date_of_birth",
                "date_in_future",
            ),
            (
                RosterEntry {
                    date_of_birth: Some(d(2010, 1, 1)),
                    ..draft()
                },
                "date_of_birth",
                "member_too_young",
            ),
            (
                RosterEntry {
                    appointed_on: Some(d(2026, 12, 1)),
                    ..draft()
                },
                "appointed_on",
                "date_in_future",
            ),
            (
                RosterEntry {
                    phone: Some("12345".into()),
                    ..draft()
                },
                "phone",
                "phone_not_vietnamese",
            ),
        ];
        for (input, field, code) in cases {
            assert_eq!(
                check_member(&input, today),
                Err(FieldError::new(field, ErrorCode::parse(code).unwrap()))
            );
        }
    }
}
