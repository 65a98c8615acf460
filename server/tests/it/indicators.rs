//! Campaign indicators on real databases: the team-month counts kept by every write
//! equal a full recount (and a count made in memory) over random histories, roll-ups add
//! numerators and denominators, teams that move keep their old months where they were,
//! and the API refuses whoever may not see a unit or a team.

use crate::common;

use app::domain::indicators::measures::{count_month, month_of};
use app::domain::indicators::{
    Counted, CountingRules, Indicator, Membership, Period, ReportCalendar,
};
use app::domain::local_time::{from_local, YearMonth};
use app::domain::records::activity::{Activity as Act, Details};
use app::domain::records::deed::GoodDeed;
use app::domain::records::incident::{Incident, Presence};
use app::domain::records::patrol::Patrol;
use app::domain::records::tip::{Channel, TipOff};
use app::domain::records::RecordBody;
use app::domain::roster::RosterEntry;
use app::domain::{Actor, OrgUnitKind, Position, Role, TeamKind};
use app::services::store::indicators::StoredCount;
use app::services::store::*;
use app::services::Store;
use app::services::{drill_down, indicators};
use axum::http::StatusCode;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use common::TestApp;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;
use std::collections::{BTreeMap, HashMap};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Local time in Vietnam.
fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    from_local(date(y, m, d).and_hms_opt(h, min, 0).unwrap())
}

fn unit(parent: Option<i64>, kind: OrgUnitKind, name: &str) -> NewOrgUnit {
    NewOrgUnit {
        parent_id: parent,
        kind,
        name: name.into(),
        code: None,
        valid_from: date(2024, 1, 1),
        valid_to: None,
    }
}

/// A province with two communes, two teams in the first and one in the second, a few
/// members each (one joining mid-March 2025), a member account and a commune police
/// account for the first commune.
struct World {
    province: i64,
    communes: [i64; 2],
    teams: [i64; 3],
    roster: HashMap<i64, Vec<i64>>,
    member_user: i64,
    police_user: i64,
}

async fn world(s: &dyn Store) -> World {
    let province = s
        .insert_org_unit(&unit(None, OrgUnitKind::Province, "Tỉnh A"))
        .await
        .unwrap();
    let c1 = s
        .insert_org_unit(&unit(Some(province), OrgUnitKind::Commune, "Xã Một"))
        .await
        .unwrap();
    let c2 = s
        .insert_org_unit(&unit(Some(province), OrgUnitKind::Commune, "Xã Hai"))
        .await
        .unwrap();
    let member_user = s
        .insert_user(&NewUser {
            phone: "0911000001".into(),
            full_name: "Tổ viên".into(),
            password_hash: "x".into(),
        })
        .await
        .unwrap();
    let police_user = s
        .insert_user(&NewUser {
            phone: "0911000002".into(),
            full_name: "Công an xã".into(),
            password_hash: "x".into(),
        })
        .await
        .unwrap();
    s.grant_role(police_user, RoleGrant::CommunePolice { commune_id: c1 })
        .await
        .unwrap();
    let mut teams = [0; 3];
    let mut roster = HashMap::new();
    for (i, (commune, name, size)) in [(c1, "Tổ Đông", 3), (c1, "Tổ Tây", 2), (c2, "Tổ Nam", 2)]
        .into_iter()
        .enumerate()
    {
        let t = s
            .insert_team(&NewTeam {
                commune_id: commune,
                name: name.into(),
                kind: TeamKind::SecurityOrder,
                member_quota: 5,
                operating_since: date(2024, 7, 1),
                village_ids: vec![],
            })
            .await
            .unwrap();
        let mut ids = Vec::new();
        for m in 0..size {
            let joined = if i == 0 && m == 2 {
                date(2025, 3, 20)
            } else {
                date(2024, 7, 1)
            };
            let id = s
                .insert_member(&NewMember {
                    team_id: t,
                    user_id: (i == 0 && m == 0).then_some(member_user),
                    entry: RosterEntry::new(
                        &format!("Người {i}-{m}"),
                        if m == 0 {
                            Position::Leader
                        } else {
                            Position::Member
                        },
                    ),
                    joined_on: joined,
                })
                .await
                .unwrap();
            ids.push(id);
        }
        teams[i] = t;
        roster.insert(t, ids);
    }
    World {
        province,
        communes: [c1, c2],
        teams,
        roster,
        member_user,
        police_user,
    }
}

fn patrol(start: DateTime<Utc>, who: Vec<i64>) -> RecordBody {
    RecordBody::Patrol(Patrol {
        started_at: start,
        ended_at: Some(start + Duration::hours(2)),
        participants: who,
        area: "Thôn".into(),
        observations: String::new(),
        mobilised: false,
        track: vec![],
        incidents: vec![],
    })
}

fn incident(
    when: DateTime<Utc>,
    category: &str,
    mobilised: bool,
    arrive: Option<i64>,
) -> RecordBody {
    RecordBody::Incident(Incident {
        category: category.into(),
        occurred_at: when,
        location: "Chợ".into(),
        lat: None,
        lon: None,
        learned_at: when,
        presence: match arrive {
            Some(m) => Presence::Arrived {
                at: when + Duration::minutes(m),
            },
            None => Presence::NotPresent,
        },
        mobilised,
        actions: vec![],
        outcome: String::new(),
    })
}

fn tip(when: DateTime<Utc>, forwarded: bool) -> RecordBody {
    RecordBody::TipOff(TipOff {
        received_at: when,
        channel: Channel::InPerson,
        category: "drugs".into(),
        content: "Có người lạ".into(),
        forwarded_at: forwarded.then(|| when + Duration::minutes(5)),
        assessment: None,
    })
}

fn deed(day: NaiveDate, who: Vec<i64>) -> RecordBody {
    RecordBody::GoodDeed(GoodDeed {
        date: day,
        description: "Giúp dân".into(),
        members: who,
        beneficiary: String::new(),
        commendation: None,
    })
}

fn activity(day: NaiveDate, details: Details) -> RecordBody {
    RecordBody::Activity(Act {
        date: day,
        details,
        notes: String::new(),
    })
}

fn row(id: &str, team_id: i64, author_id: i64, body: &RecordBody, now: DateTime<Utc>) -> RecordRow {
    RecordRow {
        id: id.into(),
        team_id,
        kind: body.kind().as_str().into(),
        author_id,
        occurred_at: body.occurred_at(),
        month: body.month().key(),
        body: serde_json::to_string(body).unwrap(),
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: None,
    }
}

/// A record of a random kind on a random day of January to June 2025.
fn random_body(rng: &mut StdRng, roster: &[i64]) -> RecordBody {
    let day = date(2025, 1, 1) + Duration::days(rng.gen_range(0..181));
    let when = from_local(
        day.and_hms_opt(rng.gen_range(0..24), rng.gen_range(0..60), 0)
            .unwrap(),
    );
    let crew: Vec<i64> = roster
        .iter()
        .copied()
        .filter(|_| rng.gen_bool(0.6))
        .collect();
    let arrive = rng.gen_bool(0.8).then(|| rng.gen_range(0..90));
    match rng.gen_range(0..9) {
        0 => patrol(when, crew),
        1 => {
            let category = [
                "theft",
                "fire",
                "rescue",
                "weapons",
                "serious_traffic_accident",
            ][rng.gen_range(0..5)];
            incident(when, category, rng.gen_bool(0.5), arrive)
        }
        2 => tip(when, rng.gen_bool(0.7)),
        3 => deed(day, crew),
        4 => activity(
            day,
            Details::BusinessCheck {
                business: "Nhà nghỉ".into(),
                violation_found: rng.gen_bool(0.3),
            },
        ),
        5 => {
            let gathered = rng.gen_range(1..20);
            activity(
                day,
                Details::HouseholdInfo {
                    gathered,
                    passed_to_police: rng.gen_range(0..=gathered),
                },
            )
        }
        6 => activity(
            day,
            Details::Reintegration {
                person: "Anh T.".into(),
                reoffended: rng.gen_bool(0.2),
            },
        ),
        7 => activity(
            day,
            Details::Model {
                name: "Camera an ninh".into(),
                recognised_by: if rng.gen_bool(0.7) {
                    "Công an huyện"
                } else {
                    ""
                }
                .into(),
                effective: rng.gen_bool(0.8),
            },
        ),
        _ => incident(when, "theft", false, arrive),
    }
}

/// What the counts must be, computed in memory from the live records.
fn counted_in_memory(
    live: &BTreeMap<String, (i64, RecordBody, bool)>,
    w: &World,
    rules: &CountingRules,
) -> Vec<StoredCount> {
    let mut by_cell: BTreeMap<(i64, YearMonth), Vec<Counted<'_>>> = BTreeMap::new();
    for (team, body, by_police) in live.values() {
        by_cell
            .entry((*team, month_of(body, rules)))
            .or_default()
            .push(Counted {
                body,
                by_police: *by_police,
            });
    }
    by_cell
        .into_iter()
        .filter_map(|((team, m), records)| {
            let roster: Vec<Membership> = w.roster[&team]
                .iter()
                .enumerate()
                .map(|(i, id)| Membership {
                    member_id: *id,
                    joined_on: if team == w.teams[0] && i == 2 {
                        date(2025, 3, 20)
                    } else {
                        date(2024, 7, 1)
                    },
                    left_on: None,
                })
                .collect();
            let activity = count_month(m, &records, &roster, rules);
            (!activity.is_zero()).then(|| StoredCount {
                team_id: team,
                month: m.key(),
                activity,
            })
        })
        .collect()
}

/// Random histories of inserts, edits (some to another month), deletes, records logged
/// late, tips the police logged themselves and a team moving: the counts kept by the
/// writes equal a full recount and a count made in memory.
async fn incremental_counts_equal_recompute(s: &dyn Store, seeds: std::ops::Range<u64>) {
    let w = world(s).await;
    let now = at(2025, 7, 1, 9, 0);
    for seed in seeds {
        let mut rng = StdRng::seed_from_u64(seed);
        let rules = CountingRules {
            calendar: ReportCalendar::starting_on(if seed % 2 == 0 { 1 } else { 15 }).unwrap(),
            in_time_minutes: [15, 30, 60][seed as usize % 3],
        };
        s.set_counting_rules(&rules).await.unwrap();
        // Whatever an earlier seed left is part of this history too.
        let mut live: BTreeMap<String, (i64, RecordBody, bool)> = BTreeMap::new();
        let mut versions: HashMap<String, i64> = HashMap::new();
        for team in w.teams {
            for r in s.records(team, &RecordFilter::default()).await.unwrap() {
                let body: RecordBody = serde_json::from_str(&r.body).unwrap();
                let by_police = r.author_id == w.police_user;
                versions.insert(r.id.clone(), r.version);
                live.insert(r.id, (team, body, by_police));
            }
        }
        for step in 0..40 {
            let op = rng.gen_range(0..10);
            let pick: Option<String> = if live.is_empty() {
                None
            } else {
                live.keys().nth(rng.gen_range(0..live.len())).cloned()
            };
            match (op, pick) {
                (0..=1, Some(id)) => {
                    let (team, _, by_police) = live[&id].clone();
                    let body = random_body(&mut rng, &w.roster[&team]);
                    let mut r = row(&id, team, w.member_user, &body, now);
                    r.updated_at = now + Duration::minutes(step);
                    let v = versions[&id];
                    assert!(s
                        .update_record(&r, v, None, w.member_user, None)
                        .await
                        .unwrap());
                    versions.insert(id.clone(), v + 1);
                    live.insert(id, (team, body, by_police));
                }
                (2, Some(id)) => {
                    let v = versions[&id];
                    assert!(s
                        .delete_record(&id, v, now, w.member_user, None)
                        .await
                        .unwrap());
                    live.remove(&id);
                }
                (3, _) if seed % 3 == 0 => {
                    let m = YearMonth {
                        year: 2025,
                        month: rng.gen_range(1..=6),
                    };
                    s.move_team(w.teams[1], w.communes[rng.gen_range(0..2)], m)
                        .await
                        .unwrap();
                }
                _ => {
                    let team = w.teams[rng.gen_range(0..3)];
                    let body = random_body(&mut rng, &w.roster[&team]);
                    // The police log tips they received directly, for a team of their commune.
                    let by_police = matches!(body, RecordBody::TipOff(_))
                        && team != w.teams[2]
                        && rng.gen_bool(0.3);
                    let author = if by_police {
                        w.police_user
                    } else {
                        w.member_user
                    };
                    let id = uuid::Uuid::new_v4().to_string();
                    s.insert_record(&row(&id, team, author, &body, now), None, None)
                        .await
                        .unwrap();
                    versions.insert(id.clone(), 1);
                    live.insert(id, (team, body, by_police));
                }
            }
        }
        let kept = s.stored_counts().await.unwrap();
        assert_eq!(
            kept,
            counted_in_memory(&live, &w, &rules),
            "seed {seed}: in memory"
        );
        s.recompute_counts().await.unwrap();
        assert_eq!(
            s.stored_counts().await.unwrap(),
            kept,
            "seed {seed}: recount"
        );
    }
}

fn police(commune_id: i64, user_id: i64) -> Actor {
    Actor {
        user_id,
        roles: vec![Role::CommunePolice { commune_id }],
    }
}

fn cell(t: &app::dto::indicators::Row, i: Indicator) -> (i64, i64, Option<f64>, Option<bool>) {
    let c = t.cells.iter().find(|c| c.indicator == i).unwrap();
    (
        c.numerator,
        c.denominator,
        c.value.map(|v| (v * 100.0).round() / 100.0),
        c.met,
    )
}

/// A hand-computed March 2025 for one commune, then a team moving to the other commune.
async fn roll_ups_add_numerators_and_denominators(s: &dyn Store) {
    let w = world(s).await;
    let [east, west, _] = w.teams;
    let (a, b, late_joiner) = (w.roster[&east][0], w.roster[&east][1], w.roster[&east][2]);
    let now = at(2025, 6, 1, 9, 0);
    let mut n = 0;
    let mut log = |team: i64, author: i64, body: RecordBody| {
        n += 1;
        (
            format!("00000000-0000-4000-8000-{n:012}"),
            team,
            author,
            body,
        )
    };
    let records = vec![
        log(
            east,
            w.member_user,
            patrol(at(2025, 3, 5, 21, 0), vec![a, b]),
        ),
        log(
            east,
            w.member_user,
            incident(at(2025, 3, 6, 9, 0), "theft", false, Some(10)),
        ),
        log(
            east,
            w.member_user,
            incident(at(2025, 3, 7, 9, 0), "theft", false, Some(60)),
        ),
        log(east, w.member_user, tip(at(2025, 3, 8, 9, 0), true)),
        log(east, w.member_user, tip(at(2025, 3, 8, 10, 0), false)),
        log(east, w.member_user, deed(date(2025, 3, 9), vec![a])),
        log(
            west,
            w.member_user,
            incident(at(2025, 3, 10, 9, 0), "fire", true, Some(20)),
        ),
        log(west, w.police_user, tip(at(2025, 3, 11, 9, 0), false)),
        // April, after the west team has moved to the second commune.
        log(
            west,
            w.member_user,
            incident(at(2025, 4, 10, 9, 0), "theft", false, None),
        ),
    ];
    for (id, team, author, body) in &records {
        s.insert_record(&row(id, *team, *author, body, now), None, None)
            .await
            .unwrap();
    }
    s.move_team(
        west,
        w.communes[1],
        YearMonth {
            year: 2025,
            month: 4,
        },
    )
    .await
    .unwrap();
    let c1 = w.communes[0];
    let cop = police(c1, w.police_user);
    let march = Period::parse("2025-03").unwrap();
    let t = indicators::unit_table(s, &cop, c1, &march, None)
        .await
        .unwrap();
    use Indicator::*;
    // Three incidents, two within 30 minutes: 2/3, not the average of 50 % and 100 %.
    assert_eq!(cell(&t.scope, IncidentsInTime), (2, 3, Some(66.67), None));
    // One tip passed on by the force, one the police got directly; the kept one is neither.
    assert_eq!(cell(&t.scope, TipsViaForce), (1, 2, Some(50.0), None));
    // Members in March: 3 east (one joined on the 20th) + 2 west; two patrolled.
    assert_eq!(cell(&t.scope, MembersOnPatrol), (2, 5, Some(40.0), None));
    assert_eq!(cell(&t.scope, GoodDeedMonths), (1, 2, Some(50.0), None));
    assert_eq!(cell(&t.scope, CallOutsInTime), (1, 1, Some(100.0), None));
    assert_eq!(
        cell(&t.scope, Reoffences),
        (0, 0, None, None),
        "no data, not 0"
    );
    assert_eq!(cell(&t.scope, WeaponsCases), (0, 2, Some(0.0), None));
    let names: Vec<&str> = t.rows.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["Tổ Tây", "Tổ Đông"]);
    assert_eq!(cell(&t.rows[1], IncidentsInTime), (1, 2, Some(50.0), None));
    assert_eq!(cell(&t.rows[0], IncidentsInTime), (1, 1, Some(100.0), None));
    let _ = late_joiner;

    // A deleted record stops counting.
    let late = &records[2].0;
    assert!(s
        .delete_record(late, 1, now, w.member_user, None)
        .await
        .unwrap());
    let t = indicators::unit_table(s, &cop, c1, &march, None)
        .await
        .unwrap();
    assert_eq!(cell(&t.scope, IncidentsInTime), (2, 2, Some(100.0), None));

    // The west team's April counts in the second commune, its March stays in the first.
    let province_cop = Actor {
        user_id: w.police_user,
        roles: vec![Role::ProvincePolice {
            province_id: w.province,
        }],
    };
    let spring = Period::parse("2025-q2").unwrap();
    let q1 = Period::parse("2025-q1").unwrap();
    let c1_q2 = indicators::unit_table(s, &cop, c1, &spring, None)
        .await
        .unwrap();
    assert_eq!(
        c1_q2
            .rows
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Tổ Đông"],
        "the west team had left the first commune by April"
    );
    let c1_q1 = indicators::unit_table(s, &cop, c1, &q1, None)
        .await
        .unwrap();
    assert_eq!(c1_q1.rows.len(), 2);
    let year = Period::parse("2025-h1").unwrap();
    let p = indicators::unit_table(s, &province_cop, w.province, &year, None)
        .await
        .unwrap();
    let by_name: HashMap<&str, &app::dto::indicators::Row> =
        p.rows.iter().map(|r| (r.name.as_str(), r)).collect();
    assert_eq!(
        cell(by_name["Xã Một"], IncidentsInTime),
        (2, 2, Some(100.0), None)
    );
    assert_eq!(
        cell(by_name["Xã Hai"], IncidentsInTime),
        (0, 1, Some(0.0), None)
    );
    assert_eq!(cell(&p.scope, IncidentsInTime), (2, 3, Some(66.67), None));

    // A campaign covering the province brings targets, and judges each number by them.
    let mut campaign = app::domain::indicators::campaign::thai_binh_2024(w.province);
    campaign.starts_on = date(2025, 1, 1);
    campaign.ends_on = date(2025, 12, 31);
    campaign.phases.clear();
    let id = s.insert_campaign(&campaign).await.unwrap();
    let t = indicators::unit_table(s, &cop, c1, &march, None)
        .await
        .unwrap();
    assert_eq!(t.campaign.as_ref().map(|c| c.id), Some(id));
    assert_eq!(
        cell(&t.scope, TipsViaForce).3,
        Some(false),
        "50 % is under 80 %"
    );
    assert_eq!(cell(&t.scope, IncidentsInTime).3, Some(true));
    assert_eq!(
        cell(&t.scope, Reoffences).3,
        None,
        "no data is neither met nor missed"
    );

    // The records behind a number: the tips of the first commune in March.
    let d = drill_down::drill_down(s, &cop, drill_down::Scope::Unit(c1), &march, TipsViaForce)
        .await
        .unwrap();
    let parts: Vec<_> = d.records.iter().map(|r| (r.team_id, r.part)).collect();
    use app::domain::indicators::Part;
    assert_eq!(parts, [(east, Part::Numerator), (west, Part::Denominator)]);

    // The team's own table: a row per month, the months added as for a unit.
    let member = Actor {
        user_id: w.member_user,
        roles: vec![Role::Team {
            team_id: east,
            position: Position::Leader,
        }],
    };
    let t = indicators::team_table(s, &member, east, &q1, None)
        .await
        .unwrap();
    assert_eq!(t.rows.len(), 3);
    assert_eq!(
        cell(&t.scope, GoodDeedMonths),
        (1, 3, Some(33.33), Some(false))
    );
    // January and February: 2 members each; March: 3.
    assert_eq!(
        cell(&t.scope, MembersOnPatrol),
        (2, 7, Some(28.57), Some(false))
    );
    assert!(matches!(
        indicators::team_table(s, &member, west, &q1, None).await,
        Err(app::services::ServiceError::Forbidden)
    ));
}

/// Changing how months are cut recounts everything with the new rule.
async fn settings_change_recounts(s: &dyn Store) {
    let w = world(s).await;
    let body = patrol(at(2025, 3, 20, 21, 0), vec![w.roster[&w.teams[0]][0]]);
    s.insert_record(
        &row(
            "00000000-0000-4000-8000-000000000001",
            w.teams[0],
            w.member_user,
            &body,
            at(2025, 4, 1, 9, 0),
        ),
        None,
        None,
    )
    .await
    .unwrap();
    assert_eq!(s.stored_counts().await.unwrap()[0].month, "2025-03");
    let rules = CountingRules {
        calendar: ReportCalendar::starting_on(15).unwrap(),
        in_time_minutes: 45,
    };
    assert_eq!(s.set_counting_rules(&rules).await.unwrap(), 1);
    assert_eq!(s.counting_rules().await.unwrap(), rules);
    assert_eq!(
        s.stored_counts().await.unwrap()[0].month,
        "2025-04",
        "20/03 falls in the report month 15/03–14/04"
    );
}

macro_rules! on_both {
    ($($name:ident $(($($arg:expr),*))?),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                let (s, _dir) = crate::common::sqlite_store().await;
                super::$name(s.as_ref() $($(, $arg)*)?).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                let s = crate::common::pg_store().await;
                super::$name(s.as_ref() $($(, $arg)*)?).await;
            })*
        }
    };
}

on_both!(
    incremental_counts_equal_recompute(0..12),
    roll_ups_add_numerators_and_denominators,
    settings_change_recounts,
);

const MEMBER: &str = "0910101003";
const COMMUNE_POLICE: &str = "0900000003";
const OTHER_COMMUNE_POLICE: &str = "0900000004";
const PROVINCE_POLICE: &str = "0900000002";
const ADMIN: &str = "0900000001";

#[tokio::test]
async fn the_api_shows_each_reader_their_part_of_the_tree_only() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    let commune = app.store.team(team).await.unwrap().unwrap().commune_id;
    let province = app.store.root_units().await.unwrap()[0].id;
    let cop = app.token(COMMUNE_POLICE).await;
    let other_cop = app.token(OTHER_COMMUNE_POLICE).await;
    let province_cop = app.token(PROVINCE_POLICE).await;
    let unit = |id: i64| format!("/api/v1/units/{id}/indicators?period=2025-q1");

    let r = app.get(&unit(commune), Some(&cop)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let t = r.json();
    assert_eq!(t["scope"]["id"], commune);
    assert_eq!(
        t["rows"].as_array().unwrap().len(),
        13,
        "the commune's teams"
    );
    assert_eq!(t["columns"].as_array().unwrap().len(), Indicator::ALL.len());
    let r = app.get(&unit(province), Some(&province_cop)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    for (who, path) in [
        (&member, unit(commune)),
        (&other_cop, unit(commune)),
        (&cop, unit(province)),
        (
            &member,
            format!("/api/v1/units/{commune}/indicators/tips_via_force/records?period=2025-03"),
        ),
    ] {
        let r = app.get(&path, Some(who)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}: {}", r.body);
        assert_eq!(r.json()["code"], "forbidden");
    }
    assert_eq!(
        app.get(&unit(commune), None).await.status,
        StatusCode::UNAUTHORIZED
    );

    // A member reads their own team's table, not another team's.
    let own = format!("/api/v1/teams/{team}/indicators?period=2025-03");
    assert_eq!(app.get(&own, Some(&member)).await.status, StatusCode::OK);
    let other_team = app
        .store
        .teams_under(commune)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.id != team)
        .unwrap()
        .id;
    let r = app
        .get(
            &format!("/api/v1/teams/{other_team}/indicators?period=2025-03"),
            Some(&member),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Bad input: a clear 4xx, with the field.
    for (path, code) in [
        (
            format!("/api/v1/units/{commune}/indicators?period=2025-13"),
            "invalid_period",
        ),
        (
            format!("/api/v1/units/{commune}/indicators"),
            "invalid_query",
        ),
        (
            format!("/api/v1/units/{commune}/indicators?period=2025&x=1"),
            "invalid_query",
        ),
        (
            format!("/api/v1/units/{commune}/indicators/nope/records?period=2025"),
            "unknown_indicator",
        ),
    ] {
        let r = app.get(&path, Some(&cop)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            r.body
        );
        assert_eq!(r.json()["code"], code, "{path}");
    }
    let r = app
        .get("/api/v1/units/999999/indicators?period=2025", Some(&cop))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_an_admin_sets_up_a_campaign_and_a_broken_one_is_refused() {
    let app = TestApp::with_demo().await;
    let province = app.store.root_units().await.unwrap()[0].id;
    let preset = app::domain::indicators::campaign::thai_binh_2024(province);
    let body = serde_json::to_value(&preset).unwrap();
    let cop = app.token(COMMUNE_POLICE).await;
    let r = app
        .send_as("POST", "/api/v1/campaigns", &cop, Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let admin = app.token(ADMIN).await;
    let mut broken = body.clone();
    broken["ends_on"] = json!("2024-01-01");
    let r = app
        .send_as("POST", "/api/v1/campaigns", &admin, Some(&broken))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["code"], "end_before_start");
    let r = app
        .send_as(
            "POST",
            "/api/v1/campaigns",
            &admin,
            Some(&json!({"name": 3})),
        )
        .await;
    assert_eq!(r.status.as_u16() / 100, 4, "{}", r.body);
    assert!(
        app.store.campaigns().await.unwrap().is_empty(),
        "nothing stored"
    );
    let r = app
        .send_as("POST", "/api/v1/campaigns", &admin, Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let listed = app.get("/api/v1/campaigns", Some(&cop)).await.json();
    assert_eq!(listed[0]["name"], preset.name);
    assert_eq!(listed[0]["phases"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn the_commune_police_log_tips_they_received_and_they_count_against_the_force() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let cop = app.token(COMMUNE_POLICE).await;
    let other_cop = app.token(OTHER_COMMUNE_POLICE).await;
    let when = Utc::now() - Duration::hours(3);
    let tip = |forwarded: bool| {
        json!({"kind": "tip_off", "data": {"received_at": when, "channel": "in_person",
            "category": "drugs", "content": "Có người lạ", 
            "forwarded_at": forwarded.then(|| when + Duration::minutes(30))}})
    };
    let log = |token: String, body: serde_json::Value| {
        let app = &app;
        async move {
            let id = uuid::Uuid::new_v4().to_string();
            app.create_record(&token, &json!({"id": id, "team_id": team, "body": body}))
                .await
        }
    };
    assert_eq!(
        log(member.clone(), tip(true)).await.status,
        StatusCode::CREATED
    );
    let r = log(cop.clone(), tip(false)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let patrol = json!({"kind": "patrol", "data": {"started_at": when, "ended_at": null,
        "participants": [members[0]], "area": "Thôn", "observations": "", "mobilised": false,
        "track": [], "incidents": []}});
    let r = log(cop.clone(), patrol).await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "the police do not patrol for the team"
    );
    let r = log(other_cop.clone(), tip(false)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "another commune's police");

    let month = YearMonth::of_instant(when).key();
    let r = app
        .get(
            &format!("/api/v1/teams/{team}/indicators?period={month}"),
            Some(&cop),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let cells = r.json()["scope"]["cells"].clone();
    let tips = cells
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["indicator"] == "tips_via_force")
        .unwrap()
        .clone();
    assert_eq!(
        (tips["numerator"].as_i64(), tips["denominator"].as_i64()),
        (Some(1), Some(2))
    );
    assert_eq!(tips["value"].as_f64(), Some(50.0));
}

#[tokio::test]
async fn the_indicator_screens_render_on_the_server_for_those_who_may_see_them() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    let commune = app.store.team(team).await.unwrap().unwrap().commune_id;
    let cookie = |t: &str| format!("antt_session={t}");
    let cop = cookie(&app.token(COMMUNE_POLICE).await);
    let table = app
        .get_with_cookie(&format!("/units/{commune}/indicators?period=2025-q1"), &cop)
        .await;
    assert_eq!(table.status, StatusCode::OK);
    for text in [
        "Chỉ tiêu phong trào",
        "Tin báo đến Công an xã qua lực lượng",
        "Quý 1/2025",
        r#"class="indicators""#,
        "Tổ bảo vệ ANTT thôn Thanh Lương",
    ] {
        assert!(table.body.contains(text), "{text}");
    }
    let drill = app
        .get_with_cookie(
            &format!("/units/{commune}/indicators/incidents_in_time?period=2025-03"),
            &cop,
        )
        .await;
    assert_eq!(drill.status, StatusCode::OK);
    assert!(
        drill.body.contains("Vụ việc có mặt kịp thời") && drill.body.contains("Bản ghi được tính")
    );

    // A member sees their own team's months, and not the commune's table.
    let own = app
        .get_with_cookie(&format!("/teams/{team}/indicators"), &cookie(&member))
        .await;
    assert_eq!(own.status, StatusCode::OK);
    assert!(own.body.contains(r#"class="indicators""#) && own.body.contains("Tháng này"));
    let refused = app
        .get_with_cookie(&format!("/units/{commune}/indicators"), &cookie(&member))
        .await;
    assert!(refused.body.contains("Bạn không có quyền"));
    assert!(!refused.body.contains(r#"class="indicators""#));
    let r = app
        .read_fn(
            "/api/indicators/table",
            &format!("scope=units&id={commune}&period=2025"),
            Some(&cookie(&member)),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = app
        .read_fn(
            "/api/indicators/table",
            &format!("scope=units&id={commune}&period=2025-99"),
            Some(&cop),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test]
async fn the_demo_ships_the_seed_002_preset_and_this_years_copy() {
    let (s, _dir) = common::sqlite_store().await;
    antt_server::demo::load(s.as_ref()).await.unwrap();
    antt_server::demo_activity::load(s.as_ref(), Utc::now())
        .await
        .unwrap();
    let campaigns = s.campaigns().await.unwrap();
    assert_eq!(campaigns.len(), 2);
    let preset = &campaigns[1].1;
    assert_eq!(
        (preset.starts_on, preset.ends_on),
        (date(2024, 10, 1), date(2025, 7, 30))
    );
    assert_eq!(preset.phases.len(), 2);
    let copy = &campaigns[0].1;
    assert!(copy.starts_on <= Utc::now().date_naive() && Utc::now().date_naive() <= copy.ends_on);
    assert_eq!(copy.targets, preset.targets);
}
