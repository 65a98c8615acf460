//! Shared test harness: real databases (a SQLite file, a PostgreSQL schema) and the real router.
#![allow(dead_code)]

use antt_server::router::{app, AppState};
use antt_server::store::{postgres::PgStore, sqlite::SqliteStore};
use app::services::{Services, Store};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use serde_json::Value;
use sqlx::postgres::PgConnectOptions;
use std::str::FromStr;
use std::sync::Arc;
use tempfile::TempDir;
use tower::ServiceExt;

/// Runs each named `async fn(TestApp)` against the demo on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                super::$name($crate::common::TestApp::with_demo().await).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                super::$name($crate::common::TestApp::with_demo_pg().await).await;
            })*
        }
    };
}

/// The `antt` binary as an operator runs it against `db`; a password it asks for is read
/// from `ANTT_PASSWORD`.
pub fn antt(db: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_antt"))
        .args(args)
        .env("DATABASE_URL", db)
        .env("ANTT_PASSWORD", "mat-khau-cli")
        .env("RUST_LOG", "warn")
        .output()
        .expect("antt runs")
}

/// The standard output of a command that must have succeeded.
pub fn ok(out: &std::process::Output) -> String {
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

/// An instant `hours` before now, as the API takes it.
pub fn ago(hours: i64) -> String {
    (chrono::Utc::now() - chrono::Duration::hours(hours)).to_rfc3339()
}

/// A new id, as a phone makes one for a record or a mutation.
pub fn id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Percent-encodes a form value (or a bracketed key) as a browser posts it.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A fresh SQLite database in its own file; keep the `TempDir` alive as long as the store.
pub async fn sqlite_store() -> (Arc<dyn Store>, TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let store = SqliteStore::connect(&url).await.expect("open sqlite");
    (Arc::new(store), dir)
}

/// An empty schema of its own in the test database named by `TEST_DATABASE_URL`, as
/// (database URL, schema). A PostgreSQL test never passes without PostgreSQL: with no
/// database it fails. `scripts/test` leaves the PostgreSQL tests out of the run (every
/// test under a `postgres` module or named `…_on_postgres`) when it has none, and the
/// runner reports them as skipped.
pub async fn pg_schema() -> (String, String) {
    let url = std::env::var("TEST_DATABASE_URL").expect(
        "TEST_DATABASE_URL is not set: run PostgreSQL tests through scripts/test, \
         or leave them out with `-E 'not test(/postgres/)'`",
    );
    let schema = format!("t_{}", uuid::Uuid::new_v4().simple());
    let admin = sqlx::PgPool::connect(&url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL at TEST_DATABASE_URL is unreachable: {e}"));
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&admin)
        .await
        .expect("create schema");
    admin.close().await;
    (url, schema)
}

/// A fresh PostgreSQL store in a schema of its own (see `pg_schema`).
pub async fn pg_store() -> Arc<dyn Store> {
    let (url, schema) = pg_schema().await;
    let options = PgConnectOptions::from_str(&url)
        .expect("TEST_DATABASE_URL parses")
        .options([("search_path", schema.as_str())]);
    Arc::new(PgStore::connect_with(options).await.expect("open postgres"))
}

pub fn leptos_options() -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("antt")
        .site_root("target/site")
        .build()
}

/// The whole app over a store, driven without a socket.
pub struct TestApp {
    pub router: Router,
    pub store: Arc<dyn Store>,
    _dir: Option<TempDir>,
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
    pub bytes: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl TestApp {
    pub async fn with_demo() -> TestApp {
        let (store, dir) = sqlite_store().await;
        Self::with_demo_in(store, Some(dir)).await
    }

    /// The demo on PostgreSQL (see `pg_schema`).
    pub async fn with_demo_pg() -> TestApp {
        Self::with_demo_in(pg_store().await, None).await
    }

    pub async fn with_demo_in(store: Arc<dyn Store>, dir: Option<TempDir>) -> TestApp {
        antt_server::demo::load(store.as_ref())
            .await
            .expect("demo loads");
        let router = app(AppState {
            leptos_options: leptos_options(),
            services: Services::new(store.clone()),
        });
        TestApp {
            router,
            store,
            _dir: dir,
        }
    }

    /// The same app and database, its services changed (trusted proxies, secure cookies).
    pub fn reconfigure(self, change: impl FnOnce(&mut Services)) -> TestApp {
        let mut services = Services::new(self.store.clone());
        change(&mut services);
        TestApp {
            router: app(AppState {
                leptos_options: leptos_options(),
                services,
            }),
            ..self
        }
    }

    pub async fn send(&self, req: Request<Body>) -> Reply {
        let resp = self
            .router
            .clone()
            .oneshot(req)
            .await
            .expect("router answers");
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.expect("body").to_bytes();
        Reply {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    pub async fn get(&self, path: &str, token: Option<&str>) -> Reply {
        let mut req = Request::get(path);
        if !path.starts_with("/api/") {
            req = req.header(header::ACCEPT, "text/html");
        }
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn get_with_cookie(&self, path: &str, cookie: &str) -> Reply {
        let req = Request::get(path)
            .header(header::COOKIE, cookie)
            .header(header::ACCEPT, "text/html");
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post_json(&self, path: &str, body: &str) -> Reply {
        self.send(
            Request::post(path)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_owned()))
                .unwrap(),
        )
        .await
    }

    /// Posts a form to a server function as the hydrated app does (asking for JSON back).
    pub async fn post_form(&self, path: &str, form: &str, cookie: Option<&str>) -> Reply {
        let mut req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            // What a browser adds to a request the app's own page makes.
            .header("sec-fetch-site", "same-origin");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::from(form.to_owned())).unwrap())
            .await
    }

    /// Calls a reading server function as the hydrated app does: GET with the arguments
    /// in the query string, asking for JSON back.
    pub async fn read_fn(&self, path: &str, args: &str, cookie: Option<&str>) -> Reply {
        let mut req =
            Request::get(format!("{path}?{args}")).header(header::ACCEPT, "application/json");
        if let Some(c) = cookie {
            req = req.header(header::COOKIE, c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// A request with a bearer token and, if given, a JSON body.
    pub async fn send_as(
        &self,
        method: &str,
        path: &str,
        token: &str,
        body: Option<&Value>,
    ) -> Reply {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"));
        if body.is_some() {
            req = req.header(header::CONTENT_TYPE, "application/json");
        }
        self.send(
            req.body(body.map(|b| Body::from(b.to_string())).unwrap_or_default())
                .unwrap(),
        )
        .await
    }

    /// `POST /api/v1/records` with a bearer token.
    pub async fn create_record(&self, token: &str, record: &Value) -> Reply {
        self.send_as("POST", "/api/v1/records", token, Some(record))
            .await
    }

    /// The caller's first team and the roster ids of its members.
    pub async fn team_of(&self, token: &str) -> (i64, Vec<i64>) {
        let home = self.get("/api/v1/home", Some(token)).await.json();
        let id = home["my_teams"][0]["id"].as_i64().expect("a team");
        let team = self
            .get(&format!("/api/v1/teams/{id}"), Some(token))
            .await
            .json();
        let members = team["members"]
            .as_array()
            .expect("members")
            .iter()
            .map(|m| m["id"].as_i64().expect("member id"))
            .collect();
        (id, members)
    }

    /// The demo's province and its two communes: (province, Xã Quảng Trạch, Phường Đông Hà).
    pub async fn demo_communes(&self) -> (i64, i64, i64) {
        let s = self.store.as_ref();
        let province = s.root_units().await.unwrap()[0].id;
        let communes = s.child_units(province).await.unwrap();
        let id = |n: &str| communes.iter().find(|c| c.name == n).expect(n).id;
        (province, id("Xã Quảng Trạch"), id("Phường Đông Hà"))
    }

    /// One indicator's cell of the scope of `GET {path}` (a unit's or a team's table):
    /// (numerator, denominator), 0 for a part with no data.
    pub async fn indicator_cell(&self, token: &str, path: &str, indicator: &str) -> (i64, i64) {
        let r = self.get(path, Some(token)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        let cells = r.json()["scope"]["cells"].clone();
        let cell = cells
            .as_array()
            .expect("cells")
            .iter()
            .find(|c| c["indicator"] == indicator)
            .cloned()
            .expect(indicator);
        (
            cell["numerator"].as_i64().unwrap_or(0),
            cell["denominator"].as_i64().unwrap_or(0),
        )
    }

    /// Signs in through the API with a phone and a password (a first one, say): the
    /// answer, with its token and whether the password must be changed.
    pub async fn sign_in(&self, phone: &str, password: &str) -> Value {
        let r = self
            .post_json(
                "/api/v1/auth/token",
                &serde_json::json!({"phone": phone, "password": password}).to_string(),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "sign in {phone}: {}", r.body);
        r.json()
    }

    /// A bearer token for a demo account.
    pub async fn token(&self, phone: &str) -> String {
        let r = self
            .post_json(
                "/api/v1/auth/token",
                &format!(
                    r#"{{"phone":"{phone}","password":"{}"}}"#,
                    antt_server::demo::PASSWORD
                ),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "login {phone}: {}", r.body);
        r.json()["token"].as_str().expect("token").to_owned()
    }
}

/// An input refused on one field: 422, the field and the code, and a message in Vietnamese.
pub fn assert_field_error(r: &Reply, field: &str, code: &str, what: &str) {
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{what}: {}",
        r.body
    );
    let e = r.json();
    assert_eq!(
        (e["field"].as_str(), e["code"].as_str()),
        (Some(field), Some(code)),
        "{what}"
    );
    assert!(
        !e["message"].as_str().unwrap_or_default().is_ascii(),
        "{what}: a Vietnamese message: {e}"
    );
}

/// One request of a table of who may do what: (phone, method, path, body, status).
pub type Ask<'a> = (&'a str, &'a str, String, Option<Value>, StatusCode);

impl TestApp {
    /// Sends each request as its person and checks the status; a refusal says `forbidden`.
    pub async fn assert_answers(&self, cases: Vec<Ask<'_>>) {
        for (who, method, path, body, want) in cases {
            let token = self.token(who).await;
            let r = self.send_as(method, &path, &token, body.as_ref()).await;
            assert_eq!(r.status, want, "{who} {method} {path}: {}", r.body);
            if want == StatusCode::FORBIDDEN {
                assert_eq!(r.json()["code"], "forbidden", "{who} {method} {path}");
            }
        }
    }
}
