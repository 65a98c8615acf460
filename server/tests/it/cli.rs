//! The `antt` binary as an operator uses it: migrate, demo, users, serve and stop.

use crate::common;

use common::{antt, ok};

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

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
async fn migrate_works_on_an_empty_database_on_postgres() {
    let (url, schema) = common::pg_schema().await;
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

/// A server on a free port: the child, its address and the lines it printed after it.
struct Served {
    child: std::process::Child,
    addr: String,
    lines: std::io::Lines<BufReader<std::process::ChildStdout>>,
}

fn serve(db: &str, extra: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_antt"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .env("DATABASE_URL", db)
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
    Served { child, addr, lines }
}

fn http(addr: &str, request: &str) -> String {
    let mut conn = TcpStream::connect(addr).unwrap();
    conn.write_all(request.as_bytes()).unwrap();
    let mut reply = String::new();
    conn.read_to_string(&mut reply).unwrap();
    reply
}

fn sign_in(addr: &str, phone: &str, password: &str) -> String {
    let body = format!(r#"{{"phone":"{phone}","password":"{password}"}}"#);
    http(
        addr,
        &format!(
            "POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn stop(mut served: Served) {
    let pid = served.child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let status = served.child.wait().unwrap();
    assert!(status.success(), "graceful stop exits 0, got {status}");
}

#[test]
fn serve_with_demo_answers_health_checks_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("antt.db").display());
    let mut served = serve(&db, &["--demo"]);
    let banner: Vec<String> = served.lines.by_ref().take(3).map(Result::unwrap).collect();
    assert!(
        banner.iter().any(|l| l.contains("demo1234")),
        "--demo gives a new database the demo data: {banner:?}"
    );
    let reply = http(
        &served.addr,
        "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
    assert!(reply.to_ascii_lowercase().contains("x-request-id"));
    assert!(sign_in(&served.addr, "0900000001", "demo1234").starts_with("HTTP/1.1 200"));
    stop(served);

    // The same database without --demo: refused, with a message saying why and what to do.
    let refused = Command::new(env!("CARGO_BIN_EXE_antt"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", &db)
        .output()
        .unwrap();
    assert!(!refused.status.success());
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(
        why.contains("tài khoản demo") && why.contains("--demo"),
        "{why}"
    );
}

#[test]
fn a_new_database_has_no_account_until_init() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}", dir.path().join("antt.db").display());
    let mut served = serve(&db, &[]);
    let hint = served.lines.next().unwrap().unwrap();
    assert!(hint.contains("antt init"), "says how to begin: {hint}");
    let demo = sign_in(&served.addr, "0900000001", "demo1234");
    assert!(demo.starts_with("HTTP/1.1 401"), "no demo admin: {demo}");
    stop(served);

    let short = Command::new(env!("CARGO_BIN_EXE_antt"))
        .args(["init", "--admin-phone", "0912000001"])
        .env("DATABASE_URL", &db)
        .env("ANTT_PASSWORD", "short")
        .output()
        .unwrap();
    assert!(!short.status.success(), "a weak password is refused");
    let made = ok(&antt(&db, &["init", "--admin-phone", "0912000001"]));
    assert!(made.contains("0912000001"), "{made}");
    let twice = antt(&db, &["init", "--admin-phone", "0912000002"]);
    assert!(!twice.status.success(), "a second init is refused");
    assert!(String::from_utf8_lossy(&twice.stderr).contains("not empty"));

    let served = serve(&db, &[]);
    let admin = sign_in(&served.addr, "0912000001", "mat-khau-cli");
    assert!(admin.starts_with("HTTP/1.1 200"), "{admin}");
    let me_token = admin
        .split("\"token\":\"")
        .nth(1)
        .and_then(|t| t.split('"').next())
        .unwrap()
        .to_owned();
    let me = http(
        &served.addr,
        &format!(
            "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\
             Authorization: Bearer {me_token}\r\n\r\n"
        ),
    );
    assert!(
        me.contains("\"admin\""),
        "the first account is an admin: {me}"
    );
    stop(served);
}
