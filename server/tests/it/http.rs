//! HTTP behaviour of the whole router: pages, health, sign-in, sessions, and bad input.

use crate::common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use std::net::SocketAddr;

on_both!(
    login_page_is_server_rendered_in_vietnamese,
    the_language_cookie_switches_the_rendered_language,
    visitors_are_sent_to_the_login_page,
    unknown_pages_answer_404_in_vietnamese,
    health_reports_the_database,
    signing_in_through_the_form_sets_a_safe_session_cookie,
    bad_sign_ins_get_field_errors_not_500s,
    api_rejects_malformed_requests_with_json_errors,
    changing_the_password_ends_the_other_sessions,
    server_functions_refuse_visitors,
    api_tokens_can_be_revoked,
    cookies_are_secure_behind_an_https_proxy,
);

const LEADER: &str = "0910101001";
const MEMBER: &str = "0910101003";

async fn login_page_is_server_rendered_in_vietnamese(app: TestApp) {
    let r = app.get("/login", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(r#"<html lang="vi""#),
        "{}",
        &r.body[..200.min(r.body.len())]
    );
    assert!(r.body.contains("Đăng nhập") && r.body.contains("Số điện thoại"));
    assert!(
        r.body.contains("<title>ANTT Cơ sở</title>"),
        "a clean title"
    );
}

async fn the_language_cookie_switches_the_rendered_language(app: TestApp) {
    let r = app.get_with_cookie("/login", "lang=en").await;
    assert!(r.body.contains(r#"<html lang="en""#));
    assert!(r.body.contains("Sign in") && !r.body.contains("Số điện thoại"));

    let switch = app
        .send(
            Request::get("/lang/en")
                .header(header::REFERER, "http://127.0.0.1:3000/teams/1")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(switch.status, StatusCode::SEE_OTHER);
    assert_eq!(switch.header("location"), Some("/teams/1"));
    assert!(switch.header("set-cookie").unwrap().starts_with("lang=en;"));
    assert_eq!(
        app.get("/lang/xx", None).await.status,
        StatusCode::NOT_FOUND
    );
}

async fn visitors_are_sent_to_the_login_page(app: TestApp) {
    let r = app.get("/", None).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.header("location"), Some("/login"));
}

async fn unknown_pages_answer_404_in_vietnamese(app: TestApp) {
    let r = app.get("/khong-co-trang-nay", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Không tìm thấy trang"));
}

async fn health_reports_the_database(app: TestApp) {
    let r = app.get("/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["database"]["status"], "ok");
    assert_eq!(r.json()["database"]["backend"], app.store.backend());
    assert!(r.header("x-request-id").is_some_and(|id| !id.is_empty()));
}

async fn signing_in_through_the_form_sets_a_safe_session_cookie(app: TestApp) {
    let r = app
        .post_form(
            "/api/session/login",
            &format!(
                "phone=0910.101.001&password={}&next=/",
                antt_server::demo::PASSWORD
            ),
            None,
        )
        .await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{} {}",
        r.status,
        r.body
    );
    let cookie = r.header("set-cookie").expect("session cookie").to_owned();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure")
    );
    let pair = cookie.split(';').next().unwrap();
    let home = app.get_with_cookie("/", pair).await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("Tổ tôi phụ trách"), "leader home");

    let out = app.post_form("/api/session/logout", "", Some(pair)).await;
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert!(
        app.get_with_cookie("/", pair).await.status.is_redirection(),
        "session ended"
    );
}

async fn bad_sign_ins_get_field_errors_not_500s(app: TestApp) {
    let cases = [
        (
            "phone=&password=x",
            "phone_required",
            "phone",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "phone=12ab&password=x",
            "phone_invalid_characters",
            "phone",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "phone=0910101001&password=",
            "password_required",
            "password",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "phone=0910101001&password=wrong-one",
            "bad_credentials",
            "password",
            StatusCode::UNAUTHORIZED,
        ),
        (
            "phone=0999999999&password=wrong-one",
            "bad_credentials",
            "password",
            StatusCode::UNAUTHORIZED,
        ),
    ];
    for (form, code, field, status) in cases {
        let r = app.post_form("/api/session/login", form, None).await;
        assert_eq!(r.status, status, "{form}: {}", r.body);
        let e = r.json();
        assert_eq!(
            (e["code"].as_str(), e["field"].as_str()),
            (Some(code), Some(field)),
            "{form}"
        );
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
    // A form missing its fields entirely is a client error too.
    let r = app.post_form("/api/session/login", "nonsense", None).await;
    assert!(r.status.is_client_error(), "{} {}", r.status, r.body);
}

async fn api_rejects_malformed_requests_with_json_errors(app: TestApp) {
    let cases = [
        (r#"{"phone": "0910101001""#, "invalid_json"),
        (r#"{"phone": 910101001, "password": "x"}"#, "invalid_json"),
        (
            r#"{"phone": "0910101001", "password": "x", "extra": 1}"#,
            "invalid_json",
        ),
        (r#"[]"#, "invalid_json"),
    ];
    for (body, code) in cases {
        let r = app.post_json("/api/v1/auth/token", body).await;
        assert!(r.status.is_client_error(), "{body}: {}", r.status);
        assert_eq!(r.json()["code"], code, "{body}");
    }
    let r = app
        .send(
            Request::post("/api/v1/auth/token")
                .header(header::CONTENT_TYPE, "text/plain")
                .body(Body::from("x"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.json()["code"], "unsupported_media_type");

    let token = app.token(LEADER).await;
    for path in [
        "/api/v1/teams/abc",
        "/api/v1/teams/99999999999999999999",
        "/api/v1/nothing-here",
        "/api/v1/teams/424242",
    ] {
        let r = app.get(path, Some(&token)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(r.json()["code"], "not_found", "{path}");
    }
    let r = app.get("/api/v1/me", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["code"], "unauthenticated");
    let r = app.get("/api/v1/me", Some("not-a-token")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn changing_the_password_ends_the_other_sessions(app: TestApp) {
    let here = app.token(MEMBER).await;
    let elsewhere = app.token(MEMBER).await;
    let cookie = format!("antt_session={here}");
    let bad = app
        .post_form(
            "/api/session/password",
            "current_password=demo1234&new_password=short&confirm_password=short",
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["field"], "new_password");
    let wrong = app
        .post_form(
            "/api/session/password",
            "current_password=nope&new_password=mat-khau-moi&confirm_password=mat-khau-moi",
            Some(&cookie),
        )
        .await;
    assert_eq!(wrong.json()["code"], "wrong_password");
    assert_eq!(
        app.get("/api/v1/me", Some(&elsewhere)).await.status,
        StatusCode::OK,
        "failed changes end nothing"
    );

    let ok = app
        .post_form(
            "/api/session/password",
            "current_password=demo1234&new_password=mat-khau-moi&confirm_password=mat-khau-moi",
            Some(&cookie),
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(
        app.get("/api/v1/me", Some(&here)).await.status,
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        app.get("/api/v1/me", Some(&elsewhere)).await.status,
        StatusCode::UNAUTHORIZED
    );
    let r = app
        .post_json(
            "/api/v1/auth/token",
            &format!(r#"{{"phone":"{MEMBER}","password":"mat-khau-moi"}}"#),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
}

async fn server_functions_refuse_visitors(app: TestApp) {
    let r = app.post_form("/api/home", "", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(r.json()["code"], "unauthenticated");
    let r = app
        .post_form(
            "/api/session/password",
            "current_password=a&new_password=b&confirm_password=b",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn api_tokens_can_be_revoked(app: TestApp) {
    let token = app.token(MEMBER).await;
    let r = app
        .send(
            Request::delete("/api/v1/auth/token")
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn cookies_are_secure_behind_an_https_proxy(app: TestApp) {
    let app = app.reconfigure(|s| {
        s.trusted_proxies = std::sync::Arc::new(
            app::services::proxies::TrustedProxies::parse("127.0.0.1").unwrap(),
        );
    });
    let login = |peer: &str| {
        let form = format!("phone={LEADER}&password={}", antt_server::demo::PASSWORD);
        let mut req = Request::post("/api/session/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .header("x-forwarded-proto", "https")
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(form))
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo(peer.parse::<SocketAddr>().unwrap()));
        req
    };
    let r = app.send(login("127.0.0.1:4000")).await;
    let cookie = r.header("set-cookie").unwrap().to_owned();
    assert!(
        cookie.starts_with("__Host-antt_session=") && cookie.ends_with("; Secure"),
        "{cookie}"
    );
    // The cookie works over the proxy, and only under its __Host- name.
    let pair = cookie.split(';').next().unwrap().to_owned();
    let mut home = Request::get("/api/v1/me")
        .header(header::COOKIE, &pair)
        .header("x-forwarded-proto", "https")
        .body(Body::empty())
        .unwrap();
    home.extensions_mut()
        .insert(ConnectInfo("127.0.0.1:4001".parse::<SocketAddr>().unwrap()));
    assert_eq!(app.send(home).await.status, StatusCode::OK);
    // A stranger saying "https" is not believed: the cookie stays plain.
    let r = app.send(login("203.0.113.5:4000")).await;
    let cookie = r.header("set-cookie").unwrap();
    assert!(
        cookie.starts_with("antt_session=") && !cookie.contains("Secure"),
        "{cookie}"
    );
}
