//! What a browser is told and what it may not do on another site's behalf: the security
//! headers of pages and API answers, the same-origin rule for writes a cookie carries
//! (login CSRF included), and the redirect after signing in.

use crate::common;

use app::services::proxies::TrustedProxies;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use serde_json::json;
use std::net::SocketAddr;
use std::sync::Arc;

const MEMBER: &str = "0910101003";

on_both!(
    pages_and_api_answers_carry_the_security_headers,
    hsts_only_over_https,
    a_cross_site_post_to_a_server_function_is_refused_and_changes_nothing,
    a_cross_site_login_is_refused_and_signs_nobody_in,
    cookie_writes_to_the_api_need_this_site_and_bearer_clients_do_not,
    signing_in_never_leads_off_the_site,
);

fn directive<'a>(csp: &'a str, name: &str) -> &'a str {
    csp.split(';')
        .map(str::trim)
        .find(|d| d.split_whitespace().next() == Some(name))
        .unwrap_or_else(|| panic!("no {name} in {csp}"))
}

async fn pages_and_api_answers_carry_the_security_headers(app: TestApp) {
    let token = app.token(MEMBER).await;
    let page = app.get("/login", None).await;
    let api = app.get("/api/v1/me", Some(&token)).await;
    for r in [&page, &api] {
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(r.header("referrer-policy"), Some("same-origin"));
        assert_eq!(r.header("x-frame-options"), Some("DENY"));
        let csp = r.header("content-security-policy").expect("a CSP");
        assert_eq!(directive(csp, "frame-ancestors"), "frame-ancestors 'none'");
        assert!(
            !directive(csp, "script-src").contains("unsafe-inline"),
            "{csp}"
        );
        assert!(
            r.header("strict-transport-security").is_none(),
            "plain http"
        );
    }
    // Every inline script of the page carries this answer's nonce, and nothing else runs.
    let csp = page.header("content-security-policy").unwrap();
    let script_src = directive(csp, "script-src");
    let nonce = script_src
        .split_whitespace()
        .find_map(|s| s.strip_prefix("'nonce-"))
        .and_then(|s| s.strip_suffix('\''))
        .expect("a nonce in script-src");
    let scripts: Vec<&str> = page.body.split("<script").skip(1).collect();
    assert!(scripts.len() >= 2, "the start and offline scripts");
    for s in &scripts {
        let tag = &s[..s.find('>').unwrap()];
        assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "<script{tag}>");
    }
    let again = app.get("/login", None).await;
    assert_ne!(
        again.header("content-security-policy"),
        Some(csp),
        "a fresh nonce per page"
    );
}

async fn hsts_only_over_https(app: TestApp) {
    let app = app.reconfigure(|s| {
        s.trusted_proxies = Arc::new(TrustedProxies::parse("127.0.0.1").unwrap());
    });
    let from = |peer: &str| {
        let mut req = Request::get("/login")
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        req
    };
    let r = app.send(from("127.0.0.1:5000")).await;
    assert_eq!(
        r.header("strict-transport-security"),
        Some("max-age=31536000")
    );
    let r = app.send(from("203.0.113.9:5000")).await;
    assert!(
        r.header("strict-transport-security").is_none(),
        "a stranger's claim"
    );
}

/// A form another site makes the browser post, with the member's cookie.
fn cross_site(path: &str, form: &str, cookie: Option<&str>) -> Request<Body> {
    let mut req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ORIGIN, "https://evil.example")
        .header("sec-fetch-site", "cross-site");
    if let Some(c) = cookie {
        req = req.header(header::COOKIE, c);
    }
    req.body(Body::from(form.to_owned())).unwrap()
}

async fn a_cross_site_post_to_a_server_function_is_refused_and_changes_nothing(app: TestApp) {
    let token = app.token(MEMBER).await;
    let (team, members) = app.team_of(&token).await;
    let ago = |h: i64| (chrono::Utc::now() - chrono::Duration::hours(h)).to_rfc3339();
    let made = app
        .create_record(
            &token,
            &json!({"id": uuid::Uuid::new_v4().to_string(), "team_id": team,
                "body": {"kind": "patrol", "data": {"started_at": ago(3), "ended_at": ago(2),
                "participants": [members[0]], "area": "Xóm Bắc", "observations": "",
                "mobilised": false, "track": []}}}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let id = made.json()["id"].as_str().unwrap().to_owned();
    let cookie = format!("antt_session={token}");
    let form = format!("id={id}&version=1");
    let r = app
        .send(cross_site("/api/log/delete", &form, Some(&cookie)))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["code"], "cross_site_request");
    assert!(r.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
    // Without any header saying where it came from, it is refused too.
    let bare = Request::post("/api/log/delete")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .body(Body::from(form.clone()))
        .unwrap();
    assert_eq!(app.send(bare).await.status, StatusCode::FORBIDDEN);
    let still = app
        .get(&format!("/api/v1/records/{id}"), Some(&token))
        .await;
    assert_eq!(still.status, StatusCode::OK, "nothing was deleted");
    assert_eq!(still.json()["version"], 1);
    // From the app's own page the same post goes through.
    let ok = app.post_form("/api/log/delete", &form, Some(&cookie)).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let by_origin = Request::post("/api/log/delete")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .header(header::HOST, "antt.example")
        .header(header::ORIGIN, "https://antt.example")
        .body(Body::from(form))
        .unwrap();
    let r = app.send(by_origin).await;
    assert_ne!(
        r.status,
        StatusCode::FORBIDDEN,
        "an Origin naming this host passes"
    );
}

async fn a_cross_site_login_is_refused_and_signs_nobody_in(app: TestApp) {
    let form = format!("phone={MEMBER}&password={}", antt_server::demo::PASSWORD);
    let r = app
        .send(cross_site("/api/session/login", &form, None))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["code"], "cross_site_request");
    assert!(r.header("set-cookie").is_none(), "no session was opened");
    let r = app.post_form("/api/session/login", &form, None).await;
    assert!(
        r.header("set-cookie").is_some(),
        "from the app's page it works"
    );
}

async fn cookie_writes_to_the_api_need_this_site_and_bearer_clients_do_not(app: TestApp) {
    let token = app.token(MEMBER).await;
    let body = json!({"mutations": []}).to_string();
    let push = |cookie: bool, site: Option<&str>| {
        let mut req =
            Request::post("/api/v1/sync/push").header(header::CONTENT_TYPE, "application/json");
        req = if cookie {
            req.header(header::COOKIE, format!("antt_session={token}"))
        } else {
            req.header(header::AUTHORIZATION, format!("Bearer {token}"))
        };
        if let Some(s) = site {
            req = req.header("sec-fetch-site", s);
        }
        req.body(Body::from(body.clone())).unwrap()
    };
    assert_eq!(
        app.send(push(true, Some("cross-site"))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(push(true, Some("same-site"))).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(push(true, None)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.send(push(true, Some("same-origin"))).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.send(push(false, None)).await.status,
        StatusCode::OK,
        "a bearer token"
    );
}

async fn signing_in_never_leads_off_the_site(app: TestApp) {
    for next in [
        "/\t/evil.example",
        "//evil.example",
        "/\\evil.example",
        "https://evil.example",
    ] {
        let form = format!(
            "phone={MEMBER}&password={}&next={}",
            antt_server::demo::PASSWORD,
            next.replace('\t', "%09")
                .replace('\\', "%5C")
                .replace(':', "%3A")
                .replace('/', "%2F")
        );
        let r = app.post_form("/api/session/login", &form, None).await;
        assert!(
            r.status.is_success() || r.status.is_redirection(),
            "{next:?}: {}",
            r.status
        );
        let to = r
            .header("location")
            .or(r.header("serverfnredirect"))
            .unwrap_or_else(|| panic!("{next:?}: no redirect at all"));
        assert_eq!(to, "/", "{next:?} leads to {to}");
    }
}
