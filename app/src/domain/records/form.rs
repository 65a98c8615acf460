//! The record form as a browser posts it — flat text fields, as an HTML form sends them
//! even without JavaScript — and the two-way translation to a record body.
//!
//! Times are typed in Vietnam time as `datetime-local` values (`2025-03-09T21:30`);
//! `form_fields` turns them into instants, and instants back into what the inputs show.

use super::activity::{Activity, Details};
use super::deed::{Commendation, GoodDeed};
use super::incident::{Incident, Presence};
use super::patrol::Patrol;
use super::tip::{Informant, TipOff};
use super::{RecordBody, RecordKind};
use crate::domain::iso_date;
use crate::domain::local_time::to_local;
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::form_fields::*;
pub use super::form_fields::{action_code, channel_code, local_input, parse_local_input, ACTIONS};

/// Every field any kind of record may post. A kind reads only its own.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RecordForm {
    pub id: String,
    pub team_id: i64,
    pub kind: String,
    /// Empty for a new record; the version being edited otherwise.
    pub version: String,
    pub date: String,
    pub started_at: String,
    pub ended_at: String,
    pub participants: Vec<String>,
    pub members: Vec<String>,
    pub attendees: Vec<String>,
    pub area: String,
    pub observations: String,
    pub mobilised: String,
    /// The GPS track as JSON, filled in by the patrol screen.
    pub track: String,
    /// Ids of the team's incident records this patrol dealt with.
    pub incidents: Vec<String>,
    pub category: String,
    pub occurred_at: String,
    pub location: String,
    pub lat: String,
    pub lon: String,
    pub learned_at: String,
    pub arrived_at: String,
    pub not_present: String,
    pub actions: Vec<String>,
    pub outcome: String,
    pub received_at: String,
    pub channel: String,
    pub content: String,
    pub forwarded_at: String,
    pub informant_name: String,
    pub informant_phone: String,
    pub description: String,
    pub beneficiary: String,
    pub commended_member: String,
    pub commended_by: String,
    pub parties: String,
    pub resolved: String,
    pub topic: String,
    pub attendee_count: String,
    pub gathered: String,
    pub passed_to_police: String,
    pub person: String,
    pub reoffended: String,
    pub items: String,
    pub business: String,
    pub violation_found: String,
    pub decisions: String,
    pub model_name: String,
    pub recognised_by: String,
    pub effective: String,
    pub notes: String,
}

impl RecordForm {
    /// The body and (for a tip) the informant this form describes. Only the shape is
    /// checked here; the rules of each kind run on the result.
    pub fn read(&self) -> Result<(RecordBody, Option<Informant>), FieldError> {
        let kind = RecordKind::parse(&self.kind)
            .ok_or_else(|| FieldError::new("kind", ErrorCode::InvalidChoice))?;
        let body = match kind {
            RecordKind::Patrol => RecordBody::Patrol(Patrol {
                started_at: instant("started_at", &self.started_at)?,
                ended_at: optional_instant("ended_at", &self.ended_at)?,
                participants: ids("participants", &self.participants)?,
                area: self.area.trim().to_owned(),
                observations: self.observations.trim().to_owned(),
                mobilised: ticked(&self.mobilised),
                track: track(&self.track)?,
                incidents: distinct(&self.incidents),
            }),
            RecordKind::Incident => {
                let occurred_at = instant("occurred_at", &self.occurred_at)?;
                RecordBody::Incident(Incident {
                    category: self.category.trim().to_owned(),
                    occurred_at,
                    location: self.location.trim().to_owned(),
                    lat: coordinate("location", &self.lat)?,
                    lon: coordinate("location", &self.lon)?,
                    learned_at: instant("learned_at", &self.learned_at)?,
                    presence: if ticked(&self.not_present) {
                        Presence::NotPresent
                    } else {
                        Presence::Arrived {
                            at: instant("arrived_at", &self.arrived_at)?,
                        }
                    },
                    mobilised: ticked(&self.mobilised),
                    actions: actions(&self.actions)?,
                    outcome: self.outcome.trim().to_owned(),
                })
            }
            RecordKind::TipOff => RecordBody::TipOff(TipOff {
                received_at: instant("received_at", &self.received_at)?,
                channel: channel(&self.channel)?,
                category: self.category.trim().to_owned(),
                content: self.content.trim().to_owned(),
                forwarded_at: optional_instant("forwarded_at", &self.forwarded_at)?,
                // Only the commune police assess a tip, and not through this form.
                assessment: None,
            }),
            RecordKind::GoodDeed => RecordBody::GoodDeed(GoodDeed {
                date: date("date", &self.date)?,
                description: self.description.trim().to_owned(),
                members: ids("members", &self.members)?,
                beneficiary: self.beneficiary.trim().to_owned(),
                commendation: match self.commended_member.trim() {
                    "" => None,
                    m => Some(Commendation {
                        member_id: m.parse().map_err(|_| {
                            FieldError::new("commendation", ErrorCode::ParticipantNotInTeam)
                        })?,
                        by: self.commended_by.trim().to_owned(),
                    }),
                },
            }),
            _ => RecordBody::Activity(Activity {
                date: date("date", &self.date)?,
                details: self.details(kind)?,
                notes: self.notes.trim().to_owned(),
            }),
        };
        let informant = (kind == RecordKind::TipOff).then(|| Informant {
            name: self.informant_name.trim().to_owned(),
            phone: Some(self.informant_phone.trim().to_owned()).filter(|p| !p.is_empty()),
        });
        Ok((body, informant))
    }

    fn details(&self, kind: RecordKind) -> Result<Details, FieldError> {
        Ok(match kind {
            RecordKind::Mediation => Details::Mediation {
                parties: count("parties", &self.parties)?,
                resolved: ticked(&self.resolved),
            },
            RecordKind::Awareness => Details::Awareness {
                topic: self.topic.trim().to_owned(),
                attendees: count("attendees", &self.attendee_count)?,
            },
            RecordKind::HouseholdInfo => Details::HouseholdInfo {
                gathered: count("gathered", &self.gathered)?,
                passed_to_police: count("passed_to_police", &self.passed_to_police)?,
            },
            RecordKind::Reintegration => Details::Reintegration {
                person: self.person.trim().to_owned(),
                reoffended: ticked(&self.reoffended),
            },
            RecordKind::WeaponsHandIn => Details::WeaponsHandIn {
                items: count("items", &self.items)?,
                description: self.description.trim().to_owned(),
            },
            RecordKind::BusinessCheck => Details::BusinessCheck {
                business: self.business.trim().to_owned(),
                violation_found: ticked(&self.violation_found),
            },
            RecordKind::Meeting => Details::Meeting {
                attendees: ids("attendees", &self.attendees)?,
                decisions: self.decisions.trim().to_owned(),
            },
            RecordKind::Training => Details::Training {
                topic: self.topic.trim().to_owned(),
                attendees: ids("attendees", &self.attendees)?,
            },
            RecordKind::Model => Details::Model {
                name: self.model_name.trim().to_owned(),
                recognised_by: self.recognised_by.trim().to_owned(),
                effective: ticked(&self.effective),
            },
            RecordKind::Patrol
            | RecordKind::Incident
            | RecordKind::TipOff
            | RecordKind::GoodDeed => {
                return Err(FieldError::new("kind", ErrorCode::InvalidChoice))
            }
        })
    }

    /// A blank form for a new record with the defaults a member would pick: now, today,
    /// and themself as the one who took part.
    pub fn blank(
        id: String,
        team_id: i64,
        kind: RecordKind,
        me: Option<i64>,
        now: DateTime<Utc>,
    ) -> Self {
        let now_input = local_input(now);
        let today = iso_date::format(to_local(now).date());
        let me: Vec<String> = me.map(|m| m.to_string()).into_iter().collect();
        let mut f = RecordForm {
            id,
            team_id,
            kind: kind.as_str().to_owned(),
            ..Default::default()
        };
        match kind {
            RecordKind::Patrol => {
                f.started_at = now_input;
                f.participants = me;
            }
            RecordKind::Incident => {
                f.occurred_at = now_input.clone();
                f.learned_at = now_input.clone();
                f.arrived_at = now_input;
            }
            RecordKind::TipOff => {
                f.received_at = now_input;
                f.channel = "in_person".into();
            }
            RecordKind::GoodDeed => {
                f.date = today;
                f.members = me;
            }
            RecordKind::Meeting | RecordKind::Training => {
                f.date = today;
                f.attendees = me;
            }
            RecordKind::Mediation => {
                f.date = today;
                f.parties = "2".into();
            }
            _ => f.date = today,
        }
        f
    }

    /// The form showing an existing record, ready to be edited from `version`.
    // Long on purpose: one arm per record kind, each the kind's fields written into the
    // form's flat ones, beside `read` that does the reverse.
    pub fn of_record(
        id: &str,
        team_id: i64,
        version: i64,
        body: &RecordBody,
        informant: Option<&Informant>,
    ) -> Self {
        let strs = |v: &[i64]| v.iter().map(i64::to_string).collect::<Vec<_>>();
        let tick = |b: bool| if b { "on".to_owned() } else { String::new() };
        let opt = |t: Option<DateTime<Utc>>| t.map(local_input).unwrap_or_default();
        let mut f = RecordForm {
            id: id.to_owned(),
            team_id,
            kind: body.kind().as_str().to_owned(),
            version: version.to_string(),
            ..Default::default()
        };
        match body {
            RecordBody::Patrol(p) => {
                f.started_at = local_input(p.started_at);
                f.ended_at = opt(p.ended_at);
                f.participants = strs(&p.participants);
                f.area = p.area.clone();
                f.observations = p.observations.clone();
                f.mobilised = tick(p.mobilised);
                if !p.track.is_empty() {
                    f.track = serde_json::to_string(&p.track).unwrap_or_default();
                }
                f.incidents = p.incidents.clone();
            }
            RecordBody::Incident(i) => {
                f.category = i.category.clone();
                f.occurred_at = local_input(i.occurred_at);
                f.location = i.location.clone();
                f.lat = i.lat.map(|v| v.to_string()).unwrap_or_default();
                f.lon = i.lon.map(|v| v.to_string()).unwrap_or_default();
                f.learned_at = local_input(i.learned_at);
                match i.presence {
                    Presence::Arrived { at } => f.arrived_at = local_input(at),
                    Presence::NotPresent => f.not_present = tick(true),
                }
                f.mobilised = tick(i.mobilised);
                f.actions = i
                    .actions
                    .iter()
                    .map(|a| action_code(*a).to_owned())
                    .collect();
                f.outcome = i.outcome.clone();
            }
            RecordBody::TipOff(t) => {
                f.received_at = local_input(t.received_at);
                f.channel = channel_code(t.channel).to_owned();
                f.category = t.category.clone();
                f.content = t.content.clone();
                f.forwarded_at = opt(t.forwarded_at);
                if let Some(i) = informant {
                    f.informant_name = i.name.clone();
                    f.informant_phone = i.phone.clone().unwrap_or_default();
                }
            }
            RecordBody::GoodDeed(g) => {
                f.date = iso_date::format(g.date);
                f.description = g.description.clone();
                f.members = strs(&g.members);
                f.beneficiary = g.beneficiary.clone();
                if let Some(c) = &g.commendation {
                    f.commended_member = c.member_id.to_string();
                    f.commended_by = c.by.clone();
                }
            }
            RecordBody::Activity(a) => {
                f.date = iso_date::format(a.date);
                f.notes = a.notes.clone();
                match &a.details {
                    Details::Mediation { parties, resolved } => {
                        f.parties = parties.to_string();
                        f.resolved = tick(*resolved);
                    }
                    Details::Awareness { topic, attendees } => {
                        f.topic = topic.clone();
                        f.attendee_count = attendees.to_string();
                    }
                    Details::HouseholdInfo {
                        gathered,
                        passed_to_police,
                    } => {
                        f.gathered = gathered.to_string();
                        f.passed_to_police = passed_to_police.to_string();
                    }
                    Details::Reintegration { person, reoffended } => {
                        f.person = person.clone();
                        f.reoffended = tick(*reoffended);
                    }
                    Details::WeaponsHandIn { items, description } => {
                        f.items = items.to_string();
                        f.description = description.clone();
                    }
                    Details::BusinessCheck {
                        business,
                        violation_found,
                    } => {
                        f.business = business.clone();
                        f.violation_found = tick(*violation_found);
                    }
                    Details::Meeting {
                        attendees,
                        decisions,
                    } => {
                        f.attendees = strs(attendees);
                        f.decisions = decisions.clone();
                    }
                    Details::Training { topic, attendees } => {
                        f.topic = topic.clone();
                        f.attendees = strs(attendees);
                    }
                    Details::Model {
                        name,
                        recognised_by,
                        effective,
                    } => {
                        f.model_name = name.clone();
                        f.recognised_by = recognised_by.clone();
                        f.effective = tick(*effective);
                    }
                }
            }
        }
        f
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    #[test]
    fn local_inputs_are_vietnam_time() {
        let t = at(9, 21, 30);
        assert_eq!(local_input(t), "2025-03-09T21:30");
        assert_eq!(parse_local_input("2025-03-09T21:30"), Some(t));
        assert_eq!(parse_local_input("2025-03-09T21:30:00"), Some(t));
        for bad in [
            "",
            "2025-03-09",
            "2025-03-09T25:00",
            "2025-13-09T10:00",
            "x",
            "2025-03-09T9:5",
        ] {
            assert_eq!(parse_local_input(bad), None, "{bad}");
        }
    }

    #[test]
    fn every_kind_survives_the_round_trip_through_its_form() {
        for kind in RecordKind::ALL {
            let mut form = RecordForm::blank("id".into(), 1, kind, Some(11), at(10, 8, 0));
            // What a member would add to the defaults.
            form.area = "Thôn Đông".into();
            form.category = "theft".into();
            form.location = "Chợ".into();
            form.content = "Nghi mua bán ma túy".into();
            form.description = "Dao tự chế".into();
            form.topic = "Phòng cháy".into();
            form.attendee_count = "30".into();
            form.gathered = "5".into();
            form.passed_to_police = "5".into();
            form.person = "Anh T.".into();
            form.items = "1".into();
            form.business = "Nhà nghỉ Hoa Mai".into();
            form.model_name = "Camera an ninh".into();
            form.recognised_by = "Công an huyện".into();
            form.effective = "on".into();
            form.informant_name = "Bà H.".into();
            form.incidents = vec!["a".into(), " a ".into(), "b".into()];
            let (body, informant) = form.read().unwrap_or_else(|e| panic!("{kind:?}: {e:?}"));
            assert_eq!(body.kind(), kind);
            assert!(body.check(informant.as_ref(), &ctx()).is_ok(), "{kind:?}");
            let again = RecordForm::of_record("id", 1, 3, &body, informant.as_ref());
            assert_eq!(again.version, "3");
            assert_eq!(again.read().unwrap(), (body.clone(), informant), "{kind:?}");
            if let RecordBody::Patrol(p) = body {
                assert_eq!(p.incidents, ["a", "b"], "linked incidents are listed once");
            }
        }
    }

    #[test]
    fn shape_errors_name_their_field() {
        let base = RecordForm::blank("id".into(), 1, RecordKind::Incident, Some(11), at(10, 8, 0));
        type Case = (fn(&mut RecordForm), &'static str, &'static str);
        let cases: [Case; 6] = [
            (|f| f.occurred_at.clear(), "occurred_at", "required"),
            (
                |f| f.learned_at = "hôm qua".into(),
                "learned_at",
                "invalid_datetime",
            ),
            (|f| f.arrived_at.clear(), "arrived_at", "required"),
            (|f| f.lat = "abc".into(), "location", "invalid_location"),
            (
                |f| f.actions = vec!["fled".into()],
                "actions",
                "invalid_choice",
            ),
            (|f| f.kind = "picnic".into(), "kind", "invalid_choice"),
        ];
        for (change, field, code) in cases {
            let mut f = base.clone();
            change(&mut f);
            let e = f.read().unwrap_err();
            assert_eq!((e.field.as_str(), e.code.code()), (field, code));
        }
        let mut f = base.clone();
        f.not_present = "on".into();
        f.arrived_at.clear();
        let (body, _) = f.read().unwrap();
        assert!(matches!(
            body,
            RecordBody::Incident(Incident {
                presence: Presence::NotPresent,
                ..
            })
        ));
        let mut f = RecordForm::blank(
            "id".into(),
            1,
            RecordKind::Awareness,
            Some(11),
            at(10, 8, 0),
        );
        f.attendee_count = "ba mươi".into();
        assert_eq!(f.read().unwrap_err().code, "invalid_number");
        let mut f = RecordForm::blank("id".into(), 1, RecordKind::Patrol, Some(11), at(10, 8, 0));
        f.participants = vec!["11".into(), "11".into(), "x".into()];
        assert_eq!(f.read().unwrap_err().field, "participants");
    }
}
