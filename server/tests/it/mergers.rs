//! Mergers (issue 18): communes merged under their province and villages joined under
//! their commune, through the JSON API and the screen's server function; the months
//! before the day roll up under the old units and the later ones under the merged one,
//! and every refusal.

use crate::common::{self, TestApp};
use app::domain::local_time::local_date;
use axum::http::StatusCode;
use chrono::{Datelike, Duration, NaiveDate, Utc};
use serde_json::{json, Value};

on_both!(
    merged_communes_roll_up_under_the_old_ones_before_the_day_and_the_new_one_after,
    a_bad_merger_is_explained_on_its_field_and_nothing_is_written,
    villages_join_with_the_teams_and_members_answering_for_them,
    only_the_police_above_the_merging_units_record_a_merger,
    a_village_splits_with_its_teams_and_members,
);

const PROVINCE_POLICE: &str = "0900000002";
const COMMUNE_POLICE: &str = "0900000003"; // Xã Quảng Trạch
const OTHER_COMMUNE_POLICE: &str = "0900000004"; // Phường Đông Hà
const LEADER: &str = "0910101001"; // a team of Xã Quảng Trạch

/// Members on patrol over a month for a unit: (numerator, denominator).
async fn on_patrol(app: &TestApp, token: &str, unit: i64, month: &str) -> (i64, i64) {
    let path = format!("/api/v1/units/{unit}/indicators?period={month}");
    app.indicator_cell(token, &path, "members_on_patrol").await
}

/// The first day of this month in Vietnam, and the report months before and of it.
fn this_month() -> (NaiveDate, String, String) {
    let today = local_date(Utc::now());
    let first = today.with_day(1).unwrap();
    let before = first - Duration::days(1);
    let key = |d: NaiveDate| format!("{:04}-{:02}", d.year(), d.month());
    (first, key(before), key(first))
}

async fn merge(app: &TestApp, token: &str, parent: i64, body: &Value) -> common::Reply {
    app.send_as(
        "POST",
        &format!("/api/v1/units/{parent}/mergers"),
        token,
        Some(body),
    )
    .await
}

async fn children(app: &TestApp, token: &str, unit: i64) -> Value {
    let r = app
        .get(&format!("/api/v1/units/{unit}/children"), Some(token))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

async fn merged_communes_roll_up_under_the_old_ones_before_the_day_and_the_new_one_after(
    app: TestApp,
) {
    let (province, qt, dh) = app.demo_communes().await;
    let pp = app.token(PROVINCE_POLICE).await;
    let (first, before, current) = this_month();
    let qt_before = on_patrol(&app, &pp, qt, &before).await;
    let qt_now = on_patrol(&app, &pp, qt, &current).await;
    let dh_now = on_patrol(&app, &pp, dh, &current).await;
    assert!(qt_before.1 > 0 && qt_now.1 > 0 && dh_now.1 > 0);
    let qt_teams = app.store.teams_under(qt).await.unwrap();
    let dh_teams = app.store.teams_under(dh).await.unwrap();
    let villages = |id| {
        let s = app.store.clone();
        async move { s.child_units(id).await.unwrap().len() }
    };
    let (qt_villages, dh_villages) = (villages(qt).await, villages(dh).await);

    let r = merge(
        &app,
        &pp,
        province,
        &json!({"unit_ids": [qt, dh], "new_name": "  Xã   Quảng Đông ", "from": first.to_string()}),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let m = r.json();
    let merged = m["into"]["id"].as_i64().unwrap();
    assert_eq!(m["into"]["name"], "Xã Quảng Đông");
    assert_eq!(m["into"]["valid_from"], first.to_string());
    assert_eq!(m["closed"], json!(["Xã Quảng Trạch", "Phường Đông Hà"]));
    assert_eq!(
        m["teams_moved"].as_u64(),
        Some((qt_teams.len() + dh_teams.len()) as u64)
    );
    assert_eq!(
        m["places_moved"].as_u64(),
        Some((qt_villages + dh_villages) as u64)
    );

    // The months before the day stay with the old communes; from it, the new one has both.
    assert_eq!(on_patrol(&app, &pp, qt, &before).await, qt_before);
    assert_eq!(on_patrol(&app, &pp, qt, &current).await.1, 0);
    assert_eq!(on_patrol(&app, &pp, merged, &before).await.1, 0);
    assert_eq!(
        on_patrol(&app, &pp, merged, &current).await,
        (qt_now.0 + dh_now.0, qt_now.1 + dh_now.1)
    );

    // The old communes closed the day before; the villages and teams are the new one's.
    let listed = children(&app, &pp, province).await;
    let last_day = (first - Duration::days(1)).to_string();
    for old in [qt, dh] {
        let entry = listed["children"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == old)
            .cloned()
            .unwrap();
        assert_eq!(
            (entry["valid_to"].as_str(), entry["active"].as_bool()),
            (Some(last_day.as_str()), Some(false))
        );
    }
    assert_eq!(villages(merged).await, qt_villages + dh_villages);
    assert_eq!(
        app.store.teams_under(merged).await.unwrap().len(),
        qt_teams.len() + dh_teams.len()
    );
    // The old communes' police are the merged commune's police, and a leader still
    // reads their own team.
    for phone in [COMMUNE_POLICE, OTHER_COMMUNE_POLICE] {
        let token = app.token(phone).await;
        let r = app
            .get(&format!("/api/v1/units/{merged}"), Some(&token))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{phone}: {}", r.body);
        assert_eq!(
            r.json()["teams"].as_array().map(Vec::len),
            Some(qt_teams.len() + dh_teams.len()),
            "{phone}"
        );
        assert_eq!(
            on_patrol(&app, &token, merged, &current).await,
            (qt_now.0 + dh_now.0, qt_now.1 + dh_now.1)
        );
    }
    let (team, _) = app.team_of(&app.token(LEADER).await).await;
    assert_eq!(
        app.store.team(team).await.unwrap().unwrap().commune_id,
        merged
    );

    // Each side's history says what happened.
    let h = app
        .get(&format!("/api/v1/units/{qt}/history"), Some(&pp))
        .await
        .json();
    assert_eq!(h[0]["action"], "merged");
    let into = h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "merged_into")
        .cloned()
        .unwrap();
    assert_eq!(into["after"], "Xã Quảng Đông");
    let h = app
        .get(&format!("/api/v1/units/{merged}/history"), Some(&pp))
        .await
        .json();
    assert_eq!(
        (h[0]["action"].as_str(), h[1]["action"].as_str()),
        (Some("merged"), Some("created"))
    );
    let from = h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "merged_from")
        .cloned()
        .unwrap();
    assert_eq!(from["after"], "Xã Quảng Trạch, Phường Đông Hà");
}

async fn a_bad_merger_is_explained_on_its_field_and_nothing_is_written(app: TestApp) {
    let (province, qt, dh) = app.demo_communes().await;
    let pp = app.token(PROVINCE_POLICE).await;
    let (first, _, _) = this_month();
    let day = first.to_string();
    let a_village = app.store.child_units(qt).await.unwrap()[0].clone();
    let next_month = (first + Duration::days(40))
        .with_day(1)
        .unwrap()
        .to_string();
    let cases = [
        (
            json!({"unit_ids": [], "new_name": "Xã Mới", "from": day}),
            "unit_ids",
            "required",
        ),
        (
            json!({"unit_ids": [qt, qt], "new_name": "Xã Mới", "from": day}),
            "unit_ids",
            "listed_twice",
        ),
        (
            json!({"unit_ids": [qt, a_village.id], "new_name": "Xã Mới", "from": day}),
            "unit_ids",
            "unit_not_open",
        ),
        (
            json!({"unit_ids": [qt], "into_id": qt, "from": day}),
            "into_id",
            "listed_twice",
        ),
        (
            json!({"unit_ids": [qt, dh], "from": day}),
            "into_id",
            "required",
        ),
        (
            json!({"unit_ids": [qt, dh], "into_id": dh, "new_name": "Xã Mới", "from": day}),
            "new_name",
            "invalid_choice",
        ),
        (
            json!({"unit_ids": [qt], "new_name": "phường đông  hà", "from": day}),
            "new_name",
            "name_taken",
        ),
        (
            json!({"unit_ids": [qt, dh], "new_name": "Xã Mới", "from": next_month}),
            "from",
            "date_in_future",
        ),
        (
            json!({"unit_ids": [qt, dh], "new_name": "Xã Mới", "from": "2026-01-01", "extra": 1}),
            "",
            "",
        ),
    ];
    for (body, field, code) in cases {
        let r = merge(&app, &pp, province, &body).await;
        if field.is_empty() {
            assert!(r.status.is_client_error(), "{body}: {}", r.body);
            assert_eq!(r.json()["code"], "invalid_json", "{body}");
            continue;
        }
        common::assert_field_error(&r, field, code, &body.to_string());
    }
    // A day inside a month: last month's second day (never in the future).
    let mid = (first - Duration::days(1)).with_day(2).unwrap().to_string();
    let r = merge(
        &app,
        &pp,
        province,
        &json!({"unit_ids": [qt, dh], "new_name": "Xã Mới", "from": mid}),
    )
    .await;
    common::assert_field_error(&r, "from", "merge_not_month_start", "mid-month");
    // A village of Đông Hà named like one of Quảng Trạch's would sit beside it.
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{dh}/children"),
            &pp,
            Some(&json!({"kind": "village", "name": a_village.name.to_uppercase(), "valid_from": "2020-01-01"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = merge(
        &app,
        &pp,
        province,
        &json!({"unit_ids": [dh], "into_id": qt, "from": day}),
    )
    .await;
    common::assert_field_error(&r, "unit_ids", "merged_names_clash", "a name twice");

    // Nothing was written: both communes are open and nothing new sits beside them.
    let listed = children(&app, &pp, province).await;
    let all = listed["children"].as_array().unwrap();
    assert_eq!(all.len(), 2, "{listed}");
    assert!(all
        .iter()
        .all(|c| c["active"] == true && c["valid_to"].is_null()));
    let h = app
        .get(&format!("/api/v1/units/{qt}/history"), Some(&pp))
        .await
        .json();
    assert!(h
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"] != "merged"));
}

async fn villages_join_with_the_teams_and_members_answering_for_them(app: TestApp) {
    let (_, qt, _) = app.demo_communes().await;
    let cp = app.token(COMMUNE_POLICE).await;
    let (first, _, _) = this_month();
    let villages = app.store.child_units(qt).await.unwrap();
    let (goes_on, joining) = (&villages[0], &villages[1]);
    let teams = app.store.teams_under(qt).await.unwrap();
    let mut covering = None;
    for t in &teams {
        let team = app.store.team(t.id).await.unwrap().unwrap();
        if team.village_ids.contains(&joining.id) {
            covering = Some(team);
        }
    }
    let covering = covering.expect("a team covers the joining village");
    let answering: Vec<i64> = app
        .store
        .team_members(covering.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.entry.area_id == Some(joining.id))
        .map(|m| m.id)
        .collect();
    assert!(!answering.is_empty());

    // The screen's server function, as its form sends it.
    let cookie = format!("antt_session={cp}");
    let r = app
        .post_form(
            "/api/units/merge",
            &format!(
                "parent_id={qt}&unit_ids[0]={}&into_id={}&from={first}",
                joining.id, goes_on.id
            ),
            Some(&cookie),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let m = r.json();
    assert_eq!(m["into"]["id"].as_i64(), Some(goes_on.id));
    assert_eq!(m["teams_moved"], 1);
    assert_eq!(m["places_moved"], 0);

    let team = app.store.team(covering.id).await.unwrap().unwrap();
    assert!(team.village_ids.contains(&goes_on.id));
    assert!(!team.village_ids.contains(&joining.id));
    for id in &answering {
        let member = app.store.member(*id).await.unwrap().unwrap();
        assert_eq!(member.entry.area_id, Some(goes_on.id));
    }
    let h = app
        .get(&format!("/api/v1/teams/{}/history", covering.id), Some(&cp))
        .await;
    assert_eq!(h.status, StatusCode::OK, "{}", h.body);
    assert_eq!(h.json()[0]["action"], "merged");
    let closed = app.store.org_unit(joining.id).await.unwrap().unwrap();
    assert_eq!(closed.valid_to, Some(first - Duration::days(1)));
}

async fn only_the_police_above_the_merging_units_record_a_merger(app: TestApp) {
    let (province, qt, dh) = app.demo_communes().await;
    let (first, _, _) = this_month();
    let qt_villages = app.store.child_units(qt).await.unwrap();
    let communes = json!({"unit_ids": [qt], "into_id": dh, "from": first.to_string()});
    let villages = json!({"unit_ids": [qt_villages[1].id], "into_id": qt_villages[0].id, "from": first.to_string()});
    let on = |unit: i64| format!("/api/v1/units/{unit}/mergers");
    app.assert_answers(vec![
        // Communes are the province's to merge, villages their commune's.
        (
            COMMUNE_POLICE,
            "POST",
            on(province),
            Some(communes.clone()),
            StatusCode::FORBIDDEN,
        ),
        (
            OTHER_COMMUNE_POLICE,
            "POST",
            on(qt),
            Some(villages.clone()),
            StatusCode::FORBIDDEN,
        ),
        (
            LEADER,
            "POST",
            on(qt),
            Some(villages.clone()),
            StatusCode::FORBIDDEN,
        ),
        (
            LEADER,
            "POST",
            on(province),
            Some(communes),
            StatusCode::FORBIDDEN,
        ),
    ])
    .await;
    let r = app
        .send_as("POST", &on(qt), "not-a-token", Some(&villages))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    // Nothing moved.
    assert!(app
        .store
        .child_units(province)
        .await
        .unwrap()
        .iter()
        .all(|c| c.valid_to.is_none()));
    assert!(app
        .store
        .child_units(qt)
        .await
        .unwrap()
        .iter()
        .all(|v| v.valid_to.is_none()));
    // The province police record it.
    let pp = app.token(PROVINCE_POLICE).await;
    let r = merge(&app, &pp, qt, &villages).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
}

async fn a_village_splits_with_its_teams_and_members(app: TestApp) {
    let (province, qt, _) = app.demo_communes().await;
    let cp = app.token(COMMUNE_POLICE).await;
    let (first, _, _) = this_month();
    let villages = app.store.child_units(qt).await.unwrap();
    let teams = app.store.teams_under(qt).await.unwrap();
    let mut found = None;
    for t in &teams {
        let team = app.store.team(t.id).await.unwrap().unwrap();
        let members = app.store.team_members(t.id).await.unwrap();
        if let Some(v) = villages.iter().find(|v| {
            team.village_ids.contains(&v.id)
                && members.iter().any(|m| m.entry.area_id == Some(v.id))
        }) {
            found = Some((team, v.clone()));
            break;
        }
    }
    let (team, village) = found.expect("a village with a team and members answering for it");
    let answering: Vec<i64> = app
        .store
        .team_members(team.id)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.entry.area_id == Some(village.id))
        .map(|m| m.id)
        .collect();
    let path = format!("/api/v1/units/{qt}/splits");
    let body =
        |names: &[&str], from: &str| json!({"unit_id": village.id, "names": names, "from": from});
    let day = first.to_string();
    let (north, south) = (
        format!("{} Bắc", village.name),
        format!("{} Nam", village.name),
    );

    // Refused on the field, nothing written.
    for (names, from, field, code) in [
        (vec![north.as_str()], day.clone(), "names", "required"),
        (vec![north.as_str(), " "], day.clone(), "names", "required"),
        (
            vec![north.as_str(), north.as_str()],
            day.clone(),
            "names",
            "listed_twice",
        ),
        (
            vec![
                north.as_str(),
                villages
                    .iter()
                    .find(|v| v.id != village.id)
                    .unwrap()
                    .name
                    .as_str(),
            ],
            day.clone(),
            "names",
            "name_taken",
        ),
        (
            vec![north.as_str(), south.as_str()],
            (first - Duration::days(20)).to_string(),
            "from",
            "merge_not_month_start",
        ),
    ] {
        let r = app
            .send_as("POST", &path, &cp, Some(&body(&names, &from)))
            .await;
        common::assert_field_error(&r, field, code, &format!("{names:?} {from}"));
    }
    assert_eq!(
        app.store.child_units(qt).await.unwrap().len(),
        villages.len()
    );
    // Only the commune's police (or those above it) split its villages, and only villages.
    for phone in [LEADER, OTHER_COMMUNE_POLICE] {
        let token = app.token(phone).await;
        let r = app
            .send_as("POST", &path, &token, Some(&body(&[&north, &south], &day)))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{phone}: {}", r.body);
    }
    let pp = app.token(PROVINCE_POLICE).await;
    let r = app
        .send_as(
            "POST",
            &format!("/api/v1/units/{province}/splits"),
            &pp,
            Some(&json!({"unit_id": qt, "names": ["Xã A", "Xã B"], "from": day})),
        )
        .await;
    common::assert_field_error(&r, "unit_id", "unit_kind_not_allowed", "a commune");

    let r = app
        .send_as("POST", &path, &cp, Some(&body(&[&north, &south], &day)))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let done = r.json();
    assert_eq!(done["closed"], village.name.as_str());
    let parts: Vec<i64> = done["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(parts.len(), 2);
    assert_eq!(done["parts"][0]["name"], north.as_str());
    assert_eq!(done["parts"][0]["valid_from"], day.as_str());
    let closed = app.store.org_unit(village.id).await.unwrap().unwrap();
    assert_eq!(closed.valid_to, Some(first - Duration::days(1)));
    // The team covers both parts; its members answer for the first.
    let team = app.store.team(team.id).await.unwrap().unwrap();
    assert!(
        parts.iter().all(|p| team.village_ids.contains(p)),
        "{:?}",
        team.village_ids
    );
    assert!(!team.village_ids.contains(&village.id));
    for id in &answering {
        assert_eq!(
            app.store.member(*id).await.unwrap().unwrap().entry.area_id,
            Some(parts[0])
        );
    }
    // Each history says so.
    let h = app
        .get(&format!("/api/v1/units/{}/history", village.id), Some(&cp))
        .await
        .json();
    assert_eq!(h[0]["action"], "split");
    assert!(h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "split_into" && c["after"] == format!("{north}, {south}")));
    let h = app
        .get(&format!("/api/v1/units/{}/history", parts[1]), Some(&cp))
        .await
        .json();
    assert!(h[0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["field"] == "split_from" && c["after"] == village.name.as_str()));
    let h = app
        .get(&format!("/api/v1/teams/{}/history", team.id), Some(&cp))
        .await
        .json();
    assert_eq!(h[0]["action"], "split");
}
