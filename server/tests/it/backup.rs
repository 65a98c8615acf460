//! `antt backup` taken while a writer is pushing records with photos, then `antt restore`
//! into an empty database: the restored database equals the backup, table by table, and
//! holds exactly the records written before the copy began, photos and all.

use crate::common;

use common::{antt, ok};

use antt_server::store::{postgres::PgStore, sqlite::SqliteStore};
use app::domain::Actor;
use app::dto::sync::Mutation;
use app::services::{auth, photos, sync, Store};
use chrono::{Duration, Utc};
use serde_json::json;
use sqlx::Row;
use std::sync::{Arc, Mutex};
use tokio::sync::{watch, Notify};

const MEMBER: &str = "0910101003";

/// A JPEG's first bytes are all the photo check reads.
const JPEG: &[u8] = &[
    0xff, 0xd8, 0xff, 0xe0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 0xff, 0xd9,
];

async fn member(store: &dyn Store) -> (Actor, i64, i64) {
    let opened = auth::login(store, MEMBER, antt_server::demo::PASSWORD, None, Utc::now())
        .await
        .unwrap();
    let actor = auth::actor_for_token(store, &opened.token, Utc::now())
        .await
        .unwrap();
    let home = app::services::directory::home(store, &actor, app::i18n::Lang::Vi)
        .await
        .unwrap();
    let team = home.my_teams[0].id;
    let roster = store.team_members(team).await.unwrap()[0].id;
    (actor, team, roster)
}

/// Pushes records one by one, every third with a photo, until told to stop; the ids in the
/// order they were written. `started` is told once 20 are in.
async fn write_until(
    store: Arc<dyn Store>,
    written: Arc<Mutex<Vec<String>>>,
    started: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let (actor, team, roster) = member(store.as_ref()).await;
    for n in 0.. {
        if *stop.borrow_and_update() {
            break;
        }
        let at = (Utc::now() - Duration::hours(2)).to_rfc3339();
        let record = uuid::Uuid::new_v4().to_string();
        let m: Mutation = serde_json::from_value(json!({"op": "create",
            "id": uuid::Uuid::new_v4().to_string(),
            "record": {"id": record, "team_id": team, "body": {"kind": "patrol", "data": {
                "started_at": at, "ended_at": at, "participants": [roster],
                "area": format!("Xóm {n}"), "observations": "", "mobilised": false, "track": []}}}}))
        .unwrap();
        let results = sync::push(
            store.as_ref(),
            &actor,
            vec![m],
            Utc::now(),
            app::i18n::Lang::Vi,
        )
        .await
        .unwrap();
        assert_eq!(results[0].status, app::dto::sync::Outcome::Applied);
        if n % 3 == 0 {
            let photo = uuid::Uuid::new_v4().to_string();
            photos::add_photo(
                store.as_ref(),
                &actor,
                &record,
                &photo,
                "image/jpeg",
                JPEG.to_vec(),
                Utc::now(),
            )
            .await
            .unwrap();
        }
        written.lock().unwrap().push(record);
        if n == 20 {
            started.notify_one();
        }
    }
}

/// Backs `live` up while a writer pushes, and restores into `target`; the ids the writer
/// wrote, in order.
async fn back_up_while_writing(
    live: Arc<dyn Store>,
    live_url: &str,
    file: &str,
    target_url: &str,
) -> Vec<String> {
    antt_server::demo::load(live.as_ref()).await.unwrap();
    let written = Arc::new(Mutex::new(Vec::new()));
    let started = Arc::new(Notify::new());
    let (stop, stopped) = watch::channel(false);
    let writer = tokio::spawn(write_until(
        live.clone(),
        written.clone(),
        started.clone(),
        stopped,
    ));
    started.notified().await;
    let (url, path) = (live_url.to_owned(), file.to_owned());
    let out = tokio::task::spawn_blocking(move || antt(&url, &["backup", &path]))
        .await
        .unwrap();
    assert!(ok(&out).contains("backup written"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(file).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o600,
            "a backup holds every informant: its owner's only"
        );
    }
    stop.send(true).unwrap();
    writer.await.unwrap();
    let again = antt(live_url, &["backup", file]);
    assert!(!again.status.success(), "a backup never overwrites a file");

    let (url, path) = (target_url.to_owned(), file.to_owned());
    let out = tokio::task::spawn_blocking(move || antt(&url, &["restore", &path]))
        .await
        .unwrap();
    assert!(ok(&out).contains("restored"));
    let twice = antt(target_url, &["restore", file]);
    assert!(
        !twice.status.success(),
        "a restore never mixes into a database with data"
    );
    assert!(String::from_utf8_lossy(&twice.stderr).contains("not empty"));
    let ids = written.lock().unwrap().clone();
    ids
}

/// The restored records are the first ones the writer wrote (the copy is one instant),
/// each equal to its original, photos byte for byte; and the restored database serves.
async fn restored_holds_a_prefix(live: &dyn Store, restored: &dyn Store, written: &[String]) {
    let (_, team, _) = member(restored).await;
    let filter = app::services::store::RecordFilter::default();
    let kept: std::collections::HashSet<String> = restored
        .records(team, &filter)
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    let k = written.iter().take_while(|id| kept.contains(*id)).count();
    assert!(k >= 20, "the copy began after 20 writes, holds {k}");
    assert_eq!(
        kept.len(),
        k,
        "a prefix of the writes, nothing torn out of the middle"
    );
    assert!(k <= written.len());
    for (n, id) in written[..k].iter().enumerate() {
        assert_eq!(
            restored.record(id).await.unwrap(),
            live.record(id).await.unwrap()
        );
        let photos = live.photos_of(id).await.unwrap();
        let kept_photos = restored.photos_of(id).await.unwrap();
        // A record and its photo are two writes: the copy may fall between them for the
        // last record it holds, never for an earlier one.
        if n + 1 < k {
            assert_eq!(kept_photos, photos, "record {n}");
        } else {
            assert!(kept_photos.iter().all(|p| photos.contains(p)));
        }
        for p in kept_photos {
            assert_eq!(
                restored.photo(&p.id).await.unwrap().unwrap().bytes,
                JPEG,
                "photo {}",
                p.id
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writing_restores_equal_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let url = |name: &str| format!("sqlite://{}", dir.path().join(name).display());
    let file = dir.path().join("copy.db").display().to_string();
    let live: Arc<dyn Store> = Arc::new(SqliteStore::connect(&url("live.db")).await.unwrap());
    let written =
        back_up_while_writing(live.clone(), &url("live.db"), &file, &url("restored.db")).await;

    let restored = SqliteStore::connect(&url("restored.db")).await.unwrap();
    let copy = SqliteStore::connect(&format!("sqlite://{file}"))
        .await
        .unwrap();
    assert_eq!(
        sqlite_tables(restored.pool()).await,
        sqlite_tables(copy.pool()).await,
        "the restored database equals the backup, table by table"
    );
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(restored.pool())
        .await
        .unwrap();
    assert_eq!(check, "ok");
    restored_holds_a_prefix(live.as_ref(), &restored, &written).await;

    // With the writer stopped, a copy restored is the live database, row for row.
    let still = dir.path().join("still.db").display().to_string();
    ok(&antt(&url("live.db"), &["backup", &still]));
    ok(&antt(&url("still-restored.db"), &["restore", &still]));
    let live_again = SqliteStore::connect(&url("live.db")).await.unwrap();
    let still_restored = SqliteStore::connect(&url("still-restored.db"))
        .await
        .unwrap();
    assert_eq!(
        sqlite_tables(still_restored.pool()).await,
        sqlite_tables(live_again.pool()).await
    );
}

/// Every table, every row, as text.
async fn sqlite_tables(pool: &sqlx::SqlitePool) -> Vec<(String, Vec<String>)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let columns: Vec<String> = sqlx::query(&format!("PRAGMA table_info({t})"))
            .fetch_all(pool)
            .await
            .unwrap()
            .iter()
            .map(|r| format!("quote(\"{}\")", r.get::<String, _>("name")))
            .collect();
        let rows: Vec<String> = sqlx::query_scalar(&format!(
            "SELECT {} FROM {t} ORDER BY 1",
            columns.join(" || ',' || ")
        ))
        .fetch_all(pool)
        .await
        .unwrap();
        let mut rows = rows;
        rows.sort();
        out.push((t, rows));
    }
    out
}

/// A new database of its own on the test server (the test role may create databases).
async fn pg_database(prefix: &str) -> (String, String) {
    let base = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL for PostgreSQL tests");
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::PgPool::connect(&base).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&admin)
        .await
        .unwrap_or_else(|e| panic!("CREATE DATABASE (the test role needs CREATEDB): {e}"));
    admin.close().await;
    let mut url = url::Url::parse(&base).unwrap();
    url.set_path(&name);
    (url.to_string(), name)
}

async fn drop_pg_database(name: &str) {
    let base = std::env::var("TEST_DATABASE_URL").unwrap();
    let admin = sqlx::PgPool::connect(&base).await.unwrap();
    // Best effort: a background worker of the server's own may still hold the database;
    // scripts/postgres.sh drops what is left at the next run.
    if let Err(e) = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .execute(&admin)
        .await
    {
        eprintln!("database {name} left for the next run to drop: {e}");
    }
    admin.close().await;
}

async fn pg_tables(pool: &sqlx::PgPool) -> Vec<(String, String)> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT table_name::text FROM information_schema.tables \
         WHERE table_schema = current_schema() ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut out = Vec::new();
    for t in tables {
        let digest: String = sqlx::query_scalar(&format!(
            "SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM {t} AS x"
        ))
        .fetch_one(pool)
        .await
        .unwrap();
        out.push((t, digest));
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_while_writing_restores_equal_on_postgres() {
    let (live_url, live_name) = pg_database("antt_live").await;
    let (target_url, target_name) = pg_database("antt_restored").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("copy.dump").display().to_string();
    let live: Arc<dyn Store> = Arc::new(PgStore::connect(&live_url).await.unwrap());
    let written = back_up_while_writing(live.clone(), &live_url, &file, &target_url).await;

    let restored = PgStore::connect(&target_url).await.unwrap();
    let live_tables = pg_tables(PgStore::connect(&live_url).await.unwrap().pool()).await;
    let restored_tables = pg_tables(restored.pool()).await;
    assert_eq!(
        restored_tables.iter().map(|t| &t.0).collect::<Vec<_>>(),
        live_tables.iter().map(|t| &t.0).collect::<Vec<_>>(),
        "every table is there"
    );
    restored_holds_a_prefix(live.as_ref(), &restored, &written).await;

    // With the writer stopped, a copy restored is the live database, row for row.
    let (still_url, still_name) = pg_database("antt_still").await;
    let second = dir.path().join("still.dump").display().to_string();
    ok(&antt(&live_url, &["backup", &second]));
    ok(&antt(&still_url, &["restore", &second]));
    let still = PgStore::connect(&still_url).await.unwrap();
    assert_eq!(pg_tables(still.pool()).await, live_tables);
    restored.pool().close().await;
    still.pool().close().await;
    drop(live);
    for name in [live_name, target_name, still_name] {
        drop_pg_database(&name).await;
    }
}
