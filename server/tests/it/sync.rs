//! The sync API on both databases: pushes that are idempotent by mutation id, one result
//! per mutation, whole-batch refusals that store nothing, conflicts, and pulls by cursor.

use crate::common;

use common::{ago, id};

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::TestApp;
use serde_json::{json, Value};

const MEMBER: &str = "0910101003";
const TEAMMATE: &str = "0910101004";
const OTHER_TEAM_MEMBER: &str = "0910102003";
const COMMUNE_POLICE: &str = "0900000003";

on_both!(
    the_same_batch_pushed_twice_leaves_one_copy,
    an_invalid_mutation_is_rejected_and_the_others_applied,
    a_batch_that_does_not_parse_stores_nothing,
    a_stale_edit_is_a_conflict_with_the_servers_version,
    a_pull_returns_each_change_once_in_order,
    two_phones_racing_the_same_batch_store_one_copy,
);

fn patrol(members: &[i64], area: &str) -> Value {
    json!({"kind": "patrol", "data": {"started_at": ago(5), "ended_at": ago(2),
        "participants": [members[0]], "area": area, "observations": "", "mobilised": false, "track": []}})
}

fn create(team: i64, body: Value) -> Value {
    json!({"op": "create", "id": id(), "record": {"id": id(), "team_id": team, "body": body}})
}

async fn push(app: &TestApp, token: &str, mutations: &[Value]) -> common::Reply {
    app.send_as(
        "POST",
        "/api/v1/sync/push",
        token,
        Some(&json!({ "mutations": mutations })),
    )
    .await
}

fn statuses(reply: &common::Reply) -> Vec<String> {
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.json()["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_owned())
        .collect()
}

async fn team_records(app: &TestApp, token: &str, team: i64) -> usize {
    app.get(&format!("/api/v1/teams/{team}/records"), Some(token))
        .await
        .json()
        .as_array()
        .expect("records")
        .len()
}

async fn the_same_batch_pushed_twice_leaves_one_copy(app: TestApp) {
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let before = team_records(&app, &member, team).await;
    let mut tip = create(
        team,
        json!({"kind": "tip_off", "data": {"received_at": ago(3), "channel": "in_person",
            "category": "drugs", "content": "Người lạ tụ tập ở bãi sông", "forwarded_at": null}}),
    );
    tip["record"]["informant"] = json!({"name": "Bà Lan", "phone": "0912345678"});
    let batch = vec![create(team, patrol(&members, "Thôn 1")), tip];

    let first = push(&app, &member, &batch).await;
    assert_eq!(statuses(&first), ["applied", "applied"]);
    let body = first.json();
    assert_eq!(body["results"][0]["record"]["version"], 1);
    assert_eq!(
        body["results"][1]["record"]["informant"]["name"], "Bà Lan",
        "the member who received the tip sees the informant"
    );
    // The answer was lost: the phone sends the whole batch again.
    let again = push(&app, &member, &batch).await;
    assert_eq!(statuses(&again), ["already_applied", "already_applied"]);
    assert_eq!(team_records(&app, &member, team).await, before + 2);

    // A record first sent by the online form, then by the outbox, is stored once too.
    let record = json!({"id": id(), "team_id": team, "body": patrol(&members, "Thôn 2")});
    let r = app.create_record(&member, &record).await;
    assert_eq!(r.status, StatusCode::CREATED);
    let late = push(
        &app,
        &member,
        &[json!({"op": "create", "id": id(), "record": record})],
    )
    .await;
    assert_eq!(statuses(&late), ["already_applied"]);
    assert_eq!(team_records(&app, &member, team).await, before + 3);

    // Someone else cannot reuse a mutation id to learn of it or replay it.
    let teammate = app.token(TEAMMATE).await;
    let stolen = push(&app, &teammate, &batch[..1]).await;
    assert_eq!(statuses(&stolen), ["rejected"]);
    assert_eq!(
        stolen.json()["results"][0]["error"]["code"],
        "mutation_id_taken"
    );
    assert!(stolen.json()["results"][0].get("record").is_none());
}

async fn an_invalid_mutation_is_rejected_and_the_others_applied(app: TestApp) {
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let other = app.token(OTHER_TEAM_MEMBER).await;
    let (other_team, other_members) = app.team_of(&other).await;
    let before = team_records(&app, &member, team).await;
    let mut future = patrol(&members, "Thôn 3");
    future["data"]["started_at"] = json!((Utc::now() + Duration::hours(30)).to_rfc3339());
    future["data"]["ended_at"] = json!((Utc::now() + Duration::hours(31)).to_rfc3339());
    let mut bad_id = create(team, patrol(&members, "Thôn 4"));
    bad_id["id"] = json!("not-a-uuid");
    let batch = vec![
        create(team, patrol(&members, "Thôn 1")),
        create(team, future),
        create(other_team, patrol(&other_members, "Xóm khác")),
        bad_id,
        create(team, patrol(&members, "Thôn 2")),
    ];
    let reply = push(&app, &member, &batch).await;
    assert_eq!(
        statuses(&reply),
        ["applied", "rejected", "rejected", "rejected", "applied"]
    );
    let results = reply.json()["results"].clone();
    assert_eq!(results[1]["error"]["code"], "date_in_future");
    assert!(results[1]["error"]["message"].as_str().unwrap().len() > 5);
    assert!(results[1]["error"]["field"].is_string());
    assert_eq!(results[2]["error"]["code"], "forbidden");
    assert_eq!(results[3]["error"]["code"], "invalid_record_id");
    for (i, m) in batch.iter().enumerate() {
        assert_eq!(
            results[i]["id"], m["id"],
            "results follow the batch's order"
        );
    }
    assert_eq!(team_records(&app, &member, team).await, before + 2);
    let r = app
        .get(
            &format!(
                "/api/v1/records/{}",
                batch[1]["record"]["id"].as_str().unwrap()
            ),
            Some(&member),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "nothing half-written");
}

async fn a_batch_that_does_not_parse_stores_nothing(app: TestApp) {
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let before = team_records(&app, &member, team).await;
    let good = create(team, patrol(&members, "Thôn 1"));
    let send = |body: String| {
        let app = &app;
        let member = member.clone();
        async move {
            app.send(
                axum::http::Request::post("/api/v1/sync/push")
                    .header("authorization", format!("Bearer {member}"))
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(body))
                    .unwrap(),
            )
            .await
        }
    };
    let mut wrong_type = create(team, patrol(&members, "Thôn 2"));
    wrong_type["record"]["team_id"] = json!(team.to_string());
    let mut unknown_kind = create(team, patrol(&members, "Thôn 2"));
    unknown_kind["record"]["body"]["kind"] = json!("party");
    let mut unknown_op = good.clone();
    unknown_op["op"] = json!("merge");
    let cases = [
        (format!("{{\"mutations\": [{good}"), 422, "invalid_json"),
        (
            json!({"mutations": [good, wrong_type]}).to_string(),
            422,
            "invalid_json",
        ),
        (
            json!({"mutations": [good, unknown_kind]}).to_string(),
            422,
            "invalid_json",
        ),
        (
            json!({"mutations": [good, unknown_op]}).to_string(),
            422,
            "invalid_json",
        ),
        (
            json!({"mutations": [good], "extra": 1}).to_string(),
            422,
            "invalid_json",
        ),
        (
            json!({"mutations": vec![good.clone(); 501]}).to_string(),
            413,
            "batch_too_large",
        ),
        ("x".repeat(5 * 1024 * 1024), 413, "payload_too_large"),
    ];
    for (body, status, code) in cases {
        let r = send(body).await;
        assert_eq!(r.status.as_u16(), status, "{}", r.body);
        assert_eq!(r.json()["code"], code, "{}", r.body);
    }
    let no_type = app
        .send(
            axum::http::Request::post("/api/v1/sync/push")
                .header("authorization", format!("Bearer {member}"))
                .body(axum::body::Body::from(
                    json!({"mutations": [good]}).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(no_type.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let anonymous = app
        .post_json(
            "/api/v1/sync/push",
            &json!({"mutations": [good]}).to_string(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(team_records(&app, &member, team).await, before);
}

async fn a_stale_edit_is_a_conflict_with_the_servers_version(app: TestApp) {
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    // One body, its times read from the clock once: the edits differ in the area only,
    // however the minutes turn while the test runs.
    let body = patrol(&members, "Thôn 1");
    let made = create(team, body.clone());
    let record_id = made["record"]["id"].as_str().unwrap().to_owned();
    let edit = |area: &str, version: i64| {
        let mut changed = body.clone();
        changed["data"]["area"] = json!(area);
        json!({"op": "update", "id": id(), "record_id": record_id,
            "change": {"version": version, "body": changed}})
    };
    let first = edit("Thôn 1, sửa trên điện thoại A", 1);
    let r = push(&app, &member, &[made, first.clone()]).await;
    assert_eq!(statuses(&r), ["applied", "applied"]);
    assert_eq!(r.json()["results"][1]["record"]["version"], 2);

    // Phone B edited the version-1 copy while offline.
    let stale = edit("Thôn 1, sửa trên điện thoại B", 1);
    let r = push(&app, &member, &[stale, first]).await;
    assert_eq!(statuses(&r), ["conflict", "already_applied"]);
    let conflict = &r.json()["results"][0];
    assert_eq!(conflict["error"]["code"], "conflict");
    assert_eq!(conflict["record"]["version"], 2);
    assert_eq!(
        conflict["record"]["body"]["data"]["area"], "Thôn 1, sửa trên điện thoại A",
        "the server's version comes back for the author to choose"
    );
    assert_eq!(
        conflict["differences"],
        json!([{"label": "Địa bàn, tuyến tuần tra",
            "mine": "Thôn 1, sửa trên điện thoại B", "theirs": "Thôn 1, sửa trên điện thoại A"}]),
        "what differs, worded as the record screen words it"
    );
    // The app's language cookie words them in English.
    let english = app
        .send(
            axum::http::Request::post("/api/v1/sync/push")
                .header("authorization", format!("Bearer {member}"))
                .header("content-type", "application/json")
                .header("cookie", "lang=en")
                .body(axum::body::Body::from(
                    json!({"mutations": [edit("Thôn 1, sửa trên điện thoại C", 1)]}).to_string(),
                ))
                .unwrap(),
        )
        .await;
    assert_eq!(
        english.json()["results"][0]["differences"][0]["label"],
        "Area or route"
    );

    let stale_delete = json!({"op": "delete", "id": id(), "record_id": record_id, "version": 1});
    assert_eq!(
        statuses(&push(&app, &member, &[stale_delete]).await),
        ["conflict"]
    );
    let delete = json!({"op": "delete", "id": id(), "record_id": record_id, "version": 2});
    let r = push(&app, &member, std::slice::from_ref(&delete)).await;
    assert_eq!(statuses(&r), ["applied"]);
    assert!(r.json()["results"][0].get("record").is_none(), "deleted");
    assert_eq!(
        statuses(&push(&app, &member, &[delete]).await),
        ["already_applied"]
    );
    let teammate = app.token(TEAMMATE).await;
    let not_theirs = json!({"op": "update", "id": id(), "record_id": record_id,
        "change": {"version": 3, "body": patrol(&members, "x")}});
    let r = push(&app, &teammate, &[not_theirs]).await;
    assert_eq!(statuses(&r), ["rejected"]);
}

async fn a_pull_returns_each_change_once_in_order(app: TestApp) {
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let path = |since: i64, limit: i64| {
        format!("/api/v1/teams/{team}/changes?since={since}&limit={limit}")
    };
    // Everything so far, in pages.
    let mut cursor = 0;
    let mut seen = std::collections::HashSet::new();
    loop {
        let page = app.get(&path(cursor, 7), Some(&member)).await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        let page = page.json();
        for c in page["changes"].as_array().unwrap() {
            assert!(c["seq"].as_i64().unwrap() > cursor);
            assert!(seen.insert(c["id"].as_str().unwrap().to_owned()), "once");
        }
        cursor = page["cursor"].as_i64().unwrap();
        if !page["more"].as_bool().unwrap() {
            break;
        }
    }
    assert_eq!(seen.len(), team_records(&app, &member, team).await);

    let (a, b) = (
        create(team, patrol(&members, "Thôn 1")),
        create(team, patrol(&members, "Thôn 2")),
    );
    assert_eq!(
        statuses(&push(&app, &member, &[a.clone(), b.clone()]).await),
        ["applied", "applied"]
    );
    let a_id = a["record"]["id"].as_str().unwrap();
    let delete = json!({"op": "delete", "id": id(), "record_id": a_id, "version": 1});
    assert_eq!(statuses(&push(&app, &member, &[delete]).await), ["applied"]);
    let page = app.get(&path(cursor, 100), Some(&member)).await.json();
    let changes = page["changes"].as_array().unwrap();
    // A's creation and deletion are one change now: its latest state, a tombstone.
    assert_eq!(changes.len(), 2, "{page}");
    assert_eq!(changes[0]["id"], b["record"]["id"]);
    assert_eq!(changes[0]["record"]["body"]["data"]["area"], "Thôn 2");
    assert_eq!(changes[1]["id"], a_id);
    assert_eq!(changes[1]["deleted"], true);
    assert!(changes[1].get("record").is_none());
    let cursor = page["cursor"].as_i64().unwrap();
    assert_eq!(
        app.get(&path(cursor, 100), Some(&member)).await.json()["changes"],
        json!([])
    );

    // A new photo is a change of its record.
    let b_id = b["record"]["id"].as_str().unwrap();
    let jpeg = [
        0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, b'J', b'F', b'I', b'F', 0, 1, 0xFF, 0xD9,
    ];
    let photo = app
        .send(
            axum::http::Request::put(format!("/api/v1/records/{b_id}/photos/{}", id()))
                .header("authorization", format!("Bearer {member}"))
                .header("content-type", "image/jpeg")
                .body(axum::body::Body::from(jpeg.to_vec()))
                .unwrap(),
        )
        .await;
    assert_eq!(photo.status, StatusCode::CREATED, "{}", photo.body);
    let page = app.get(&path(cursor, 100), Some(&member)).await.json();
    assert_eq!(page["changes"][0]["id"], b_id);
    assert_eq!(
        page["changes"][0]["record"]["photos"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // Who may pull: the team and its commune police, nobody else.
    let police = app.token(COMMUNE_POLICE).await;
    assert_eq!(
        app.get(&path(0, 1), Some(&police)).await.status,
        StatusCode::OK
    );
    let other = app.token(OTHER_TEAM_MEMBER).await;
    let refused = app.get(&path(0, 1), Some(&other)).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(refused.json()["code"], "forbidden");
    assert_eq!(
        app.get(&path(0, 1), None).await.status,
        StatusCode::UNAUTHORIZED
    );
    let bad = app
        .get(
            &format!("/api/v1/teams/{team}/changes?since=abc"),
            Some(&member),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}

/// The same batch arriving twice at once (a retry overtaking a slow answer, or two
/// servers behind a load balancer): one copy, and neither push reports a failure.
async fn two_phones_racing_the_same_batch_store_one_copy(app: TestApp) {
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let before = team_records(&app, &member, team).await;
    let made = create(team, patrol(&members, "Thôn 1"));
    let record_id = made["record"]["id"].as_str().unwrap().to_owned();
    let edit = json!({"op": "update", "id": id(), "record_id": record_id,
        "change": {"version": 1, "body": patrol(&members, "Thôn 1, đã sửa")}});
    let batch: Vec<Value> = (0..20)
        .map(|i| create(team, patrol(&members, &format!("Xóm {i}"))))
        .chain([made, edit])
        .collect();
    for _ in 0..3 {
        let (a, b) = tokio::join!(push(&app, &member, &batch), push(&app, &member, &batch));
        for reply in [a, b] {
            for status in statuses(&reply) {
                assert!(
                    status == "applied" || status == "already_applied",
                    "{status}: {}",
                    reply.body
                );
            }
        }
    }
    assert_eq!(team_records(&app, &member, team).await, before + 21);
    let r = app
        .get(&format!("/api/v1/records/{record_id}"), Some(&member))
        .await
        .json();
    assert_eq!(r["version"], 2, "the edit applied once");
}
