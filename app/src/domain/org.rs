//! The organisation: a tree of administrative units of any depth, and the teams working in it.

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
}
