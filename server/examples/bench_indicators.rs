//! Roll-up benchmark: one province of 100 communes × 13 teams × 4–5 members with twelve
//! months of records (over a million), then the p50/p95 time of a province's, a commune's
//! and a team's indicator table, through the same service the API calls.
//!
//! `cargo run --release -p server --example bench_indicators -- sqlite|postgres [runs]`
//! (PostgreSQL from `TEST_DATABASE_URL`, in a schema of its own). `scripts/bench-indicators`
//! runs both and prints the Markdown for docs/BENCHMARKS.md.

use antt_server::store::{postgres::PgStore, sqlite::SqliteStore};
use app::domain::indicators::Period;
use app::domain::local_time::from_local;
use app::domain::records::activity::{Activity, Details};
use app::domain::records::deed::GoodDeed;
use app::domain::records::incident::{Incident, Presence};
use app::domain::records::patrol::Patrol;
use app::domain::records::tip::{Channel, TipOff};
use app::domain::records::{uuid_v4, RecordBody};
use app::domain::roster::RosterEntry;
use app::domain::{Actor, OrgUnitKind, Position, Role, TeamKind};
use app::services::indicators;
use app::services::store::{NewMember, NewOrgUnit, NewTeam, NewUser};
use app::services::Store;
use chrono::{Duration, NaiveDate, Utc};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Arc;
use std::time::Instant;

const COMMUNES: usize = 100;
const TEAMS_PER_COMMUNE: usize = 13;
/// Records per team and month: 1,300 teams × 12 months × 66 ≈ 1.03 million.
const PER_TEAM_MONTH: usize = 66;
const BATCH: usize = 1000;

struct Row {
    id: String,
    team: i64,
    kind: &'static str,
    author: i64,
    at: chrono::DateTime<Utc>,
    month: String,
    body: String,
}

fn body(rng: &mut StdRng, day: NaiveDate, roster: &[i64]) -> RecordBody {
    let when = from_local(
        day.and_hms_opt(rng.gen_range(6..23), rng.gen_range(0..60), 0)
            .unwrap(),
    );
    let crew: Vec<i64> = roster
        .iter()
        .copied()
        .filter(|_| rng.gen_bool(0.5))
        .collect();
    let activity = |details| {
        RecordBody::Activity(Activity {
            date: day,
            details,
            notes: String::new(),
        })
    };
    match rng.gen_range(0..20) {
        0..=7 => RecordBody::Patrol(Patrol {
            started_at: when,
            ended_at: Some(when + Duration::hours(2)),
            participants: crew,
            area: "Đường liên thôn".into(),
            observations: "Tình hình yên tĩnh".into(),
            mobilised: false,
            track: vec![],
            incidents: vec![],
        }),
        8..=10 => RecordBody::Incident(Incident {
            category: [
                "theft",
                "fire",
                "dispute",
                "weapons",
                "serious_traffic_accident",
            ][rng.gen_range(0..5)]
            .into(),
            occurred_at: when,
            location: "Chợ".into(),
            lat: None,
            lon: None,
            learned_at: when,
            presence: if rng.gen_bool(0.85) {
                Presence::Arrived {
                    at: when + Duration::minutes(rng.gen_range(3..60)),
                }
            } else {
                Presence::NotPresent
            },
            mobilised: rng.gen_bool(0.4),
            actions: vec![],
            outcome: String::new(),
        }),
        11..=13 => RecordBody::TipOff(TipOff {
            received_at: when,
            channel: Channel::InPerson,
            category: "drugs".into(),
            content: "Người dân phản ánh có người lạ".into(),
            forwarded_at: rng.gen_bool(0.8).then(|| when + Duration::minutes(20)),
            assessment: None,
        }),
        14 => RecordBody::GoodDeed(GoodDeed {
            date: day,
            description: "Giúp dân".into(),
            members: crew,
            beneficiary: String::new(),
            commendation: None,
        }),
        15 => activity(Details::BusinessCheck {
            business: "Nhà nghỉ".into(),
            violation_found: rng.gen_bool(0.1),
        }),
        16 => activity(Details::HouseholdInfo {
            gathered: 10,
            passed_to_police: rng.gen_range(7..=10),
        }),
        17 => activity(Details::Reintegration {
            person: "Anh T.".into(),
            reoffended: rng.gen_bool(0.05),
        }),
        18 => activity(Details::Model {
            name: "Camera an ninh".into(),
            recognised_by: "Công an tỉnh".into(),
            effective: true,
        }),
        _ => activity(Details::Awareness {
            topic: "Phòng chống ma túy".into(),
            attendees: 30,
        }),
    }
}

macro_rules! bulk_insert {
    ($pool:expr, $rows:expr) => {{
        let mut q = sqlx::QueryBuilder::new(
            "INSERT INTO records (id, team_id, kind, author_id, occurred_at, month, body, version, created_at, updated_at) ",
        );
        q.push_values($rows.iter(), |mut b, r| {
            b.push_bind(&r.id)
                .push_bind(r.team)
                .push_bind(r.kind)
                .push_bind(r.author)
                .push_bind(r.at)
                .push_bind(&r.month)
                .push_bind(&r.body)
                .push_bind(1i64)
                .push_bind(r.at)
                .push_bind(r.at);
        });
        q.build().execute($pool).await.expect("bulk insert");
    }};
}

enum Backend {
    /// The folder holds the database file for as long as the run.
    Sqlite(Arc<SqliteStore>, #[allow(dead_code)] tempfile::TempDir),
    /// The store, and the schema it lives in (dropped at the end).
    Postgres(Arc<PgStore>, String),
}

impl Backend {
    fn store(&self) -> Arc<dyn Store> {
        match self {
            Backend::Sqlite(s, _) => s.clone(),
            Backend::Postgres(s, _) => s.clone(),
        }
    }

    async fn insert(&self, rows: &[Row]) {
        match self {
            Backend::Sqlite(s, _) => bulk_insert!(s.pool(), rows),
            Backend::Postgres(s, _) => bulk_insert!(s.pool(), rows),
        }
    }
}

async fn open(backend: &str) -> Backend {
    match backend {
        "sqlite" => {
            let dir = tempfile::tempdir().expect("temp dir");
            // BENCH_SQLITE_FILE keeps the generated database for a closer look.
            let file = std::env::var("BENCH_SQLITE_FILE")
                .unwrap_or_else(|_| dir.path().join("bench.db").display().to_string());
            let url = format!("sqlite://{file}");
            Backend::Sqlite(
                Arc::new(SqliteStore::connect(&url).await.expect("sqlite")),
                dir,
            )
        }
        "postgres" => {
            let url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL for postgres");
            let schema = format!("bench_{}", uuid::Uuid::new_v4().simple());
            let admin = sqlx::PgPool::connect(&url)
                .await
                .expect("postgres reachable");
            sqlx::query(&format!("CREATE SCHEMA {schema}"))
                .execute(&admin)
                .await
                .expect("schema");
            let options = url
                .parse::<sqlx::postgres::PgConnectOptions>()
                .expect("url")
                .options([("search_path", schema.as_str())]);
            Backend::Postgres(
                Arc::new(PgStore::connect_with(options).await.expect("postgres")),
                schema,
            )
        }
        other => panic!("backend {other:?}: sqlite or postgres"),
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let backend_name = args.next().unwrap_or_else(|| "sqlite".into());
    let runs: usize = args.next().map(|r| r.parse().expect("runs")).unwrap_or(50);
    let backend = open(&backend_name).await;
    let store = backend.store();
    let s = store.as_ref();
    let mut rng = StdRng::seed_from_u64(2025);
    let day0 = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let unit = |parent, kind, name: String| NewOrgUnit {
        parent_id: parent,
        kind,
        name,
        code: None,
        valid_from: day0,
        valid_to: None,
    };

    let started = Instant::now();
    let province = s
        .insert_org_unit(&unit(None, OrgUnitKind::Province, "Tỉnh Thử".into()))
        .await
        .unwrap();
    let mut teams: Vec<(i64, i64, Vec<i64>)> = Vec::new();
    let mut communes = Vec::new();
    for c in 0..COMMUNES {
        let commune = s
            .insert_org_unit(&unit(
                Some(province),
                OrgUnitKind::Commune,
                format!("Xã {c:03}"),
            ))
            .await
            .unwrap();
        communes.push(commune);
        for t in 0..TEAMS_PER_COMMUNE {
            let team = s
                .insert_team(&NewTeam {
                    commune_id: commune,
                    name: format!("Tổ {c:03}-{t:02}"),
                    kind: TeamKind::SecurityOrder,
                    member_quota: 5,
                    operating_since: NaiveDate::from_ymd_opt(2024, 7, 1).unwrap(),
                    village_ids: vec![],
                })
                .await
                .unwrap();
            let author = s
                .insert_user(&NewUser {
                    phone: format!("09{:08}", c * 100 + t),
                    full_name: "Tổ trưởng".into(),
                    password_hash: "x".into(),
                })
                .await
                .unwrap();
            let mut roster = Vec::new();
            for m in 0..rng.gen_range(4..=5) {
                let position = if m == 0 {
                    Position::Leader
                } else {
                    Position::Member
                };
                roster.push(
                    s.insert_member(&NewMember {
                        team_id: team,
                        user_id: (m == 0).then_some(author),
                        entry: RosterEntry::new(&format!("Người {m}"), position),
                        // A few join during the year.
                        joined_on: if rng.gen_bool(0.05) {
                            day0 + Duration::days(rng.gen_range(0..365))
                        } else {
                            NaiveDate::from_ymd_opt(2024, 7, 1).unwrap()
                        },
                    })
                    .await
                    .unwrap(),
                );
            }
            teams.push((team, author, roster));
        }
    }
    let org_secs = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut batch = Vec::with_capacity(BATCH);
    let mut total = 0usize;
    for (team, author, roster) in &teams {
        for month in 1..=12u32 {
            let first = NaiveDate::from_ymd_opt(2025, month, 1).unwrap();
            let days = if month == 12 {
                31
            } else {
                (NaiveDate::from_ymd_opt(2025, month + 1, 1).unwrap() - first).num_days()
            };
            for _ in 0..PER_TEAM_MONTH {
                let day = first + Duration::days(rng.gen_range(0..days));
                let b = body(&mut rng, day, roster);
                batch.push(Row {
                    id: uuid_v4(rng.gen()),
                    team: *team,
                    kind: b.kind().as_str(),
                    author: *author,
                    at: b.occurred_at(),
                    month: b.month().key(),
                    body: serde_json::to_string(&b).unwrap(),
                });
                if batch.len() == BATCH {
                    backend.insert(&batch).await;
                    total += batch.len();
                    batch.clear();
                }
            }
        }
    }
    backend.insert(&batch).await;
    total += batch.len();
    let insert_secs = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let cells = s.recompute_counts().await.unwrap();
    let recompute_secs = started.elapsed().as_secs_f64();
    // Planner statistics, as PostgreSQL's autovacuum keeps them after a large load.
    if let Backend::Postgres(pg, _) = &backend {
        sqlx::query("ANALYZE")
            .execute(pg.pool())
            .await
            .expect("analyze");
    }

    let admin = Actor {
        user_id: teams[0].1,
        roles: vec![Role::ProvincePolice {
            province_id: province,
        }],
    };
    let year = Period::Year { year: 2025 };
    let month = Period::Month {
        year: 2025,
        month: 6,
    };
    let mut report = Vec::new();
    for (what, period) in [
        ("province, year", year),
        ("province, month", month),
        ("commune, year", year),
        ("team, year", year),
    ] {
        let mut times = Vec::with_capacity(runs);
        for run in 0..runs + 3 {
            let t = Instant::now();
            let table = match what {
                w if w.starts_with("province") => {
                    indicators::unit_table(s, &admin, province, &period, None).await
                }
                w if w.starts_with("commune") => {
                    indicators::unit_table(s, &admin, communes[run % COMMUNES], &period, None).await
                }
                _ => {
                    let team = teams[(run * 7) % teams.len()].0;
                    indicators::team_table(s, &admin, team, &period, None).await
                }
            }
            .expect("table");
            assert!(!table.rows.is_empty());
            // The first runs warm the caches and are not counted.
            if run >= 3 {
                times.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        times.sort_by(f64::total_cmp);
        report.push((what, percentile(&times, 0.5), percentile(&times, 0.95)));
    }

    // Where a province's year goes: each store read on its own.
    let range = year
        .months(app::domain::indicators::ReportCalendar::default())
        .unwrap();
    let mut parts = Vec::new();
    for part in ["units_under", "teams_placed_under", "commune_counts_under"] {
        let mut times = Vec::new();
        for _ in 0..10 {
            let t = Instant::now();
            match part {
                "units_under" => drop(s.units_under(province).await.unwrap()),
                "teams_placed_under" => drop(
                    s.teams_placed_under(
                        province,
                        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                        NaiveDate::from_ymd_opt(2025, 12, 31).unwrap(),
                    )
                    .await
                    .unwrap(),
                ),
                _ => drop(s.commune_counts_under(province, range).await.unwrap()),
            }
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        parts.push((part, percentile(&times, 0.5)));
    }

    println!(
        "### {backend_name}: {total} records, {} teams, {} team-months counted",
        teams.len(),
        cells
    );
    println!();
    println!("| step | time |");
    println!("|---|---|");
    println!("| org units, teams, members, users | {org_secs:.1} s |");
    println!("| insert {total} records (bulk, {BATCH} a statement) | {insert_secs:.1} s |");
    println!("| `antt recompute` (count every team-month) | {recompute_secs:.1} s |");
    println!();
    println!("| indicator table ({runs} runs) | p50 | p95 |");
    println!("|---|---|---|");
    for (what, p50, p95) in report {
        println!("| {what} | {p50:.1} ms | {p95:.1} ms |");
    }
    println!();
    println!("| store read for the province's year | p50 |");
    println!("|---|---|");
    for (part, p50) in parts {
        println!("| `{part}` | {p50:.1} ms |");
    }
    if let Backend::Postgres(s, schema) = &backend {
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(s.pool())
            .await
            .expect("drop the bench schema");
    }
}
