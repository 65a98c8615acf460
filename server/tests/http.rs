//! HTTP behaviour of the whole router: pages, health, sign-in, sessions, and bad input.

mod common;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use std::net::SocketAddr;

const LEADER: &str = "0910101001";
const MEMBER: &str = "0910101003";

#[tokio::test]
async fn login_page_is_server_rendered_in_vietnamese() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn the_language_cookie_switches_the_rendered_language() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn visitors_are_sent_to_the_login_page() {
    let app = TestApp::with_demo().await;
    let r = app.get("/", None).await;
    assert!(r.status.is_redirection(), "{} {}", r.status, r.body);
    assert_eq!(r.header("location"), Some("/login"));
}

#[tokio::test]
async fn unknown_pages_answer_404_in_vietnamese() {
    let app = TestApp::with_demo().await;
    let r = app.get("/khong-co-trang-nay", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Không tìm thấy trang"));
}

#[tokio::test]
async fn health_reports_the_database() {
    let app = TestApp::with_demo().await;
    let r = app.get("/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["database"]["status"], "ok");
    assert_eq!(r.json()["database"]["backend"], "sqlite");
    assert!(r.header("x-request-id").is_some_and(|id| !id.is_empty()));
}

#[tokio::test]
async fn signing_in_through_the_form_sets_a_safe_session_cookie() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn bad_sign_ins_get_field_errors_not_500s() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn api_rejects_malformed_requests_with_json_errors() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn failed_sign_ins_are_rate_limited_per_phone() {
    let app = TestApp::with_demo().await;
    for _ in 0..app::services::auth::MAX_FAILURES_PER_PHONE {
        let r = app
            .post_json(
                "/api/v1/auth/token",
                &format!(r#"{{"phone":"{MEMBER}","password":"sai-mat-khau"}}"#),
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let right = format!(
        r#"{{"phone":"{MEMBER}","password":"{}"}}"#,
        antt_server::demo::PASSWORD
    );
    let r = app.post_json("/api/v1/auth/token", &right).await;
    assert_eq!(
        r.status,
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );
    assert_eq!(r.json()["code"], "rate_limited");
    // Another phone is unaffected.
    app.token(LEADER).await;
}

#[tokio::test]
async fn failed_sign_ins_are_rate_limited_per_client_address() {
    let app = TestApp::with_demo().await;
    let from = |body: String| {
        let mut req = Request::post("/api/v1/auth/token")
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        req.extensions_mut()
            .insert(ConnectInfo("10.9.8.7:5000".parse::<SocketAddr>().unwrap()));
        req
    };
    // Spread over many phones so that no single phone reaches its own limit.
    for i in 0..app::services::auth::MAX_FAILURES_PER_ADDRESS {
        let r = app
            .send(from(format!(
                r#"{{"phone":"09200{i:05}","password":"sai-mat-khau"}}"#
            )))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app
        .send(from(format!(
            r#"{{"phone":"{LEADER}","password":"{}"}}"#,
            antt_server::demo::PASSWORD
        )))
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn server_functions_refuse_visitors() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn api_tokens_can_be_revoked() {
    let app = TestApp::with_demo().await;
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

#[tokio::test]
async fn cookies_are_secure_behind_an_https_proxy() {
    let app = TestApp::with_demo().await;
    let form = format!("phone={LEADER}&password={}", antt_server::demo::PASSWORD);
    let r = app
        .send(
            Request::post("/api/session/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .header("x-forwarded-proto", "https")
                .body(Body::from(form))
                .unwrap(),
        )
        .await;
    assert!(
        r.header("set-cookie").unwrap().ends_with("; Secure"),
        "{:?}",
        r.header("set-cookie")
    );
}
