//! The informant of a tip, on every door: every answer that can carry a tip (the feed,
//! the detail, the edit form, the history, the sync pull, the month, the drill-down, a
//! conflict's differences, the export file) read as every role, on both databases, shows
//! the informant only to the member who received the tip and to that commune's police.
//! Whoever may not see the informant cannot set or change it, through any door, and every
//! change of it is in the trail without its values.

use crate::common;

use common::{ago, id, urlencode};

use app::offline::carry::OutboxFile;
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{Reply, TestApp};
use serde_json::{json, Value};

const RECEIVER: &str = "0910101003";
const TEAMMATE: &str = "0910101004";
const DEPUTY: &str = "0910101002";
const LEADER: &str = "0910101001";
const OTHER_TEAM_LEADER: &str = "0910102002";
const COMMUNE_POLICE: &str = "0900000003";
const OTHER_COMMUNE_POLICE: &str = "0900000004";
const PROVINCE_POLICE: &str = "0900000002";
const ADMIN: &str = "0900000001";

/// Every role, and whether it may see the receiver's informant.
const ROLES: [(&str, bool); 9] = [
    (RECEIVER, true),
    (TEAMMATE, false),
    (DEPUTY, false),
    (LEADER, false),
    (OTHER_TEAM_LEADER, false),
    (COMMUNE_POLICE, true),
    (OTHER_COMMUNE_POLICE, false),
    (PROVINCE_POLICE, false),
    (ADMIN, false),
];

on_both!(
    every_door_shows_the_informant_only_where_allowed,
    only_those_who_see_the_informant_set_or_change_it,
    informant_changes_are_audited_without_their_values,
    answers_naming_the_informant_are_never_cached,
);

fn tip(content: &str) -> Value {
    json!({"kind": "tip_off", "data": {"received_at": ago(2), "channel": "in_person",
        "category": "drugs", "content": content, "forwarded_at": ago(1)}})
}

/// A name and a phone that appear nowhere else, so finding either in an answer means the
/// informant leaked into it.
struct Secret {
    name: String,
    phone: String,
}

impl Secret {
    fn new() -> Self {
        let n = uuid::Uuid::new_v4().as_u128() % 10_000_000;
        Secret {
            name: format!("Bà Kín Đáo {n:07}"),
            phone: format!("098{n:07}"),
        }
    }

    fn json(&self) -> Value {
        json!({"name": self.name, "phone": self.phone})
    }

    fn in_answer(&self, r: &Reply) -> bool {
        let digits = format!(
            "{} {} {}",
            &self.phone[..4],
            &self.phone[4..7],
            &self.phone[7..]
        );
        r.body.contains(&self.name) || r.body.contains(&self.phone) || r.body.contains(&digits)
    }
}

struct Tip {
    team: i64,
    record: String,
    month: String,
    commune: i64,
}

async fn log_tip(app: &TestApp, secret: &Secret) -> Tip {
    let token = app.token(RECEIVER).await;
    let (team, _) = app.team_of(&token).await;
    let r = app
        .create_record(
            &token,
            &json!({"id": id(), "team_id": team, "body": tip("Có người lạ bán hàng cấm"),
                "informant": secret.json()}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let police = app.token(COMMUNE_POLICE).await;
    let home = app.get("/api/v1/home", Some(&police)).await.json();
    Tip {
        team,
        record: r.json()["id"].as_str().unwrap().to_owned(),
        month: r.json()["month"].as_str().unwrap().to_owned(),
        commune: home["communes"][0]["id"].as_i64().unwrap(),
    }
}

fn cookie(token: &str) -> String {
    format!("antt_session={token}")
}

/// The team's whole sync pull, page after page, as one answer.
async fn pull_all(app: &TestApp, token: &str, team: i64) -> Reply {
    let mut since = 0;
    let mut body = String::new();
    loop {
        let r = app
            .get(
                &format!("/api/v1/teams/{team}/changes?since={since}"),
                Some(token),
            )
            .await;
        if r.status != StatusCode::OK {
            return r;
        }
        body.push_str(&r.body);
        let page = r.json();
        since = page["cursor"].as_i64().unwrap();
        if page["more"] != true {
            return Reply {
                body,
                bytes: Vec::new(),
                ..r
            };
        }
    }
}

/// Where those allowed must find the informant: every door that shows a tip whole.
fn must_show(who: &str, door: &str) -> bool {
    let whole = door.starts_with("/api/v1/records/") && !door.ends_with("/history")
        || door.starts_with("/api/log/record")
        || door == "the sync pull"
        || (door.starts_with("/records/") && !door.ends_with("/edit"));
    let form = door.starts_with("/api/log/edit") || door.ends_with("/edit");
    whole || (form && who == RECEIVER)
}

/// Every answer that can carry the tip, as `token` reads it.
async fn answers(app: &TestApp, token: &str, t: &Tip) -> Vec<(String, Reply)> {
    let (team, record, month) = (t.team, &t.record, &t.month);
    let c = cookie(token);
    let mut out = Vec::new();
    for path in [
        format!("/api/v1/records/{record}"),
        format!("/api/v1/teams/{team}/records"),
        format!("/api/v1/records/{record}/history"),
        format!("/api/v1/teams/{team}/months/{month}"),
        format!("/api/v1/teams/{team}/indicators/tips_via_force/records?period={month}"),
        format!(
            "/api/v1/units/{}/indicators/tips_via_force/records?period={month}",
            t.commune
        ),
    ] {
        out.push((path.clone(), app.get(&path, Some(token)).await));
    }
    out.push(("the sync pull".to_owned(), pull_all(app, token, team).await));
    for (endpoint, args) in [
        (
            "/api/log/feed",
            format!("team_id={team}&kind=&member=&month=&page=1"),
        ),
        ("/api/log/record", format!("id={record}")),
        ("/api/log/edit", format!("id={record}")),
        ("/api/month/get", format!("team_id={team}&month={month}")),
        (
            "/api/indicators/records",
            format!("scope=team&id={team}&code=tips_via_force&period={month}"),
        ),
    ] {
        let r = app.read_fn(endpoint, &args, Some(&c)).await;
        out.push((format!("{endpoint}?{args}"), r));
    }
    for page in [
        format!("/records/{record}"),
        format!("/records/{record}/edit"),
    ] {
        out.push((page.clone(), app.get_with_cookie(&page, &c).await));
    }
    out
}

async fn every_door_shows_the_informant_only_where_allowed(app: TestApp) {
    let secret = Secret::new();
    let t = log_tip(&app, &secret).await;
    for (who, allowed) in ROLES {
        let token = app.token(who).await;
        let mut seen_somewhere = false;
        for (door, r) in answers(&app, &token, &t).await {
            assert!(
                r.status.as_u16() < 500,
                "{who} {door}: {} {}",
                r.status,
                r.body
            );
            let shown = secret.in_answer(&r);
            assert!(!shown || allowed, "{who} sees the informant through {door}");
            if allowed && must_show(who, &door) {
                assert!(
                    shown,
                    "{who} does not find the informant through {door}: {}",
                    r.status
                );
            }
            seen_somewhere |= shown;
        }
        assert_eq!(
            seen_somewhere, allowed,
            "{who}: the informant where allowed"
        );
    }

    // A conflict's answer carries the server's version of the tip: the informant goes
    // to the receiver, not to the leader whose stale edit met the same conflict.
    let receiver = app.token(RECEIVER).await;
    let edited = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{}", t.record),
            &receiver,
            Some(&json!({"version": 1, "body": tip("Có người lạ bán hàng cấm ở chợ")})),
        )
        .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    for (who, allowed) in [(RECEIVER, true), (LEADER, false)] {
        let token = app.token(who).await;
        let push = app
            .send_as(
                "POST",
                "/api/v1/sync/push",
                &token,
                Some(
                    &json!({"mutations": [{"op": "update", "id": id(), "record_id": t.record,
                    "change": {"version": 1, "body": tip("Sửa lời kể")}}]}),
                ),
            )
            .await;
        assert_eq!(push.status, StatusCode::OK, "{}", push.body);
        assert_eq!(
            push.json()["results"][0]["status"],
            "conflict",
            "{}",
            push.body
        );
        assert!(!push.json()["results"][0]["differences"]
            .as_array()
            .unwrap()
            .is_empty());
        assert_eq!(
            secret.in_answer(&push),
            allowed,
            "{who}: the conflict's answer"
        );
    }

    // The export file: a phone shared by the receiver and a teammate writes only the
    // signed-in person's entries.
    let entry = |owner: i64, with_secret: bool| {
        json!({"id": id(), "owner": owner, "record_id": id(), "photos": [],
            "mutation": {"op": "create", "record": {"informant": if with_secret { secret.json() } else { Value::Null }}}})
    };
    let receiver_id = app
        .get("/api/v1/me", Some(&app.token(RECEIVER).await))
        .await
        .json()["user_id"]
        .as_i64()
        .unwrap();
    let teammate_id = app
        .get("/api/v1/me", Some(&app.token(TEAMMATE).await))
        .await
        .json()["user_id"]
        .as_i64()
        .unwrap();
    let phone = vec![entry(receiver_id, true), entry(teammate_id, false)];
    let teammates_file = OutboxFile::of_owner(phone.clone(), teammate_id, vec![], Utc::now());
    let text = serde_json::to_string(&teammates_file).unwrap();
    assert!(!text.contains(&secret.name) && teammates_file.entries.len() == 1);
    let receivers_file = OutboxFile::of_owner(phone, receiver_id, vec![], Utc::now());
    assert!(serde_json::to_string(&receivers_file)
        .unwrap()
        .contains(&secret.name));
}

async fn informant_now(app: &TestApp, record: &str) -> Value {
    let police = app.token(COMMUNE_POLICE).await;
    app.get(&format!("/api/v1/records/{record}"), Some(&police))
        .await
        .json()["informant"]
        .clone()
}

async fn only_those_who_see_the_informant_set_or_change_it(app: TestApp) {
    let secret = Secret::new();
    let t = log_tip(&app, &secret).await;
    let leader = app.token(LEADER).await;
    let forged = json!({"name": "Người khác", "phone": null});

    // The JSON API: the leader may edit the tip, not its informant.
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{}", t.record),
            &leader,
            Some(&json!({"version": 1, "body": tip("Lời kể đã sửa"), "informant": forged})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(
        (r.json()["code"].as_str(), r.json()["field"].as_str()),
        (Some("informant_not_yours"), Some("informant"))
    );
    assert_eq!(informant_now(&app, &t.record).await, secret.json());

    // The sync: the same edit pushed from the leader's phone is refused with its reason.
    let push = app
        .send_as(
            "POST",
            "/api/v1/sync/push",
            &leader,
            Some(
                &json!({"mutations": [{"op": "update", "id": id(), "record_id": t.record,
                "change": {"version": 1, "body": tip("Lời kể đã sửa"), "informant": forged}}]}),
            ),
        )
        .await;
    assert_eq!(
        push.json()["results"][0]["status"],
        "rejected",
        "{}",
        push.body
    );
    assert_eq!(
        push.json()["results"][0]["error"]["code"],
        "informant_not_yours"
    );
    assert_eq!(informant_now(&app, &t.record).await, secret.json());

    // An edit that leaves the informant out keeps it, whoever makes it.
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{}", t.record),
            &leader,
            Some(&json!({"version": 1, "body": tip("Lời kể đã sửa")})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!secret.in_answer(&r));
    assert_eq!(informant_now(&app, &t.record).await, secret.json());

    // The edit form, as the leader submits it (its informant fields empty): kept too.
    let form = [
        ("form[id]", t.record.clone()),
        ("form[team_id]", t.team.to_string()),
        ("form[version]", "2".into()),
        ("form[kind]", "tip_off".into()),
        (
            "form[received_at]",
            app::domain::records::form::local_input(Utc::now() - Duration::hours(2)),
        ),
        ("form[channel]", "in_person".into()),
        ("form[category]", "drugs".into()),
        ("form[content]", "Lời kể qua biểu mẫu".into()),
        ("form[informant_name]", String::new()),
        ("form[informant_phone]", String::new()),
    ];
    let body = form
        .iter()
        .map(|(k, v)| format!("{}={}", urlencode(k), urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let saved = app
        .post_form("/api/log/save", &body, Some(&cookie(&leader)))
        .await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(informant_now(&app, &t.record).await, secret.json());

    // The receiver and the commune police may change it.
    let receiver = app.token(RECEIVER).await;
    let version = app
        .get(&format!("/api/v1/records/{}", t.record), Some(&receiver))
        .await
        .json()["version"]
        .as_i64()
        .unwrap();
    let r = app
        .send_as(
            "PUT",
            &format!("/api/v1/records/{}", t.record),
            &receiver,
            Some(&json!({"version": version, "body": tip("Lời kể đã sửa"),
                "informant": {"name": "Bà Tư chợ", "phone": null}})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(informant_now(&app, &t.record).await["name"], "Bà Tư chợ");
}

async fn informant_changes_are_audited_without_their_values(app: TestApp) {
    let secret = Secret::new();
    let t = log_tip(&app, &secret).await;
    let receiver = app.token(RECEIVER).await;
    let path = format!("/api/v1/records/{}", t.record);
    let edit = |version: i64, informant: Value| json!({"version": version, "body": tip("Có người lạ bán hàng cấm"), "informant": informant});
    // The same informant again is no change; another name is.
    let r = app
        .send_as("PUT", &path, &receiver, Some(&edit(1, secret.json())))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = app
        .send_as(
            "PUT",
            &path,
            &receiver,
            Some(&edit(2, json!({"name": "Ông Ba", "phone": null}))),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);

    let secret = &secret;
    let trail = |who: &'static str| {
        let app = &app;
        let path = format!("{path}/history");
        async move {
            let token = app.token(who).await;
            let r = app.get(&path, Some(&token)).await;
            assert_eq!(r.status, StatusCode::OK, "{who}: {}", r.body);
            assert!(
                !secret.in_answer(&r) && !r.body.contains("Ông Ba"),
                "{who}: no values in the trail"
            );
            r.json()
                .as_array()
                .unwrap()
                .iter()
                .map(|h| h["action"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    let police_sees = trail(COMMUNE_POLICE).await;
    assert_eq!(
        police_sees,
        [
            "create",
            "informant_set",
            "update",
            "update",
            "informant_changed"
        ],
        "who set and changed the informant, in order"
    );
    assert_eq!(trail(RECEIVER).await, police_sees);
    assert_eq!(
        trail(LEADER).await,
        ["create", "update", "update"],
        "the leader sees edits only"
    );

    // The record's screen names who changed it, in words, for the police.
    let police = app.token(COMMUNE_POLICE).await;
    let screen = app
        .read_fn(
            "/api/log/record",
            &format!("id={}", t.record),
            Some(&cookie(&police)),
        )
        .await;
    assert!(
        screen.body.contains("Sửa người cung cấp tin"),
        "{}",
        screen.body
    );
}

async fn answers_naming_the_informant_are_never_cached(app: TestApp) {
    let secret = Secret::new();
    let t = log_tip(&app, &secret).await;
    for (who, allowed) in [(RECEIVER, true), (LEADER, false)] {
        let c = cookie(&app.token(who).await);
        for r in [
            app.read_fn("/api/log/record", &format!("id={}", t.record), Some(&c))
                .await,
            app.get_with_cookie(&format!("/records/{}", t.record), &c)
                .await,
        ] {
            assert_eq!(r.status, StatusCode::OK);
            assert_eq!(secret.in_answer(&r), allowed);
            let no_store = r
                .header("cache-control")
                .is_some_and(|v| v.contains("no-store"));
            assert_eq!(
                no_store, allowed,
                "{who}: no-store exactly when the informant is named"
            );
        }
    }
    // The JSON API is never kept by a cache, whoever reads it.
    let leader = app.token(LEADER).await;
    let r = app
        .get(&format!("/api/v1/records/{}", t.record), Some(&leader))
        .await;
    assert_eq!(r.header("cache-control"), Some("no-store"));
}
