//! The team's records kept on the phone, so that a member sees where the team stands this
//! month with no signal: pages of the team's changes are folded into the copy, the
//! entries still waiting in the outbox are added, and the month is counted by the
//! indicator engine the server uses. Pure rules; `offline::progress` carries them out.

use super::outbox::{Entry, State};
use crate::domain::indicators::measures::month_of;
use crate::domain::indicators::progress::{campaign_in, standings, team_month, Standing};
use crate::domain::indicators::Counted;
use crate::domain::local_time::{local_date, YearMonth};
use crate::domain::records::RecordBody;
use crate::dto::progress::CountingKit;
use crate::dto::sync::{Mutation, PullResponse};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A record as the copy keeps it: only what counting needs (no informant, no names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Kept {
    pub author_id: i64,
    pub body: RecordBody,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamCopy {
    /// One person's copy of one team: someone else signing in on this phone starts
    /// their own, from what they may read.
    pub id: String,
    pub user_id: i64,
    pub team_id: i64,
    /// The team's change number the copy has caught up to.
    pub cursor: i64,
    pub pulled_at: Option<DateTime<Utc>>,
    /// By record id.
    pub records: BTreeMap<String, Kept>,
}

impl TeamCopy {
    pub fn key(user_id: i64, team_id: i64) -> String {
        format!("{user_id}:{team_id}")
    }

    pub fn new(user_id: i64, team_id: i64) -> Self {
        Self {
            id: Self::key(user_id, team_id),
            user_id,
            team_id,
            cursor: 0,
            pulled_at: None,
            records: BTreeMap::new(),
        }
    }

    /// Folds in a page of the team's changes. Only records counting in report month
    /// `from` or later are kept: the phone needs the month under way, not the archive.
    pub fn apply(
        &mut self,
        page: &PullResponse,
        from: YearMonth,
        kit: &CountingKit,
        now: DateTime<Utc>,
    ) {
        if page.team_id != self.team_id || page.cursor < self.cursor {
            return;
        }
        for change in &page.changes {
            match change.record.as_ref().filter(|_| !change.deleted) {
                Some(r) if month_of(&r.body, &kit.rules) >= from => {
                    self.records.insert(
                        change.id.clone(),
                        Kept {
                            author_id: r.author_id,
                            body: r.body.clone(),
                        },
                    );
                }
                _ => {
                    self.records.remove(&change.id);
                }
            }
        }
        self.records
            .retain(|_, k| month_of(&k.body, &kit.rules) >= from);
        self.cursor = page.cursor;
        self.pulled_at = Some(now);
    }
}

/// The team's standing in a report month, as the phone counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    pub month: YearMonth,
    pub standings: Vec<Standing>,
    /// Records of the month counted, those from the outbox included.
    pub records: usize,
    /// Of them, entries still waiting on this phone.
    pub unsent: usize,
    pub campaign: Option<String>,
}

/// The report month `now` falls in, by the install's report calendar.
pub fn current_month(kit: &CountingKit, now: DateTime<Utc>) -> YearMonth {
    kit.rules.calendar.month_of(local_date(now))
}

/// Counts `month` from the copy and the outbox. An entry counts when it is a new record
/// for this team the server has not refused; one the copy already holds (sent, then
/// pulled back) counts once.
pub fn progress(
    copy: &TeamCopy,
    entries: &[Entry],
    kit: &CountingKit,
    month: YearMonth,
) -> Progress {
    let police = |author: i64| {
        kit.police_authors.contains(&author) || (author == kit.user_id && kit.logs_as_police)
    };
    let mut counted: Vec<Counted<'_>> = copy
        .records
        .values()
        .map(|k| Counted {
            body: &k.body,
            by_police: police(k.author_id),
        })
        .collect();
    let mut unsent = 0;
    for e in entries
        .iter()
        .filter(|e| e.team_id == kit.team_id && matches!(e.state, State::Waiting | State::Photos))
    {
        if let Mutation::Create { record, .. } = &e.mutation {
            if !copy.records.contains_key(&record.id) {
                counted.push(Counted {
                    body: &record.body,
                    by_police: police(e.owner),
                });
                unsent += usize::from(month_of(&record.body, &kit.rules) == month);
            }
        }
    }
    let records = counted
        .iter()
        .filter(|c| month_of(c.body, &kit.rules) == month)
        .count();
    let totals = team_month(month, &counted, &kit.roster, kit.span, &kit.rules);
    let campaign = campaign_in(&kit.campaigns, month, kit.rules.calendar);
    Progress {
        month,
        standings: standings(&totals, campaign),
        records,
        unsent,
        campaign: campaign.map(|c| c.name.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::indicators::campaign::thai_binh_2024;
    use crate::domain::indicators::{CountingRules, Indicator, Membership, TeamSpan};
    use crate::domain::records::patrol::Patrol;
    use crate::domain::records::tip::{Channel, TipOff};
    use crate::dto::records::{NewRecord, RecordView};
    use crate::dto::sync::PulledRecord;
    use chrono::{NaiveDate, TimeZone};

    const TEAM: i64 = 7;
    const ME: i64 = 100;
    const POLICE: i64 = 900;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, m, day).unwrap()
    }

    /// Noon in Vietnam on that day of 2025.
    fn at(m: u32, day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, m, day, 5, 0, 0).unwrap()
    }

    fn march() -> YearMonth {
        YearMonth {
            year: 2025,
            month: 3,
        }
    }

    fn kit() -> CountingKit {
        CountingKit {
            team_id: TEAM,
            team_name: "Tổ 1".into(),
            user_id: ME,
            rules: CountingRules::default(),
            span: TeamSpan {
                operating_since: d(1, 1),
                dissolved_on: None,
            },
            roster: (1..=4)
                .map(|member_id| Membership {
                    member_id,
                    joined_on: d(1, 1),
                    left_on: None,
                })
                .collect(),
            police_authors: vec![POLICE],
            logs_as_police: false,
            campaigns: vec![thai_binh_2024(1)],
        }
    }

    fn patrol(when: DateTime<Utc>, who: &[i64]) -> RecordBody {
        RecordBody::Patrol(Patrol {
            started_at: when,
            ended_at: Some(when + chrono::Duration::hours(1)),
            participants: who.to_vec(),
            area: "Thôn Đông".into(),
            observations: String::new(),
            mobilised: false,
            track: vec![],
            incidents: vec![],
        })
    }

    fn tip(when: DateTime<Utc>, forwarded: bool) -> RecordBody {
        RecordBody::TipOff(TipOff {
            received_at: when,
            channel: Channel::InPerson,
            category: "theft".into(),
            content: "Có người lạ dòm ngó".into(),
            forwarded_at: forwarded.then_some(when),
            assessment: None,
        })
    }

    fn view(id: &str, author: i64, body: RecordBody) -> RecordView {
        RecordView {
            id: id.into(),
            team_id: TEAM,
            kind: body.kind(),
            author_id: author,
            author_name: "Ai đó".into(),
            month: "2025-03".into(),
            occurred_at: body.occurred_at(),
            body,
            informant: None,
            version: 1,
            created_at: at(3, 1),
            updated_at: at(3, 1),
            can_edit: false,
            can_assess: false,
            photos: vec![],
        }
    }

    fn page(cursor: i64, changes: Vec<(&str, Option<RecordView>)>) -> PullResponse {
        PullResponse {
            team_id: TEAM,
            changes: changes
                .into_iter()
                .enumerate()
                .map(|(i, (id, record))| PulledRecord {
                    seq: cursor - 10 + i as i64,
                    id: id.into(),
                    deleted: record.is_none(),
                    record,
                })
                .collect(),
            cursor,
            more: false,
        }
    }

    fn entry(record_id: &str, state: State, body: RecordBody) -> Entry {
        Entry {
            id: format!("m-{record_id}"),
            owner: ME,
            owner_name: "Tôi".into(),
            team_id: TEAM,
            record_id: record_id.into(),
            kind: body.kind().as_str().into(),
            occurred_at: body.occurred_at(),
            saved_at: at(3, 20),
            state,
            stored: false,
            problem: None,
            server_copy: None,
            server_version: None,
            differences: Vec::new(),
            photos: vec![],
            imported: false,
            mutation: Mutation::Create {
                id: format!("m-{record_id}"),
                record: NewRecord {
                    id: record_id.into(),
                    team_id: TEAM,
                    body,
                    informant: None,
                },
            },
        }
    }

    fn get(p: &Progress, i: Indicator) -> (i64, i64) {
        let s = p.standings.iter().find(|s| s.indicator == i).unwrap();
        (s.numerator, s.denominator)
    }

    #[test]
    fn pages_fold_in_and_old_months_are_not_kept() {
        let kit = kit();
        let mut copy = TeamCopy::new(ME, TEAM);
        copy.apply(
            &page(
                12,
                vec![
                    ("feb", Some(view("feb", ME, patrol(at(2, 10), &[1])))),
                    ("a", Some(view("a", ME, patrol(at(3, 2), &[1, 2])))),
                    ("b", Some(view("b", ME, patrol(at(3, 3), &[3])))),
                ],
            ),
            march(),
            &kit,
            at(3, 20),
        );
        assert_eq!(copy.cursor, 12);
        assert_eq!(copy.records.keys().collect::<Vec<_>>(), ["a", "b"]);

        // "b" deleted, "a" moved back to February by an edit: neither counts any more.
        copy.apply(
            &page(
                14,
                vec![
                    ("b", None),
                    ("a", Some(view("a", ME, patrol(at(2, 27), &[1])))),
                ],
            ),
            march(),
            &kit,
            at(3, 21),
        );
        assert!(copy.records.is_empty());
        assert_eq!(copy.pulled_at, Some(at(3, 21)));

        // A page older than the copy (a slow answer to an earlier ask) changes nothing.
        copy.apply(
            &page(13, vec![("c", Some(view("c", ME, patrol(at(3, 4), &[1]))))]),
            march(),
            &kit,
            at(3, 22),
        );
        assert!(copy.records.is_empty());
        assert_eq!(copy.cursor, 14);
    }

    #[test]
    fn waiting_entries_count_once_and_refused_ones_do_not() {
        let kit = kit();
        let mut copy = TeamCopy::new(ME, TEAM);
        copy.apply(
            &page(
                5,
                vec![("sent", Some(view("sent", ME, patrol(at(3, 2), &[1]))))],
            ),
            march(),
            &kit,
            at(3, 20),
        );
        let entries = [
            // Sent and already pulled back: counted from the copy only.
            entry("sent", State::Photos, patrol(at(3, 2), &[1])),
            entry("new", State::Waiting, patrol(at(3, 15), &[2, 3])),
            entry("refused", State::Attention, patrol(at(3, 16), &[4])),
            entry("held", State::Held, patrol(at(3, 16), &[4])),
        ];
        let p = progress(&copy, &entries, &kit, march());
        assert_eq!(get(&p, Indicator::MembersOnPatrol), (3, 4));
        assert_eq!((p.records, p.unsent), (2, 1));
        assert_eq!(p.campaign.as_deref(), Some(kit.campaigns[0].name.as_str()));

        let mut other_team = entries[1].clone();
        other_team.team_id = TEAM + 1;
        let p = progress(&copy, &[other_team], &kit, march());
        assert_eq!((get(&p, Indicator::MembersOnPatrol), p.unsent), ((1, 4), 0));
    }

    #[test]
    fn tips_logged_by_the_commune_police_are_the_denominator_only() {
        let mut kit = kit();
        let mut copy = TeamCopy::new(ME, TEAM);
        copy.apply(
            &page(
                3,
                vec![
                    ("t1", Some(view("t1", ME + 1, tip(at(3, 2), true)))),
                    ("t2", Some(view("t2", POLICE, tip(at(3, 3), false)))),
                ],
            ),
            march(),
            &kit,
            at(3, 20),
        );
        let waiting = [entry("t3", State::Waiting, tip(at(3, 4), false))];
        assert_eq!(
            get(
                &progress(&copy, &waiting, &kit, march()),
                Indicator::TipsViaForce
            ),
            (1, 2)
        );
        // The same waiting tip, on a commune police officer's phone: a direct tip.
        kit.logs_as_police = true;
        assert_eq!(
            get(
                &progress(&copy, &waiting, &kit, march()),
                Indicator::TipsViaForce
            ),
            (1, 3)
        );
    }

    #[test]
    fn an_empty_month_has_no_data_not_zero() {
        let kit = kit();
        let p = progress(&TeamCopy::new(ME, TEAM), &[], &kit, march());
        let incidents = p
            .standings
            .iter()
            .find(|s| s.indicator == Indicator::IncidentsInTime)
            .unwrap();
        assert_eq!((incidents.value, incidents.met), (None, None));
        assert_eq!(get(&p, Indicator::MembersOnPatrol), (0, 4));
        assert_eq!(p.records, 0);
        assert_eq!(current_month(&kit, at(3, 31)), march());
    }
}
