//! A unit's police accounts (issue 18, point 5): the province's police give a commune its
//! police sign-ins, with a first password that must be changed; a new password ends the
//! sessions, a role taken back ends them too; an admin keeps a province's. Everyone else
//! is refused, and the unit's history says who changed what.

use crate::common::TestApp;
use axum::http::StatusCode;
use serde_json::json;

on_both!(
    the_province_police_give_a_commune_its_police_sign_ins,
    only_those_who_keep_the_unit_keep_its_police,
);

const ADMIN: &str = "0900000001";
const PROVINCE_POLICE: &str = "0900000002";
const COMMUNE_POLICE: &str = "0900000003"; // Xã Quảng Trạch
const LEADER: &str = "0910101001";

async fn the_province_police_give_a_commune_its_police_sign_ins(app: TestApp) {
    let (_, qt, dh) = app.demo_communes().await;
    let pp = app.token(PROVINCE_POLICE).await;
    let path = format!("/api/v1/units/{qt}/police");
    let before = app.get(&path, Some(&pp)).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    let demo = before.json()["accounts"].as_array().unwrap().len();
    assert!(demo >= 1, "the demo's commune police");
    assert_eq!(before.json()["can_keep"], true);

    // Refused on the field, nothing added: no name, a phone that is not one.
    let r = app
        .send_as(
            "POST",
            &path,
            &pp,
            Some(&json!({"phone": "0987 000 111", "full_name": "  "})),
        )
        .await;
    crate::common::assert_field_error(&r, "full_name", "required", "no name");
    let r = app
        .send_as(
            "POST",
            &path,
            &pp,
            Some(&json!({"phone": "12ab", "full_name": "Đại úy Lê Văn Tâm"})),
        )
        .await;
    assert_eq!(
        (r.status, r.json()["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("phone"))
    );

    let r = app
        .send_as(
            "POST",
            &path,
            &pp,
            Some(&json!({"phone": "0987 000 111", "full_name": " Đại úy  Lê Văn Tâm "})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let added = r.json();
    let user_id = added["account"]["user_id"].as_i64().unwrap();
    assert_eq!(added["account"]["full_name"], "Đại úy Lê Văn Tâm");
    assert_eq!(added["account"]["phone"], "0987000111");
    assert_eq!(added["account"]["must_change_password"], true);
    let password = added["password"]["password"].as_str().unwrap().to_owned();
    let listed = app.get(&path, Some(&pp)).await.json();
    assert_eq!(listed["accounts"].as_array().unwrap().len(), demo + 1);

    // The same phone twice is refused; another commune may have the same person.
    let again = app
        .send_as(
            "POST",
            &path,
            &pp,
            Some(&json!({"phone": "0987000111", "full_name": "Lê Văn Tâm"})),
        )
        .await;
    crate::common::assert_field_error(&again, "phone", "already_police_here", "twice");
    let elsewhere = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{dh}/police"),
            &pp,
            Some(&json!({"phone": "0987000111", "full_name": "Lê Văn Tâm"})),
        )
        .await;
    assert_eq!(elsewhere.status, StatusCode::CREATED, "{}", elsewhere.body);
    assert!(
        elsewhere.json()["password"].is_null(),
        "the account keeps its password"
    );

    // The first password signs in and must be changed; then the commune is theirs to read.
    let first = app.sign_in("0987000111", &password).await;
    assert_eq!(first["must_change_password"], true);
    let token = first["token"].as_str().unwrap().to_owned();
    let changed = app
        .send_as(
            "PUT",
            "/api/v1/me/password",
            &token,
            Some(&json!({"current_password": password, "new_password": "mật-khẩu-mới-1"})),
        )
        .await;
    assert!(changed.status.is_success(), "{}", changed.body);
    let own = app.sign_in("0987000111", "mật-khẩu-mới-1").await;
    let token = own["token"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get(&format!("/api/v1/units/{qt}"), Some(&token))
            .await
            .status,
        StatusCode::OK
    );

    // A new first password ends the session; the role taken back ends the next one.
    let reset = app
        .send_as(
            "POST",
            &format!("{path}/{user_id}/password"),
            &pp,
            Some(&json!({})),
        )
        .await;
    assert_eq!(reset.status, StatusCode::OK, "{}", reset.body);
    let second = reset.json()["password"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get(&format!("/api/v1/units/{qt}"), Some(&token))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let again = app.sign_in("0987000111", &second).await;
    assert_eq!(again["must_change_password"], true);
    let removed = app
        .send_as("DELETE", &format!("{path}/{user_id}"), &pp, None)
        .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);
    let token = again["token"].as_str().unwrap();
    assert_eq!(
        app.get(&format!("/api/v1/units/{qt}"), Some(token))
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    let gone = app
        .send_as("DELETE", &format!("{path}/{user_id}"), &pp, None)
        .await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&path, Some(&pp)).await.json()["accounts"]
            .as_array()
            .unwrap()
            .len(),
        demo
    );

    // The commune's history says who was added, reset and taken back.
    let history = app
        .get(&format!("/api/v1/units/{qt}/history"), Some(&pp))
        .await
        .json();
    let fields: Vec<String> = history
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["changes"].as_array().unwrap().clone())
        .map(|f| {
            format!(
                "{}={}",
                f["field"].as_str().unwrap(),
                f["after"].as_str().unwrap_or("")
            )
        })
        .collect();
    for event in ["police_added", "police_password_reset", "police_removed"] {
        assert!(
            fields.contains(&format!("{event}=Đại úy Lê Văn Tâm · 0987000111")),
            "{event}: {fields:?}"
        );
    }
}

async fn only_those_who_keep_the_unit_keep_its_police(app: TestApp) {
    let (province, qt, _) = app.demo_communes().await;
    let body = json!({"phone": "0987000222", "full_name": "Trung úy Phạm Hà"});
    let qt_path = format!("/api/v1/units/{qt}/police");

    // The commune's own police read the list but do not give their role to others.
    let cp = app.token(COMMUNE_POLICE).await;
    let own = app.get(&qt_path, Some(&cp)).await;
    assert_eq!(own.status, StatusCode::OK);
    assert_eq!(own.json()["can_keep"], false);
    let me = own.json()["accounts"][0]["user_id"].as_i64().unwrap();
    for (method, path, with) in [
        ("POST", qt_path.clone(), Some(&body)),
        ("POST", format!("{qt_path}/{me}/password"), Some(&json!({}))),
        ("DELETE", format!("{qt_path}/{me}"), None),
    ] {
        let r = app.send_as(method, &path, &cp, with).await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{method} {path}: {}",
            r.body
        );
    }
    // A leader reads nothing of it; nobody unsigned does.
    let leader = app.token(LEADER).await;
    assert_eq!(
        app.get(&qt_path, Some(&leader)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = app.send_as("POST", &qt_path, &leader, Some(&body)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&qt_path, None).await.status,
        StatusCode::UNAUTHORIZED
    );

    // A province's police are an admin's to keep, not its own police's.
    let pp = app.token(PROVINCE_POLICE).await;
    let province_path = format!("/api/v1/units/{province}/police");
    let r = app.send_as("POST", &province_path, &pp, Some(&body)).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let admin = app.token(ADMIN).await;
    let r = app
        .send_as("POST", &province_path, &admin, Some(&body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // The province police cannot reset an admin's password by way of a commune.
    let admin_id = app.store.user_by_phone(ADMIN).await.unwrap().unwrap().id;
    let r = app
        .send_as(
            "POST",
            &qt_path,
            &admin,
            Some(&json!({"phone": ADMIN, "full_name": "Quản trị"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app
        .send_as(
            "POST",
            &format!("{qt_path}/{admin_id}/password"),
            &pp,
            Some(&json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);

    // A village has no police.
    let village = app.store.child_units(qt).await.unwrap()[0].id;
    let r = app
        .get(&format!("/api/v1/units/{village}/police"), Some(&pp))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}
