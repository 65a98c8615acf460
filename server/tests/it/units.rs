//! The places a commune or province keeps (issue 18): villages added, renamed, retired
//! and restored with their dates and history, through the JSON API and the server
//! functions, and every refusal.

use crate::common::{self, TestApp};
use axum::http::StatusCode;
use serde_json::{json, Value};

on_both!(
    the_commune_police_keep_their_villages_with_dates_and_a_history,
    a_bad_village_is_explained_on_its_field_and_nothing_is_written,
    only_the_police_above_a_place_may_keep_it,
    the_screen_adds_and_edits_through_its_server_functions,
);

const COMMUNE_POLICE: &str = "0900000003"; // Xã Quảng Trạch
const OTHER_COMMUNE_POLICE: &str = "0900000004"; // Phường Đông Hà
const PROVINCE_POLICE: &str = "0900000002";
const LEADER: &str = "0910101001"; // a team of Xã Quảng Trạch
const ADMIN: &str = "0900000001";

fn village(name: &str, from: &str) -> Value {
    json!({"kind": "village", "name": name, "valid_from": from})
}

async fn children(app: &TestApp, token: &str, unit: i64) -> Value {
    let r = app
        .get(&format!("/api/v1/units/{unit}/children"), Some(token))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn the_commune_police_keep_their_villages_with_dates_and_a_history(app: TestApp) {
    let (_, commune, _) = app.demo_communes().await;
    let token = app.token(COMMUNE_POLICE).await;
    let before = children(&app, &token, commune).await;
    assert_eq!(before["child_kind"], "village");
    assert_eq!(before["can_add"], true);
    assert_eq!(
        before["unit"]["can_manage"], false,
        "the commune's own name is the province's"
    );
    let demo_villages = before["children"].as_array().unwrap().len();
    assert!(demo_villages > 0);

    let added = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{commune}/children"),
            &token,
            Some(&village("  Thôn   Mới ", "2026-01-01")),
        )
        .await;
    assert_eq!(added.status, StatusCode::CREATED, "{}", added.body);
    let v = added.json();
    let id = v["id"].as_i64().unwrap();
    assert_eq!(v["name"], "Thôn Mới", "spaces tidied");
    assert_eq!(
        (
            v["parent_id"].as_i64(),
            v["active"].as_bool(),
            v["can_manage"].as_bool()
        ),
        (Some(commune), Some(true), Some(true))
    );
    let listed = children(&app, &token, commune).await;
    assert_eq!(
        listed["children"].as_array().unwrap().len(),
        demo_villages + 1
    );

    // Renamed, then retired after its last day, then restored: three more entries.
    let edit =
        |name: &str, to: Value| json!({"name": name, "valid_from": "2026-01-01", "valid_to": to});
    let path = format!("/api/v1/units/{id}");
    let renamed = app
        .send_as(
            "PUT",
            &path,
            &token,
            Some(&edit("Thôn Mới Đông", Value::Null)),
        )
        .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    assert_eq!(renamed.json()["name"], "Thôn Mới Đông");
    let retired = app
        .send_as(
            "PUT",
            &path,
            &token,
            Some(&edit("Thôn Mới Đông", json!("2026-01-31"))),
        )
        .await;
    assert_eq!(retired.status, StatusCode::OK, "{}", retired.body);
    assert_eq!(retired.json()["active"], false);
    assert_eq!(retired.json()["valid_to"], "2026-01-31");
    let listed = children(&app, &token, commune).await;
    let last = listed["children"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(
        last["id"].as_i64(),
        Some(id),
        "a retired place is listed after the current ones"
    );
    // Saving the form as it is changes nothing and notes nothing.
    let same = app
        .send_as(
            "PUT",
            &path,
            &token,
            Some(&edit("Thôn Mới Đông", json!("2026-01-31"))),
        )
        .await;
    assert_eq!(same.status, StatusCode::OK);
    let restored = app
        .send_as(
            "PUT",
            &path,
            &token,
            Some(&edit("Thôn Mới Đông", Value::Null)),
        )
        .await;
    assert_eq!(restored.json()["active"], true);

    let history = app
        .get(&format!("/api/v1/units/{id}/history"), Some(&token))
        .await;
    assert_eq!(history.status, StatusCode::OK, "{}", history.body);
    let h = history.json();
    let h = h.as_array().unwrap();
    assert_eq!(h.len(), 4, "created, renamed, retired, restored: {h:?}");
    assert_eq!(h[3]["action"], "created");
    assert_eq!(h[3]["by"], "Thượng úy Trần Quốc Việt");
    assert_eq!(
        h[3]["changes"][0],
        json!({"field": "name", "before": null, "after": "Thôn Mới"})
    );
    assert_eq!(
        h[2]["changes"],
        json!([{"field": "name", "before": "Thôn Mới", "after": "Thôn Mới Đông"}])
    );
    assert_eq!(
        h[1]["changes"],
        json!([{"field": "valid_to", "before": null, "after": "2026-01-31"}])
    );
    assert_eq!(
        h[0]["changes"],
        json!([{"field": "valid_to", "before": "2026-01-31", "after": null}])
    );

    // A retired name may be used again by a place that begins after it ended.
    let reused = app
        .send_as(
            "PUT",
            &path,
            &token,
            Some(&edit("Thôn Mới Đông", json!("2026-01-31"))),
        )
        .await;
    assert_eq!(reused.status, StatusCode::OK);
    let again = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{commune}/children"),
            &token,
            Some(&village("Thôn Mới Đông", "2026-02-01")),
        )
        .await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
}

async fn a_bad_village_is_explained_on_its_field_and_nothing_is_written(app: TestApp) {
    let (_, commune, _) = app.demo_communes().await;
    let token = app.token(COMMUNE_POLICE).await;
    let existing = children(&app, &token, commune).await["children"][0].clone();
    let existing_name = existing["name"].as_str().unwrap().to_uppercase();
    let add = format!("/api/v1/units/{commune}/children");
    let cases = [
        (village("   ", "2026-01-01"), "name", "required"),
        (village(&"x".repeat(121), "2026-01-01"), "name", "too_long"),
        (village(&existing_name, "2026-01-01"), "name", "name_taken"),
        (
            json!({"kind": "village", "name": "Thôn Lùi", "valid_from": "2026-01-01", "valid_to": "2025-12-31"}),
            "valid_to",
            "last_day_before_first",
        ),
        (
            json!({"kind": "commune", "name": "Xã Con", "valid_from": "2026-01-01"}),
            "kind",
            "unit_kind_not_allowed",
        ),
    ];
    for (body, field, code) in cases {
        let r = app.send_as("POST", &add, &token, Some(&body)).await;
        common::assert_field_error(&r, field, code, &body.to_string());
    }
    let not_a_date = app
        .send_as(
            "POST",
            &add,
            &token,
            Some(&json!({"kind": "village", "name": "Thôn A", "valid_from": "01/01/2026"})),
        )
        .await;
    assert_eq!(not_a_date.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(not_a_date.json()["code"], "invalid_json");
    let extra = app
        .send_as("POST", &add, &token, Some(&json!({"kind": "village", "name": "Thôn A", "valid_from": "2026-01-01", "code": "X"})))
        .await;
    assert_eq!(
        extra.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "unknown fields are refused"
    );
    assert_eq!(extra.json()["code"], "invalid_json");
    // Renaming a place to its neighbour's name is refused the same way.
    let second = children(&app, &token, commune).await["children"][1].clone();
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/units/{}", second["id"]),
            &token,
            Some(&json!({"name": existing["name"], "valid_from": second["valid_from"]})),
        )
        .await;
    assert_eq!(r.json()["code"], "name_taken");
    let after = children(&app, &token, commune).await;
    assert_eq!(
        after["children"][1]["name"], second["name"],
        "nothing was written"
    );
    let none = app
        .get(
            &format!("/api/v1/units/{}/history", second["id"]),
            Some(&token),
        )
        .await;
    assert_eq!(
        none.json(),
        json!([]),
        "the demo's places have no change yet"
    );
}

async fn only_the_police_above_a_place_may_keep_it(app: TestApp) {
    let (province, commune, other) = app.demo_communes().await;
    let mine = children(&app, &app.token(COMMUNE_POLICE).await, commune).await["children"][0]["id"]
        .as_i64()
        .unwrap();
    let add = |unit: i64| format!("/api/v1/units/{unit}/children");
    let commune_body = json!({"kind": "commune", "name": "Xã Mới", "valid_from": "2026-01-01"});
    let edit = json!({"name": "Tên Khác", "valid_from": "2025-07-01"});
    // (who, method, path, body, status)
    let forbidden = StatusCode::FORBIDDEN;
    let cases: Vec<common::Ask> = vec![
        (
            OTHER_COMMUNE_POLICE,
            "POST",
            add(commune),
            Some(village("Thôn Lạ", "2026-01-01")),
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "PUT",
            format!("/api/v1/units/{mine}"),
            Some(edit.clone()),
            forbidden,
        ),
        (OTHER_COMMUNE_POLICE, "GET", add(commune), None, forbidden),
        (
            OTHER_COMMUNE_POLICE,
            "GET",
            format!("/api/v1/units/{mine}/history"),
            None,
            forbidden,
        ),
        (
            COMMUNE_POLICE,
            "POST",
            add(province),
            Some(commune_body.clone()),
            forbidden,
        ),
        (
            COMMUNE_POLICE,
            "PUT",
            format!("/api/v1/units/{commune}"),
            Some(edit.clone()),
            forbidden,
        ),
        (LEADER, "GET", add(commune), None, forbidden),
        (
            LEADER,
            "POST",
            add(commune),
            Some(village("Thôn Tổ", "2026-01-01")),
            forbidden,
        ),
        (
            LEADER,
            "PUT",
            format!("/api/v1/units/{mine}"),
            Some(edit.clone()),
            forbidden,
        ),
        (
            PROVINCE_POLICE,
            "PUT",
            format!("/api/v1/units/{province}"),
            Some(edit.clone()),
            forbidden,
        ),
        (
            COMMUNE_POLICE,
            "POST",
            add(999_999),
            Some(village("Thôn Ma", "2026-01-01")),
            StatusCode::NOT_FOUND,
        ),
        (
            COMMUNE_POLICE,
            "PUT",
            "/api/v1/units/999999".into(),
            Some(edit.clone()),
            StatusCode::NOT_FOUND,
        ),
        // Allowed: the province police keep the communes and villages of their province.
        (
            PROVINCE_POLICE,
            "POST",
            add(province),
            Some(commune_body),
            StatusCode::CREATED,
        ),
        (
            PROVINCE_POLICE,
            "PUT",
            format!("/api/v1/units/{other}"),
            Some(json!({"name": "Phường Đông Hà", "valid_from": "2025-07-01"})),
            StatusCode::OK,
        ),
        (
            ADMIN,
            "PUT",
            format!("/api/v1/units/{province}"),
            Some(json!({"name": "Tỉnh Quảng Trị", "valid_from": "2025-07-01"})),
            StatusCode::OK,
        ),
    ];
    app.assert_answers(cases).await;
    let r = app.get(&add(commune), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let still = app.store.org_unit(mine).await.unwrap().unwrap();
    assert_ne!(still.name, "Tên Khác", "no refused edit was written");
    assert!(app
        .store
        .history_of(app::domain::history::Subject::Unit, mine)
        .await
        .unwrap()
        .is_empty());
}

async fn the_screen_adds_and_edits_through_its_server_functions(app: TestApp) {
    let (_, commune, _) = app.demo_communes().await;
    let cookie = format!("antt_session={}", app.token(COMMUNE_POLICE).await);
    let added = app
        .post_form(
            "/api/units/add",
            &format!("parent_id={commune}&kind=village&name=T%E1%BB%95+d%C3%A2n+ph%E1%BB%91+9&valid_from=2026-03-01&valid_to="),
            Some(&cookie),
        )
        .await;
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    let id = added.json()["id"].as_i64().unwrap();
    assert_eq!(added.json()["name"], "Tổ dân phố 9");
    let bad = app
        .post_form(
            "/api/units/edit",
            &format!("id={id}&name=T%E1%BB%95&valid_from=2026-13-01"),
            Some(&cookie),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(
        (bad.json()["field"].as_str(), bad.json()["code"].as_str()),
        (Some("valid_from"), Some("invalid_date"))
    );
    let retired = app
        .post_form("/api/units/edit", &format!("id={id}&name=T%E1%BB%95+d%C3%A2n+ph%E1%BB%91+9&valid_from=2026-03-01&valid_to=2026-03-02"), Some(&cookie))
        .await;
    assert_eq!(retired.status, StatusCode::OK, "{}", retired.body);
    assert_eq!(retired.json()["valid_to"], "2026-03-02");
    let history = app
        .read_fn("/api/units/history", &format!("id={id}"), Some(&cookie))
        .await;
    assert_eq!(history.json().as_array().unwrap().len(), 2);
    // Another commune's officer is refused at this door too.
    let other = format!("antt_session={}", app.token(OTHER_COMMUNE_POLICE).await);
    for (path, form) in [
        (
            "/api/units/add",
            format!("parent_id={commune}&kind=village&name=X&valid_from=2026-03-01"),
        ),
        (
            "/api/units/edit",
            format!("id={id}&name=X&valid_from=2026-03-01"),
        ),
    ] {
        let r = app.post_form(path, &form, Some(&other)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}: {}", r.body);
    }
    let r = app
        .read_fn(
            "/api/units/children",
            &format!("id={commune}"),
            Some(&other),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}
