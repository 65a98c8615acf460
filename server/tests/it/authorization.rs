//! Every role against every part of the hierarchy: what each may read, and each refusal,
//! through the JSON API and through the server functions.

use crate::common;

use app::domain::roster::RosterEntry;
use app::domain::{OrgUnitKind, Position, TeamKind};
use app::services::auth::hash_password;
use app::services::store::{NewMember, NewOrgUnit, NewTeam, NewUser, RoleGrant, Store};
use axum::http::StatusCode;
use chrono::NaiveDate;
use common::TestApp;

on_both!(
    every_role_reads_only_its_part_of_the_hierarchy,
    personal_roster_fields_go_only_to_those_who_manage_the_team,
    home_shows_one_section_per_role,
);

struct World {
    app: TestApp,
    own_team: i64,
    same_commune_team: i64,
    other_commune_team: i64,
    other_province_team: i64,
    commune: i64,
    other_commune: i64,
    province: i64,
    other_province: i64,
    far_commune: i64,
}

async fn team_named(store: &dyn Store, unit: i64, name: &str) -> i64 {
    store
        .teams_under(unit)
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.name == name)
        .unwrap()
        .id
}

/// The demo data plus a second province whose people must stay out of sight.
async fn world(app: TestApp) -> World {
    let s = app.store.as_ref();
    let province = s.root_units().await.unwrap()[0].id;
    let communes = s.child_units(province).await.unwrap();
    let by_name = |n: &str| communes.iter().find(|c| c.name == n).unwrap().id;
    let (commune, other_commune) = (by_name("Xã Quảng Trạch"), by_name("Phường Đông Hà"));
    let d = NaiveDate::from_ymd_opt(2025, 7, 1).unwrap();
    let unit = |parent, kind, name: &str| NewOrgUnit {
        parent_id: parent,
        kind,
        name: name.into(),
        code: None,
        valid_from: d,
        valid_to: None,
    };
    let other_province = s
        .insert_org_unit(&unit(None, OrgUnitKind::Province, "Tỉnh Khác"))
        .await
        .unwrap();
    let far_commune = s
        .insert_org_unit(&unit(Some(other_province), OrgUnitKind::Commune, "Xã Xa"))
        .await
        .unwrap();
    let other_province_team = s
        .insert_team(&NewTeam {
            commune_id: far_commune,
            name: "Tổ xa".into(),
            kind: TeamKind::PeoplePatrol,
            member_quota: 4,
            operating_since: d,
            village_ids: vec![],
        })
        .await
        .unwrap();
    let hash = hash_password(antt_server::demo::PASSWORD).unwrap();
    let far_leader = s
        .insert_user(&NewUser {
            phone: "0980000001".into(),
            full_name: "Tổ trưởng xa".into(),
            password_hash: hash.clone(),
        })
        .await
        .unwrap();
    s.insert_member(&NewMember {
        team_id: other_province_team,
        user_id: Some(far_leader),
        entry: RosterEntry::new("Tổ trưởng xa", Position::Leader),
        joined_on: d,
    })
    .await
    .unwrap();
    for (phone, grant) in [
        (
            "0980000002",
            RoleGrant::CommunePolice {
                commune_id: far_commune,
            },
        ),
        (
            "0980000003",
            RoleGrant::ProvincePolice {
                province_id: other_province,
            },
        ),
    ] {
        let u = s
            .insert_user(&NewUser {
                phone: phone.into(),
                full_name: "Cán bộ xa".into(),
                password_hash: hash.clone(),
            })
            .await
            .unwrap();
        s.grant_role(u, grant).await.unwrap();
    }
    World {
        own_team: team_named(s, commune, "Tổ bảo vệ ANTT thôn Thanh Lương").await,
        same_commune_team: team_named(s, commune, "Tổ bảo vệ ANTT thôn Tô Xá").await,
        other_commune_team: team_named(s, other_commune, "Tổ bảo vệ ANTT tổ dân phố 1").await,
        other_province_team,
        commune,
        other_commune,
        province,
        other_province,
        far_commune,
        app,
    }
}

const OK: StatusCode = StatusCode::OK;
const NO: StatusCode = StatusCode::FORBIDDEN;

async fn every_role_reads_only_its_part_of_the_hierarchy(app: TestApp) {
    let w = world(app).await;
    // (who, [own team, same-commune team, other-commune team, other-province team],
    //       [commune, other commune, province, other province, far commune])
    let table: [(&str, &str, [StatusCode; 4], [StatusCode; 5]); 9] = [
        (
            "member",
            "0910101003",
            [OK, NO, NO, NO],
            [NO, NO, NO, NO, NO],
        ),
        (
            "deputy",
            "0910101002",
            [OK, NO, NO, NO],
            [NO, NO, NO, NO, NO],
        ),
        (
            "leader",
            "0910101001",
            [OK, NO, NO, NO],
            [NO, NO, NO, NO, NO],
        ),
        (
            "commune police",
            "0900000003",
            [OK, OK, NO, NO],
            [OK, NO, NO, NO, NO],
        ),
        (
            "province police",
            "0900000002",
            [OK, OK, OK, NO],
            [OK, OK, OK, NO, NO],
        ),
        (
            "admin",
            "0900000001",
            [OK, OK, OK, OK],
            [OK, OK, OK, OK, OK],
        ),
        (
            "far leader",
            "0980000001",
            [NO, NO, NO, OK],
            [NO, NO, NO, NO, NO],
        ),
        (
            "far commune police",
            "0980000002",
            [NO, NO, NO, OK],
            [NO, NO, NO, NO, OK],
        ),
        (
            "far province police",
            "0980000003",
            [NO, NO, NO, OK],
            [NO, NO, NO, OK, OK],
        ),
    ];
    let teams = [
        w.own_team,
        w.same_commune_team,
        w.other_commune_team,
        w.other_province_team,
    ];
    let units = [
        w.commune,
        w.other_commune,
        w.province,
        w.other_province,
        w.far_commune,
    ];
    for (who, phone, team_want, unit_want) in table {
        let token = w.app.token(phone).await;
        let cookie = format!("antt_session={token}");
        for (team, want) in teams.iter().zip(team_want) {
            let api = w
                .app
                .get(&format!("/api/v1/teams/{team}"), Some(&token))
                .await;
            assert_eq!(
                api.status, want,
                "{who} reading team {team} through the API: {}",
                api.body
            );
            let sf = w
                .app
                .read_fn("/api/team", &format!("id={team}"), Some(&cookie))
                .await;
            assert_eq!(
                sf.status, want,
                "{who} reading team {team} through the server function"
            );
            if want == NO {
                assert_eq!(api.json()["code"], "forbidden");
                assert_eq!(sf.json()["code"], "forbidden");
                assert!(!api.body.contains("full_name"), "a refusal leaks nothing");
            }
        }
        for (unit, want) in units.iter().zip(unit_want) {
            let api = w
                .app
                .get(&format!("/api/v1/units/{unit}"), Some(&token))
                .await;
            assert_eq!(api.status, want, "{who} reading unit {unit}: {}", api.body);
            let sf = w
                .app
                .read_fn("/api/unit", &format!("id={unit}"), Some(&cookie))
                .await;
            assert_eq!(
                sf.status, want,
                "{who} reading unit {unit} through the server function"
            );
        }
    }
}

async fn personal_roster_fields_go_only_to_those_who_manage_the_team(app: TestApp) {
    let w = world(app).await;
    for (who, phone, sees_details) in [
        ("member", "0910101003", false),
        ("deputy", "0910101002", true),
        ("leader", "0910101001", true),
        ("commune police", "0900000003", true),
        ("province police", "0900000002", false),
    ] {
        let token = w.app.token(phone).await;
        let team = w
            .app
            .get(&format!("/api/v1/teams/{}", w.own_team), Some(&token))
            .await
            .json();
        assert_eq!(team["can_manage"], sees_details, "{who}");
        let members = team["members"].as_array().unwrap();
        assert!(!members.is_empty());
        for m in members {
            assert_eq!(!m["details"].is_null(), sees_details, "{who}: {m}");
            assert!(m["full_name"].is_string() && m["position"].is_string());
        }
    }
}

async fn home_shows_one_section_per_role(app: TestApp) {
    let w = world(app).await;
    let leader = w.app.token("0910101001").await;
    let home = w.app.get("/api/v1/home", Some(&leader)).await.json();
    assert_eq!(home["my_teams"].as_array().unwrap().len(), 1);
    assert_eq!(home["my_teams"][0]["position"], "leader");
    assert!(home["communes"].as_array().unwrap().is_empty());

    let cp = w.app.token("0900000003").await;
    let home = w.app.get("/api/v1/home", Some(&cp)).await.json();
    assert_eq!(
        home["communes"][0]["teams"].as_array().unwrap().len(),
        13,
        "seed 000: 13 village teams"
    );
    assert!(home["my_teams"].as_array().unwrap().is_empty());

    let pp = w.app.token("0900000002").await;
    let home = w.app.get("/api/v1/home", Some(&pp)).await.json();
    assert_eq!(
        home["provinces"][0]["children"].as_array().unwrap().len(),
        2
    );

    let page = w
        .app
        .get_with_cookie("/", &format!("antt_session={cp}"))
        .await;
    assert_eq!(page.status, OK);
    assert!(
        page.body.contains("Các tổ trong xã") && page.body.contains("Tổ bảo vệ ANTT thôn Nam Sơn")
    );
}
