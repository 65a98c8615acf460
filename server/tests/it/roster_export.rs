//! A unit's roster as an .xlsx file (issue 18, point 6): read back with calamine, a row
//! per current member with every roster field worded for the reader, for the police
//! who read the unit and no one else.

use crate::common::TestApp;
use app::domain::Position;
use axum::http::{header, StatusCode};
use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use std::io::Cursor;

on_both!(
    the_police_download_their_roster_with_every_field,
    only_the_police_who_read_the_unit_have_its_roster,
);

const PROVINCE_POLICE: &str = "0900000002";
const COMMUNE_POLICE: &str = "0900000003"; // Xã Quảng Trạch
const OTHER_COMMUNE_POLICE: &str = "0900000004"; // Phường Đông Hà
const LEADER: &str = "0910101001"; // a team of Xã Quảng Trạch
const MEMBER: &str = "0910101003";

/// The file's one sheet as rows of cells, from the title down.
fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("an .xlsx");
    assert_eq!(book.sheet_names(), [name]);
    let range = book.worksheet_range(name).expect("the sheet");
    assert_eq!(range.start(), Some((0, 0)), "the title is in A1");
    range.rows().map(<[Data]>::to_vec).collect()
}

fn text(d: &Data) -> String {
    d.as_string().unwrap_or_default()
}

/// Every current member of the teams under a unit.
async fn members_under(app: &TestApp, unit: i64) -> usize {
    let mut n = 0;
    for t in app.store.teams_under(unit).await.unwrap() {
        n += app.store.team_members(t.id).await.unwrap().len();
    }
    n
}

async fn the_police_download_their_roster_with_every_field(app: TestApp) {
    let (province, qt, dh) = app.demo_communes().await;
    let cp = app.token(COMMUNE_POLICE).await;
    let r = app
        .get(&format!("/api/v1/units/{qt}/roster.xlsx"), Some(&cp))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let h = |name| r.header(name).unwrap_or_default().to_owned();
    assert_eq!(h(header::CONTENT_TYPE.as_str()), antt_server::export::XLSX);
    assert!(h(header::CONTENT_DISPOSITION.as_str()).starts_with("attachment;"));
    assert_eq!(h(header::CACHE_CONTROL.as_str()), "no-store");

    let rows = sheet(&r.bytes, "Danh sách thành viên");
    assert_eq!(
        text(&rows[0][0]),
        "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ"
    );
    assert!(text(&rows[1][0]).starts_with("Xã Quảng Trạch · Tính đến ngày "));
    let head = antt_server::export::HEADER_ROW as usize;
    let headers: Vec<String> = rows[head].iter().map(text).collect();
    assert_eq!(
        headers[..6],
        [
            "STT",
            "Xã, phường",
            "Tổ",
            "Họ và tên",
            "Ngày sinh",
            "Giới tính"
        ]
    );
    assert_eq!(
        headers.len(),
        3 + app::services::roster_export::COLUMNS.len()
    );
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let data = &rows[head + 1..];
    assert_eq!(data.len(), members_under(&app, qt).await);
    assert_eq!(data[0][0].as_i64(), Some(1));
    assert!(data.iter().all(|row| text(&row[1]) == "Xã Quảng Trạch"));

    // The leader's row: their birthday a date, their position and area by name.
    let (team, _) = app.team_of(&app.token(LEADER).await).await;
    let leader = app
        .store
        .team_members(team)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.entry.position == Position::Leader)
        .unwrap();
    let row = data
        .iter()
        .find(|row| text(&row[col("Họ và tên")]) == leader.entry.full_name)
        .expect("the leader's row");
    assert_eq!(
        row[col("Ngày sinh")].as_date(),
        leader.entry.date_of_birth,
        "a date, not text"
    );
    assert_eq!(text(&row[col("Chức danh")]), "Tổ trưởng");
    let village = app.store.team(team).await.unwrap().unwrap().villages[0].clone();
    assert_eq!(text(&row[col("Địa bàn phụ trách")]), village);
    assert_eq!(
        row[col("Ngày bắt đầu tham gia")].as_date(),
        Some(leader.joined_on)
    );

    // The province's has both communes; in English when the reader chose it.
    let pp = app.token(PROVINCE_POLICE).await;
    let r = app
        .get_with_cookie(
            &format!("/api/v1/units/{province}/roster.xlsx"),
            &format!("antt_session={pp}; lang=en"),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let rows = sheet(&r.bytes, "Roster");
    assert_eq!(text(&rows[head][3]), "Full name");
    let data = &rows[head + 1..];
    assert_eq!(
        data.len(),
        members_under(&app, qt).await + members_under(&app, dh).await
    );
    for name in ["Xã Quảng Trạch", "Phường Đông Hà"] {
        assert!(data.iter().any(|row| text(&row[1]) == name), "{name}");
    }
}

async fn only_the_police_who_read_the_unit_have_its_roster(app: TestApp) {
    let (province, qt, _) = app.demo_communes().await;
    let path = |unit: i64| format!("/api/v1/units/{unit}/roster.xlsx");
    for (who, unit) in [
        (OTHER_COMMUNE_POLICE, qt),
        (COMMUNE_POLICE, province),
        (LEADER, qt),
        (MEMBER, qt),
    ] {
        let r = app.get(&path(unit), Some(&app.token(who).await)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who} {unit}: {}", r.body);
        assert_eq!(r.json()["code"], "forbidden");
    }
    let r = app.get(&path(qt), None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = app
        .get(&path(999_999), Some(&app.token(COMMUNE_POLICE).await))
        .await;
    assert!(
        matches!(r.status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
        "{}",
        r.status
    );
}
