//! The other activities the campaign counts (seed 002 §II.4.2–4.6; seed 000 for meetings
//! and training), each with the numbers its indicator needs.

use super::{optional_text, required_text, CheckContext};
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Details {
    /// Mediation of a dispute between residents.
    Mediation { parties: u32, resolved: bool },
    /// An awareness (propaganda) session.
    Awareness { topic: String, attendees: u32 },
    /// Household and residence information gathered, and how much of it reached the police (§4.4: > 90%).
    HouseholdInfo {
        gathered: u32,
        passed_to_police: u32,
    },
    /// Help to a person reintegrating after a sentence (§4.5: no re-offence).
    Reintegration { person: String, reoffended: bool },
    /// Weapons, explosives or support tools handed in (§4.4).
    WeaponsHandIn { items: u32, description: String },
    /// A check of a business that needs security conditions (§4.4: no violations).
    BusinessCheck {
        business: String,
        violation_found: bool,
    },
    /// The monthly team meeting (seed 000): who attended and what was decided.
    Meeting {
        attendees: Vec<i64>,
        decisions: String,
    },
    /// Training or a drill, with attendance.
    Training { topic: String, attendees: Vec<i64> },
    /// A movement model the team keeps up (§4.2: at least one effective model,
    /// recognised by the district police or above).
    Model {
        name: String,
        recognised_by: String,
        effective: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Activity {
    #[serde(with = "crate::domain::iso_date")]
    pub date: NaiveDate,
    pub details: Details,
    pub notes: String,
}

fn positive(field: &str, n: u32) -> Result<(), FieldError> {
    if n == 0 {
        return Err(FieldError::new(field, ErrorCode::MustBePositive));
    }
    Ok(())
}

pub fn check(a: &Activity, ctx: &CheckContext) -> Result<(), FieldError> {
    ctx.date_not_future("date", a.date)?;
    optional_text("notes", &a.notes)?;
    match &a.details {
        Details::Mediation { parties, .. } => {
            if *parties < 2 {
                return Err(FieldError::new(
                    "parties",
                    ErrorCode::MediationNeedsTwoParties,
                ));
            }
            Ok(())
        }
        Details::Awareness { topic, attendees } => {
            required_text("topic", topic)?;
            positive("attendees", *attendees)
        }
        Details::HouseholdInfo {
            gathered,
            passed_to_police,
        } => {
            positive("gathered", *gathered)?;
            if passed_to_police > gathered {
                return Err(FieldError::new(
                    "passed_to_police",
                    ErrorCode::MorePassedThanGathered,
                ));
            }
            Ok(())
        }
        Details::Reintegration { person, .. } => required_text("person", person),
        Details::WeaponsHandIn { items, description } => {
            positive("items", *items)?;
            required_text("description", description)
        }
        Details::BusinessCheck { business, .. } => required_text("business", business),
        Details::Meeting {
            attendees,
            decisions,
        } => {
            ctx.on_roster("attendees", attendees, true)?;
            optional_text("decisions", decisions)
        }
        Details::Training { topic, attendees } => {
            required_text("topic", topic)?;
            ctx.on_roster("attendees", attendees, true)
        }
        Details::Model {
            name,
            recognised_by,
            ..
        } => {
            required_text("name", name)?;
            optional_text("recognised_by", recognised_by)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn on(details: Details) -> Activity {
        Activity {
            date: NaiveDate::from_ymd_opt(2025, 3, 9).unwrap(),
            details,
            notes: String::new(),
        }
    }

    #[test]
    fn each_kind_checks_its_numbers() {
        let good = [
            Details::Mediation {
                parties: 2,
                resolved: true,
            },
            Details::Awareness {
                topic: "Phòng chống ma túy".into(),
                attendees: 40,
            },
            Details::HouseholdInfo {
                gathered: 12,
                passed_to_police: 12,
            },
            Details::Reintegration {
                person: "Anh T. (thôn Đông)".into(),
                reoffended: false,
            },
            Details::WeaponsHandIn {
                items: 1,
                description: "Dao tự chế".into(),
            },
            Details::BusinessCheck {
                business: "Nhà nghỉ Hoa Mai".into(),
                violation_found: false,
            },
            Details::Meeting {
                attendees: vec![11, 12, 13],
                decisions: "Phân công trực Tết".into(),
            },
            Details::Training {
                topic: "Sơ cứu".into(),
                attendees: vec![12],
            },
        ];
        for d in good {
            assert!(check(&on(d.clone()), &ctx()).is_ok(), "{d:?}");
        }
        let bad = [
            (
                Details::Mediation {
                    parties: 1,
                    resolved: true,
                },
                "parties",
                "mediation_needs_two_parties",
            ),
            (
                Details::Awareness {
                    topic: "x".into(),
                    attendees: 0,
                },
                "attendees",
                "must_be_positive",
            ),
            (
                Details::HouseholdInfo {
                    gathered: 3,
                    passed_to_police: 4,
                },
                "passed_to_police",
                "more_passed_than_gathered",
            ),
            (
                Details::Reintegration {
                    person: "".into(),
                    reoffended: false,
                },
                "person",
                "required",
            ),
            (
                Details::WeaponsHandIn {
                    items: 0,
                    description: "x".into(),
                },
                "items",
                "must_be_positive",
            ),
            (
                Details::BusinessCheck {
                    business: " ".into(),
                    violation_found: true,
                },
                "business",
                "required",
            ),
            (
                Details::Meeting {
                    attendees: vec![11, 99],
                    decisions: "".into(),
                },
                "attendees",
                "participant_not_in_team",
            ),
            (
                Details::Training {
                    topic: "x".into(),
                    attendees: vec![],
                },
                "attendees",
                "participants_required",
            ),
        ];
        for (d, field, code) in bad {
            assert_eq!(
                check(&on(d), &ctx()),
                Err(FieldError::new(field, ErrorCode::parse(code).unwrap())),
                "{field} {code}"
            );
        }
        let future = Activity {
            date: NaiveDate::from_ymd_opt(2025, 3, 11).unwrap(),
            ..on(Details::Mediation {
                parties: 2,
                resolved: false,
            })
        };
        assert_eq!(check(&future, &ctx()).unwrap_err().code, "date_in_future");
    }
}
