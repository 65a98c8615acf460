//! Every screen rendered on one worker thread and finished on another, as a multi-threaded
//! server does: a page whose render left a thread-bound value behind (a browser-only
//! signal) panicked when another thread dropped it, and the connection was cut.

use crate::common;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use http_body_util::BodyExt;
use tower::ServiceExt;

const MEMBER: &str = "0910101003";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime")
}

#[test]
fn every_screen_is_finished_on_another_thread_without_a_panic() {
    let here = runtime();
    let app = here.block_on(TestApp::with_demo());
    let token = here.block_on(app.token(MEMBER));
    let (team, members) = here.block_on(app.team_of(&token));
    let record = here.block_on(async {
        let ago = (chrono::Utc::now() - chrono::Duration::hours(2)).to_rfc3339();
        let r = app
            .create_record(
                &token,
                &serde_json::json!({"id": uuid::Uuid::new_v4().to_string(), "team_id": team,
                    "body": {"kind": "patrol", "data": {"started_at": ago, "ended_at": ago,
                    "participants": [members[0]], "area": "Xóm Bắc", "observations": "",
                    "mobilised": false, "track": []}}}),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.json()["id"].as_str().unwrap().to_owned()
    });
    for path in [
        "/login".to_owned(),
        "/".to_owned(),
        format!("/teams/{team}"),
        format!("/teams/{team}/records"),
        format!("/teams/{team}/log"),
        format!("/teams/{team}/log/patrol"),
        format!("/teams/{team}/log/tip_off"),
        format!("/teams/{team}/log/good_deed"),
        format!("/records/{record}"),
        format!("/records/{record}/edit"),
        format!("/teams/{team}/month"),
        format!("/teams/{team}/progress"),
        format!("/teams/{team}/indicators"),
        "/account/password".to_owned(),
        "/no-such-screen".to_owned(),
    ] {
        let req = Request::get(&path)
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, format!("antt_session={token}"))
            .body(Body::empty())
            .unwrap();
        let resp = here
            .block_on(app.router.clone().oneshot(req))
            .expect("router answers");
        let status = resp.status();
        // The rest of the answer, and the render's clean-up, on another thread.
        let body = std::thread::spawn(move || runtime().block_on(resp.into_body().collect()))
            .join()
            .unwrap_or_else(|_| panic!("{path}: finishing the page on another thread panicked"))
            .unwrap_or_else(|e| panic!("{path}: the page was cut off: {e}"))
            .to_bytes();
        let text = String::from_utf8_lossy(&body);
        assert!(
            status.is_success() || status == StatusCode::NOT_FOUND,
            "{path}: {status}"
        );
        assert!(text.contains("</html>"), "{path}: a whole page");
    }
}
