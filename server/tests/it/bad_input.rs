//! Input that costs, and answers that say what happened: bounded periods, capped lists, a
//! JSON 405 for a wrong method, and a deleted record's id refused with a reason.

use crate::common;

use common::{ago, id};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::TestApp;
use serde_json::{json, Value};

const MEMBER: &str = "0910101003";
const COMMUNE_POLICE: &str = "0900000003";

on_both!(
    periods_are_bounded_and_say_why,
    long_lists_in_bodies_are_refused_and_store_nothing,
    a_record_holds_at_most_ten_photos,
    a_wrong_method_answers_json_405,
    a_deleted_records_id_is_refused_with_a_reason,
);

fn patrol(participants: Value, track: Value) -> Value {
    json!({"kind": "patrol", "data": {"started_at": ago(3), "ended_at": ago(2),
        "participants": participants, "area": "Xóm Bắc", "observations": "",
        "mobilised": false, "track": track}})
}

async fn periods_are_bounded_and_say_why(app: TestApp) {
    let police = app.token(COMMUNE_POLICE).await;
    let home = app.get("/api/v1/home", Some(&police)).await.json();
    let commune = home["communes"][0]["id"].as_i64().unwrap();
    for (period, code) in [
        ("1999", "period_out_of_range"),
        ("2101-01", "period_out_of_range"),
        ("9999-01-01..9999-12-31", "period_out_of_range"),
        ("2000-01-01..2099-12-31", "period_too_long"),
        ("+262143-01-01..+262143-12-31", "invalid_period"),
        ("2025-13", "invalid_period"),
        ("2099-06", "period_in_future"),
    ] {
        let r = app
            .get(
                &format!("/api/v1/units/{commune}/indicators?period={period}"),
                Some(&police),
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{period}: {}",
            r.body
        );
        assert_eq!(
            (r.json()["code"].as_str(), r.json()["field"].as_str()),
            (Some(code), Some("period")),
            "{period}"
        );
        assert!(r.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
    let ten_years = app
        .get(
            &format!("/api/v1/units/{commune}/indicators?period=2016-12-01..2026-11-30"),
            Some(&police),
        )
        .await;
    assert_eq!(ten_years.status, StatusCode::OK, "{}", ten_years.body);
}

async fn long_lists_in_bodies_are_refused_and_store_nothing(app: TestApp) {
    let token = app.token(MEMBER).await;
    let (team, members) = app.team_of(&token).await;
    let point = json!({"at": ago(2), "lat": 16.8, "lon": 107.1});
    let cases = [
        (
            patrol(json!(vec![members[0]; 50_000]), json!([])),
            "participants",
            "too_many",
        ),
        (
            patrol(json!([members[0], members[0]]), json!([])),
            "participants",
            "listed_twice",
        ),
        (
            patrol(json!([members[0]]), json!(vec![point; 10_001])),
            "track",
            "too_many",
        ),
    ];
    let before = records_of(&app, &token, team).await;
    for (body, field, code) in cases {
        let r = app
            .create_record(&token, &json!({"id": id(), "team_id": team, "body": body}))
            .await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            &r.body[..r.body.len().min(300)]
        );
        assert_eq!(
            (r.json()["field"].as_str(), r.json()["code"].as_str()),
            (Some(field), Some(code))
        );
    }
    let after = records_of(&app, &token, team).await;
    assert_eq!(after, before, "nothing stored");
}

/// How many records the team's list holds.
async fn records_of(app: &TestApp, token: &str, team: i64) -> usize {
    app.get(&format!("/api/v1/teams/{team}/records"), Some(token))
        .await
        .json()
        .as_array()
        .expect("a list")
        .len()
}

/// The smallest PNG there is: enough for the photo check.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0,
    1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0x0a, 0x49, 0x44, 0x41, 0x54,
    0x78, 0x9c, 0x63, 0, 1, 0, 0, 5, 0, 1, 0x0d, 0x0a, 0x2d, 0xb4, 0, 0, 0, 0, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];

async fn a_record_holds_at_most_ten_photos(app: TestApp) {
    let token = app.token(MEMBER).await;
    let (team, members) = app.team_of(&token).await;
    let r = app
        .create_record(
            &token,
            &json!({"id": id(), "team_id": team, "body": patrol(json!([members[0]]), json!([]))}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let record = r.json()["id"].as_str().unwrap().to_owned();
    let put = |photo: String| {
        Request::put(format!("/api/v1/records/{record}/photos/{photo}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "image/png")
            .body(Body::from(PNG))
            .unwrap()
    };
    let mut stored = Vec::new();
    for _ in 0..9 {
        let photo = id();
        let r = app.send(put(photo.clone())).await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        stored.push(photo);
    }
    // The tenth arrives in pieces: while it does, it holds its place.
    let tenth = id();
    let piece = |from: usize, to: usize| {
        Request::patch(format!(
            "/api/v1/records/{record}/photos/{tenth}?position={from}&total={}",
            PNG.len()
        ))
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "image/png")
        .body(Body::from(&PNG[from..to]))
        .unwrap()
    };
    let r = app.send(piece(0, 30)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app.send(put(id())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["code"], "too_many_photos");
    let r = app.send(piece(30, PNG.len())).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app.send(put(id())).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["code"], "too_many_photos");
    let again = app.send(put(stored[3].clone())).await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "a resend of a stored photo is still recognised"
    );
    let view = app
        .get(&format!("/api/v1/records/{record}"), Some(&token))
        .await
        .json();
    assert_eq!(view["photos"].as_array().unwrap().len(), 10);
}

async fn a_wrong_method_answers_json_405(app: TestApp) {
    let token = app.token(MEMBER).await;
    for (method, path) in [
        ("PATCH", "/api/v1/me"),
        ("POST", "/api/v1/teams/1"),
        ("DELETE", "/api/v1/categories"),
        ("OPTIONS", "/api/v1/records"),
    ] {
        let r = app.send_as(method, path, &token, None).await;
        assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        assert_eq!(r.json()["code"], "method_not_allowed", "{method} {path}");
        assert!(r.json()["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(
            r.header("allow").is_some(),
            "{method} {path} names what is allowed"
        );
    }
}

async fn a_deleted_records_id_is_refused_with_a_reason(app: TestApp) {
    let token = app.token(MEMBER).await;
    let (team, members) = app.team_of(&token).await;
    let new = json!({"id": id(), "team_id": team, "body": patrol(json!([members[0]]), json!([]))});
    let record = new["id"].as_str().unwrap().to_owned();
    let r = app.create_record(&token, &new).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let r = app
        .send_as(
            "DELETE",
            &format!("/api/v1/records/{record}?version=1"),
            &token,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);

    let again = app.create_record(&token, &new).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
    assert_eq!(again.json()["code"], "record_deleted");
    let push = app
        .send_as(
            "POST",
            "/api/v1/sync/push",
            &token,
            Some(&json!({"mutations": [{"op": "create", "id": id(), "record": new}]})),
        )
        .await;
    assert_eq!(
        push.json()["results"][0]["status"],
        "rejected",
        "{}",
        push.body
    );
    assert_eq!(push.json()["results"][0]["error"]["code"], "record_deleted");
    let read = app
        .get(&format!("/api/v1/records/{record}"), Some(&token))
        .await;
    assert_eq!(read.status, StatusCode::NOT_FOUND, "still deleted");
}
