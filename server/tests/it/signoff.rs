//! The team leader's month on both databases: review and return of a record, the fix,
//! sign-off that locks the month's records (through every door), the commune police's
//! acceptance, a reopen with its reason, the trail, and who may take each step.

use crate::common;

use common::{id, urlencode};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use common::{Reply, TestApp};
use serde_json::{json, Value};

const MEMBER: &str = "0910101003";
const LEADER: &str = "0910101001";
/// Deputy of another team in the same commune.
const OTHER_DEPUTY: &str = "0910102002";
/// Leader of a team in another commune.
const OTHER_LEADER: &str = "0910201001";
const COMMUNE_POLICE: &str = "0900000003";
const OTHER_COMMUNE_POLICE: &str = "0900000004";
const PROVINCE_POLICE: &str = "0900000002";
const ADMIN: &str = "0900000001";

on_both!(
    a_month_goes_from_review_to_acceptance_and_back,
    only_the_right_people_take_each_step,
    steps_prepared_offline_sync_once_and_the_json_api_takes_them_too,
);

fn deed(members: &[i64], what: &str) -> Value {
    let date = app::domain::local_time::local_date(Utc::now() - Duration::minutes(5));
    json!({"kind": "good_deed", "data": {"date": date.format("%Y-%m-%d").to_string(),
        "description": what, "members": [members[0]], "beneficiary": "Cụ Hoa", "commendation": null}})
}

/// Calls a server function as the app does, with a bearer token instead of the cookie.
async fn call(app: &TestApp, token: &str, endpoint: &str, form: &[(&str, &str)]) -> Reply {
    let body = form
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    app.send(
        Request::post(format!("/api/{endpoint}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "application/json")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
}

async fn read(app: &TestApp, token: &str, endpoint: &str, query: &str) -> Reply {
    app.send(
        Request::get(format!("/api/{endpoint}?{query}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::ACCEPT, "application/json")
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

fn code(r: &Reply) -> String {
    r.json()["code"].as_str().unwrap_or_default().to_owned()
}

async fn month(app: &TestApp, token: &str, team: i64, m: &str) -> Value {
    let r = read(
        app,
        token,
        "month/get",
        &format!("team_id={team}&month={m}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn step(
    app: &TestApp,
    token: &str,
    team: i64,
    m: &str,
    what: &str,
    version: i64,
    reason: &str,
) -> Reply {
    let v = version.to_string();
    let t = team.to_string();
    call(
        app,
        token,
        "month/step",
        &[
            ("team_id", &t),
            ("month", m),
            ("step", what),
            ("version", &v),
            ("reason", reason),
            ("remarks", "Tổ hoạt động đều."),
        ],
    )
    .await
}

async fn review(
    app: &TestApp,
    token: &str,
    record: &str,
    version: i64,
    verdict: &str,
    comment: &str,
) -> Reply {
    let v = version.to_string();
    call(
        app,
        token,
        "month/review",
        &[
            ("id", record),
            ("version", &v),
            ("verdict", verdict),
            ("comment", comment),
        ],
    )
    .await
}

/// A member's good deed of today, logged through the API: its id and month.
async fn log_deed(
    app: &TestApp,
    token: &str,
    team: i64,
    members: &[i64],
    what: &str,
) -> (String, String) {
    let record_id = id();
    let r = app
        .create_record(
            token,
            &json!({"id": record_id, "team_id": team, "body": deed(members, what)}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let month = r.json()["month"].as_str().unwrap().to_owned();
    (record_id, month)
}

async fn notices(app: &TestApp, token: &str) -> Vec<String> {
    let r = call(app, token, "home", &[]).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["notices"]
        .as_array()
        .expect("notices")
        .iter()
        .map(|n| n["text"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn a_month_goes_from_review_to_acceptance_and_back(app: TestApp) {
    let member = app.token(MEMBER).await;
    let leader = app.token(LEADER).await;
    let police = app.token(COMMUNE_POLICE).await;
    let (team, members) = app.team_of(&member).await;

    // A member logs a good deed; the leader sees it waiting for review.
    let (record_id, m) = log_deed(&app, &member, team, &members, "Giúp cụ sửa mái nhà").await;
    let sheet = month(&app, &leader, team, &m).await;
    assert_eq!(sheet["state"], "open");
    assert_eq!(sheet["can_submit"], true);
    assert_eq!(sheet["can_accept"], false);
    let line = sheet["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == record_id.as_str())
        .expect("the new record is in the month")
        .clone();
    assert_eq!(line["review"], "pending");

    // Returning needs a comment; with one, the author is told.
    let r = review(&app, &leader, &record_id, 1, "return", " ").await;
    assert_eq!(
        (r.status, code(&r)),
        (StatusCode::UNPROCESSABLE_ENTITY, "reason_required".into())
    );
    let r = review(
        &app,
        &leader,
        &record_id,
        1,
        "return",
        "Ghi rõ người được giúp",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let told = notices(&app, &member).await;
    assert!(
        told.iter().any(|t| t.contains("Ghi rõ người được giúp")),
        "the member is told why: {told:?}"
    );
    // A month with a returned record waits for the fix.
    let r = step(&app, &leader, team, &m, "submit", 0, "").await;
    assert_eq!(
        (r.status, code(&r)),
        (StatusCode::UNPROCESSABLE_ENTITY, "records_returned".into())
    );

    // The member fixes it: the review goes, the trail says so.
    let fixed = json!({"version": 1, "body": deed(&members, "Giúp cụ Hoa sửa mái nhà bị dột")});
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{record_id}"),
            &member,
            Some(&fixed),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let sheet = month(&app, &leader, team, &m).await;
    let line = sheet["records"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["id"] == record_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        line["review"], "pending",
        "a fixed record waits for a new look"
    );
    let r = review(&app, &leader, &record_id, 1, "accept", "").await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a verdict on an old version: {}",
        r.body
    );
    let r = review(&app, &leader, &record_id, 2, "accept", "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The police cannot accept a month that was not handed in.
    let r = step(&app, &police, team, &m, "accept", 0, "").await;
    assert_eq!(
        (r.status, code(&r)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "month_state_changed".into()
        )
    );
    // The leader signs off.
    let r = step(&app, &leader, team, &m, "submit", 0, "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let sheet = month(&app, &member, team, &m).await;
    assert_eq!(sheet["state"], "submitted");
    assert_eq!(sheet["locked"], true);
    assert_eq!(sheet["remarks"], "Tổ hoạt động đều.");
    // A step from a stale screen is refused.
    let r = step(&app, &police, team, &m, "return", 0, "Thiếu biên bản").await;
    assert_eq!(
        (r.status, code(&r)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "month_state_changed".into()
        )
    );

    // The month's records are locked through every door, and nothing is half-written.
    let again = json!({"version": 2, "body": deed(&members, "Sửa lần nữa")});
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{record_id}"),
            &member,
            Some(&again),
        )
        .await;
    assert_eq!(
        (r.status, code(&r)),
        (StatusCode::UNPROCESSABLE_ENTITY, "month_signed_off".into())
    );
    let r = app
        .send_as(
            "DELETE",
            &format!("/api/v1/records/{record_id}?version=2"),
            &leader,
            None,
        )
        .await;
    assert_eq!(code(&r), "month_signed_off", "{}", r.body);
    let late_id = id();
    let r = app
        .create_record(
            &member,
            &json!({"id": late_id, "team_id": team, "body": deed(&members, "Việc tốt ghi muộn")}),
        )
        .await;
    assert_eq!(code(&r), "month_signed_off", "{}", r.body);
    let mutation = json!({"op": "create", "id": id(), "record": {"id": late_id, "team_id": team,
        "body": deed(&members, "Việc tốt ghi muộn")}});
    let body = json!({ "mutations": [mutation] });
    let push = || app.send_as("POST", "/api/v1/sync/push", &member, Some(&body));
    let r = push().await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["results"][0]["status"], "rejected");
    assert_eq!(r.json()["results"][0]["error"]["code"], "month_signed_off");
    let stored = app
        .send_as(
            "GET",
            &format!("/api/v1/records/{record_id}"),
            &member,
            None,
        )
        .await
        .json();
    assert_eq!(stored["version"], 2, "the refused edit changed nothing");
    let r = app
        .send_as("GET", &format!("/api/v1/records/{late_id}"), &member, None)
        .await;
    assert_eq!(
        r.status,
        StatusCode::NOT_FOUND,
        "the refused record was not stored"
    );
    let r = review(&app, &leader, &record_id, 2, "return", "Xem lại").await;
    assert_eq!(
        code(&r),
        "month_state_changed",
        "no review of a submitted month"
    );

    // The commune police accept: the leader is told.
    let r = step(&app, &police, team, &m, "accept", 1, "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(
        notices(&app, &leader)
            .await
            .iter()
            .any(|n| n.contains("tiếp nhận")),
        "the leader hears of it"
    );
    assert_eq!(month(&app, &leader, team, &m).await["state"], "accepted");
    // An accepted month is the police's to reopen, with a reason.
    let r = step(&app, &leader, team, &m, "reopen", 2, "Bổ sung").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = step(&app, &police, team, &m, "reopen", 2, "").await;
    assert_eq!(code(&r), "reason_required");
    let r = step(
        &app,
        &police,
        team,
        &m,
        "reopen",
        2,
        "Tổ cần bổ sung việc tốt ghi muộn",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let sheet = month(&app, &leader, team, &m).await;
    assert_eq!(sheet["state"], "open");
    assert_eq!(sheet["locked"], false);

    // The entry that waited on the phone goes through now, once.
    let r = push().await;
    assert_eq!(r.json()["results"][0]["status"], "applied", "{}", r.body);
    let r = push().await;
    assert_eq!(
        r.json()["results"][0]["status"],
        "already_applied",
        "{}",
        r.body
    );

    // Every step is in the trail, in order, with its reasons.
    let trail: Vec<(String, String)> = sheet["trail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["what"].as_str().unwrap().to_owned(),
                t["reason"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let whats: Vec<&str> = trail.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        whats,
        [
            "Trả lại bản ghi",
            "Sửa bản ghi bị trả lại",
            "Duyệt bản ghi",
            "Ký nộp báo cáo tháng",
            "Tiếp nhận báo cáo tháng",
            "Mở lại tháng",
        ]
    );
    assert_eq!(trail[0].1, "Ghi rõ người được giúp");
    assert_eq!(trail[5].1, "Tổ cần bổ sung việc tốt ghi muộn");
}

async fn only_the_right_people_take_each_step(app: TestApp) {
    let member = app.token(MEMBER).await;
    let leader = app.token(LEADER).await;
    let (team, members) = app.team_of(&member).await;
    let m = app::domain::local_time::YearMonth::of_instant(Utc::now()).key();
    let (record_id, record_month) =
        log_deed(&app, &member, team, &members, "Dọn vệ sinh đường làng").await;

    for who in [
        MEMBER,
        OTHER_DEPUTY,
        OTHER_LEADER,
        COMMUNE_POLICE,
        OTHER_COMMUNE_POLICE,
        PROVINCE_POLICE,
        ADMIN,
    ] {
        let t = app.token(who).await;
        let r = step(&app, &t, team, &m, "submit", 0, "").await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{who} cannot submit: {}",
            r.body
        );
        let r = review(&app, &t, &record_id, 1, "accept", "").await;
        assert_eq!(
            r.status,
            StatusCode::FORBIDDEN,
            "{who} cannot review: {}",
            r.body
        );
    }
    // Members of other teams do not read this team's month.
    for who in [OTHER_DEPUTY, OTHER_LEADER, OTHER_COMMUNE_POLICE] {
        let t = app.token(who).await;
        let r = read(&app, &t, "month/get", &format!("team_id={team}&month={m}")).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} reads: {}", r.body);
    }

    let r = step(&app, &leader, team, &m, "submit", 0, "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Only the team's own commune police accept or return it.
    for who in [
        MEMBER,
        LEADER,
        OTHER_DEPUTY,
        OTHER_LEADER,
        OTHER_COMMUNE_POLICE,
        PROVINCE_POLICE,
        ADMIN,
    ] {
        let t = app.token(who).await;
        for what in ["accept", "return"] {
            let r = step(&app, &t, team, &m, what, 1, "Lý do").await;
            assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} {what}: {}", r.body);
        }
    }
    // The leader may take back a month the police have not acted on.
    let r = step(&app, &leader, team, &m, "reopen", 1, "Quên ghi cuộc họp").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // Reminders: the team's commune police only, to a month still due.
    let police = app.token(COMMUNE_POLICE).await;
    let t = team.to_string();
    for who in [MEMBER, LEADER, OTHER_COMMUNE_POLICE, PROVINCE_POLICE] {
        let tok = app.token(who).await;
        let r = call(
            &app,
            &tok,
            "month/remind",
            &[("team_id", &t), ("month", &m)],
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} reminds: {}", r.body);
    }
    let r = call(
        &app,
        &police,
        "month/remind",
        &[("team_id", &t), ("month", &m)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json(), json!(2), "the leader and the deputy are told");
    assert!(
        notices(&app, &leader)
            .await
            .iter()
            .any(|n| n.contains("nhắc")),
        "the reminder reaches the leader"
    );
    // Reading the month (a GET) writes nothing; the screen, once shown, says it was seen.
    month(&app, &leader, team, &m).await;
    assert!(notices(&app, &leader)
        .await
        .iter()
        .any(|n| n.contains("nhắc")));
    let r = call(
        &app,
        &leader,
        "notices/seen",
        &[("team_id", &t), ("month", &m)],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(notices(&app, &leader)
        .await
        .iter()
        .all(|n| !n.contains("nhắc")));

    // The overview of the commune's teams is the commune police's (and the province's).
    let home = app.get("/api/v1/home", Some(&police)).await.json();
    let commune = home["communes"][0]["id"]
        .as_i64()
        .expect("the police's commune");
    for (who, allowed) in [
        (COMMUNE_POLICE, true),
        (PROVINCE_POLICE, true),
        (OTHER_COMMUNE_POLICE, false),
        (LEADER, false),
        (MEMBER, false),
    ] {
        let tok = app.token(who).await;
        let r = read(
            &app,
            &tok,
            "month/unit",
            &format!("unit_id={commune}&month={record_month}"),
        )
        .await;
        let want = if allowed {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        };
        assert_eq!(r.status, want, "{who}: {}", r.body);
        if allowed {
            let rows = r.json()["rows"].as_array().unwrap().clone();
            assert_eq!(rows.len(), 13, "every team of the commune");
            let can_remind = rows.iter().any(|row| row["can_remind"] == true);
            assert_eq!(
                can_remind,
                who == COMMUNE_POLICE,
                "only the commune police remind"
            );
        }
    }
}

async fn steps_prepared_offline_sync_once_and_the_json_api_takes_them_too(app: TestApp) {
    let member = app.token(MEMBER).await;
    let leader = app.token(LEADER).await;
    let police = app.token(COMMUNE_POLICE).await;
    let (team, members) = app.team_of(&member).await;
    let (record_id, m) = log_deed(&app, &member, team, &members, "Trông xe giúp chợ phiên").await;
    let path = format!("/api/v1/teams/{team}/months/{m}");
    let view = app.send_as("GET", &path, &leader, None).await;
    assert_eq!(view.status, StatusCode::OK, "{}", view.body);
    assert_eq!(view.json()["state"], "open");
    assert_eq!(view.json()["version"], 0);
    let r = app
        .send_as("GET", &path, &app.token(OTHER_LEADER).await, None)
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // The leader's review and sign-off, prepared on a phone with no signal, arrive as
    // mutations; a resend is recognised.
    let push = |token: String, mutations: Value| {
        let app = &app;
        async move {
            let r = app
                .send_as(
                    "POST",
                    "/api/v1/sync/push",
                    &token,
                    Some(&json!({ "mutations": mutations })),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "{}", r.body);
            r.json()["results"].clone()
        }
    };
    let review = json!({"op": "review", "id": id(), "record_id": record_id, "version": 1, "verdict": "accept"});
    let submit = json!({"op": "month_step", "id": id(), "team_id": team, "month": m, "step": "submit",
        "version": 0, "remarks": "Chuẩn bị khi mất sóng"});
    let blank_return = json!({"op": "review", "id": id(), "record_id": record_id, "version": 1,
        "verdict": "return", "comment": ""});
    let unknown = json!({"op": "month_step", "id": id(), "team_id": team, "month": m, "step": "approve", "version": 0});
    let results = push(
        leader.clone(),
        json!([blank_return, review, unknown, submit]),
    )
    .await;
    let outcome = |i: usize| {
        (
            results[i]["status"].as_str().unwrap().to_owned(),
            results[i]["error"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        )
    };
    assert_eq!(outcome(0), ("rejected".into(), "reason_required".into()));
    assert_eq!(outcome(1), ("applied".into(), String::new()));
    assert_eq!(outcome(2), ("rejected".into(), "invalid_choice".into()));
    assert_eq!(outcome(3), ("applied".into(), String::new()));
    let again = push(leader.clone(), json!([review, submit])).await;
    assert_eq!(again[0]["status"], "already_applied");
    assert_eq!(again[1]["status"], "already_applied");
    let view = app.send_as("GET", &path, &leader, None).await.json();
    assert_eq!(view["state"], "submitted");
    assert_eq!(view["version"], 1, "one step, however often it was sent");
    assert_eq!(view["remarks"], "Chuẩn bị khi mất sóng");
    assert_eq!(
        view["records"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == record_id.as_str())
            .unwrap()["review"],
        "accepted"
    );
    // Someone else may not claim the mutation's id, nor take the step.
    let stolen = push(police.clone(), json!([submit])).await;
    assert_eq!(stolen[0]["error"]["code"], "mutation_id_taken");
    let by_member = json!({"op": "month_step", "id": id(), "team_id": team, "month": m, "step": "reopen",
        "version": 1, "reason": "Tôi muốn sửa"});
    let r = push(member.clone(), json!([by_member])).await;
    assert_eq!(r[0]["error"]["code"], "forbidden");

    // The JSON API: the commune police return it with a reason; bad bodies are 4xx.
    let steps = format!("{path}/steps");
    let r = app
        .send_as(
            "POST",
            &steps,
            &police,
            Some(&json!({"step": "return", "version": 1})),
        )
        .await;
    assert_eq!(
        (r.status, code(&r)),
        (StatusCode::UNPROCESSABLE_ENTITY, "reason_required".into())
    );
    let r = app
        .send_as(
            "POST",
            &steps,
            &police,
            Some(&json!({"step": "sideways", "version": 1})),
        )
        .await;
    assert!(r.status.is_client_error(), "{}", r.body);
    assert_eq!(r.json()["code"], "invalid_json");
    let r = app
        .send_as(
            "POST",
            &steps,
            &police,
            Some(&json!({"step": "return", "reason": "Thiếu cuộc họp", "version": 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "returned");
    let view = r.json();
    let actions: Vec<&str> = view["trail"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["record_accepted", "submit", "return"]);
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{record_id}/review"),
            &leader,
            Some(&json!({"verdict": "return", "comment": "Bổ sung ảnh", "version": 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT, "{}", r.body);
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{record_id}/review"),
            &member,
            Some(&json!({"verdict": "accept", "version": 1})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let home = app.get("/api/v1/home", Some(&police)).await.json();
    let commune = home["communes"][0]["id"].as_i64().unwrap();
    let r = app
        .send_as(
            "GET",
            &format!("/api/v1/units/{commune}/months/{m}"),
            &police,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let row = r.json()["teams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["team_id"] == team)
        .unwrap()
        .clone();
    assert_eq!(row["state"], "returned");
    let r = app
        .send_as(
            "GET",
            &format!("/api/v1/units/{commune}/months/{m}"),
            &leader,
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .send_as(
            "GET",
            &format!("/api/v1/units/{commune}/months/2026-13"),
            &police,
            None,
        )
        .await;
    assert_eq!(code(&r), "invalid_period");
}
