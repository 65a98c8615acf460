//! The `antt` binary as an operator uses it: migrate, demo, users, serve and stop.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

fn antt(db: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_antt"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("ANTT_PASSWORD", "mat-khau-cli")
        .env("RUST_LOG", "warn")
        .output()
        .expect("antt runs")
}

fn ok(out: &std::process::Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[test]
fn migrate_demo_and_user_commands_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("data/antt.db").display());
    assert!(ok(&antt(&db, &["migrate"])).contains("sqlite"));
    assert!(dir.path().join("data/antt.db").exists());

    let loaded = ok(&antt(&db, &["demo"]));
    assert!(
        loaded.contains("0900000003"),
        "prints the demo logins: {loaded}"
    );
    let again = antt(&db, &["demo"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));

    ok(&antt(
        &db,
        &[
            "user",
            "add",
            "--phone",
            "+84 977 000 111",
            "--name",
            "Nguyễn Thị Mới",
            "--commune-police",
            "2",
        ],
    ));
    let dup = antt(
        &db,
        &["user", "add", "--phone", "0977000111", "--name", "Trùng"],
    );
    assert!(!dup.status.success(), "the same phone twice is refused");
    let bad = antt(&db, &["user", "add", "--phone", "12", "--name", "Sai"]);
    assert!(!bad.status.success());
    ok(&antt(&db, &["user", "passwd", "--phone", "0977000111"]));
    let missing = antt(&db, &["user", "passwd", "--phone", "0977999999"]);
    assert!(!missing.status.success());
}

#[tokio::test]
async fn migrate_works_on_an_empty_postgres_database() {
    let Some((url, schema)) = common::pg_schema().await else {
        return;
    };
    let sep = if url.contains('?') { '&' } else { '?' };
    let db = format!("{url}{sep}options=-c%20search_path%3D{schema}");
    let out = tokio::task::spawn_blocking(move || antt(&db, &["migrate"]))
        .await
        .unwrap();
    assert!(ok(&out).contains("postgres"));
    let pool = sqlx::PgPool::connect(&url).await.unwrap();
    let tables: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = $1",
    )
    .bind(&schema)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(tables >= 8, "{tables} tables in {schema}");
}

#[test]
fn serve_answers_health_checks_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("antt.db").display());
    let mut child = Command::new(env!("CARGO_BIN_EXE_antt"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", &db)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .spawn()
        .expect("antt serve starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    // The first line names the address once the socket is bound.
    let first = lines.next().unwrap().unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .unwrap()
        .to_owned();
    let banner: Vec<String> = lines.by_ref().take(3).map(Result::unwrap).collect();
    assert!(
        banner.iter().any(|l| l.contains("demo1234")),
        "new database gets demo data: {banner:?}"
    );

    let mut conn = TcpStream::connect(&addr).unwrap();
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.to_ascii_lowercase().contains("x-request-id"));

    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = child.wait().unwrap();
    assert!(status.success(), "graceful stop exits 0, got {status}");
}
