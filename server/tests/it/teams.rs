//! A commune's teams as its police keep them (issue 18): founded over its villages with a
//! kind, a quota and a decision, edited, with a history; each rule and each refusal.

use crate::common::{self, TestApp};
use axum::http::StatusCode;
use serde_json::{json, Value};

on_both!(
    the_commune_police_found_a_team_over_new_villages_and_edit_it,
    a_bad_team_is_explained_on_its_field_and_nothing_is_written,
    only_the_police_above_a_team_keep_its_settings,
    the_commune_s_team_list_says_what_each_team_lacks,
);

const COMMUNE_POLICE: &str = "0900000003"; // Xã Quảng Trạch
const OTHER_COMMUNE_POLICE: &str = "0900000004"; // Phường Đông Hà
const PROVINCE_POLICE: &str = "0900000002";
const LEADER: &str = "0910101001"; // a team of Xã Quảng Trạch
const MEMBER: &str = "0910101003"; // the same team

/// The demo's two communes: (Quảng Trạch, Đông Hà).
async fn communes(app: &TestApp) -> (i64, i64) {
    let (_, qt, dh) = app.demo_communes().await;
    (qt, dh)
}

async fn new_village(app: &TestApp, token: &str, commune: i64, name: &str) -> i64 {
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{commune}/children"),
            token,
            Some(&json!({"kind": "village", "name": name, "valid_from": "2025-07-01"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.json()["id"].as_i64().unwrap()
}

fn team(name: &str, villages: &[i64]) -> Value {
    json!({
        "name": name,
        "kind": "security_order",
        "member_quota": 5,
        "operating_since": "2026-01-01",
        "village_ids": villages,
        "decision_no": " 15/QĐ-UBND ",
        "decided_on": "2025-12-20",
    })
}

async fn the_commune_police_found_a_team_over_new_villages_and_edit_it(app: TestApp) {
    let (commune, _) = communes(&app).await;
    let token = app.token(COMMUNE_POLICE).await;
    let east = new_village(&app, &token, commune, "Thôn An Mới").await;
    let west = new_village(&app, &token, commune, "Thôn Bình Mới").await;
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{commune}/teams"),
            &token,
            Some(&team("Tổ bảo vệ ANTT thôn An Bình", &[west, east])),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let t = r.json();
    let id = t["id"].as_i64().unwrap();
    assert_eq!(t["decision_no"], "15/QĐ-UBND", "spaces tidied");
    assert_eq!(t["villages"], json!(["Thôn An Mới", "Thôn Bình Mới"]));
    assert_eq!(t["decided_on"], "2025-12-20");

    // It is one of the commune's teams, empty so far.
    let unit = app
        .get(&format!("/api/v1/units/{commune}"), Some(&token))
        .await
        .json();
    let listed = unit["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"].as_i64() == Some(id))
        .cloned();
    assert_eq!(listed.expect("listed")["member_count"], 0);
    let read = app.get(&format!("/api/v1/teams/{id}"), Some(&token)).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json()["member_quota"], 5);

    // Edited: a smaller quota and one village; saving it again changes nothing.
    let mut edit = team("Tổ bảo vệ ANTT thôn An Mới", &[east]);
    edit["member_quota"] = json!(4);
    let path = format!("/api/v1/teams/{id}");
    for _ in 0..2 {
        let r = app.send_as("PUT", &path, &token, Some(&edit)).await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        assert_eq!(r.json()["villages"], json!(["Thôn An Mới"]));
    }
    // The village it let go may go to a new team.
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{commune}/teams"),
            &token,
            Some(&team("Tổ bảo vệ ANTT thôn Bình Mới", &[west])),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let h = app
        .get(&format!("/api/v1/teams/{id}/history"), Some(&token))
        .await
        .json();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 2, "{h:?}");
    assert_eq!(h[1]["action"], "created");
    assert_eq!(h[1]["by"], "Thượng úy Trần Quốc Việt");
    let fields: Vec<&str> = h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["name", "member_quota", "villages"]);
    assert_eq!(
        h[0]["changes"][1],
        json!({"field": "member_quota", "before": "5", "after": "4"})
    );
}

async fn a_bad_team_is_explained_on_its_field_and_nothing_is_written(app: TestApp) {
    let (commune, other) = communes(&app).await;
    let token = app.token(COMMUNE_POLICE).await;
    let free = new_village(&app, &token, commune, "Thôn Trống").await;
    let elsewhere = new_village(
        &app,
        &app.token(OTHER_COMMUNE_POLICE).await,
        other,
        "Tổ dân phố 99",
    )
    .await;
    let demo_village = app
        .store
        .child_units(commune)
        .await
        .unwrap()
        .into_iter()
        .find(|v| v.name != "Thôn Trống")
        .unwrap()
        .id;
    let demo_team = app.store.teams_under(commune).await.unwrap()[0]
        .name
        .clone();
    let with = |change: &dyn Fn(&mut Value)| {
        let mut t = team("Tổ mới", &[free]);
        change(&mut t);
        t
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (with(&|t| t["name"] = json!("  ")), "name", "required"),
        (
            with(&|t| t["name"] = json!(demo_team.to_uppercase())),
            "name",
            "name_taken",
        ),
        (
            with(&|t| t["member_quota"] = json!(2)),
            "member_quota",
            "quota_below_minimum",
        ),
        (
            with(&|t| {
                t["kind"] = json!("people_patrol");
                t["member_quota"] = json!(3)
            }),
            "member_quota",
            "quota_below_minimum",
        ),
        (
            with(&|t| t["member_quota"] = json!(51)),
            "member_quota",
            "too_many",
        ),
        (
            with(&|t| t["village_ids"] = json!([])),
            "village_ids",
            "required",
        ),
        (
            with(&|t| t["village_ids"] = json!([elsewhere])),
            "village_ids",
            "village_not_in_commune",
        ),
        (
            with(&|t| t["village_ids"] = json!([commune])),
            "village_ids",
            "village_not_in_commune",
        ),
        (
            with(&|t| t["village_ids"] = json!([free, demo_village])),
            "village_ids",
            "village_taken",
        ),
        (
            with(&|t| t["operating_since"] = json!("2999-01-01")),
            "operating_since",
            "date_in_future",
        ),
        (
            with(&|t| t["decision_no"] = json!("x".repeat(61))),
            "decision_no",
            "too_long",
        ),
    ];
    let add = format!("/api/v1/units/{commune}/teams");
    let before = app.store.teams_under(commune).await.unwrap().len();
    for (body, field, code) in cases {
        let r = app.send_as("POST", &add, &token, Some(&body)).await;
        common::assert_field_error(&r, field, code, &body.to_string());
    }
    assert_eq!(
        app.store.teams_under(commune).await.unwrap().len(),
        before,
        "nothing was written"
    );
    // A team goes under a commune, not a province or a village.
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{free}/teams"),
            &token,
            Some(&team("Tổ lạ", &[free])),
        )
        .await;
    assert_eq!(r.json()["code"], "unit_kind_not_allowed", "{}", r.body);
}

async fn only_the_police_above_a_team_keep_its_settings(app: TestApp) {
    let (commune, other) = communes(&app).await;
    let cp = app.token(COMMUNE_POLICE).await;
    let village = new_village(&app, &cp, commune, "Thôn Riêng").await;
    let own_team = app.team_of(&app.token(LEADER).await).await.0;
    let current = app.store.team(own_team).await.unwrap().unwrap();
    let same = json!({
        "name": current.name,
        "kind": "security_order",
        "member_quota": current.member_quota,
        "operating_since": current.operating_since.to_string(),
        "village_ids": current.village_ids,
    });
    let forbidden = StatusCode::FORBIDDEN;
    let cases: Vec<common::Ask> = vec![
        (
            OTHER_COMMUNE_POLICE,
            "POST",
            format!("/api/v1/units/{commune}/teams"),
            Some(team("Tổ lạ", &[village])),
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "PUT",
            format!("/api/v1/teams/{own_team}"),
            Some(same.clone()),
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "GET",
            format!("/api/v1/teams/{own_team}/history"),
            None,
            forbidden,
        ),
        (
            LEADER,
            "PUT",
            format!("/api/v1/teams/{own_team}"),
            Some(same.clone()),
            forbidden,
        ),
        (
            LEADER,
            "POST",
            format!("/api/v1/units/{commune}/teams"),
            Some(team("Tổ lạ", &[village])),
            forbidden,
        ),
        (
            MEMBER,
            "PUT",
            format!("/api/v1/teams/{own_team}"),
            Some(same.clone()),
            forbidden,
        ),
        (
            COMMUNE_POLICE,
            "POST",
            format!("/api/v1/units/{other}/teams"),
            Some(team("Tổ lạ", &[village])),
            forbidden,
        ),
        (
            COMMUNE_POLICE,
            "PUT",
            "/api/v1/teams/999999".into(),
            Some(same.clone()),
            StatusCode::NOT_FOUND,
        ),
        // Allowed: the team reads its history; the police above it keep it.
        (
            MEMBER,
            "GET",
            format!("/api/v1/teams/{own_team}/history"),
            None,
            StatusCode::OK,
        ),
        (
            PROVINCE_POLICE,
            "PUT",
            format!("/api/v1/teams/{own_team}"),
            Some(same.clone()),
            StatusCode::OK,
        ),
        (
            COMMUNE_POLICE,
            "PUT",
            format!("/api/v1/teams/{own_team}"),
            Some(same),
            StatusCode::OK,
        ),
    ];
    app.assert_answers(cases).await;
    assert_eq!(
        app.store.team(own_team).await.unwrap().unwrap(),
        current,
        "saved as it was: unchanged"
    );
    assert!(app
        .store
        .history_of(app::domain::history::Subject::Team, own_team)
        .await
        .unwrap()
        .is_empty());
}

async fn the_commune_s_team_list_says_what_each_team_lacks(app: TestApp) {
    let (qt, _) = communes(&app).await;
    let cp = app.token(COMMUNE_POLICE).await;
    let village = new_village(&app, &cp, qt, "Thôn Thiếu").await;
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{qt}/teams"),
            &cp,
            Some(&team("Tổ Thiếu", &[village])),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.json()["id"].as_i64().unwrap();
    let card = |unit: &Value| {
        unit["teams"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["id"] == id)
            .cloned()
            .expect("the new team is listed")
    };
    let unit = app
        .get(&format!("/api/v1/units/{qt}"), Some(&cp))
        .await
        .json();
    assert_eq!(card(&unit)["warning"], "Chưa có tổ trưởng (+2)");
    // The demo's first team has a leader and a deputy: neither is said to be missing.
    let first = unit["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] != id)
        .unwrap();
    let said = first["warning"].as_str().unwrap_or_default();
    assert!(
        !said.starts_with("Chưa có tổ trưởng") && !said.starts_with("Chưa có tổ phó"),
        "{said}"
    );

    // In the reader's language, and on the home screen's list as well.
    let english = app
        .send(
            axum::http::Request::get(format!("/api/v1/units/{qt}"))
                .header("authorization", format!("Bearer {cp}"))
                .header("cookie", "lang=en")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .json();
    assert_eq!(card(&english)["warning"], "No leader (+2)");
    let home = app.get("/api/v1/home", Some(&cp)).await.json();
    assert_eq!(
        card(&home["communes"][0])["warning"],
        "Chưa có tổ trưởng (+2)"
    );
}
