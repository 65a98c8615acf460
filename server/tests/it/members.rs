//! A team's members as the commune police keep them (issue 18): added with every roster
//! field and checked against the law, given a sign-in whose first password must be
//! replaced, edited, leaving with a reason, with their history; each refusal.

use crate::common::{self, TestApp};
use axum::http::StatusCode;
use serde_json::{json, Value};

on_both!(
    a_new_member_signs_in_with_the_first_password_and_must_replace_it,
    the_law_s_criteria_are_explained_on_their_field_and_nothing_is_written,
    a_member_who_leaves_loses_their_sessions_and_keeps_their_history,
    only_the_police_above_a_team_keep_its_members,
    a_member_is_replaced_in_one_step_or_not_at_all,
    a_member_moves_to_another_team_from_a_day,
);

const COMMUNE_POLICE: &str = "0900000003"; // Xã Quảng Trạch
const OTHER_COMMUNE_POLICE: &str = "0900000004"; // Phường Đông Hà
const PROVINCE_POLICE: &str = "0900000002";
const LEADER: &str = "0910101001"; // a team of Xã Quảng Trạch
const MEMBER: &str = "0910101003"; // the same team

/// A roster entry that meets every criterion, with the phone given.
fn person(name: &str, phone: &str) -> Value {
    json!({
        "full_name": name,
        "date_of_birth": "1985-03-04",
        "gender": "female",
        "residence": "Thôn Tô Xá",
        "resident_since": "2010-01-01",
        "phone": phone,
        "position": "member",
        "origin": "residential_guard",
        "party_member": true,
        "education": "upper_secondary",
        "appointed_on": "2025-08-01",
        "decision_no": "21/QĐ-UBND",
        "certificate_no": "GCN-0021",
        "certificate_on": "2025-08-15",
        "badge_issued": true,
        "equipment": "Đèn pin, áo mưa",
        "training": "Tập huấn 09/2025",
    })
}

async fn add(app: &TestApp, token: &str, team: i64, member: Value) -> common::Reply {
    app.send_as(
        "POST",
        &format!("/api/v1/teams/{team}/members"),
        token,
        Some(&json!({"member": member, "joined_on": "2025-08-01"})),
    )
    .await
}

async fn a_new_member_signs_in_with_the_first_password_and_must_replace_it(app: TestApp) {
    let cp = app.token(COMMUNE_POLICE).await;
    let (team, before) = app.team_of(&app.token(LEADER).await).await;
    let village = app.store.team(team).await.unwrap().unwrap().village_ids[0];
    let mut entry = person("  Đỗ   Thị Hoa ", "0987 654 321");
    entry["area_id"] = json!(village);
    let r = add(&app, &cp, team, entry).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let added = r.json();
    let id = added["member"]["id"].as_i64().unwrap();
    assert_eq!(
        added["member"]["entry"]["full_name"], "Đỗ Thị Hoa",
        "spaces tidied"
    );
    assert_eq!(
        added["member"]["entry"]["phone"], "0987654321",
        "normalised"
    );
    assert!(added["member"]["area_name"].as_str().is_some());
    assert_eq!(added["member"]["must_change_password"], true);
    assert_eq!(added["account"]["phone"], "0987654321");
    let password = added["account"]["password"].as_str().unwrap().to_owned();
    assert_eq!(password.len(), 10);

    // The team lists them with their area.
    let (_, after) = app.team_of(&app.token(LEADER).await).await;
    assert_eq!(after.len(), before.len() + 1);
    let team_view = app
        .get(&format!("/api/v1/teams/{team}"), Some(&cp))
        .await
        .json();
    let listed = team_view["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"].as_i64() == Some(id))
        .cloned()
        .unwrap();
    assert!(listed["area"].as_str().is_some(), "{listed}");

    // Signed in with the first password, the account holds no role until it is replaced.
    let signed = app.sign_in("0987654321", &password).await;
    assert_eq!(signed["must_change_password"], true);
    let token = signed["token"].as_str().unwrap().to_owned();
    let me = app.get("/api/v1/me", Some(&token)).await.json();
    assert_eq!(me["roles"], json!([]));
    assert_eq!(me["must_change_password"], true);
    let r = app
        .get(&format!("/api/v1/teams/{team}"), Some(&token))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_as(
            "PUT",
            "/api/v1/me/password",
            &token,
            Some(&json!({"current_password": password, "new_password": password})),
        )
        .await;
    common::assert_field_error(&r, "new_password", "password_unchanged", "same password");
    let r = app
        .send_as(
            "PUT",
            "/api/v1/me/password",
            &token,
            Some(&json!({"current_password": password, "new_password": "hoa-tu-dat-1"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let me = app.get("/api/v1/me", Some(&token)).await.json();
    assert_eq!(me["must_change_password"], false);
    assert_eq!(me["roles"][0]["team_id"], team);
    let r = app
        .get(&format!("/api/v1/teams/{team}"), Some(&token))
        .await;
    assert_eq!(r.status, StatusCode::OK);

    // A forgotten password: the police give a new first one, which ends her sessions.
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/members/{id}/password"),
            &cp,
            Some(&json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let again = r.json()["password"].as_str().unwrap().to_owned();
    assert_ne!(again, password);
    assert_eq!(
        app.get("/api/v1/me", Some(&token)).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.sign_in("0987654321", &again).await["must_change_password"],
        true
    );

    // Edited: her account's phone follows the roster's; the same edit twice notes once.
    let mut edit = added["member"]["entry"].clone();
    edit["phone"] = json!("0987 000 111");
    edit["position"] = json!("deputy");
    for _ in 0..2 {
        let r = app
            .send_as("PUT", &format!("/api/v1/members/{id}"), &cp, Some(&edit))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    app.sign_in("0987000111", &again).await;
    let h = app
        .get(&format!("/api/v1/members/{id}/history"), Some(&cp))
        .await
        .json();
    let actions: Vec<&str> = h
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["edited", "password_reset", "created"]);
    let fields: Vec<&str> = h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["phone", "position"]);
    assert_eq!(h[2]["by"], "Thượng úy Trần Quốc Việt");

    // A phone that is already someone's account links to it: no new password.
    let r = add(
        &app,
        &cp,
        team,
        person("Người Có Tài Khoản", OTHER_COMMUNE_POLICE),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["account"], Value::Null);
}

async fn the_law_s_criteria_are_explained_on_their_field_and_nothing_is_written(app: TestApp) {
    let cp = app.token(COMMUNE_POLICE).await;
    let (team, before) = app.team_of(&app.token(LEADER).await).await;
    let with = |change: &dyn Fn(&mut Value)| {
        let mut p = person("Người Mới", "0987 111 222");
        change(&mut p);
        p
    };
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            with(&|p| p["full_name"] = json!(" ")),
            "full_name",
            "required",
        ),
        (
            with(&|p| p["date_of_birth"] = Value::Null),
            "date_of_birth",
            "required",
        ),
        (
            with(&|p| p["date_of_birth"] = json!("2012-01-01")),
            "date_of_birth",
            "member_too_young",
        ),
        (
            with(&|p| p["date_of_birth"] = json!("1950-01-01")),
            "date_of_birth",
            "member_too_old",
        ),
        (
            with(&|p| {
                p["date_of_birth"] = json!("1950-01-01");
                p["age_approval"] = json!({"approved_by": "Chủ tịch UBND xã", "decision_no": " ", "approved_on": "2025-07-01"});
            }),
            "approval_decision_no",
            "required",
        ),
        (
            with(&|p| p["education"] = json!("primary")),
            "education",
            "education_too_low",
        ),
        (
            with(&|p| p["education"] = Value::Null),
            "education",
            "required",
        ),
        (
            with(&|p| p["resident_since"] = json!("2026-10-01")),
            "resident_since",
            "residence_too_short",
        ),
        (
            with(&|p| p["phone"] = json!("12345")),
            "phone",
            "phone_not_vietnamese",
        ),
        (
            with(&|p| p["area_id"] = json!(999_999)),
            "area_id",
            "village_not_in_commune",
        ),
        (
            with(&|p| p["certificate_on"] = json!("2999-01-01")),
            "certificate_on",
            "date_in_future",
        ),
        (
            with(&|p| p["training"] = json!("x".repeat(201))),
            "training",
            "too_long",
        ),
    ];
    let path = format!("/api/v1/teams/{team}/members");
    for (member, field, code) in cases {
        let body = json!({"member": member});
        let r = app.send_as("POST", &path, &cp, Some(&body)).await;
        common::assert_field_error(&r, field, code, &body.to_string());
    }
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(
                &json!({"member": person("Người Mới", "0987 111 222"), "initial_password": "ngan"}),
            ),
        )
        .await;
    common::assert_field_error(
        &r,
        "initial_password",
        "password_too_short",
        "short password",
    );
    let (_, after) = app.team_of(&app.token(LEADER).await).await;
    assert_eq!(after, before, "nothing was written");
    assert!(
        app.store
            .user_by_phone("0987111222")
            .await
            .unwrap()
            .is_none(),
        "no account either"
    );

    // Over 70 with the chairman's approval recorded in full is accepted, with its history.
    let mut elder = person("Cụ Nguyễn Văn Thọ", "0987 111 222");
    elder["date_of_birth"] = json!("1950-01-01");
    elder["age_approval"] = json!({
        "approved_by": "Chủ tịch UBND xã Lê Văn Hùng",
        "decision_no": "45/QĐ-UBND",
        "approved_on": "2025-07-01",
    });
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&json!({"member": elder, "initial_password": "mat-khau-dau"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.json()["account"]["password"],
        Value::Null,
        "the police chose it"
    );
    app.sign_in("0987111222", "mat-khau-dau").await;
    let id = r.json()["member"]["id"].as_i64().unwrap();
    let h = app
        .get(&format!("/api/v1/members/{id}/history"), Some(&cp))
        .await
        .json();
    let created: Vec<&str> = h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(created.contains(&"approved_by"), "{created:?}");

    // An unknown field or a wrong choice is refused whole.
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&json!({"member": person("X", ""), "extra": 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let mut odd = person("Y", "");
    odd["education"] = json!("phd");
    let r = app
        .send_as("POST", &path, &cp, Some(&json!({"member": odd})))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);

    // Once the province marks the commune remote, primary schooling is enough.
    let team = app.store.team(team).await.unwrap().unwrap();
    let commune = app.store.org_unit(team.commune_id).await.unwrap().unwrap();
    let province = app.token(PROVINCE_POLICE).await;
    let unit_path = format!("/api/v1/units/{}", commune.id);
    let mark = json!({
        "name": commune.name,
        "valid_from": commune.valid_from.to_string(),
        "remote": true,
    });
    let r = app.send_as("PUT", &unit_path, &province, Some(&mark)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["remote"], true);
    let mut primary = person("Người Vùng Cao", "");
    primary["education"] = json!("primary");
    let r = app
        .send_as("POST", &path, &cp, Some(&json!({"member": primary})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // A village is not a commune: it has no such mark.
    let village = team.village_ids[0];
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/units/{village}"),
            &cp,
            Some(&json!({"name": "Thôn X", "valid_from": "2025-07-01", "remote": true})),
        )
        .await;
    common::assert_field_error(&r, "remote", "unit_kind_not_allowed", "a remote village");
    // The mark is in the commune's history.
    let h = app
        .get(&format!("{unit_path}/history"), Some(&province))
        .await
        .json();
    let marked = h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "remote" && c["after"] == "true");
    assert!(marked, "{h}");
}

async fn a_member_who_leaves_loses_their_sessions_and_keeps_their_history(app: TestApp) {
    let cp = app.token(COMMUNE_POLICE).await;
    let member_token = app.token(MEMBER).await;
    let (team, before) = app.team_of(&member_token).await;
    let me = app.get("/api/v1/me", Some(&member_token)).await.json();
    let member = app
        .store
        .team_members(team)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.user_id == me["user_id"].as_i64())
        .unwrap();
    // The team's members on patrol, counted over November and over December 2026.
    let cp_token = cp.clone();
    let on_patrol = |month: &'static str| {
        let (app, token) = (&app, cp_token.clone());
        async move {
            let path = format!("/api/v1/teams/{team}/indicators?period={month}");
            app.indicator_cell(&token, &path, "members_on_patrol")
                .await
                .1
        }
    };
    let (november, december) = (on_patrol("2026-11").await, on_patrol("2026-12").await);
    let path = format!("/api/v1/members/{}/leave", member.id);
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&json!({"left_on": "2000-01-01", "reason": "health"})),
        )
        .await;
    common::assert_field_error(&r, "left_on", "left_before_joined", "before joining");
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&json!({"left_on": "2999-01-01", "reason": "health"})),
        )
        .await;
    common::assert_field_error(&r, "left_on", "date_in_future", "in the future");
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&json!({"left_on": "2026-11-30", "reason": "own_request", "note": " Chuyển đi nơi khác "})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let left = r.json();
    assert_eq!(left["left_on"], "2026-11-30");
    assert_eq!(left["leave_reason"], "own_request");
    assert_eq!(left["leave_note"], "Chuyển đi nơi khác");

    // Their last day was in November: that month still counts them, December no longer.
    assert_eq!(on_patrol("2026-11").await, november);
    assert_eq!(on_patrol("2026-12").await, december - 1);

    // Gone from the team and signed out; their entry stays readable with its history.
    let (_, after) = app.team_of(&app.token(LEADER).await).await;
    assert_eq!(after.len(), before.len() - 1);
    assert!(!after.contains(&member.id));
    let r = app.get("/api/v1/me", Some(&member_token)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .get(&format!("/api/v1/members/{}", member.id), Some(&cp))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    let h = app
        .get(&format!("/api/v1/members/{}/history", member.id), Some(&cp))
        .await
        .json();
    assert_eq!(h[0]["action"], "left");
    // Once gone, the entry is no longer changed, nor can they leave twice.
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/members/{}", member.id),
            &cp,
            Some(&person("Đổi Tên", "")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&json!({"left_on": "2026-11-30", "reason": "own_request"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

async fn only_the_police_above_a_team_keep_its_members(app: TestApp) {
    let (team, members) = app.team_of(&app.token(LEADER).await).await;
    let someone = members[members.len() - 1];
    let leave = json!({"left_on": "2026-11-30", "reason": "own_request"});
    let new = json!({"member": person("Người Lạ", "")});
    let forbidden = StatusCode::FORBIDDEN;
    let cases: Vec<common::Ask> = vec![
        (
            OTHER_COMMUNE_POLICE,
            "POST",
            format!("/api/v1/teams/{team}/members"),
            Some(new.clone()),
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "GET",
            format!("/api/v1/members/{someone}"),
            None,
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "PUT",
            format!("/api/v1/members/{someone}"),
            Some(person("X", "")),
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "POST",
            format!("/api/v1/members/{someone}/leave"),
            Some(leave.clone()),
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "POST",
            format!("/api/v1/members/{someone}/password"),
            Some(json!({})),
            forbidden,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "GET",
            format!("/api/v1/members/{someone}/history"),
            None,
            forbidden,
        ),
        // The leader reads the roster entries of the team, the law gives the roster to the police.
        (
            LEADER,
            "GET",
            format!("/api/v1/members/{someone}"),
            None,
            StatusCode::OK,
        ),
        (
            LEADER,
            "POST",
            format!("/api/v1/teams/{team}/members"),
            Some(new.clone()),
            forbidden,
        ),
        (
            LEADER,
            "PUT",
            format!("/api/v1/members/{someone}"),
            Some(person("X", "")),
            forbidden,
        ),
        (
            LEADER,
            "POST",
            format!("/api/v1/members/{someone}/leave"),
            Some(leave.clone()),
            forbidden,
        ),
        (
            LEADER,
            "POST",
            format!("/api/v1/members/{someone}/password"),
            Some(json!({})),
            forbidden,
        ),
        (
            MEMBER,
            "GET",
            format!("/api/v1/members/{someone}"),
            None,
            forbidden,
        ),
        (
            MEMBER,
            "GET",
            format!("/api/v1/members/{someone}/history"),
            None,
            forbidden,
        ),
        (
            MEMBER,
            "POST",
            format!("/api/v1/teams/{team}/members"),
            Some(new.clone()),
            forbidden,
        ),
        (
            COMMUNE_POLICE,
            "GET",
            "/api/v1/members/999999".into(),
            None,
            StatusCode::NOT_FOUND,
        ),
        (
            COMMUNE_POLICE,
            "POST",
            "/api/v1/teams/999999/members".into(),
            Some(new.clone()),
            StatusCode::NOT_FOUND,
        ),
        // The province police keep the teams of their province too.
        (
            PROVINCE_POLICE,
            "POST",
            format!("/api/v1/teams/{team}/members"),
            Some(new),
            StatusCode::CREATED,
        ),
    ];
    app.assert_answers(cases).await;

    // A phone that signs in as police is linked, never taken over: its password is not
    // theirs to set, and a new roster phone does not move its sign-in.
    let cp = app.token(COMMUNE_POLICE).await;
    let r = add(&app, &cp, team, person("Cán bộ tỉnh", PROVINCE_POLICE)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(
        r.json()["account"],
        Value::Null,
        "linked, no password shown"
    );
    let linked = r.json()["member"]["id"].as_i64().unwrap();
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/members/{linked}/password"),
            &cp,
            Some(&json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let mut moved = person("Cán bộ tỉnh", "0987 999 000");
    moved["position"] = json!("member");
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/members/{linked}"),
            &cp,
            Some(&moved),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let officer = app.token(PROVINCE_POLICE).await;
    // Their leaving the team leaves their police sessions alone.
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/members/{linked}/leave"),
            &cp,
            Some(&json!({"left_on": "2026-11-30", "reason": "own_request"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        app.get("/api/v1/me", Some(&officer)).await.status,
        StatusCode::OK
    );
    // Without a token, nothing.
    let r = app.get(&format!("/api/v1/members/{someone}"), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn a_member_is_replaced_in_one_step_or_not_at_all(app: TestApp) {
    let cp = app.token(COMMUNE_POLICE).await;
    let (team, before) = app.team_of(&app.token(LEADER).await).await;
    let leaving = app
        .store
        .team_members(team)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.entry.position == app::domain::Position::Member)
        .unwrap();
    let path = format!("/api/v1/members/{}/replace", leaving.id);
    let body = |member: Value| {
        json!({
            "leaving": {"left_on": "2026-10-31", "reason": "health", "note": "Giấy khám sức khoẻ"},
            "member": member,
        })
    };
    // A newcomer who does not meet the law is explained on the field, and the leaving
    // member stays: both or neither.
    let mut young = person("Trẻ Quá", "0977000301");
    young["date_of_birth"] = json!("2012-01-01");
    let r = app.send_as("POST", &path, &cp, Some(&body(young))).await;
    common::assert_field_error(&r, "date_of_birth", "member_too_young", "a newcomer of 14");
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&json!({"leaving": {"left_on": "2026-10-31"}, "member": person("Ai Đó", "")})),
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.body);
    let (_, unchanged) = app.team_of(&app.token(LEADER).await).await;
    assert_eq!(unchanged, before);
    assert!(app
        .store
        .user_by_phone("0977000301")
        .await
        .unwrap()
        .is_none());

    // Refused to whoever does not keep the team.
    app.assert_answers(vec![
        (
            LEADER,
            "POST",
            path.clone(),
            Some(body(person("Người Mới", "0977000302"))),
            StatusCode::FORBIDDEN,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "POST",
            path.clone(),
            Some(body(person("Người Mới", "0977000302"))),
            StatusCode::FORBIDDEN,
        ),
    ])
    .await;

    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&body(person("Người Mới", "0977000302"))),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let added = r.json();
    let newcomer = added["member"]["id"].as_i64().unwrap();
    assert_eq!(
        added["member"]["joined_on"], "2026-11-01",
        "from the day after"
    );
    assert_eq!(added["member"]["team_id"].as_i64(), Some(team));
    assert_eq!(added["account"]["phone"], "0977000302");
    assert!(added["account"]["password"]
        .as_str()
        .is_some_and(|p| p.len() == 10));
    let left = app.store.member(leaving.id).await.unwrap().unwrap();
    assert_eq!(
        (
            left.left_on.map(|d| d.to_string()),
            left.leave_reason.map(|r| r.as_str())
        ),
        (Some("2026-10-31".into()), Some("health"))
    );
    let (_, after) = app.team_of(&app.token(LEADER).await).await;
    assert_eq!(after.len(), before.len());
    assert!(after.contains(&newcomer) && !after.contains(&leaving.id));
    let h = app
        .get(
            &format!("/api/v1/members/{}/history", leaving.id),
            Some(&cp),
        )
        .await
        .json();
    assert_eq!(h[0]["action"], "left");
    // Once replaced, the member cannot be replaced again.
    let r = app
        .send_as(
            "POST",
            &path,
            &cp,
            Some(&body(person("Người Khác", "0977000303"))),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

async fn a_member_moves_to_another_team_from_a_day(app: TestApp) {
    use app::domain::local_time::local_date;
    use chrono::{Datelike, Duration, Utc};
    let cp = app.token(COMMUNE_POLICE).await;
    let (team, _) = app.team_of(&app.token(LEADER).await).await;
    let member = app
        .store
        .team_members(team)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.entry.position == app::domain::Position::Member && m.user_id.is_some())
        .unwrap();
    let (_, qt, _) = app.demo_communes().await;
    let other = app
        .store
        .teams_under(qt)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.id != team)
        .unwrap()
        .id;
    let first = local_date(Utc::now()).with_day(1).unwrap();
    let key = |d: chrono::NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
    let (last_month, this_month) = (key(first - Duration::days(1)), key(first));
    let on_patrol = |t: i64, month: String| {
        let (app, cp) = (&app, cp.clone());
        async move {
            let path = format!("/api/v1/teams/{t}/indicators?period={month}");
            app.indicator_cell(&cp, &path, "members_on_patrol").await.1
        }
    };
    let before = (
        on_patrol(team, last_month.clone()).await,
        on_patrol(team, this_month.clone()).await,
        on_patrol(other, last_month.clone()).await,
        on_patrol(other, this_month.clone()).await,
    );
    let path = format!("/api/v1/members/{}/transfer", member.id);
    let body = |t: i64, from: &str| json!({"team_id": t, "from": from});
    let first_day = first.format("%Y-%m-%d").to_string();

    // Refused: the same team, a day to come, a leader, another commune's police.
    let r = app
        .send_as("POST", &path, &cp, Some(&body(team, &first_day)))
        .await;
    common::assert_field_error(&r, "team_id", "listed_twice", "the same team");
    let r = app
        .send_as("POST", &path, &cp, Some(&body(other, "2999-01-01")))
        .await;
    common::assert_field_error(&r, "from", "date_in_future", "a day to come");
    for phone in [LEADER, OTHER_COMMUNE_POLICE] {
        let token = app.token(phone).await;
        let r = app
            .send_as("POST", &path, &token, Some(&body(other, &first_day)))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{phone}: {}", r.body);
    }
    // A move is not a leaving: the reason is the transfer's alone.
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/members/{}/leave", member.id),
            &cp,
            Some(&json!({"left_on": first_day, "reason": "transferred"})),
        )
        .await;
    common::assert_field_error(&r, "reason", "invalid_choice", "a transfer as a leaving");

    let r = app
        .send_as("POST", &path, &cp, Some(&body(other, &first_day)))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let moved = r.json();
    assert_eq!(moved["team_id"], other);
    assert_eq!(moved["entry"]["full_name"], member.entry.full_name.as_str());
    assert_eq!(moved["joined_on"], first_day.as_str());
    let old = app.store.member(member.id).await.unwrap().unwrap();
    assert_eq!(old.left_on, Some(first - Duration::days(1)));
    assert_eq!(
        old.leave_reason,
        Some(app::domain::selection::LeaveReason::Transferred)
    );
    // The sign-in goes with them: it is now the other team's member's.
    let user = member.user_id.unwrap();
    let roles = app.store.roles_of(user).await.unwrap();
    assert!(roles
        .iter()
        .any(|r| matches!(r, app::domain::Role::Team { team_id, .. } if *team_id == other)));
    assert!(!roles
        .iter()
        .any(|r| matches!(r, app::domain::Role::Team { team_id, .. } if *team_id == team)));

    // Last month stays as it was; from this month they count in the other team.
    let after = (
        on_patrol(team, last_month.clone()).await,
        on_patrol(team, this_month.clone()).await,
        on_patrol(other, last_month).await,
        on_patrol(other, this_month).await,
    );
    assert_eq!(after, (before.0, before.1 - 1, before.2, before.3 + 1));
    // Moving them again from the same entry is refused: it has ended.
    let again = app
        .send_as("POST", &path, &cp, Some(&body(team, &first_day)))
        .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
}
