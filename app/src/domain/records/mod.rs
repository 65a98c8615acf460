//! The records a team keeps (DOMAIN.md "What they log"; seed 002 §II.4): their kinds,
//! their fields, and the rules an entry must meet before it is stored.

pub mod activity;
pub mod deed;
pub mod incident;
pub mod patrol;
pub mod tip;

use super::FieldError;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Patrol,
    Incident,
    TipOff,
    GoodDeed,
    Mediation,
    Awareness,
    HouseholdInfo,
    Reintegration,
    WeaponsHandIn,
    BusinessCheck,
    Meeting,
    Training,
}

impl RecordKind {
    pub const ALL: [RecordKind; 12] = [
        Self::Patrol,
        Self::Incident,
        Self::TipOff,
        Self::GoodDeed,
        Self::Mediation,
        Self::Awareness,
        Self::HouseholdInfo,
        Self::Reintegration,
        Self::WeaponsHandIn,
        Self::BusinessCheck,
        Self::Meeting,
        Self::Training,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Patrol => "patrol",
            Self::Incident => "incident",
            Self::TipOff => "tip_off",
            Self::GoodDeed => "good_deed",
            Self::Mediation => "mediation",
            Self::Awareness => "awareness",
            Self::HouseholdInfo => "household_info",
            Self::Reintegration => "reintegration",
            Self::WeaponsHandIn => "weapons_hand_in",
            Self::BusinessCheck => "business_check",
            Self::Meeting => "meeting",
            Self::Training => "training",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Phone clocks drift; an entry a few minutes "in the future" is a clock, not a lie.
pub const CLOCK_SKEW: Duration = Duration::minutes(5);

/// What the rules need to know besides the entry: the time now and the team's roster.
#[derive(Debug, Clone, Copy)]
pub struct CheckContext<'a> {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    /// Ids of the team's current members.
    pub roster: &'a [i64],
}

impl CheckContext<'_> {
    pub fn not_future(&self, field: &str, t: DateTime<Utc>) -> Result<(), FieldError> {
        if t > self.now + CLOCK_SKEW {
            return Err(FieldError::new(field, "date_in_future"));
        }
        Ok(())
    }

    pub fn date_not_future(&self, field: &str, d: NaiveDate) -> Result<(), FieldError> {
        if d > self.today {
            return Err(FieldError::new(field, "date_in_future"));
        }
        Ok(())
    }

    /// Everyone named must be on this team's roster (no one from another team).
    pub fn on_roster(
        &self,
        field: &str,
        members: &[i64],
        at_least_one: bool,
    ) -> Result<(), FieldError> {
        if at_least_one && members.is_empty() {
            return Err(FieldError::new(field, "participants_required"));
        }
        if members.iter().any(|m| !self.roster.contains(m)) {
            return Err(FieldError::new(field, "participant_not_in_team"));
        }
        Ok(())
    }
}

pub const MAX_TEXT: usize = 4000;

/// Trimmed text that must be present and not absurdly long.
pub fn required_text(field: &str, s: &str) -> Result<(), FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    optional_text(field, t)
}

pub fn optional_text(field: &str, s: &str) -> Result<(), FieldError> {
    if s.chars().count() > MAX_TEXT {
        return Err(FieldError::new(field, "too_long"));
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::CheckContext;
    use crate::domain::local_time::from_local;
    use chrono::{DateTime, NaiveDate, Utc};

    pub const ROSTER: [i64; 3] = [11, 12, 13];

    pub fn at(d: u32, h: u32, m: u32) -> DateTime<Utc> {
        from_local(
            NaiveDate::from_ymd_opt(2025, 3, d)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap(),
        )
    }

    /// 10/03/2025 12:00 in Vietnam.
    pub fn ctx() -> CheckContext<'static> {
        CheckContext {
            now: at(10, 12, 0),
            today: NaiveDate::from_ymd_opt(2025, 3, 10).unwrap(),
            roster: &ROSTER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fixtures::*;
    use super::*;

    #[test]
    fn kinds_round_trip() {
        for k in RecordKind::ALL {
            assert_eq!(RecordKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(RecordKind::parse("picnic"), None);
    }

    #[test]
    fn shared_rules() {
        let c = ctx();
        assert!(
            c.not_future("t", at(10, 12, 4)).is_ok(),
            "within clock skew"
        );
        assert_eq!(
            c.not_future("t", at(10, 12, 6)).unwrap_err().code,
            "date_in_future"
        );
        assert_eq!(
            c.on_roster("p", &[], true).unwrap_err().code,
            "participants_required"
        );
        assert!(c.on_roster("p", &[], false).is_ok());
        assert_eq!(
            c.on_roster("p", &[11, 99], true).unwrap_err().code,
            "participant_not_in_team"
        );
        assert_eq!(required_text("x", "  ").unwrap_err().code, "required");
        assert_eq!(
            required_text("x", &"a".repeat(MAX_TEXT + 1))
                .unwrap_err()
                .code,
            "too_long"
        );
    }
}
