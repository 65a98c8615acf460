//! A record as people read it: its headline for the feed and its facts, label by label,
//! in the reader's language, with member ids and category codes turned into names.

use super::dates::{format_date, format_datetime};
use crate::domain::category::Category;
use crate::domain::records::activity::Details;
use crate::domain::records::form::channel_code;
use crate::domain::records::incident::Presence;
use crate::domain::records::patrol;
use crate::domain::records::tip::Informant;
use crate::domain::records::RecordBody;
use crate::dto::log::{Choice, Person};
use crate::i18n::records::{action_label, channel_label};
use crate::i18n::Lang;

/// What a record needs to be read: the names behind its ids and codes.
pub struct Names<'a> {
    pub members: &'a [Person],
    pub categories: &'a [Category],
    /// Labels of the incidents a patrol links to.
    pub incidents: &'a [Choice],
    /// Public holidays, to flag a patrol on one.
    pub holidays: &'a [chrono::NaiveDate],
}

impl Names<'_> {
    fn people(&self, ids: &[i64]) -> String {
        ids.iter()
            .map(|id| {
                self.members
                    .iter()
                    .find(|m| m.id == *id)
                    .map(|m| m.name.clone())
                    .unwrap_or_else(|| format!("#{id}"))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn category(&self, lang: Lang, code: &str) -> String {
        self.categories
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.name(lang).to_owned())
            .unwrap_or_else(|| code.to_owned())
    }
}

fn yes_no(lang: Lang, b: bool) -> String {
    let r = lang.records();
    (if b { r.yes } else { r.no }).to_owned()
}

/// One line that says what happened, for the feed.
pub fn headline(lang: Lang, body: &RecordBody, names: &Names) -> String {
    let r = lang.records();
    let line = |s: &str| -> String {
        s.lines()
            .next()
            .unwrap_or_default()
            .chars()
            .take(90)
            .collect()
    };
    let join = |parts: &[String]| {
        parts
            .iter()
            .filter(|p| !p.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    match body {
        RecordBody::Patrol(p) => join(&[p.area.clone(), line(&p.observations)]),
        RecordBody::Incident(i) => join(&[names.category(lang, &i.category), i.location.clone()]),
        RecordBody::TipOff(t) => join(&[names.category(lang, &t.category), line(&t.content)]),
        RecordBody::GoodDeed(g) => line(&g.description),
        RecordBody::Activity(a) => {
            let what = match &a.details {
                Details::Mediation { parties, resolved } => format!(
                    "{}: {parties}{}",
                    r.parties,
                    if *resolved {
                        format!(" · {}", r.resolved)
                    } else {
                        String::new()
                    }
                ),
                Details::Awareness { topic, .. } | Details::Training { topic, .. } => line(topic),
                Details::HouseholdInfo {
                    gathered,
                    passed_to_police,
                } => format!("{}: {passed_to_police}/{gathered}", r.passed_to_police),
                Details::Reintegration { person, .. } => person.clone(),
                Details::WeaponsHandIn { description, .. } => line(description),
                Details::BusinessCheck { business, .. } => business.clone(),
                Details::Meeting { decisions, .. } => line(decisions),
                Details::Model { name, .. } => name.clone(),
            };
            join(&[what, line(&a.notes)])
        }
    }
}

/// Every fact of the record, in form order; empty optional facts are left out.
// Long on purpose: one arm per record kind, each listing that kind's facts in the order
// a reader expects them.
pub fn facts(
    lang: Lang,
    body: &RecordBody,
    informant: Option<&Informant>,
    names: &Names,
) -> Vec<(&'static str, String)> {
    let r = lang.records();
    let mut out: Vec<(&'static str, String)> = Vec::new();
    let mut text = |label: &'static str, s: &str| {
        if !s.trim().is_empty() {
            out.push((label, s.to_owned()));
        }
    };
    match body {
        RecordBody::Patrol(p) => {
            text(r.started_at, &format_datetime(p.started_at));
            if let Some(end) = p.ended_at {
                text(r.ended_at, &format_datetime(end));
            }
            if let Some(times) = patrol::times(p, names.holidays) {
                text(r.duration, &format!("{} {}", times.minutes, r.minutes));
                let days: Vec<String> = times.holidays.iter().map(|d| format_date(*d)).collect();
                text(r.on_holiday, &days.join(", "));
                if times.night_minutes > 0 {
                    text(
                        r.night_minutes,
                        &format!("{} {}", times.night_minutes, r.minutes),
                    );
                }
            }
            text(r.participants, &names.people(&p.participants));
            text(r.area, &p.area);
            text(r.observations, &p.observations);
            if !p.track.is_empty() {
                text(r.gps_points, &p.track.len().to_string());
            }
            let linked: Vec<&str> = p
                .incidents
                .iter()
                .filter_map(|id| names.incidents.iter().find(|c| &c.id == id))
                .map(|c| c.label.as_str())
                .collect();
            text(r.linked_incidents, &linked.join("; "));
            text(r.mobilised, &yes_no(lang, p.mobilised));
        }
        RecordBody::Incident(i) => {
            text(r.category, &names.category(lang, &i.category));
            text(r.occurred_at, &format_datetime(i.occurred_at));
            text(r.location, &i.location);
            if let (Some(lat), Some(lon)) = (i.lat, i.lon) {
                text(r.gps_point, &format!("{lat:.6}, {lon:.6}"));
            }
            text(r.learned_at, &format_datetime(i.learned_at));
            match i.presence {
                Presence::Arrived { at } => text(r.arrived_at, &format_datetime(at)),
                Presence::NotPresent => text(r.not_present, &yes_no(lang, true)),
            }
            text(r.mobilised, &yes_no(lang, i.mobilised));
            let actions: Vec<_> = i.actions.iter().map(|a| action_label(lang, *a)).collect();
            text(r.actions, &actions.join(", "));
            text(r.outcome, &i.outcome);
        }
        RecordBody::TipOff(t) => {
            text(r.received_at, &format_datetime(t.received_at));
            text(r.channel, channel_label(lang, channel_code(t.channel)));
            text(r.category, &names.category(lang, &t.category));
            text(r.content, &t.content);
            match t.forwarded_at {
                Some(f) => text(r.forwarded_at, &format_datetime(f)),
                None => text(r.forwarded_at, r.not_forwarded),
            }
            if let Some(i) = informant {
                let who = if i.is_anonymous() {
                    r.anonymous.to_owned()
                } else {
                    [i.name.as_str(), i.phone.as_deref().unwrap_or_default()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ")
                };
                text(r.informant, &who);
            }
            if let Some(a) = &t.assessment {
                let verdict = if a.valuable {
                    r.valuable
                } else {
                    r.not_valuable
                };
                text(r.assessment, verdict);
                text(r.assessment_outcome, &a.outcome);
            }
        }
        RecordBody::GoodDeed(g) => {
            text(r.date, &format_date(g.date));
            text(r.deed, &g.description);
            text(r.participants, &names.people(&g.members));
            text(r.beneficiary, &g.beneficiary);
            if let Some(c) = &g.commendation {
                text(r.commended_member, &names.people(&[c.member_id]));
                text(r.commended_by, &c.by);
            }
        }
        RecordBody::Activity(a) => {
            text(r.date, &format_date(a.date));
            match &a.details {
                Details::Mediation { parties, resolved } => {
                    text(r.parties, &parties.to_string());
                    text(r.resolved, &yes_no(lang, *resolved));
                }
                Details::Awareness { topic, attendees } => {
                    text(r.topic, topic);
                    text(r.attendee_count, &attendees.to_string());
                }
                Details::HouseholdInfo {
                    gathered,
                    passed_to_police,
                } => {
                    text(r.gathered, &gathered.to_string());
                    text(r.passed_to_police, &passed_to_police.to_string());
                }
                Details::Reintegration { person, reoffended } => {
                    text(r.person, person);
                    text(r.reoffended, &yes_no(lang, *reoffended));
                }
                Details::WeaponsHandIn { items, description } => {
                    text(r.items, &items.to_string());
                    text(r.weapons, description);
                }
                Details::BusinessCheck {
                    business,
                    violation_found,
                } => {
                    text(r.business, business);
                    text(r.violation_found, &yes_no(lang, *violation_found));
                }
                Details::Meeting {
                    attendees,
                    decisions,
                } => {
                    text(r.attendees, &names.people(attendees));
                    text(r.decisions, decisions);
                }
                Details::Training { topic, attendees } => {
                    text(r.topic, topic);
                    text(r.attendees, &names.people(attendees));
                }
                Details::Model {
                    name,
                    recognised_by,
                    effective,
                } => {
                    text(r.model_name, name);
                    text(r.recognised_by, recognised_by);
                    text(r.effective, &yes_no(lang, *effective));
                }
            }
            text(r.notes, &a.notes);
        }
    }
    out
}

/// The facts an edit changed: `(label, before, after)`.
pub fn changes(
    lang: Lang,
    before: &RecordBody,
    after: &RecordBody,
    names: &Names,
) -> Vec<(&'static str, String, String)> {
    let old = facts(lang, before, None, names);
    let new = facts(lang, after, None, names);
    let value = |list: &[(&'static str, String)], label: &str| {
        list.iter()
            .find(|(l, _)| *l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut labels: Vec<&'static str> = new.iter().map(|(l, _)| *l).collect();
    labels.extend(
        old.iter()
            .map(|(l, _)| *l)
            .filter(|l| !new.iter().any(|(n, _)| n == l)),
    );
    labels
        .into_iter()
        .filter_map(|l| {
            let (b, a) = (value(&old, l), value(&new, l));
            (b != a).then_some((l, b, a))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::deed::GoodDeed;
    use chrono::NaiveDate;

    fn deed(description: &str) -> RecordBody {
        RecordBody::GoodDeed(GoodDeed {
            date: NaiveDate::from_ymd_opt(2025, 3, 8).unwrap(),
            description: description.into(),
            members: vec![11, 99],
            beneficiary: String::new(),
            commendation: None,
        })
    }

    #[test]
    fn facts_name_people_and_skip_what_is_empty() {
        let members = [Person {
            id: 11,
            user_id: Some(7),
            name: "Lê Văn A".into(),
        }];
        let names = Names {
            members: &members,
            categories: &[],
            incidents: &[],
            holidays: &[],
        };
        let f = facts(Lang::Vi, &deed("Sửa mái nhà"), None, &names);
        assert_eq!(
            f,
            vec![
                ("Ngày", "08/03/2025".to_owned()),
                ("Việc đã làm", "Sửa mái nhà".to_owned()),
                ("Người tham gia", "Lê Văn A, #99".to_owned()),
            ]
        );
        let c = changes(
            Lang::Vi,
            &deed("Sửa mái nhà"),
            &deed("Sửa mái nhà và cổng"),
            &names,
        );
        assert_eq!(
            c,
            vec![(
                "Việc đã làm",
                "Sửa mái nhà".into(),
                "Sửa mái nhà và cổng".into()
            )]
        );
    }

    #[test]
    fn a_patrol_on_a_holiday_says_so() {
        use crate::domain::local_time::from_local;
        use crate::domain::records::patrol::Patrol;
        let at = |d: u32, h: u32| {
            from_local(
                NaiveDate::from_ymd_opt(2025, 4, d)
                    .unwrap()
                    .and_hms_opt(h, 0, 0)
                    .unwrap(),
            )
        };
        let patrol = RecordBody::Patrol(Patrol {
            started_at: at(29, 21),
            ended_at: Some(at(30, 2)),
            participants: vec![],
            area: "Thôn Đông".into(),
            observations: String::new(),
            mobilised: false,
            track: vec![],
            incidents: vec![],
        });
        let holidays = [NaiveDate::from_ymd_opt(2025, 4, 30).unwrap()];
        let names = Names {
            members: &[],
            categories: &[],
            incidents: &[],
            holidays: &holidays,
        };
        let f = facts(Lang::Vi, &patrol, None, &names);
        assert!(
            f.contains(&("Trực vào ngày lễ", "30/04/2025".to_owned())),
            "{f:?}"
        );
        assert!(
            f.contains(&("Trong đó ban đêm (22:00–06:00)", "240 phút".to_owned())),
            "{f:?}"
        );
        let plain = Names {
            holidays: &[],
            ..names
        };
        assert!(!facts(Lang::Vi, &patrol, None, &plain)
            .iter()
            .any(|(l, _)| *l == "Trực vào ngày lễ"));
    }
}
