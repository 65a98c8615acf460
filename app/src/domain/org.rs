//! The organisation: a tree of administrative units of any depth, and the teams working in it.

use super::{ErrorCode, FieldError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Levels change with reforms (districts were abolished on 01/07/2025), so the
/// tree has no fixed depth; the kind only says what a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgUnitKind {
    Province,
    District,
    Commune,
    Village,
}

impl OrgUnitKind {
    pub const ALL: [OrgUnitKind; 4] =
        [Self::Province, Self::District, Self::Commune, Self::Village];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Province => "province",
            Self::District => "district",
            Self::Commune => "commune",
            Self::Village => "village",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Law 30/2023 teams, and the older urban people's patrol teams (seed 003).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TeamKind {
    SecurityOrder,
    PeoplePatrol,
}

impl TeamKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SecurityOrder => "security_order",
            Self::PeoplePatrol => "people_patrol",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::SecurityOrder, Self::PeoplePatrol]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A member's position in their team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Leader,
    Deputy,
    Member,
}

impl Position {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leader => "leader",
            Self::Deputy => "deputy",
            Self::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Leader, Self::Deputy, Self::Member]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Whether a unit may sit directly under another: a village under a commune,
/// a commune under a district or a province, a district under a province.
pub fn may_contain(parent: OrgUnitKind, child: OrgUnitKind) -> bool {
    use OrgUnitKind::*;
    matches!(
        (parent, child),
        (Province, District) | (Province, Commune) | (District, Commune) | (Commune, Village)
    )
}

/// The longest name a unit or team may have: the longest commune names are under 40.
pub const MAX_NAME_CHARS: usize = 120;

/// A name as typed, trimmed and with runs of spaces made one; refused when empty or long.
pub fn check_name(field: &str, name: &str) -> Result<String, FieldError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(FieldError::new(field, ErrorCode::TooLong));
    }
    Ok(name)
}

/// Two names that a reader would take for the same place ("Thôn 1" and "thôn  1").
pub fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    key(a) == key(b)
}

/// A unit exists from `from` to `to`, both days included (DHIS2's opening and closed
/// dates): the last day may be the first, never before it.
pub fn check_validity(from: NaiveDate, to: Option<NaiveDate>) -> Result<(), FieldError> {
    match to {
        Some(to) if to < from => Err(FieldError::new("valid_to", ErrorCode::LastDayBeforeFirst)),
        _ => Ok(()),
    }
}

/// Whether a unit open from `from` to `to` still exists on `day`.
pub fn exists_on(from: NaiveDate, to: Option<NaiveDate>, day: NaiveDate) -> bool {
    from <= day && to.is_none_or(|to| day <= to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in OrgUnitKind::ALL {
            assert_eq!(OrgUnitKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(OrgUnitKind::parse("hamlet"), None);
        for k in [TeamKind::SecurityOrder, TeamKind::PeoplePatrol] {
            assert_eq!(TeamKind::parse(k.as_str()), Some(k));
        }
        for p in [Position::Leader, Position::Deputy, Position::Member] {
            assert_eq!(Position::parse(p.as_str()), Some(p));
        }
    }

    #[test]
    fn tree_shape() {
        use OrgUnitKind::*;
        assert!(may_contain(Province, Commune));
        assert!(may_contain(Province, District));
        assert!(may_contain(District, Commune));
        assert!(may_contain(Commune, Village));
        assert!(!may_contain(Village, Commune));
        assert!(!may_contain(Province, Village));
        assert!(!may_contain(Commune, Commune));
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_are_tidied_and_compared_as_a_reader_would() {
        assert_eq!(check_name("name", "  Thôn   Tô Xá ").unwrap(), "Thôn Tô Xá");
        assert_eq!(
            check_name("name", "   ").unwrap_err().code,
            ErrorCode::Required
        );
        let long = "x".repeat(MAX_NAME_CHARS + 1);
        assert_eq!(
            check_name("name", &long).unwrap_err().code,
            ErrorCode::TooLong
        );
        assert!(check_name("name", &"ấ".repeat(MAX_NAME_CHARS)).is_ok());
        assert!(same_name("Thôn Tô Xá", "thôn  tô xá"));
        assert!(same_name("TỔ DÂN PHỐ 3", "Tổ dân phố 3"));
        assert!(!same_name("Thôn 1", "Thôn 11"));
    }

    #[test]
    fn a_unit_ends_on_or_after_the_day_it_begins() {
        let from = d(2025, 7, 1);
        assert!(check_validity(from, None).is_ok());
        assert!(check_validity(from, Some(from)).is_ok());
        let e = check_validity(from, Some(d(2025, 6, 30))).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("valid_to", ErrorCode::LastDayBeforeFirst)
        );
        assert!(exists_on(from, Some(d(2026, 1, 1)), d(2026, 1, 1)));
        assert!(!exists_on(from, Some(d(2026, 1, 1)), d(2026, 1, 2)));
        assert!(!exists_on(from, None, d(2025, 6, 30)));
        assert!(exists_on(from, None, d(2030, 1, 1)));
    }
}
