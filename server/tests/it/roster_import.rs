//! A commune's roster imported from a file (issue 18, point 6): a 13-team × 4-member
//! workbook with two bad rows is refused with both rows explained and nothing written;
//! corrected, it goes in at once; again, it changes nothing. The export reads back as an
//! import that changes nothing, a CSV edit changes one member, and only the police who
//! keep the commune may import.

use crate::common::TestApp;
use app::domain::selection::Education;
use app::i18n::Lang;
use app::services::roster_export::COLUMNS;
use app::services::sheet::{Cell, Sheet};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::NaiveDate;
use serde_json::{json, Value};

on_both!(
    a_bad_file_is_refused_whole_then_imported_once,
    the_export_imports_back_unchanged_and_a_csv_edit_changes_one_member,
    only_the_police_who_keep_the_commune_import,
);

const PROVINCE_POLICE: &str = "0900000002";
const COMMUNE_POLICE: &str = "0900000003"; // Xã Quảng Trạch
const OTHER_COMMUNE_POLICE: &str = "0900000004"; // Phường Đông Hà
const LEADER: &str = "0910101001"; // a team of Xã Quảng Trạch
const MEMBER: &str = "0910101003";

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The roster's columns as the export names them in Vietnamese.
fn headers() -> Vec<String> {
    let m = Lang::Vi.members();
    let mut h: Vec<String> = ["STT", "Xã, phường", "Tổ"].map(str::to_owned).to_vec();
    h.extend(COLUMNS.iter().map(|f| m.field(f).unwrap().to_owned()));
    h
}

/// One person's row: the cells named by field code, the rest empty.
fn row(n: usize, team: &str, cells: &[(&str, Cell)]) -> Vec<Cell> {
    let mut out = vec![Cell::Number(n as i64), Cell::Empty, Cell::Text(team.into())];
    out.extend(COLUMNS.iter().map(|f| {
        cells
            .iter()
            .find(|(k, _)| k == f)
            .map_or(Cell::Empty, |(_, c)| c.clone())
    }));
    out
}

fn text(s: &str) -> Cell {
    Cell::Text(s.into())
}

/// A 13-team × 4-member roster for villages "Thôn Nhập 1" … "Thôn Nhập 13": a leader, a
/// deputy and two members each, every phone its own.
fn thirteen_teams() -> Vec<Vec<Cell>> {
    let m = Lang::Vi.members();
    let positions = [m.leader, m.deputy, m.member, m.member];
    let mut rows = Vec::new();
    for t in 1..=13 {
        for (i, position) in positions.iter().enumerate() {
            let n = rows.len() + 1;
            rows.push(row(
                n,
                &format!("Tổ Nhập {t}"),
                &[
                    ("full_name", text(&format!("Người Nhập {t}-{i}"))),
                    ("date_of_birth", Cell::Date(day(1975 + i as i32, 3, t))),
                    ("gender", text(m.male)),
                    ("residence", text(&format!("Thôn Nhập {t}"))),
                    ("resident_since", Cell::Date(day(2000, 1, 1))),
                    ("phone", text(&format!("0977{:02}{:04}", t, i))),
                    ("position", text(position)),
                    ("education", text(m.education(Education::UpperSecondary))),
                    ("area_id", text(&format!("Thôn Nhập {t}"))),
                ],
            ));
        }
    }
    rows
}

fn xlsx(rows: Vec<Vec<Cell>>) -> Vec<u8> {
    antt_server::export::xlsx(&Sheet {
        name: "Danh sách".into(),
        title: "DANH SÁCH THÀNH VIÊN".into(),
        subtitle: "Xã Quảng Trạch".into(),
        headers: headers(),
        rows,
    })
    .unwrap()
}

/// The sheet's row number of the `i`-th data row (0-based), as a spreadsheet shows it.
fn sheet_row(i: usize) -> u64 {
    u64::from(antt_server::export::HEADER_ROW) + 2 + i as u64
}

async fn import(
    app: &TestApp,
    token: &str,
    unit: i64,
    body: Vec<u8>,
    dry_run: bool,
) -> (StatusCode, Value) {
    let q = if dry_run { "?dry_run=true" } else { "" };
    let r = app
        .send(
            Request::post(format!("/api/v1/units/{unit}/roster-import{q}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .header(header::CONTENT_TYPE, antt_server::export::XLSX)
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    (
        r.status,
        serde_json::from_str(&r.body).unwrap_or(Value::Null),
    )
}

async fn add_villages(app: &TestApp, token: &str, commune: i64) {
    for t in 1..=13 {
        let r = app
            .send_as(
                "POST",
                &format!("/api/v1/units/{commune}/children"),
                token,
                Some(&json!({"kind": "village", "name": format!("Thôn Nhập {t}"), "valid_from": "2020-01-01"})),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    }
}

/// (teams, current members) of the commune.
async fn counts(app: &TestApp, commune: i64) -> (usize, usize) {
    let teams = app.store.teams_under(commune).await.unwrap();
    let mut members = 0;
    for t in &teams {
        members += app.store.team_members(t.id).await.unwrap().len();
    }
    (teams.len(), members)
}

async fn a_bad_file_is_refused_whole_then_imported_once(app: TestApp) {
    let (_, qt, _) = app.demo_communes().await;
    let cp = app.token(COMMUNE_POLICE).await;
    add_villages(&app, &cp, qt).await;
    let before = counts(&app, qt).await;

    // Two bad rows: a newcomer aged 14 and a position the law does not know.
    let mut bad = thirteen_teams();
    let young = 5;
    let unknown = 30;
    bad[young][3 + COLUMNS.iter().position(|f| *f == "date_of_birth").unwrap()] =
        Cell::Date(day(2012, 5, 5));
    bad[unknown][3 + COLUMNS.iter().position(|f| *f == "position").unwrap()] = text("Chỉ huy");
    let (status, body) = import(&app, &cp, qt, xlsx(bad), false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["code"], "import_has_problems");
    let rows = body["import"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 52);
    let bad_rows: Vec<(u64, String, String)> = rows
        .iter()
        .filter(|r| !r["problems"].as_array().unwrap().is_empty())
        .map(|r| {
            let p = &r["problems"][0];
            (
                r["row"].as_u64().unwrap(),
                p["field"].as_str().unwrap().to_owned(),
                p["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        bad_rows,
        [
            (
                sheet_row(young),
                "date_of_birth".into(),
                "member_too_young".into()
            ),
            (
                sheet_row(unknown),
                "position".into(),
                "invalid_choice".into()
            ),
        ]
    );
    let message = rows[young]["problems"][0]["message"].as_str().unwrap();
    assert!(
        !message.is_empty()
            && message
                .chars()
                .any(|c| "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệ".contains(c)),
        "{message}"
    );
    assert_eq!(body["import"]["written"], false);
    assert_eq!(counts(&app, qt).await, before, "nothing written");
    assert!(app
        .store
        .user_by_phone("0977010000")
        .await
        .unwrap()
        .is_none());

    // Corrected: the preview says what will happen and writes nothing.
    let good = xlsx(thirteen_teams());
    let (status, preview) = import(&app, &cp, qt, good.clone(), true).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    assert_eq!(
        (preview["added"].as_u64(), preview["written"].as_bool()),
        (Some(52), Some(false))
    );
    assert_eq!(preview["new_teams"].as_array().unwrap().len(), 13);
    assert_eq!(counts(&app, qt).await, before, "a preview writes nothing");

    // Imported in one go: 13 teams of 4, each member with a first password.
    let (status, done) = import(&app, &cp, qt, good.clone(), false).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["written"], true);
    assert_eq!(done["added"], 52);
    assert_eq!(counts(&app, qt).await, (before.0 + 13, before.1 + 52));
    let accounts = done["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), 52);
    let first = &accounts[0];
    let signed = app
        .post_json(
            "/api/v1/auth/token",
            &json!({"phone": first["phone"], "password": first["password"]}).to_string(),
        )
        .await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    assert_eq!(signed.json()["must_change_password"], true);
    let teams = app.store.teams_under(qt).await.unwrap();
    let t1 = teams
        .iter()
        .find(|t| t.name == "Tổ Nhập 1")
        .expect("a new team");
    let team = app.store.team(t1.id).await.unwrap().unwrap();
    assert_eq!(team.villages, ["Thôn Nhập 1"]);
    let members = app.store.team_members(t1.id).await.unwrap();
    assert_eq!(members.len(), 4);
    assert!(members
        .iter()
        .all(|m| m.entry.area_id == Some(team.village_ids[0])));

    // Again: nothing changes, nothing is noted.
    let (status, again) = import(&app, &cp, qt, good, false).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(
        (
            again["written"].as_bool(),
            again["added"].as_u64(),
            again["unchanged"].as_u64()
        ),
        (Some(false), Some(0), Some(52))
    );
    assert!(again["new_teams"].as_array().unwrap().is_empty());
    assert_eq!(counts(&app, qt).await, (before.0 + 13, before.1 + 52));
    let history = app
        .store
        .history_of(app::domain::history::Subject::Member, members[0].id)
        .await
        .unwrap();
    assert_eq!(history.len(), 1, "only the import's own entry");
}

async fn the_export_imports_back_unchanged_and_a_csv_edit_changes_one_member(app: TestApp) {
    let (_, qt, _) = app.demo_communes().await;
    let cp = app.token(COMMUNE_POLICE).await;
    let before = counts(&app, qt).await;
    let exported = app
        .get(&format!("/api/v1/units/{qt}/roster.xlsx"), Some(&cp))
        .await;
    assert_eq!(exported.status, StatusCode::OK);
    let (status, back) = import(&app, &cp, qt, exported.bytes.clone(), false).await;
    assert_eq!(status, StatusCode::OK, "{back}");
    assert_eq!(
        (
            back["added"].as_u64(),
            back["updated"].as_u64(),
            back["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(before.1 as u64)),
        "{back}"
    );
    assert_eq!(counts(&app, qt).await, before);

    // The same roster as CSV with semicolons, one residence changed.
    let grid = antt_server::import::grid(&exported.bytes).unwrap();
    let header = antt_server::export::HEADER_ROW as usize;
    let residence = 3 + COLUMNS.iter().position(|f| *f == "residence").unwrap();
    let cell_text = |c: &Cell| match c {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.replace(';', ","),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
    };
    let mut csv = String::from("\u{feff}");
    for (i, r) in grid.iter().enumerate().skip(header) {
        let mut cells: Vec<String> = r.iter().map(cell_text).collect();
        if i == header + 1 {
            cells[residence] = "Số 9 đường Mới".into();
        }
        csv.push_str(&cells.join(";"));
        csv.push('\n');
    }
    let (status, edited) = import(&app, &cp, qt, csv.into_bytes(), false).await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(
        (edited["updated"].as_u64(), edited["added"].as_u64()),
        (Some(1), Some(0)),
        "{edited}"
    );
    let name = edited["rows"][0]["full_name"].as_str().unwrap().to_owned();
    let mut found = None;
    for t in app.store.teams_under(qt).await.unwrap() {
        for m in app.store.team_members(t.id).await.unwrap() {
            if m.entry.full_name == name {
                found = Some(m);
            }
        }
    }
    let member = found.expect("the edited member");
    assert_eq!(member.entry.residence, "Số 9 đường Mới");

    // A short list with only the law's columns changes nothing it does not name: the
    // phones, areas and decisions it lacks stay as they are.
    let keep = [
        "team",
        "full_name",
        "date_of_birth",
        "position",
        "education",
        "resident_since",
    ];
    let at = |f: &str| match f {
        "team" => 2,
        f => 3 + COLUMNS.iter().position(|c| *c == f).unwrap(),
    };
    let mut short = String::new();
    for r in grid.iter().skip(header) {
        let cells: Vec<String> = keep.iter().map(|f| cell_text(&r[at(f)])).collect();
        short.push_str(&cells.join(","));
        short.push('\n');
    }
    let (status, again) = import(&app, &cp, qt, short.into_bytes(), false).await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(
        (
            again["updated"].as_u64(),
            again["added"].as_u64(),
            again["unchanged"].as_u64()
        ),
        (Some(0), Some(0), Some(before.1 as u64)),
        "{again}"
    );
    let kept = app.store.member(member.id).await.unwrap().unwrap();
    assert_eq!(kept.entry, member.entry);
    let history = app
        .store
        .history_of(app::domain::history::Subject::Member, member.id)
        .await
        .unwrap();
    assert_eq!(
        history.last().unwrap().action,
        app::domain::history::ChangeAction::Edited
    );
}

async fn only_the_police_who_keep_the_commune_import(app: TestApp) {
    let (province, qt, _) = app.demo_communes().await;
    let file = xlsx(thirteen_teams()[..1].to_vec());
    for (phone, want) in [
        (OTHER_COMMUNE_POLICE, StatusCode::FORBIDDEN),
        (LEADER, StatusCode::FORBIDDEN),
        (MEMBER, StatusCode::FORBIDDEN),
    ] {
        let token = app.token(phone).await;
        let (status, body) = import(&app, &token, qt, file.clone(), true).await;
        assert_eq!(status, want, "{phone}: {body}");
        assert_eq!(body["code"], "forbidden");
        let template = app
            .get(
                &format!("/api/v1/units/{qt}/roster-template.xlsx"),
                Some(&token),
            )
            .await;
        assert_eq!(template.status, StatusCode::FORBIDDEN, "{phone}");
    }
    let unsigned = app
        .send(
            Request::post(format!("/api/v1/units/{qt}/roster-import?dry_run=true"))
                .header(header::CONTENT_TYPE, "text/csv")
                .body(Body::from("Tổ,Họ và tên\n"))
                .unwrap(),
        )
        .await;
    assert_eq!(unsigned.status, StatusCode::UNAUTHORIZED);

    // The province's police may import for a commune of theirs, not for the province.
    let pp = app.token(PROVINCE_POLICE).await;
    let (status, preview) = import(&app, &pp, qt, file.clone(), true).await;
    assert_eq!(status, StatusCode::OK, "{preview}");
    let (status, body) = import(&app, &pp, province, file, true).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("unit_kind_not_allowed")
        )
    );

    // A file that is no spreadsheet, and one without the header row.
    let cp = app.token(COMMUNE_POLICE).await;
    let (status, body) = import(&app, &cp, qt, vec![0xff, 0xfe, 0x00, 0x01], true).await;
    assert_eq!(
        (status, body["code"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("import_unreadable"))
    );
    let (status, body) = import(&app, &cp, qt, b"a,b\n1,2\n".to_vec(), false).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(body["import"]["problems"][0]["code"], "import_no_header");

    // The template: the export's columns, no rows.
    let template = app
        .get(
            &format!("/api/v1/units/{qt}/roster-template.xlsx"),
            Some(&cp),
        )
        .await;
    assert_eq!(template.status, StatusCode::OK);
    let grid = antt_server::import::grid(&template.bytes).unwrap();
    let header = antt_server::export::HEADER_ROW as usize;
    let names: Vec<String> = grid[header]
        .iter()
        .map(|c| match c {
            Cell::Text(s) => s.clone(),
            _ => String::new(),
        })
        .collect();
    assert_eq!(names, headers());
    assert_eq!(grid.len(), header + 1, "no rows");
}
