//! Signing in behind a reverse proxy: the client's address comes from the proxies the
//! server trusts, attempts are slowed per phone and address (never a lock a stranger can
//! put on someone else's phone), and every attempt counts, parallel ones included.

use crate::common;

use app::domain::{throttle, PhoneNumber};
use app::services::proxies::TrustedProxies;
use app::services::{auth, ServiceError};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, TimeZone, Utc};
use common::{Reply, TestApp};
use std::net::SocketAddr;
use std::sync::Arc;

const LEADER: &str = "0910101001";
const MEMBER: &str = "0910101003";
const PROXY: &str = "127.0.0.1:40000";

on_both!(
    a_strangers_failures_do_not_keep_the_member_out,
    parallel_wrong_attempts_are_each_counted,
    waits_grow_and_then_let_the_member_in,
    an_address_has_a_generous_ceiling,
    forwarded_headers_from_strangers_are_ignored,
);

fn behind_proxy(app: TestApp) -> TestApp {
    app.reconfigure(|s| {
        s.trusted_proxies = Arc::new(TrustedProxies::parse("127.0.0.1").unwrap());
    })
}

/// A token request as the proxy passes it on: from the proxy's socket, naming the client.
fn through_proxy(client: &str, phone: &str, password: &str) -> Request<Body> {
    let mut req = Request::post("/api/v1/auth/token")
        .header(header::CONTENT_TYPE, "application/json")
        .header("x-forwarded-for", client)
        .body(Body::from(format!(
            r#"{{"phone":"{phone}","password":"{password}"}}"#
        )))
        .unwrap();
    req.extensions_mut()
        .insert(ConnectInfo(PROXY.parse::<SocketAddr>().unwrap()));
    req
}

fn refused_or_wrong(r: &Reply) -> bool {
    (r.status == StatusCode::UNAUTHORIZED && r.json()["code"] == "bad_credentials")
        || (r.status == StatusCode::TOO_MANY_REQUESTS && r.json()["code"] == "rate_limited")
}

async fn a_strangers_failures_do_not_keep_the_member_out(app: TestApp) {
    let app = behind_proxy(app);
    for i in 0..100 {
        let r = app
            .send(through_proxy("203.0.113.66", MEMBER, &format!("doan-{i}")))
            .await;
        assert!(refused_or_wrong(&r), "attempt {i}: {} {}", r.status, r.body);
    }
    let stranger = app
        .send(through_proxy(
            "203.0.113.66",
            MEMBER,
            antt_server::demo::PASSWORD,
        ))
        .await;
    assert_eq!(
        stranger.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the stranger's own address is slowed, even with the right password"
    );
    let wait: u64 = stranger.header("retry-after").unwrap().parse().unwrap();
    assert!(
        wait >= 1 && wait <= throttle::LONGEST_WAIT_SECONDS as u64,
        "{wait}"
    );
    assert_eq!(stranger.json()["retry_after"], wait);

    let member = app
        .send(through_proxy(
            "198.51.100.7",
            MEMBER,
            antt_server::demo::PASSWORD,
        ))
        .await;
    assert_eq!(member.status, StatusCode::OK, "{}", member.body);
    assert!(member.json()["token"].is_string());
}

async fn parallel_wrong_attempts_are_each_counted(app: TestApp) {
    let app = behind_proxy(app);
    let replies = futures_util::future::join_all(
        (0..20).map(|i| app.send(through_proxy("203.0.113.20", LEADER, &format!("sai-{i}")))),
    )
    .await;
    assert!(replies.iter().all(refused_or_wrong));
    let checked = replies
        .iter()
        .filter(|r| r.status == StatusCode::UNAUTHORIZED)
        .count();
    assert!(
        checked as i64 <= throttle::FREE_ATTEMPTS,
        "{checked} attempts reached the password check"
    );
    let (pair, _) = auth::throttle_keys(&PhoneNumber::parse(LEADER).unwrap(), "203.0.113.20");
    let now = Utc::now();
    let next = app
        .store
        .count_login_attempt(&pair, now, now - Duration::hours(1))
        .await
        .unwrap();
    assert_eq!(next.count, 21, "20 attempts were counted, this is the 21st");
}

async fn waits_grow_and_then_let_the_member_in(app: TestApp) {
    let store = app.store.as_ref();
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    let at = |s: i64| t0 + Duration::seconds(s);
    let addr = Some("198.51.100.9");
    for _ in 0..throttle::FREE_ATTEMPTS {
        let r = auth::login(store, MEMBER, "quen-mat-khau", addr, t0).await;
        assert_eq!(r.unwrap_err(), ServiceError::BadCredentials);
    }
    let too_soon = auth::login(store, MEMBER, antt_server::demo::PASSWORD, addr, at(1)).await;
    assert_eq!(
        too_soon.unwrap_err(),
        ServiceError::RateLimited { retry_after: 1 }
    );
    // The refused attempt counted too: the next wait is 4 s from it.
    let still = auth::login(store, MEMBER, antt_server::demo::PASSWORD, addr, at(3)).await;
    assert_eq!(
        still.unwrap_err(),
        ServiceError::RateLimited { retry_after: 2 }
    );
    let wrong = auth::login(store, MEMBER, "quen-nua", addr, at(11)).await;
    assert_eq!(wrong.unwrap_err(), ServiceError::BadCredentials);
    let early = auth::login(store, MEMBER, antt_server::demo::PASSWORD, addr, at(26)).await;
    assert_eq!(
        early.unwrap_err(),
        ServiceError::RateLimited { retry_after: 1 }
    );
    let right = auth::login(
        store,
        MEMBER,
        antt_server::demo::PASSWORD,
        addr,
        at(26 + 32),
    )
    .await;
    assert!(right.is_ok(), "{right:?}");
    // Signing in cleared the count: the member starts afresh.
    let again = auth::login(store, MEMBER, "mot-lan-sai", addr, at(60)).await;
    assert_eq!(again.unwrap_err(), ServiceError::BadCredentials);
}

async fn an_address_has_a_generous_ceiling(app: TestApp) {
    let store = app.store.as_ref();
    let t0 = Utc.with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap();
    let window = t0 - Duration::minutes(throttle::ADDRESS_WINDOW_MINUTES);
    let (_, address_key) = auth::throttle_keys(&PhoneNumber::parse(LEADER).unwrap(), "100.64.0.1");
    // Many people behind one address (a carrier's NAT) have made attempts...
    for _ in 0..throttle::ADDRESS_CEILING - 1 {
        store
            .count_login_attempt(&address_key, t0, window)
            .await
            .unwrap();
    }
    let addr = Some("100.64.0.1");
    let last = auth::login(store, LEADER, antt_server::demo::PASSWORD, addr, t0).await;
    assert!(
        last.is_ok(),
        "the ceiling-th attempt still goes through: {last:?}"
    );
    // ...and past the ceiling the address waits, whatever phone it tries.
    let r = auth::login(store, MEMBER, antt_server::demo::PASSWORD, addr, t0).await;
    assert!(matches!(r, Err(ServiceError::RateLimited { .. })), "{r:?}");
    let elsewhere = auth::login(
        store,
        MEMBER,
        antt_server::demo::PASSWORD,
        Some("100.64.0.2"),
        t0,
    )
    .await;
    assert!(elsewhere.is_ok());
    let later = t0 + Duration::minutes(throttle::ADDRESS_WINDOW_MINUTES + 1);
    let r = auth::login(store, MEMBER, antt_server::demo::PASSWORD, addr, later).await;
    assert!(r.is_ok(), "a new window: {r:?}");
}

async fn forwarded_headers_from_strangers_are_ignored(app: TestApp) {
    // No proxy trusted: a client that writes X-Forwarded-For to look like someone else is
    // still counted under its own address.
    for i in 0..throttle::FREE_ATTEMPTS {
        let mut req = through_proxy(&format!("198.51.100.{i}"), LEADER, "sai");
        req.extensions_mut().insert(ConnectInfo(
            "203.0.113.5:1000".parse::<SocketAddr>().unwrap(),
        ));
        assert_eq!(app.send(req).await.status, StatusCode::UNAUTHORIZED);
    }
    let mut req = through_proxy("198.51.100.200", LEADER, antt_server::demo::PASSWORD);
    req.extensions_mut().insert(ConnectInfo(
        "203.0.113.5:1000".parse::<SocketAddr>().unwrap(),
    ));
    assert_eq!(app.send(req).await.status, StatusCode::TOO_MANY_REQUESTS);
}
