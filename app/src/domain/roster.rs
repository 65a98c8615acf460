//! A team member's roster entry (seeds 000, 001; Law 30/2023 Art. 13) and the rules it must meet.

use super::selection::{check_age, check_education, check_residence, AgeApproval, Education};
use super::{FieldError, PhoneNumber, Position};
use crate::domain::ErrorCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a member came from, as the commune records it (seed 001; Law 30/2023 Art. 14:
/// the force is consolidated from the residential guards, the part-time commune police
/// and the civil-defence team leaders and deputies, or selected anew).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    FormerCommunePolice,
    CivilDefence,
    ResidentialGuard,
    NewlySelected,
}

impl Origin {
    pub const ALL: [Origin; 4] = [
        Self::FormerCommunePolice,
        Self::CivilDefence,
        Self::ResidentialGuard,
        Self::NewlySelected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::FormerCommunePolice => "former_commune_police",
            Self::CivilDefence => "civil_defence",
            Self::ResidentialGuard => "residential_guard",
            Self::NewlySelected => "newly_selected",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    pub const ALL: [Gender; 2] = [Self::Male, Self::Female];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Male => "male",
            Self::Female => "female",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|g| g.as_str() == s)
    }
}

/// The roster fields the commune keeps for each member (seeds 000, 001; DOMAIN.md, "The
/// roster"). Fields added after the first release default when an older copy lacks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RosterEntry {
    pub full_name: String,
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub date_of_birth: Option<NaiveDate>,
    #[serde(default)]
    pub gender: Option<Gender>,
    #[serde(default)]
    pub residence: String,
    /// Since when they have lived (permanently or temporarily) where they serve.
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub resident_since: Option<NaiveDate>,
    #[serde(default)]
    pub phone: Option<String>,
    pub position: Position,
    #[serde(default)]
    pub origin: Option<Origin>,
    #[serde(default)]
    pub party_member: bool,
    #[serde(default)]
    pub education: Option<Education>,
    /// The commune chairman's approval, for a member over 70.
    #[serde(default)]
    pub age_approval: Option<AgeApproval>,
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub appointed_on: Option<NaiveDate>,
    /// The number of the chairman's decision that appointed them.
    #[serde(default)]
    pub decision_no: String,
    #[serde(default)]
    pub certificate_no: String,
    #[serde(with = "crate::domain::iso_date::option", default)]
    pub certificate_on: Option<NaiveDate>,
    #[serde(default)]
    pub badge_issued: bool,
    #[serde(default)]
    pub equipment: String,
    #[serde(default)]
    pub training: String,
    /// The village or residential group they answer for (seed 000 §VI.1).
    #[serde(default)]
    pub area_id: Option<i64>,
}

impl RosterEntry {
    /// An entry with a name and position, every other field empty.
    pub fn new(full_name: &str, position: Position) -> Self {
        Self {
            full_name: full_name.to_owned(),
            date_of_birth: None,
            gender: None,
            residence: String::new(),
            resident_since: None,
            phone: None,
            position,
            origin: None,
            party_member: false,
            education: None,
            age_approval: None,
            appointed_on: None,
            decision_no: String::new(),
            certificate_no: String::new(),
            certificate_on: None,
            badge_issued: false,
            equipment: String::new(),
            training: String::new(),
            area_id: None,
        }
    }
}

/// The longest free text a roster field keeps (a residence, the equipment issued …).
const MAX_TEXT_CHARS: usize = 200;

fn not_after(field: &str, day: Option<NaiveDate>, today: NaiveDate) -> Result<(), FieldError> {
    match day {
        Some(d) if d > today => Err(FieldError::new(field, ErrorCode::DateInFuture)),
        _ => Ok(()),
    }
}

/// Checks a roster entry against the law's criteria (Law 30/2023 Art. 13): aged 18–70
/// (older with the chairman's approval recorded), the schooling the commune's area asks
/// for (`remote_area`: mountain, border, island or ethnic-minority), a year's residence.
/// `today` is the local date in Asia/Ho_Chi_Minh. Returns the normalised phone number
/// when one was given.
pub fn check_member(
    draft: &RosterEntry,
    today: NaiveDate,
    remote_area: bool,
) -> Result<Option<PhoneNumber>, FieldError> {
    let name = draft.full_name.trim();
    if name.is_empty() {
        return Err(FieldError::new("full_name", ErrorCode::Required));
    }
    if name.chars().count() > 120 {
        return Err(FieldError::new("full_name", ErrorCode::TooLong));
    }
    let born = draft
        .date_of_birth
        .ok_or_else(|| FieldError::new("date_of_birth", ErrorCode::Required))?;
    check_age(born, today, draft.age_approval.as_ref())?;
    let level = draft
        .education
        .ok_or_else(|| FieldError::new("education", ErrorCode::Required))?;
    check_education(level, remote_area)?;
    let since = draft
        .resident_since
        .ok_or_else(|| FieldError::new("resident_since", ErrorCode::Required))?;
    check_residence(since, today)?;
    not_after("appointed_on", draft.appointed_on, today)?;
    not_after("certificate_on", draft.certificate_on, today)?;
    let texts = [
        ("residence", &draft.residence),
        ("decision_no", &draft.decision_no),
        ("certificate_no", &draft.certificate_no),
        ("equipment", &draft.equipment),
        ("training", &draft.training),
    ];
    if let Some((field, _)) = texts
        .iter()
        .find(|(_, t)| t.chars().count() > MAX_TEXT_CHARS)
    {
        return Err(FieldError::new(field, ErrorCode::TooLong));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::selection::{age_on, needs_age_approval};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn draft() -> RosterEntry {
        RosterEntry {
            full_name: "Nguyễn Văn An".into(),
            date_of_birth: Some(d(1980, 5, 1)),
            gender: Some(Gender::Male),
            residence: "Thôn Đông".into(),
            resident_since: Some(d(1980, 5, 1)),
            phone: Some("0912 345 678".into()),
            origin: Some(Origin::NewlySelected),
            education: Some(Education::UpperSecondary),
            appointed_on: Some(d(2024, 7, 1)),
            decision_no: "12/QĐ-UBND".into(),
            badge_issued: true,
            ..RosterEntry::new("", Position::Member)
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
            check_member(&draft(), today, false)
                .unwrap()
                .unwrap()
                .as_str(),
            "0912345678"
        );
        let no_phone = RosterEntry {
            phone: Some("  ".into()),
            ..draft()
        };
        assert_eq!(check_member(&no_phone, today, false).unwrap(), None);
    }

    #[test]
    fn over_seventy_passes_once_the_approval_is_recorded() {
        let today = d(2026, 11, 22);
        let old = RosterEntry {
            date_of_birth: Some(d(1954, 1, 1)),
            ..draft()
        };
        assert_eq!(
            check_member(&old, today, false),
            Err(FieldError::new("date_of_birth", ErrorCode::MemberTooOld))
        );
        let approved = RosterEntry {
            age_approval: Some(AgeApproval {
                approved_by: "Chủ tịch UBND xã Lê Văn Hùng".into(),
                decision_no: "45/QĐ-UBND".into(),
                approved_on: d(2026, 10, 1),
            }),
            ..old
        };
        assert!(check_member(&approved, today, false).is_ok());
    }

    #[test]
    fn primary_school_is_enough_only_in_a_remote_commune() {
        let today = d(2026, 11, 22);
        let primary = RosterEntry {
            education: Some(Education::Primary),
            ..draft()
        };
        assert_eq!(
            check_member(&primary, today, false),
            Err(FieldError::new("education", ErrorCode::EducationTooLow))
        );
        assert!(check_member(&primary, today, true).is_ok());
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
                    date_of_birth: None,
                    ..draft()
                },
                "date_of_birth",
                "required",
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
                    education: None,
                    ..draft()
                },
                "education",
                "required",
            ),
            (
                RosterEntry {
                    resident_since: None,
                    ..draft()
                },
                "resident_since",
                "required",
            ),
            (
                RosterEntry {
                    resident_since: Some(d(2026, 6, 1)),
                    ..draft()
                },
                "resident_since",
                "residence_too_short",
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
                    certificate_on: Some(d(2026, 12, 1)),
                    ..draft()
                },
                "certificate_on",
                "date_in_future",
            ),
            (
                RosterEntry {
                    equipment: "đ".repeat(201),
                    ..draft()
                },
                "equipment",
                "too_long",
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
                check_member(&input, today, false),
                Err(FieldError::new(field, ErrorCode::parse(code).unwrap())),
                "{field}"
            );
        }
    }
}
