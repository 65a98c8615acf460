//! A member's phone counts the team's month from its own copy of the records, with the
//! indicator engine the server uses: on both databases, a copy pulled through the sync
//! API and counted on the "phone" gives every indicator exactly as the server's table,
//! this month and last; and only those who may read the team get what counting needs.

use crate::common;

use app::domain::indicators::period::previous;
use app::domain::indicators::Indicator;
use app::domain::local_time::YearMonth;
use app::domain::records::tip::{Channel, TipOff};
use app::domain::records::RecordBody;
use app::dto::progress::CountingKit;
use app::dto::sync::PullResponse;
use app::offline::team_copy::{current_month, progress, Progress, TeamCopy};
use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::TestApp;
use serde_json::{json, Value};

const MEMBER: &str = "0910101003";
const OTHER_COMMUNE_LEADER: &str = "0910201001";
const COMMUNE_POLICE: &str = "0900000003";
const OTHER_COMMUNE_POLICE: &str = "0900000004";

on_both!(
    the_phone_counts_what_the_server_counts,
    only_readers_of_the_team_get_what_counting_needs,
);

async fn kit_of(app: &TestApp, token: &str, team: i64) -> CountingKit {
    let r = app
        .get(&format!("/api/progress/kit?team_id={team}"), Some(token))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    serde_json::from_str(&r.body).expect("a counting kit")
}

/// The team's copy as a phone builds it: every page of changes since nothing.
async fn pulled_copy(
    app: &TestApp,
    token: &str,
    kit: &CountingKit,
    from: YearMonth,
) -> (TeamCopy, usize) {
    let mut copy = TeamCopy::new(kit.user_id, kit.team_id);
    let mut pages = 0;
    loop {
        let r = app
            .get(
                &format!(
                    "/api/v1/teams/{}/changes?since={}&limit=40",
                    kit.team_id, copy.cursor
                ),
                Some(token),
            )
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
        let page: PullResponse = serde_json::from_str(&r.body).expect("a page");
        pages += 1;
        copy.apply(&page, from, kit, Utc::now());
        if !page.more {
            return (copy, pages);
        }
    }
}

/// The team's row of the server's indicator table for one month.
async fn server_cells(app: &TestApp, token: &str, team: i64, month: YearMonth) -> Vec<Value> {
    let r = app
        .get(
            &format!("/api/v1/teams/{team}/indicators?period={}", month.key()),
            Some(token),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()["scope"]["cells"]
        .as_array()
        .expect("cells")
        .clone()
}

fn assert_same(phone: &Progress, server: &[Value], what: &str) {
    assert_eq!(phone.standings.len(), Indicator::ALL.len());
    for (s, cell) in phone.standings.iter().zip(server) {
        assert_eq!(cell["indicator"], s.indicator.code(), "{what}");
        let expected = (
            cell["numerator"].as_i64().unwrap(),
            cell["denominator"].as_i64().unwrap(),
            cell["met"].as_bool(),
        );
        assert_eq!(
            (s.numerator, s.denominator, s.met),
            expected,
            "{what}: {}",
            s.indicator.code()
        );
    }
}

async fn the_phone_counts_what_the_server_counts(app: TestApp) {
    // The demo's 90 days of activity of every kind, and its campaigns.
    antt_server::demo_activity::load(app.store.as_ref(), Utc::now())
        .await
        .expect("demo activity loads");
    let member = app.token(MEMBER).await;
    let police = app.token(COMMUNE_POLICE).await;
    let (team, _) = app.team_of(&member).await;

    // A tip the commune police took directly: it counts for the team in the denominator
    // of 4.1 only, which the phone can know only from the kit's list of police authors.
    let now = Utc::now() - Duration::minutes(10);
    let direct = RecordBody::TipOff(TipOff {
        received_at: now,
        channel: Channel::PhoneCall,
        category: "drugs".into(),
        content: "Người dân gọi báo có tụ tập đông người".into(),
        forwarded_at: None,
        assessment: None,
    });
    let r = app
        .create_record(
            &police,
            &json!({"id": uuid::Uuid::new_v4().to_string(), "team_id": team, "body": direct}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    let kit = kit_of(&app, &member, team).await;
    assert_eq!(kit.team_id, team);
    assert!(!kit.logs_as_police);
    assert!(!kit.police_authors.is_empty());
    assert!(
        !kit.campaigns.is_empty(),
        "the demo's campaign covers the team"
    );

    let this_month = current_month(&kit, Utc::now());
    let last_month = previous(this_month);
    let (copy, pages) = pulled_copy(&app, &member, &kit, last_month).await;
    assert!(pages > 1, "the demo's history takes several pages of 40");

    for month in [this_month, last_month] {
        let phone = progress(&copy, &[], &kit, month);
        assert!(phone.records > 0, "the demo logged something in {month}");
        let server = server_cells(&app, &member, team, month).await;
        assert_same(&phone, &server, &month.key());
    }
    let direct_tips = progress(&copy, &[], &kit, this_month)
        .standings
        .iter()
        .find(|s| s.indicator == Indicator::TipsViaForce)
        .map(|s| s.denominator - s.numerator)
        .unwrap();
    assert!(
        direct_tips >= 1,
        "the police's tip is in the denominator only"
    );

    // The commune police's own phone counts the same team the same way.
    let police_kit = kit_of(&app, &police, team).await;
    assert!(police_kit.logs_as_police);
    let (police_copy, _) = pulled_copy(&app, &police, &police_kit, this_month).await;
    assert_same(
        &progress(&police_copy, &[], &police_kit, this_month),
        &server_cells(&app, &police, team, this_month).await,
        "the police's phone",
    );
}

async fn only_readers_of_the_team_get_what_counting_needs(app: TestApp) {
    let member = app.token(MEMBER).await;
    let (team, _) = app.team_of(&member).await;
    let anonymous = app
        .get(&format!("/api/progress/kit?team_id={team}"), None)
        .await;
    assert_eq!(
        anonymous.status,
        StatusCode::UNAUTHORIZED,
        "{}",
        anonymous.body
    );
    for phone in [OTHER_COMMUNE_LEADER, OTHER_COMMUNE_POLICE] {
        let token = app.token(phone).await;
        let r = app
            .get(&format!("/api/progress/kit?team_id={team}"), Some(&token))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{phone}: {}", r.body);
        assert_eq!(r.json()["code"], "forbidden", "{phone}");
    }
    let missing = app
        .get("/api/progress/kit?team_id=999999", Some(&member))
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND, "{}", missing.body);
}
