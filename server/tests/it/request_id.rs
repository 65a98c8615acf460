//! The id of a request: made by the server (or the client's, when short and plain),
//! returned in `x-request-id`, and the reference an internal error shows, so the id a
//! user quotes is the one on the request's log lines.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{sqlite_store, Reply, TestApp};

const MEMBER: &str = "0910101003";

async fn records_with_id(app: &TestApp, token: &str, team: i64, id: Option<&str>) -> Reply {
    let mut req = Request::get(format!("/api/v1/teams/{team}/records"))
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    if let Some(id) = id {
        req = req.header("x-request-id", id);
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn an_internal_error_shows_the_id_of_its_request() {
    let (store, dir) = sqlite_store().await;
    let file = dir.path().join("test.db");
    let app = TestApp::with_demo_in(store, Some(dir)).await;
    let token = app.token(MEMBER).await;
    let (team, _) = app.team_of(&token).await;

    let fine = records_with_id(&app, &token, team, Some("phone-7f3a")).await;
    assert_eq!(fine.status, StatusCode::OK);
    assert_eq!(
        fine.header("x-request-id"),
        Some("phone-7f3a"),
        "the client's id is kept"
    );

    // The records table gone from under the server: every read of it is an internal error.
    let pool = sqlx::SqlitePool::connect(&format!("sqlite://{}", file.display()))
        .await
        .unwrap();
    sqlx::query("ALTER TABLE records RENAME TO records_gone")
        .execute(&pool)
        .await
        .unwrap();

    let quoted = records_with_id(&app, &token, team, Some("phone-7f3b")).await;
    assert_eq!(quoted.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(quoted.json()["code"], "internal");
    assert_eq!(quoted.json()["request_id"], "phone-7f3b");
    assert!(
        !quoted.body.contains("records"),
        "no database text reaches the user: {}",
        quoted.body
    );

    let made = records_with_id(&app, &token, team, None).await;
    let id = made
        .header("x-request-id")
        .expect("an id made by the server")
        .to_owned();
    assert_eq!(made.json()["request_id"], id.as_str());

    let strange = "<script>".repeat(2);
    let replaced = records_with_id(&app, &token, team, Some(&strange)).await;
    let id = replaced.header("x-request-id").expect("an id").to_owned();
    assert_ne!(id, strange, "an unsound id is replaced");
    assert_eq!(replaced.json()["request_id"], id.as_str());
}
