//! Field records through the JSON API: every kind, the informant rule, validation,
//! idempotent logging, versioned edits, deletes and the audit trail.

use crate::common;

use common::{ago, id};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use common::TestApp;
use serde_json::{json, Value};

const MEMBER: &str = "0910101003";
const DEPUTY: &str = "0910101002";
const TEAMMATE: &str = "0910101004";
const LEADER: &str = "0910101001";
const OTHER_TEAM_MEMBER: &str = "0910102003";
const COMMUNE_POLICE: &str = "0900000003";
const PROVINCE_POLICE: &str = "0900000002";

struct Team {
    id: i64,
    members: Vec<i64>,
}

async fn my_team(app: &TestApp, token: &str) -> Team {
    let (id, members) = app.team_of(token).await;
    Team { id, members }
}

fn today() -> String {
    app::domain::local_time::local_date(Utc::now() - Duration::hours(1))
        .format("%Y-%m-%d")
        .to_string()
}

/// One body of every kind, valid for a team with these member ids.
fn every_kind(m: &[i64]) -> Vec<Value> {
    let activity = |details: Value| json!({"kind": "activity", "data": {"date": today(), "details": details, "notes": ""}});
    vec![
        json!({"kind": "patrol", "data": {"started_at": ago(5), "ended_at": ago(2), "participants": [m[0], m[1]],
            "area": "Đường liên thôn", "observations": "Yên tĩnh", "mobilised": false, "track": []}}),
        json!({"kind": "incident", "data": {"category": "public_order", "occurred_at": ago(4), "location": "Chợ",
            "lat": null, "lon": null, "learned_at": ago(4), "presence": {"presence": "arrived", "at": ago(3)},
            "mobilised": true, "actions": ["stopped", "handed_to_police"], "outcome": "Đã bàn giao"}}),
        json!({"kind": "tip_off", "data": {"received_at": ago(3), "channel": "in_person", "category": "drugs",
            "content": "Có người lạ tụ tập ở bãi sông", "forwarded_at": ago(2)}}),
        json!({"kind": "good_deed", "data": {"date": today(), "description": "Giúp cụ sửa mái nhà",
            "members": [m[0]], "beneficiary": "Cụ Hoa", "commendation": null}}),
        activity(json!({"kind": "mediation", "parties": 2, "resolved": true})),
        activity(json!({"kind": "awareness", "topic": "Phòng cháy", "attendees": 30})),
        activity(json!({"kind": "household_info", "gathered": 5, "passed_to_police": 5})),
        activity(json!({"kind": "reintegration", "person": "Anh T.", "reoffended": false})),
        activity(json!({"kind": "weapons_hand_in", "items": 1, "description": "Dao tự chế"})),
        activity(
            json!({"kind": "business_check", "business": "Nhà nghỉ Hoa Mai", "violation_found": false}),
        ),
        activity(json!({"kind": "meeting", "attendees": m, "decisions": "Phân công trực"})),
        activity(json!({"kind": "training", "topic": "Sơ cứu", "attendees": [m[0]]})),
    ]
}

async fn post(app: &TestApp, token: &str, record: &Value) -> common::Reply {
    app.create_record(token, record).await
}

/// Logs `body` for the team under a fresh record id.
async fn log_new(app: &TestApp, token: &str, team_id: i64, body: &Value) -> common::Reply {
    post(
        app,
        token,
        &json!({"id": id(), "team_id": team_id, "body": body}),
    )
    .await
}

async fn feed(app: &TestApp, token: &str, team: i64) -> common::Reply {
    app.get(&format!("/api/v1/teams/{team}/records"), Some(token))
        .await
}

#[tokio::test]
async fn a_member_logs_every_kind_and_the_team_sees_them() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    let kinds = every_kind(&team.members);
    for body in &kinds {
        let r = log_new(&app, &member, team.id, body).await;
        assert_eq!(
            r.status,
            StatusCode::CREATED,
            "{}: {}",
            body["kind"],
            r.body
        );
    }
    let mine = feed(&app, &member, team.id).await.json();
    assert_eq!(mine.as_array().unwrap().len(), kinds.len());
    let mut got: Vec<String> = mine
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["kind"].as_str().unwrap().to_owned())
        .collect();
    got.sort();
    assert_eq!(got.len(), 12);
    got.dedup();
    assert_eq!(got.len(), 12, "twelve different kinds");

    let leader = app.token(LEADER).await;
    assert_eq!(
        feed(&app, &leader, team.id)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        12
    );
    let cp = app.token(COMMUNE_POLICE).await;
    assert_eq!(feed(&app, &cp, team.id).await.status, StatusCode::OK);

    let stranger = app.token(OTHER_TEAM_MEMBER).await;
    let r = feed(&app, &stranger, team.id).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let some_id = mine[0]["id"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/records/{some_id}"), Some(&stranger))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let other_team = my_team(&app, &stranger).await;
    let r = post(
        &app,
        &member,
        &json!({"id": id(), "team_id": other_team.id, "body": kinds[0]}),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "no logging for another team"
    );
    let r = post(
        &app,
        &cp,
        &json!({"id": id(), "team_id": team.id, "body": kinds[0]}),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "police read; members log");
}

#[tokio::test]
async fn the_informant_is_shown_only_to_the_receiver_and_the_commune_police() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    let tip = every_kind(&team.members)[2].clone();
    let record_id = id();
    let r = post(
        &app,
        &member,
        &json!({"id": record_id, "team_id": team.id, "body": tip,
                "informant": {"name": "Bà Nguyễn Thị Lành", "phone": "0987 654 321"}}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    for (who, phone, sees) in [
        ("receiver", MEMBER, true),
        ("commune police", COMMUNE_POLICE, true),
        ("leader", LEADER, false),
        ("deputy", DEPUTY, false),
        ("province police", PROVINCE_POLICE, false),
    ] {
        let token = app.token(phone).await;
        let one = app
            .get(&format!("/api/v1/records/{record_id}"), Some(&token))
            .await;
        let list = feed(&app, &token, team.id).await;
        let history = app
            .get(
                &format!("/api/v1/records/{record_id}/history"),
                Some(&token),
            )
            .await;
        for (what, reply) in [("record", &one), ("feed", &list), ("history", &history)] {
            assert_eq!(reply.status, StatusCode::OK, "{who} {what}");
            let leaks = reply.body.contains("Lành") || reply.body.contains("0987");
            let shows = what != "history" && sees;
            assert_eq!(leaks, shows, "{who} reading the {what}: {}", reply.body);
        }
        assert_eq!(one.json().get("informant").is_some(), sees, "{who}");
    }
}

#[tokio::test]
async fn invalid_records_are_refused_with_their_field_and_nothing_is_stored() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    let stranger = my_team(&app, &app.token(OTHER_TEAM_MEMBER).await).await;
    let k = every_kind(&team.members);
    let with = |i: usize, path: &[&str], v: Value| {
        let mut b = k[i].clone();
        let mut at = &mut b;
        for p in &path[..path.len() - 1] {
            at = &mut at[*p];
        }
        at[path[path.len() - 1]] = v;
        b
    };
    let future = (Utc::now() + Duration::hours(3)).to_rfc3339();
    let cases = [
        (
            with(0, &["data", "ended_at"], json!(ago(6))),
            "ended_at",
            "end_before_start",
        ),
        (
            with(0, &["data", "started_at"], json!(future)),
            "started_at",
            "date_in_future",
        ),
        (
            with(0, &["data", "participants"], json!([stranger.members[0]])),
            "participants",
            "participant_not_in_team",
        ),
        (
            with(
                1,
                &["data", "presence"],
                json!({"presence": "arrived", "at": ago(5)}),
            ),
            "arrived_at",
            "arrival_before_occurrence",
        ),
        (
            with(1, &["data", "occurred_at"], json!(future)),
            "occurred_at",
            "date_in_future",
        ),
        (
            with(2, &["data", "forwarded_at"], json!(ago(4))),
            "forwarded_at",
            "forwarded_before_received",
        ),
        (
            with(3, &["data", "date"], json!("2099-01-01")),
            "date",
            "date_in_future",
        ),
        (
            with(3, &["data", "members"], json!([stranger.members[0]])),
            "members",
            "participant_not_in_team",
        ),
        (
            with(6, &["data", "details", "passed_to_police"], json!(9)),
            "passed_to_police",
            "more_passed_than_gathered",
        ),
        (
            with(
                10,
                &["data", "details", "attendees"],
                json!([stranger.members[0]]),
            ),
            "attendees",
            "participant_not_in_team",
        ),
    ];
    for (body, field, code) in cases {
        let r = log_new(&app, &member, team.id, &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}: {}",
            r.body
        );
        assert_eq!(
            (r.json()["field"].as_str(), r.json()["code"].as_str()),
            (Some(field), Some(code))
        );
        assert!(!r.json()["message"].as_str().unwrap().is_empty());
    }
    let r = post(
        &app,
        &member,
        &json!({"id": "not-a-uuid", "team_id": team.id, "body": k[0]}),
    )
    .await;
    assert_eq!(r.json()["code"], "invalid_record_id");
    let r = post(
        &app,
        &member,
        &json!({"id": id(), "team_id": team.id, "body": k[0], "informant": {"name": "X"}}),
    )
    .await;
    assert_eq!(r.json()["code"], "informant_only_for_tips");
    let r = post(
        &app,
        &member,
        &json!({"id": id(), "team_id": team.id, "body": {"kind": "picnic", "data": {}}}),
    )
    .await;
    assert_eq!(r.json()["code"], "invalid_json");
    assert!(
        feed(&app, &member, team.id)
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing stored"
    );
}

#[tokio::test]
async fn unknown_categories_are_refused_on_create_and_edit_and_nothing_is_stored() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    let k = every_kind(&team.members);
    let with_category = |i: usize, code: &str| {
        let mut b: Value = k[i].clone();
        b["data"]["category"] = json!(code);
        b
    };
    for (body, what) in [
        (
            with_category(1, "picnic"),
            "an incident category not in the list",
        ),
        (with_category(2, "picnic"), "a tip category not in the list"),
        (
            with_category(1, "suspicious_person"),
            "a tip category on an incident",
        ),
        (with_category(1, "Public_Order"), "codes are exact"),
    ] {
        let r = log_new(&app, &member, team.id, &body).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{what}: {}",
            r.body
        );
        assert_eq!(
            (r.json()["field"].as_str(), r.json()["code"].as_str()),
            (Some("category"), Some("unknown_category")),
            "{what}"
        );
        assert!(!r.json()["message"].as_str().unwrap().is_empty());
    }
    assert!(
        feed(&app, &member, team.id)
            .await
            .json()
            .as_array()
            .unwrap()
            .is_empty(),
        "nothing stored"
    );

    let record_id = id();
    let r = post(
        &app,
        &member,
        &json!({"id": record_id, "team_id": team.id, "body": with_category(2, "suspicious_person")}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let path = format!("/api/v1/records/{record_id}");
    let r = app
        .send_as(
            "PUT",
            &path,
            &member,
            Some(&json!({"version": 1, "body": with_category(2, "picnic")})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["field"], "category");
    assert_eq!(r.json()["code"], "unknown_category");
    let stored = app.get(&path, Some(&member)).await.json();
    assert_eq!(
        (
            stored["version"].as_i64(),
            stored["body"]["data"]["category"].as_str()
        ),
        (Some(1), Some("suspicious_person")),
        "the edit changed nothing"
    );
}

#[tokio::test]
async fn categories_are_listed_for_signed_in_callers() {
    let app = TestApp::with_demo().await;
    let r = app.get("/api/v1/categories", None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    assert_eq!(r.json()["code"], "unauthenticated");

    let member = app.token(MEMBER).await;
    let r = app.get("/api/v1/categories", Some(&member)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.json();
    let list = list.as_array().unwrap();
    let first = &list[0];
    assert_eq!(
        (
            first["domain"].as_str(),
            first["code"].as_str(),
            first["name_vi"].as_str(),
            first["name_en"].as_str()
        ),
        (
            Some("incident"),
            Some("public_order"),
            Some("Gây rối trật tự công cộng"),
            Some("Public disorder")
        )
    );
    let domains: Vec<&str> = list.iter().map(|c| c["domain"].as_str().unwrap()).collect();
    let mut sorted = domains.clone();
    sorted.sort();
    assert_eq!(domains, sorted, "incidents, then tips");
    assert!(list
        .iter()
        .any(|c| c["domain"] == "tip" && c["code"] == "suspicious_person"));

    // The server function the forms use answers the same, to signed-in callers only.
    let server_fn = |token: Option<&str>| {
        let mut req = Request::get("/api/categories").header(header::ACCEPT, "application/json");
        if let Some(t) = token {
            req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        req.body(Body::empty()).unwrap()
    };
    let r = app.send(server_fn(None)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let r = app.send(server_fn(Some(&member))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(&r.json(), &Value::Array(list.clone()));
}

#[tokio::test]
async fn resending_a_record_stores_it_once() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    let record = json!({"id": id(), "team_id": team.id, "body": every_kind(&team.members)[0]});
    assert_eq!(
        post(&app, &member, &record).await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        post(&app, &member, &record).await.status,
        StatusCode::OK,
        "already applied"
    );
    assert_eq!(
        feed(&app, &member, team.id)
            .await
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let mut changed = record.clone();
    changed["body"] = every_kind(&team.members)[1].clone();
    assert_eq!(
        post(&app, &member, &changed).await.status,
        StatusCode::CONFLICT,
        "the same id for other content"
    );
}

#[tokio::test]
async fn edits_are_versioned_permitted_and_audited() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    let record_id = id();
    let mut body = every_kind(&team.members)[0].clone();
    post(
        &app,
        &member,
        &json!({"id": record_id, "team_id": team.id, "body": body}),
    )
    .await;
    let path = format!("/api/v1/records/{record_id}");

    body["data"]["observations"] = json!("Phát hiện xe lạ");
    let r = app
        .send_as(
            "PUT",
            &path,
            &member,
            Some(&json!({"version": 1, "body": body})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["version"], 2);
    let stale = app
        .send_as(
            "PUT",
            &path,
            &member,
            Some(&json!({"version": 1, "body": body})),
        )
        .await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    for (who, phone) in [
        ("a teammate who is not the author", TEAMMATE),
        ("another team", OTHER_TEAM_MEMBER),
    ] {
        let token = app.token(phone).await;
        let r = app
            .send_as(
                "PUT",
                &path,
                &token,
                Some(&json!({"version": 2, "body": body})),
            )
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
        let r = app
            .send_as("DELETE", &format!("{path}?version=2"), &token, None)
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
    let leader = app.token(LEADER).await;
    body["data"]["area"] = json!("Bãi sông");
    let r = app
        .send_as(
            "PUT",
            &path,
            &leader,
            Some(&json!({"version": 2, "body": body})),
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "the leader corrects the team's records"
    );
    let other_kind = every_kind(&team.members)[3].clone();
    let r = app
        .send_as(
            "PUT",
            &path,
            &leader,
            Some(&json!({"version": 3, "body": other_kind})),
        )
        .await;
    assert_eq!(r.json()["code"], "kind_cannot_change");

    let h = app
        .get(&format!("{path}/history"), Some(&member))
        .await
        .json();
    let steps: Vec<(&str, &str)> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["user_name"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[0].0, "create");
    assert_eq!(steps[2].0, "update");
    assert_ne!(steps[1].1, steps[2].1, "author then leader");
    assert_eq!(h[2]["before"]["data"]["area"], "Đường liên thôn");
    assert_eq!(h[2]["after"]["data"]["area"], "Bãi sông");

    assert_eq!(
        app.send_as("DELETE", &format!("{path}?version=1"), &member, None)
            .await
            .status,
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.send_as("DELETE", &format!("{path}?version=3"), &member, None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&path, Some(&member)).await.status,
        StatusCode::NOT_FOUND
    );
    let h = app
        .get(&format!("{path}/history"), Some(&leader))
        .await
        .json();
    assert_eq!(h.as_array().unwrap().last().unwrap()["action"], "delete");
}

async fn upload(
    app: &TestApp,
    token: &str,
    record: &str,
    photo: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> common::Reply {
    app.send(
        Request::put(format!("/api/v1/records/{record}/photos/{photo}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(bytes))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn photos_are_checked_stored_once_and_served_to_the_team() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    let record_id = id();
    let body = every_kind(&team.members)[3].clone();
    post(
        &app,
        &member,
        &json!({"id": record_id, "team_id": team.id, "body": body}),
    )
    .await;
    let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0];
    jpeg.extend((0..300_000u32).map(|i| (i % 251) as u8));
    let photo_id = id();

    let r = upload(
        &app,
        &member,
        &record_id,
        &photo_id,
        "image/jpeg",
        jpeg.clone(),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let again = upload(
        &app,
        &member,
        &record_id,
        &photo_id,
        "image/jpeg",
        jpeg.clone(),
    )
    .await;
    assert_eq!(
        again.status,
        StatusCode::OK,
        "a resent upload is stored once"
    );

    let mut too_big = vec![0xFF, 0xD8, 0xFF];
    too_big.resize(app::domain::records::photo::MAX_BYTES + 1, 0);
    let mut huge = too_big.clone();
    huge.resize(3 * 1024 * 1024, 0);
    let refusals = [
        (
            upload(
                &app,
                &member,
                &record_id,
                &id(),
                "image/jpeg",
                b"%PDF-1.7 ...".to_vec(),
            )
            .await,
            415,
            "photo_wrong_type",
        ),
        (
            upload(
                &app,
                &member,
                &record_id,
                &id(),
                "image/gif",
                b"GIF89a....".to_vec(),
            )
            .await,
            415,
            "photo_wrong_type",
        ),
        (
            upload(&app, &member, &record_id, &id(), "image/jpeg", too_big).await,
            413,
            "photo_too_large",
        ),
        (
            upload(&app, &member, &record_id, &id(), "image/jpeg", huge).await,
            413,
            "payload_too_large",
        ),
    ];
    for (r, status, code) in refusals {
        assert_eq!(r.status.as_u16(), status, "{code}: {}", r.body);
        assert_eq!(
            (r.json()["code"].as_str(), r.json()["field"].as_str()),
            (Some(code), Some("photo"))
        );
    }
    let teammate = app.token(TEAMMATE).await;
    let r = upload(
        &app,
        &teammate,
        &record_id,
        &id(),
        "image/jpeg",
        jpeg.clone(),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "only the author or the leader adds photos"
    );

    let view = app
        .get(&format!("/api/v1/records/{record_id}"), Some(&member))
        .await
        .json();
    assert_eq!(
        view["photos"],
        json!([photo_id]),
        "exactly one photo stored"
    );
    let leader = app.token(LEADER).await;
    let got = app
        .get(&format!("/api/v1/photos/{photo_id}"), Some(&leader))
        .await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.header("content-type"), Some("image/jpeg"));
    assert_eq!(got.bytes, jpeg, "the same bytes come back");
    let stranger = app.token(OTHER_TEAM_MEMBER).await;
    assert_eq!(
        app.get(&format!("/api/v1/photos/{photo_id}"), Some(&stranger))
            .await
            .status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test]
async fn the_list_can_be_limited_to_the_newest() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let team = my_team(&app, &member).await;
    for body in every_kind(&team.members).iter().take(3) {
        assert_eq!(
            log_new(&app, &member, team.id, body).await.status,
            StatusCode::CREATED
        );
    }
    let path = |q: &str| format!("/api/v1/teams/{}/records{q}", team.id);
    let all = app.get(&path(""), Some(&member)).await.json();
    let one = app.get(&path("?limit=1"), Some(&member)).await.json();
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["id"], all[0]["id"]);
    for bad in ["?limit=0", "?limit=-3", "?limit=many"] {
        let r = app.get(&path(bad), Some(&member)).await;
        assert!(r.status.is_client_error(), "{bad}: {}", r.status);
        assert_eq!(r.json()["code"], "invalid_query", "{bad}");
    }
}
