//! The record screens' server side: forms posted as a browser posts them (bracketed
//! keys, percent-encoded), the one-tap patrol, and the pages rendered on the server.

use crate::common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{Reply, TestApp};
use serde_json::Value;

const MEMBER: &str = "0910101003";
const LEADER: &str = "0910101001";
const COMMUNE_POLICE: &str = "0900000003";
const OTHER_TEAM_LEADER: &str = "0910201001";

fn cookie(token: &str) -> String {
    format!("antt_session={token}")
}

/// `yyyy-mm-ddThh:mm` in Vietnam time, `hours` ago, as a datetime-local input sends it.
fn local(hours: i64) -> String {
    app::domain::records::form::local_input(Utc::now() - Duration::hours(hours))
}

fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Encodes pairs as `application/x-www-form-urlencoded`, brackets and all, as browsers do.
fn encode(pairs: &[(&str, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn save(app: &TestApp, token: &str, pairs: &[(&str, String)]) -> Reply {
    app.post_form("/api/log/save", &encode(pairs), Some(&cookie(token)))
        .await
}

async fn record(app: &TestApp, token: &str, id: &str) -> Reply {
    app.get(&format!("/api/v1/records/{id}"), Some(token)).await
}

#[tokio::test]
async fn a_posted_form_logs_a_patrol_with_everyone_ticked() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let id = uuid();
    let r = save(
        &app,
        &member,
        &[
            ("form[id]", id.clone()),
            ("form[team_id]", team.to_string()),
            ("form[kind]", "patrol".into()),
            ("form[version]", String::new()),
            ("form[started_at]", local(3)),
            ("form[ended_at]", local(1)),
            // Checkboxes post only when ticked, so indices have gaps.
            ("form[participants][0]", members[0].to_string()),
            ("form[participants][2]", members[2].to_string()),
            ("form[area]", "Đường liên thôn & bờ sông".into()),
            ("form[observations]", "Yên tĩnh".into()),
            ("form[track]", String::new()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json(), Value::String(id.clone()));
    let stored = record(&app, &member, &id).await.json();
    assert_eq!(stored["kind"], "patrol");
    assert_eq!(
        stored["body"]["data"]["participants"],
        serde_json::json!([members[0], members[2]])
    );
    assert_eq!(stored["body"]["data"]["area"], "Đường liên thôn & bờ sông");
}

#[tokio::test]
async fn a_form_with_a_broken_rule_names_its_field_and_stores_nothing() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    let base = |id: &str| {
        vec![
            ("form[id]", id.to_owned()),
            ("form[team_id]", team.to_string()),
            ("form[kind]", "incident".to_owned()),
            ("form[category]", "theft".to_owned()),
            ("form[occurred_at]", local(2)),
            ("form[location]", "Chợ".to_owned()),
            ("form[learned_at]", local(2)),
            ("form[arrived_at]", local(1)),
        ]
    };
    let cases: [(&str, String, &str, &str); 4] = [
        (
            "form[arrived_at]",
            local(3),
            "arrived_at",
            "arrival_before_occurrence",
        ),
        (
            "form[occurred_at]",
            "hôm qua".into(),
            "occurred_at",
            "invalid_datetime",
        ),
        (
            "form[learned_at]",
            local(-3),
            "learned_at",
            "date_in_future",
        ),
        (
            "form[category]",
            "picnic".into(),
            "category",
            "unknown_category",
        ),
    ];
    for (key, value, field, code) in cases {
        let id = uuid();
        let mut pairs = base(&id);
        pairs.retain(|(k, _)| *k != key);
        pairs.push((key, value));
        let r = save(&app, &member, &pairs).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{key}: {}",
            r.body
        );
        let e = r.json();
        assert_eq!(
            (e["field"].as_str(), e["code"].as_str()),
            (Some(field), Some(code))
        );
        assert!(e["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert_eq!(
            record(&app, &member, &id).await.status,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_leader_correcting_a_tip_cannot_see_or_erase_its_informant() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let leader = app.token(LEADER).await;
    let police = app.token(COMMUNE_POLICE).await;
    let (team, _) = app.team_of(&member).await;
    let id = uuid();
    let tip = |content: &str, version: &str, informant: bool| {
        let mut p = vec![
            ("form[id]", id.clone()),
            ("form[team_id]", team.to_string()),
            ("form[kind]", "tip_off".to_owned()),
            ("form[version]", version.to_owned()),
            ("form[received_at]", local(1)),
            ("form[channel]", "phone_call".to_owned()),
            ("form[category]", "drugs".to_owned()),
            ("form[content]", content.to_owned()),
        ];
        if informant {
            p.push(("form[informant_name]", "Bà Hạnh".to_owned()));
            p.push(("form[informant_phone]", "0912 345 678".to_owned()));
        }
        p
    };
    let r = save(&app, &member, &tip("Nghi mua bán ma túy", "", true)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The leader's edit form carries no informant, and saving it keeps the stored one.
    let form = app
        .read_fn(
            "/api/log/edit",
            &encode(&[("id", id.clone())]),
            Some(&cookie(&leader)),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    assert_eq!(form.json()["form"]["informant_name"], "");
    assert!(!form.body.contains("Bà Hạnh") && !form.body.contains("0912345678"));
    let r = save(
        &app,
        &leader,
        &tip("Nghi mua bán ma túy ở bãi sông", "1", false),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let seen_by_police = record(&app, &police, &id).await.json();
    assert_eq!(seen_by_police["informant"]["name"], "Bà Hạnh");
    assert_eq!(
        seen_by_police["body"]["data"]["content"],
        "Nghi mua bán ma túy ở bãi sông"
    );
    let detail = app
        .read_fn(
            "/api/log/record",
            &encode(&[("id", id.clone())]),
            Some(&cookie(&leader)),
        )
        .await;
    assert_eq!(detail.status, StatusCode::OK);
    assert!(
        !detail.body.contains("Bà Hạnh"),
        "leader's detail has no informant"
    );
}

#[tokio::test]
async fn a_patrol_starts_with_one_tap_once_and_finishes_with_its_track() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    let id = uuid();
    let start = encode(&[("team_id", team.to_string()), ("id", id.clone())]);
    for _ in 0..2 {
        let r = app
            .post_form("/api/log/start_patrol", &start, Some(&cookie(&member)))
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "a double tap is one patrol: {}",
            r.body
        );
    }
    let feed = app
        .get(
            &format!("/api/v1/teams/{team}/records?kind=patrol"),
            Some(&member),
        )
        .await
        .json();
    let under_way: Vec<_> = feed
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["id"] == id.as_str())
        .collect();
    assert_eq!(under_way.len(), 1);
    assert!(under_way[0]["body"]["data"]["ended_at"].is_null());

    let now = Utc::now().to_rfc3339();
    let track = format!(
        r#"[{{"at":"{now}","lat":16.75,"lon":107.18}},{{"at":"{now}","lat":16.7503,"lon":107.18}}]"#
    );
    let finish = encode(&[
        ("id", id.clone()),
        ("version", "1".into()),
        ("track", track),
    ]);
    let r = app
        .post_form("/api/log/finish_patrol", &finish, Some(&cookie(&member)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let done = record(&app, &member, &id).await.json();
    assert!(done["body"]["data"]["ended_at"].is_string());
    assert_eq!(done["body"]["data"]["track"].as_array().unwrap().len(), 2);
    // Finishing again from the stale screen is a conflict, not a second end time.
    let r = app
        .post_form("/api/log/finish_patrol", &finish, Some(&cookie(&member)))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
}

#[tokio::test]
async fn the_record_screens_render_on_the_server_for_the_team_only() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    let c = cookie(&member);
    let picker = app.get_with_cookie(&format!("/teams/{team}/log"), &c).await;
    assert_eq!(picker.status, StatusCode::OK);
    assert!(picker.body.contains("Bắt đầu tuần tra ngay") && picker.body.contains("Việc tốt"));
    let form = app
        .get_with_cookie(&format!("/teams/{team}/log/incident"), &c)
        .await;
    assert!(form.body.contains("Tổ nắm được tin lúc") && form.body.contains("Trộm cắp"));
    let started = encode(&[("team_id", team.to_string()), ("id", uuid())]);
    let r = app
        .post_form("/api/log/start_patrol", &started, Some(&c))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let feed = app
        .get_with_cookie(&format!("/teams/{team}/records"), &c)
        .await;
    assert_eq!(feed.status, StatusCode::OK);
    assert!(feed.body.contains("Hoạt động của tổ") && feed.body.contains("record-card"));

    // Another team's leader sees neither the feed nor the form.
    let other = app.token(OTHER_TEAM_LEADER).await;
    for path in [
        format!("/teams/{team}/records"),
        format!("/teams/{team}/log"),
    ] {
        let page = app.get_with_cookie(&path, &cookie(&other)).await;
        assert!(page.body.contains("Bạn không có quyền"), "{path}");
        assert!(!page.body.contains("record-card"), "{path}");
    }
    let r = app
        .read_fn(
            "/api/log/feed",
            &encode(&[
                ("team_id", team.to_string()),
                ("kind", String::new()),
                ("member", String::new()),
                ("month", String::new()),
                ("page", String::new()),
            ]),
            Some(&cookie(&other)),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
}

#[tokio::test]
async fn a_patrol_form_links_the_teams_incidents_and_the_detail_names_them() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, members) = app.team_of(&member).await;
    let incident = uuid();
    let r = save(
        &app,
        &member,
        &[
            ("form[id]", incident.clone()),
            ("form[team_id]", team.to_string()),
            ("form[kind]", "incident".into()),
            ("form[category]", "fire".into()),
            ("form[occurred_at]", local(3)),
            ("form[location]", "Đống rơm sau nhà văn hóa".into()),
            ("form[learned_at]", local(3)),
            ("form[arrived_at]", local(2)),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    // The patrol form offers the team's recent incidents.
    let form = app
        .read_fn(
            "/api/log/form",
            &encode(&[("team_id", team.to_string()), ("kind", "patrol".into())]),
            Some(&cookie(&member)),
        )
        .await;
    assert_eq!(form.status, StatusCode::OK, "{}", form.body);
    let offered = form.json()["incidents"].clone();
    assert!(
        offered
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == incident.as_str()
                && c["label"].as_str().unwrap().contains("Đống rơm")),
        "{offered}"
    );

    let patrol = uuid();
    let r = save(
        &app,
        &member,
        &[
            ("form[id]", patrol.clone()),
            ("form[team_id]", team.to_string()),
            ("form[kind]", "patrol".into()),
            ("form[started_at]", local(4)),
            ("form[ended_at]", local(1)),
            ("form[participants][0]", members[0].to_string()),
            ("form[area]", "Thôn Thanh Lương".into()),
            ("form[incidents][0]", incident.clone()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let detail = app
        .read_fn(
            "/api/log/record",
            &encode(&[("id", patrol)]),
            Some(&cookie(&member)),
        )
        .await
        .json();
    let linked = detail["facts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["label"] == "Vụ việc liên quan")
        .expect("linked incidents are listed");
    assert!(
        linked["value"].as_str().unwrap().contains("Đống rơm"),
        "{linked}"
    );
}

#[tokio::test]
async fn the_feed_comes_in_pages_of_thirty_newest_first() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    for _ in 0..31 {
        let start = encode(&[("team_id", team.to_string()), ("id", uuid())]);
        let r = app
            .post_form("/api/log/start_patrol", &start, Some(&cookie(&member)))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let page = |n: &str| {
        encode(&[
            ("team_id", team.to_string()),
            ("kind", "patrol".into()),
            ("member", String::new()),
            ("month", String::new()),
            ("page", n.into()),
        ])
    };
    let first = app
        .read_fn("/api/log/feed", &page(""), Some(&cookie(&member)))
        .await
        .json();
    assert_eq!(first["cards"].as_array().unwrap().len(), 30);
    assert_eq!(first["next_page"], 2);
    let both = app
        .read_fn("/api/log/feed", &page("2"), Some(&cookie(&member)))
        .await
        .json();
    assert_eq!(both["cards"].as_array().unwrap().len(), 31);
    assert!(both["next_page"].is_null());
    assert_eq!(
        both["cards"][0], first["cards"][0],
        "newest first on every page"
    );
}

#[tokio::test]
async fn a_tip_is_stamped_as_passed_on_once_by_who_may_edit_it() {
    let app = TestApp::with_demo().await;
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    let id = uuid();
    let r = save(
        &app,
        &member,
        &[
            ("form[id]", id.clone()),
            ("form[team_id]", team.to_string()),
            ("form[kind]", "tip_off".into()),
            ("form[received_at]", local(1)),
            ("form[channel]", "in_person".into()),
            ("form[category]", "gambling".into()),
            ("form[content]", "Nghi tụ tập đánh bạc".into()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let forward = encode(&[("id", id.clone()), ("version", "1".into())]);
    let teammate = app.token("0910101004").await;
    let r = app
        .post_form("/api/log/forward", &forward, Some(&cookie(&teammate)))
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "another member's tip: {}",
        r.body
    );
    let r = app
        .post_form("/api/log/forward", &forward, Some(&cookie(&member)))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let stored = record(&app, &member, &id).await.json();
    assert!(stored["body"]["data"]["forwarded_at"].is_string());
    let r = app
        .post_form("/api/log/forward", &forward, Some(&cookie(&member)))
        .await;
    assert_eq!(
        r.status,
        StatusCode::CONFLICT,
        "a second tap from the same screen: {}",
        r.body
    );
}
