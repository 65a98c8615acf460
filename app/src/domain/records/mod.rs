//! The records a team keeps (DOMAIN.md "What they log"; seed 002 §II.4): their kinds,
//! their fields, and the rules an entry must meet before it is stored.

pub mod activity;
pub mod deed;
pub mod form;
mod form_fields;
pub mod incident;
pub mod patrol;
pub mod photo;
pub mod tip;

use super::local_time::{from_local, YearMonth};
use super::FieldError;
use crate::domain::ErrorCode;
use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// What a record says, by kind. The informant of a tip is not here: it is kept apart
/// so that no view of a record can carry it by accident.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum RecordBody {
    Patrol(patrol::Patrol),
    Incident(incident::Incident),
    TipOff(tip::TipOff),
    GoodDeed(deed::GoodDeed),
    Activity(activity::Activity),
}

impl RecordBody {
    pub fn kind(&self) -> RecordKind {
        use activity::Details as D;
        match self {
            Self::Patrol(_) => RecordKind::Patrol,
            Self::Incident(_) => RecordKind::Incident,
            Self::TipOff(_) => RecordKind::TipOff,
            Self::GoodDeed(_) => RecordKind::GoodDeed,
            Self::Activity(a) => match a.details {
                D::Mediation { .. } => RecordKind::Mediation,
                D::Awareness { .. } => RecordKind::Awareness,
                D::HouseholdInfo { .. } => RecordKind::HouseholdInfo,
                D::Reintegration { .. } => RecordKind::Reintegration,
                D::WeaponsHandIn { .. } => RecordKind::WeaponsHandIn,
                D::BusinessCheck { .. } => RecordKind::BusinessCheck,
                D::Meeting { .. } => RecordKind::Meeting,
                D::Training { .. } => RecordKind::Training,
                D::Model { .. } => RecordKind::Model,
            },
        }
    }

    /// The instant that orders records in a feed; a date-only record sits at local noon.
    pub fn occurred_at(&self) -> DateTime<Utc> {
        let noon = |d: NaiveDate| {
            from_local(d.and_time(NaiveTime::from_hms_opt(12, 0, 0).expect("valid time")))
        };
        match self {
            Self::Patrol(p) => p.started_at,
            Self::Incident(i) => i.occurred_at,
            Self::TipOff(t) => t.received_at,
            Self::GoodDeed(g) => noon(g.date),
            Self::Activity(a) => noon(a.date),
        }
    }

    /// The month the record counts in, in Vietnam time.
    pub fn month(&self) -> YearMonth {
        YearMonth::of_instant(self.occurred_at())
    }

    /// Every rule of the record's kind; the informant only matters for a tip.
    pub fn check(
        &self,
        informant: Option<&tip::Informant>,
        ctx: &CheckContext,
    ) -> Result<(), FieldError> {
        match self {
            Self::Patrol(p) => patrol::check(p, ctx),
            Self::Incident(i) => incident::check(i, ctx),
            Self::TipOff(t) => tip::check(t, informant.unwrap_or(&tip::Informant::default()), ctx),
            Self::GoodDeed(g) => deed::check(g, ctx),
            Self::Activity(a) => activity::check(a, ctx),
        }
    }
}

/// A record id is a UUID made on the phone when the entry is first saved, so that a
/// re-sent entry is recognised instead of stored twice.
pub fn check_record_id(id: &str) -> Result<(), FieldError> {
    let hex = id.bytes().filter(u8::is_ascii_hexdigit).count();
    let dashes = id.bytes().filter(|b| *b == b'-').count();
    if id.len() == 36
        && hex == 32
        && dashes == 4
        && [8, 13, 18, 23].iter().all(|&i| id.as_bytes()[i] == b'-')
    {
        Ok(())
    } else {
        Err(FieldError::new("id", ErrorCode::InvalidRecordId))
    }
}

/// Formats 16 random bytes as a version 4 UUID (RFC 9562 §5.4).
pub fn uuid_v4(mut b: [u8; 16]) -> String {
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
    Model,
}

impl RecordKind {
    pub const ALL: [RecordKind; 13] = [
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
        Self::Model,
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
            Self::Model => "model",
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

impl<'a> CheckContext<'a> {
    /// The context at `now`, with today's date in Vietnam.
    pub fn new(now: DateTime<Utc>, roster: &'a [i64]) -> Self {
        Self {
            now,
            today: super::local_time::local_date(now),
            roster,
        }
    }

    pub fn not_future(&self, field: &str, t: DateTime<Utc>) -> Result<(), FieldError> {
        if t > self.now + CLOCK_SKEW {
            return Err(FieldError::new(field, ErrorCode::DateInFuture));
        }
        Ok(())
    }

    pub fn date_not_future(&self, field: &str, d: NaiveDate) -> Result<(), FieldError> {
        if d > self.today {
            return Err(FieldError::new(field, ErrorCode::DateInFuture));
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
            return Err(FieldError::new(field, ErrorCode::ParticipantsRequired));
        }
        // Checked before anything that costs: no list can be longer than the team.
        if members.len() > self.roster.len() {
            return Err(FieldError::new(field, ErrorCode::TooMany));
        }
        if members.iter().any(|m| !self.roster.contains(m)) {
            return Err(FieldError::new(field, ErrorCode::ParticipantNotInTeam));
        }
        let mut sorted = members.to_vec();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Err(FieldError::new(field, ErrorCode::ListedTwice));
        }
        Ok(())
    }
}

pub const MAX_TEXT: usize = 4000;

/// Trimmed text that must be present and not absurdly long.
pub fn required_text(field: &str, s: &str) -> Result<(), FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldError::new(field, ErrorCode::Required));
    }
    optional_text(field, t)
}

pub fn optional_text(field: &str, s: &str) -> Result<(), FieldError> {
    if s.chars().count() > MAX_TEXT {
        return Err(FieldError::new(field, ErrorCode::TooLong));
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
    fn record_ids_are_uuids() {
        assert!(check_record_id("0b7e4c1a-93f2-4d5e-8a61-2c9d0e7f1b34").is_ok());
        for bad in [
            "",
            "123",
            "0b7e4c1a93f24d5e8a612c9d0e7f1b34",
            "0b7e4c1a-93f2-4d5e-8a61-2c9d0e7f1b3g",
            "0b7e4c1a-93f2-4d5e-8a612-c9d0e7f1b34",
        ] {
            assert_eq!(
                check_record_id(bad).unwrap_err().code,
                "invalid_record_id",
                "{bad}"
            );
        }
    }

    #[test]
    fn phone_made_ids_are_version_4_uuids() {
        let id = uuid_v4([0xff; 16]);
        assert_eq!(id, "ffffffff-ffff-4fff-bfff-ffffffffffff");
        assert!(check_record_id(&id).is_ok());
        assert!(check_record_id(&uuid_v4([0; 16])).is_ok());
    }

    #[test]
    fn bodies_know_their_kind_and_month() {
        let deed = RecordBody::GoodDeed(deed::GoodDeed {
            date: NaiveDate::from_ymd_opt(2025, 3, 31).unwrap(),
            description: "x".into(),
            members: vec![11],
            beneficiary: String::new(),
            commendation: None,
        });
        assert_eq!(deed.kind(), RecordKind::GoodDeed);
        assert_eq!(
            deed.month(),
            YearMonth {
                year: 2025,
                month: 3
            }
        );
        let json = serde_json::to_value(&deed).unwrap();
        assert_eq!(json["kind"], "good_deed");
        assert_eq!(json["data"]["date"], "2025-03-31");
        let meeting = RecordBody::Activity(activity::Activity {
            date: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            details: activity::Details::Meeting {
                attendees: vec![11],
                decisions: String::new(),
            },
            notes: String::new(),
        });
        assert_eq!(meeting.kind(), RecordKind::Meeting);
        assert!(meeting.check(None, &ctx()).is_ok());
    }

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
