//! Incidents in the team's area: what happened, when the team learned of it and when it
//! arrived — the facts the "present in time" indicator needs (seed 002 §II.4.1, §II.4.3).

use super::{optional_text, required_text, CheckContext};
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Stopped,
    FirstAid,
    SceneProtected,
    Mediated,
    HandedToPolice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "presence", rename_all = "snake_case")]
pub enum Presence {
    Arrived { at: DateTime<Utc> },
    NotPresent,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Incident {
    /// A code from the incident taxonomy (stored as data).
    pub category: String,
    pub occurred_at: DateTime<Utc>,
    pub location: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub learned_at: DateTime<Utc>,
    pub presence: Presence,
    /// The commune police called the team out (fire and rescue call-outs included).
    pub mobilised: bool,
    pub actions: Vec<Action>,
    pub outcome: String,
}

pub fn check(i: &Incident, ctx: &CheckContext) -> Result<(), FieldError> {
    required_text("category", &i.category)?;
    let mut actions = i.actions.clone();
    actions.sort_by_key(|a| *a as u8);
    if actions.windows(2).any(|w| w[0] == w[1]) {
        return Err(FieldError::new("actions", ErrorCode::ListedTwice));
    }
    ctx.not_future("occurred_at", i.occurred_at)?;
    required_text("location", &i.location)?;
    if i.lat.is_some() != i.lon.is_some()
        || i.lat.is_some_and(|l| !(-90.0..=90.0).contains(&l))
        || i.lon.is_some_and(|l| !(-180.0..=180.0).contains(&l))
    {
        return Err(FieldError::new("location", ErrorCode::InvalidLocation));
    }
    ctx.not_future("learned_at", i.learned_at)?;
    if i.learned_at < i.occurred_at {
        return Err(FieldError::new(
            "learned_at",
            ErrorCode::LearnedBeforeOccurrence,
        ));
    }
    if let Presence::Arrived { at } = i.presence {
        ctx.not_future("arrived_at", at)?;
        if at < i.occurred_at {
            return Err(FieldError::new(
                "arrived_at",
                ErrorCode::ArrivalBeforeOccurrence,
            ));
        }
        if at < i.learned_at {
            return Err(FieldError::new(
                "arrived_at",
                ErrorCode::ArrivalBeforeLearning,
            ));
        }
    }
    optional_text("outcome", &i.outcome)
}

/// Minutes from learning of the incident to arriving, when the team arrived.
pub fn response_minutes(i: &Incident) -> Option<i64> {
    match i.presence {
        Presence::Arrived { at } => Some((at - i.learned_at).num_minutes()),
        Presence::NotPresent => None,
    }
}

/// "Present in time" with a threshold the campaign sets (in minutes).
pub fn present_in_time(i: &Incident, threshold_minutes: i64) -> bool {
    response_minutes(i).is_some_and(|m| m <= threshold_minutes)
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn incident() -> Incident {
        Incident {
            category: "public_order".into(),
            occurred_at: at(9, 20, 0),
            location: "Chợ Thanh Lương".into(),
            lat: Some(16.7),
            lon: Some(107.1),
            learned_at: at(9, 20, 5),
            presence: Presence::Arrived { at: at(9, 20, 17) },
            mobilised: true,
            actions: vec![Action::Stopped, Action::HandedToPolice],
            outcome: "Đã bàn giao Công an xã".into(),
        }
    }

    #[test]
    fn timing() {
        assert!(check(&incident(), &ctx()).is_ok());
        assert_eq!(response_minutes(&incident()), Some(12));
        assert!(present_in_time(&incident(), 15));
        assert!(!present_in_time(&incident(), 10));
        let absent = Incident {
            presence: Presence::NotPresent,
            ..incident()
        };
        assert!(check(&absent, &ctx()).is_ok());
        assert!(!present_in_time(&absent, 1000));
    }

    #[test]
    fn broken_rules_name_their_field() {
        let cases = [
            (
                Incident {
                    category: "".into(),
                    ..incident()
                },
                "category",
                "required",
            ),
            (
                Incident {
                    occurred_at: at(11, 8, 0),
                    ..incident()
                },
                "occurred_at",
                "date_in_future",
            ),
            (
                Incident {
                    location: "".into(),
                    ..incident()
                },
                "location",
                "required",
            ),
            (
                Incident {
                    lon: None,
                    ..incident()
                },
                "location",
                "invalid_location",
            ),
            (
                Incident {
                    learned_at: at(9, 19, 0),
                    ..incident()
                },
                "learned_at",
                "learned_before_occurrence",
            ),
            (
                Incident {
                    presence: Presence::Arrived { at: at(9, 19, 0) },
                    learned_at: at(9, 20, 0),
                    ..incident()
                },
                "arrived_at",
                "arrival_before_occurrence",
            ),
            (
                Incident {
                    presence: Presence::Arrived { at: at(9, 20, 1) },
                    ..incident()
                },
                "arrived_at",
                "arrival_before_learning",
            ),
            (
                Incident {
                    presence: Presence::Arrived { at: at(10, 13, 0) },
                    ..incident()
                },
                "arrived_at",
                "date_in_future",
            ),
        ];
        for (i, field, code) in cases {
            assert_eq!(
                check(&i, &ctx()),
                Err(FieldError::new(field, ErrorCode::parse(code).unwrap())),
                "{field} {code}"
            );
        }
    }
}
