//! Push throughput: entries per second through `POST /api/v1/sync/push` (the whole HTTP
//! stack, JSON, access checks, rules, the audit row, the indicator counts and the mutation
//! log, each mutation its own transaction), for batches of 1, 50 and 500, beside the raw
//! rate of inserting the same rows into a bare SQLite table: the ceiling.
//!
//! `cargo run --release -p server --example bench_sync -- sqlite|postgres|raw [entries]`
//! (PostgreSQL from `TEST_DATABASE_URL`). `scripts/bench-sync` runs all three.

use antt_server::router::{app, AppState};
use antt_server::store::{postgres::PgStore, sqlite::SqliteStore};
use app::domain::local_time::from_local;
use app::domain::records::patrol::Patrol;
use app::domain::records::{uuid_v4, RecordBody};
use app::dto::records::NewRecord;
use app::dto::sync::Mutation;
use app::services::{Services, Store};
use axum::body::Body;
use axum::http::Request;
use chrono::{Duration, Utc};
use leptos::prelude::LeptosOptions;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::sync::Arc;
use std::time::Instant;
use tower::ServiceExt;

const MEMBER: &str = "0910101003";
const BATCHES: [usize; 3] = [1, 50, 500];

fn id(rng: &mut StdRng) -> String {
    uuid_v4(rng.gen())
}

/// `n` patrols of the member's team, spread over the past year as a year offline would be.
fn mutations(rng: &mut StdRng, n: usize, team: i64, roster: &[i64]) -> Vec<Mutation> {
    (0..n)
        .map(|_| {
            let day = (Utc::now() - Duration::days(rng.gen_range(1..360))).date_naive();
            let start = from_local(day.and_hms_opt(rng.gen_range(6..20), 0, 0).unwrap());
            Mutation::Create {
                id: id(rng),
                record: NewRecord {
                    id: id(rng),
                    team_id: team,
                    body: RecordBody::Patrol(Patrol {
                        started_at: start,
                        ended_at: Some(start + Duration::hours(2)),
                        participants: vec![roster[rng.gen_range(0..roster.len())]],
                        area: "Đường liên thôn".into(),
                        observations: "Tình hình yên tĩnh".into(),
                        mobilised: false,
                        track: vec![],
                        incidents: vec![],
                    }),
                    informant: None,
                },
            }
        })
        .collect()
}

async fn open(backend: &str) -> (Arc<dyn Store>, Option<tempfile::TempDir>) {
    if backend == "postgres" {
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
        (
            Arc::new(PgStore::connect_with(options).await.expect("postgres")),
            None,
        )
    } else {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("bench.db").display());
        (
            Arc::new(SqliteStore::connect(&url).await.expect("sqlite")),
            Some(dir),
        )
    }
}

/// Pushes `n` entries in batches of `batch` through the API of a fresh demo database.
async fn push_rate(backend: &str, n: usize, batch: usize) -> f64 {
    let (store, _dir) = open(backend).await;
    antt_server::demo::load(store.as_ref()).await.expect("demo");
    let opened = app::services::auth::login(
        store.as_ref(),
        MEMBER,
        antt_server::demo::PASSWORD,
        None,
        Utc::now(),
    )
    .await
    .expect("login");
    let actor = app::domain::Actor {
        user_id: opened.user_id,
        roles: store.roles_of(opened.user_id).await.unwrap(),
    };
    let team = app::services::directory::home(store.as_ref(), &actor, app::i18n::Lang::Vi)
        .await
        .unwrap()
        .my_teams[0]
        .id;
    let roster: Vec<i64> = store
        .team_members(team)
        .await
        .unwrap()
        .iter()
        .map(|m| m.id)
        .collect();
    let router = app(AppState {
        leptos_options: LeptosOptions::builder().output_name("antt").build(),
        services: Services::new(store.clone()),
    });
    let mut rng = StdRng::seed_from_u64(batch as u64);
    let all = mutations(&mut rng, n, team, &roster);
    let started = Instant::now();
    for chunk in all.chunks(batch) {
        let body = serde_json::json!({ "mutations": chunk }).to_string();
        let req = Request::post("/api/v1/sync/push")
            .header("authorization", format!("Bearer {}", opened.token))
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        let res = router.clone().oneshot(req).await.unwrap();
        assert!(res.status().is_success(), "push answered {}", res.status());
        let bytes = http_body_util::BodyExt::collect(res.into_body())
            .await
            .unwrap()
            .to_bytes();
        let answer: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        let applied = answer["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["status"] == "applied")
            .count();
        assert_eq!(applied, chunk.len(), "{answer}");
    }
    n as f64 / started.elapsed().as_secs_f64()
}

/// The same rows inserted into a bare table, `batch` per transaction: what SQLite can do
/// on this disk with no rules, no audit and no counts.
async fn raw_rate(n: usize, batch: usize) -> f64 {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("raw.db").display());
    let options = url
        .parse::<sqlx::sqlite::SqliteConnectOptions>()
        .unwrap()
        .create_if_missing(true)
        .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
        .synchronous(sqlx::sqlite::SqliteSynchronous::Normal);
    let pool = sqlx::SqlitePool::connect_with(options).await.unwrap();
    sqlx::query("CREATE TABLE raw (id TEXT PRIMARY KEY, team_id INTEGER, body TEXT)")
        .execute(&pool)
        .await
        .unwrap();
    let mut rng = StdRng::seed_from_u64(batch as u64);
    let rows: Vec<(String, String)> = mutations(&mut rng, n, 1, &[1])
        .into_iter()
        .map(|m| match m {
            Mutation::Create { record, .. } => {
                (record.id, serde_json::to_string(&record.body).unwrap())
            }
            _ => unreachable!(),
        })
        .collect();
    let started = Instant::now();
    for chunk in rows.chunks(batch) {
        let mut tx = pool.begin().await.unwrap();
        for (id, body) in chunk {
            sqlx::query("INSERT INTO raw (id, team_id, body) VALUES ($1, 1, $2)")
                .bind(id)
                .bind(body)
                .execute(&mut *tx)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
    }
    n as f64 / started.elapsed().as_secs_f64()
}

#[tokio::main]
async fn main() {
    let mut args = std::env::args().skip(1);
    let backend = args.next().unwrap_or_else(|| "sqlite".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2000);
    for batch in BATCHES {
        let rate = if backend == "raw" {
            raw_rate(n, batch).await
        } else {
            push_rate(&backend, n, batch).await
        };
        println!("| {backend} | {batch} | {n} | {rate:.0} |");
    }
}
