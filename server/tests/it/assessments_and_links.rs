//! Two rules that cross records and roles: only the commune police of the tip's commune
//! assess a tip, and a patrol links only to its own team's incidents.

use crate::common;

use common::ago;

use axum::http::StatusCode;
use common::{Reply, TestApp};
use serde_json::{json, Value};

const MEMBER: &str = "0910101003";
const LEADER: &str = "0910101001";
const COMMUNE_POLICE: &str = "0900000003";
const OTHER_COMMUNE_POLICE: &str = "0900000004";
const OTHER_TEAM_LEADER: &str = "0910102002";

async fn log(app: &TestApp, token: &str, team: i64, body: Value) -> Reply {
    let id = uuid::Uuid::new_v4().to_string();
    app.create_record(token, &json!({"id": id, "team_id": team, "body": body}))
        .await
}

fn tip(assessment: Option<Value>) -> Value {
    let mut data = json!({"received_at": ago(3), "channel": "phone_call", "category": "drugs",
        "content": "Có người lạ tụ tập ở bãi sông", "forwarded_at": ago(2)});
    if let Some(a) = assessment {
        data["assessment"] = a;
    }
    json!({"kind": "tip_off", "data": data})
}

fn incident() -> Value {
    json!({"kind": "incident", "data": {"category": "theft", "occurred_at": ago(4), "location": "Chợ",
        "lat": null, "lon": null, "learned_at": ago(4), "presence": {"presence": "not_present"},
        "mobilised": false, "actions": [], "outcome": ""}})
}

fn patrol(member: i64, incidents: &[&str]) -> Value {
    json!({"kind": "patrol", "data": {"started_at": ago(5), "ended_at": ago(2), "participants": [member],
        "area": "Đường liên thôn", "observations": "", "mobilised": false, "track": [],
        "incidents": incidents}})
}

#[tokio::test]
async fn only_the_tips_commune_police_assess_it_and_a_member_cannot_forge_it() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;

    // A member cannot log a tip that arrives already assessed.
    let forged = log(
        &app,
        &member,
        team,
        tip(Some(json!({"valuable": true, "outcome": "x"}))),
    )
    .await;
    assert_eq!(
        forged.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        forged.body
    );
    assert_eq!(forged.json()["field"], "assessment");
    assert_eq!(forged.json()["code"], "assessment_by_police_only");

    let logged = log(&app, &member, team, tip(None)).await;
    assert_eq!(logged.status, StatusCode::CREATED, "{}", logged.body);
    let id = logged.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(logged.json()["can_assess"], false);
    let path = format!("/api/v1/records/{id}/assessment");
    let assessment =
        json!({"version": 1, "valuable": true, "outcome": "Đã xác minh, bắt quả tang"});

    for who in [MEMBER, LEADER, OTHER_COMMUNE_POLICE, OTHER_TEAM_LEADER] {
        let token = app.token(who).await;
        let r = app.send_as("PUT", &path, &token, Some(&assessment)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}: {}", r.body);
        assert_eq!(r.json()["code"], "forbidden");
    }
    let police = app.token(COMMUNE_POLICE).await;
    let read = app
        .send_as("GET", &format!("/api/v1/records/{id}"), &police, None)
        .await;
    assert_eq!(read.json()["can_assess"], true);
    for bad in [
        json!({"version": 1}),
        json!({"version": 1, "valuable": "yes"}),
        json!([]),
    ] {
        let r = app.send_as("PUT", &path, &police, Some(&bad)).await;
        assert!(r.status.is_client_error(), "{bad}: {}", r.status);
        assert!(r.json()["code"].is_string());
    }
    let r = app.send_as("PUT", &path, &police, Some(&assessment)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["body"]["data"]["assessment"]["valuable"], true);
    assert_eq!(r.json()["version"], 2);
    // From a stale read it is a conflict, not a silent overwrite.
    let stale = app.send_as("PUT", &path, &police, Some(&assessment)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT);

    // The member's later edit may not change it, and keeping it is fine.
    let mut changed = tip(Some(json!({"valuable": false, "outcome": ""})));
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{id}"),
            &member,
            Some(&json!({"version": 2, "body": changed})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    changed["data"]["assessment"] =
        json!({"valuable": true, "outcome": "Đã xác minh, bắt quả tang"});
    changed["data"]["content"] = json!("Có người lạ tụ tập ở bãi sông lúc nửa đêm");
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{id}"),
            &member,
            Some(&json!({"version": 2, "body": changed})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // Assessing anything but a tip is refused.
    let inc = log(&app, &member, team, incident()).await.json();
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{}/assessment", inc["id"].as_str().unwrap()),
            &police,
            Some(&assessment),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["code"], "only_tips_are_assessed");
}

#[tokio::test]
async fn a_patrol_links_only_to_its_own_teams_live_incidents() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let own = log(&app, &member, team, incident()).await.json();
    let own_id = own["id"].as_str().unwrap().to_owned();

    let other = app.token(OTHER_TEAM_LEADER).await;
    let (other_team, _) = app.team_of(&other).await;
    let theirs = log(&app, &other, other_team, incident()).await.json();
    let their_id = theirs["id"].as_str().unwrap().to_owned();
    let a_patrol = log(&app, &member, team, patrol(members[0], &[]))
        .await
        .json();
    let patrol_id = a_patrol["id"].as_str().unwrap().to_owned();

    for bad in [their_id.as_str(), patrol_id.as_str(), "no-such-record"] {
        let r = log(&app, &member, team, patrol(members[0], &[&own_id, bad])).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{bad}: {}",
            r.body
        );
        assert_eq!(r.json()["field"], "incidents");
        assert_eq!(r.json()["code"], "invalid_link");
    }
    let r = log(&app, &member, team, patrol(members[0], &[&own_id])).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["body"]["data"]["incidents"], json!([own_id]));

    // A deleted incident can no longer be linked.
    let del = app
        .send_as(
            "DELETE",
            &format!("/api/v1/records/{own_id}?version=1"),
            &member,
            None,
        )
        .await;
    assert!(del.status.is_success(), "{}", del.body);
    let r = log(&app, &member, team, patrol(members[0], &[&own_id])).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}
