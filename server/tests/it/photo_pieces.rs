//! Photos sent in pieces on both databases: a dropped connection resumes where the server
//! stopped, the photo arrives whole and once, bad pieces are refused with their reason,
//! and only those who may add a photo to the record send its pieces.

use crate::common;

use common::id;

use app::domain::records::photo::{MAX_BYTES, MAX_PIECE_BYTES, PIECE_BYTES};
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use chrono::{Duration, Utc};
use common::{Reply, TestApp};
use serde_json::{json, Value};

const MEMBER: &str = "0910101003";
const TEAMMATE: &str = "0910101004";
const LEADER: &str = "0910101001";
const OTHER_TEAM_MEMBER: &str = "0910102003";

on_both!(
    a_photo_sent_in_pieces_resumes_after_a_dropped_connection_and_arrives_whole,
    bad_pieces_are_refused_with_their_reason_and_store_no_photo,
    only_those_who_may_add_a_photo_send_its_pieces,
);

/// A JPEG-looking photo of `len` bytes whose content shows any piece out of place.
fn jpeg(len: usize) -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend((0..len - 6).map(|i| (i % 251) as u8));
    bytes.extend([0xFF, 0xD9]);
    bytes
}

/// A good deed by the member, on the server, to attach photos to.
async fn a_record(app: &TestApp, token: &str) -> String {
    let (team, members) = app.team_of(token).await;
    let record_id = id();
    let today = app::domain::local_time::local_date(Utc::now() - Duration::hours(1));
    let r = app
        .create_record(
            token,
            &json!({"id": record_id, "team_id": team, "body": {"kind": "good_deed", "data": {
                "date": today.format("%Y-%m-%d").to_string(), "description": "Dọn rác ven đường",
                "members": [members[0]], "beneficiary": "", "commendation": null}}}),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    record_id
}

async fn piece(
    app: &TestApp,
    token: &str,
    record: &str,
    photo: &str,
    query: &str,
    bytes: &[u8],
) -> Reply {
    app.send(
        Request::patch(format!("/api/v1/records/{record}/photos/{photo}?{query}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .header(header::CONTENT_TYPE, "image/jpeg")
            .body(Body::from(bytes.to_vec()))
            .unwrap(),
    )
    .await
}

/// Sends `whole[from..to]` as the piece at `from`.
async fn send_range(
    app: &TestApp,
    token: &str,
    record: &str,
    photo: &str,
    whole: &[u8],
    from: usize,
    to: usize,
) -> Reply {
    let query = format!("position={from}&total={}", whole.len());
    piece(app, token, record, photo, &query, &whole[from..to]).await
}

async fn status(app: &TestApp, token: &str, record: &str, photo: &str) -> Reply {
    app.get(
        &format!("/api/v1/records/{record}/photos/{photo}/upload"),
        Some(token),
    )
    .await
}

async fn photos_of(app: &TestApp, token: &str, record: &str) -> Value {
    app.get(&format!("/api/v1/records/{record}"), Some(token))
        .await
        .json()["photos"]
        .clone()
}

async fn a_photo_sent_in_pieces_resumes_after_a_dropped_connection_and_arrives_whole(app: TestApp) {
    let member = app.token(MEMBER).await;
    let record = a_record(&app, &member).await;
    let photo = id();
    let whole = jpeg(2 * PIECE_BYTES + 12_345);
    let (a, b) = (PIECE_BYTES, 2 * PIECE_BYTES);

    let fresh = status(&app, &member, &record, &photo).await;
    assert_eq!(fresh.status, StatusCode::OK, "{}", fresh.body);
    assert_eq!(fresh.json(), json!({"received": 0, "complete": false}));

    let first = send_range(&app, &member, &record, &photo, &whole, 0, a).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(
        first.json(),
        json!({"received": a, "total": whole.len(), "complete": false})
    );

    // The connection drops as the second piece leaves: the phone does not know whether
    // it arrived, so it asks, and goes on from where the server stopped.
    let asked = status(&app, &member, &record, &photo).await.json();
    assert_eq!(asked["received"], a);
    assert_eq!(asked["total"], whole.len());
    let resent = send_range(&app, &member, &record, &photo, &whole, 0, a).await;
    assert_eq!(resent.status, StatusCode::CONFLICT, "{}", resent.body);
    assert_eq!(resent.json()["code"], "upload_offset");
    let skipped = send_range(&app, &member, &record, &photo, &whole, b, whole.len()).await;
    assert_eq!(skipped.json()["code"], "upload_offset", "no gaps either");
    assert_eq!(
        status(&app, &member, &record, &photo).await.json()["received"],
        a,
        "refused pieces change nothing"
    );
    assert_eq!(photos_of(&app, &member, &record).await, json!([]));

    let second = send_range(&app, &member, &record, &photo, &whole, a, b).await;
    assert_eq!(second.json()["received"], b);
    let last = send_range(&app, &member, &record, &photo, &whole, b, whole.len()).await;
    assert_eq!(last.status, StatusCode::CREATED, "{}", last.body);
    assert_eq!(last.json()["complete"], true);

    assert_eq!(photos_of(&app, &member, &record).await, json!([photo]));
    let got = app
        .get(&format!("/api/v1/photos/{photo}"), Some(&member))
        .await;
    assert_eq!(got.header("content-type"), Some("image/jpeg"));
    assert!(got.bytes == whole, "the photo arrives whole, in order");

    // The answer to the last piece was lost: sending it again, or asking, says complete,
    // and the record still has one photo.
    let again = send_range(&app, &member, &record, &photo, &whole, b, whole.len()).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.json()["complete"], true);
    assert_eq!(
        status(&app, &member, &record, &photo).await.json(),
        json!({"received": whole.len(), "total": whole.len(), "complete": true})
    );
    assert_eq!(photos_of(&app, &member, &record).await, json!([photo]));
}

async fn bad_pieces_are_refused_with_their_reason_and_store_no_photo(app: TestApp) {
    let member = app.token(MEMBER).await;
    let record = a_record(&app, &member).await;
    let whole = jpeg(1000);
    let cases: [(String, Vec<u8>, u16, &str); 5] = [
        (
            "position=0&total=1000".into(),
            vec![0xFF; 1001],
            422,
            "piece_out_of_range",
        ),
        (
            "position=0&total=1000".into(),
            Vec::new(),
            422,
            "photo_empty",
        ),
        (
            format!("position=0&total={}", MAX_BYTES + 1),
            whole.clone(),
            413,
            "photo_too_large",
        ),
        (
            format!("position=0&total={MAX_BYTES}"),
            vec![0xFF; MAX_PIECE_BYTES + 1],
            413,
            "payload_too_large",
        ),
        ("position=0".into(), whole.clone(), 422, "invalid_query"),
    ];
    for (query, bytes, code, reason) in cases {
        let r = piece(&app, &member, &record, &id(), &query, &bytes).await;
        assert_eq!(r.status.as_u16(), code, "{query}: {}", r.body);
        assert_eq!(r.json()["code"], reason, "{query}");
    }

    // The size may not change half-way.
    let photo = id();
    let half = send_range(&app, &member, &record, &photo, &whole, 0, 500).await;
    assert_eq!(half.status, StatusCode::OK);
    let other_size = piece(
        &app,
        &member,
        &record,
        &photo,
        "position=500&total=2000",
        &whole[500..],
    )
    .await;
    assert_eq!(other_size.json()["code"], "piece_out_of_range");

    // Pieces that add up to something other than a photo: refused once whole, and the
    // pieces are dropped, so the phone starts again from nothing.
    let pdf: Vec<u8> = b"%PDF-1.7 "
        .iter()
        .copied()
        .cycle()
        .take(PIECE_BYTES + 10)
        .collect();
    let not_a_photo = id();
    let start = send_range(&app, &member, &record, &not_a_photo, &pdf, 0, PIECE_BYTES).await;
    assert_eq!(start.status, StatusCode::OK);
    let end = send_range(
        &app,
        &member,
        &record,
        &not_a_photo,
        &pdf,
        PIECE_BYTES,
        pdf.len(),
    )
    .await;
    assert_eq!(
        end.status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "{}",
        end.body
    );
    assert_eq!(end.json()["code"], "photo_wrong_type");
    assert_eq!(
        status(&app, &member, &record, &not_a_photo).await.json(),
        json!({"received": 0, "complete": false})
    );
    assert_eq!(photos_of(&app, &member, &record).await, json!([]));
}

async fn only_those_who_may_add_a_photo_send_its_pieces(app: TestApp) {
    let member = app.token(MEMBER).await;
    let record = a_record(&app, &member).await;
    let whole = jpeg(1000);
    let photo = id();
    assert_eq!(
        send_range(&app, &member, &record, &photo, &whole, 0, 400)
            .await
            .status,
        StatusCode::OK
    );
    for (who, expected) in [
        (TEAMMATE, StatusCode::FORBIDDEN),
        (OTHER_TEAM_MEMBER, StatusCode::FORBIDDEN),
    ] {
        let token = app.token(who).await;
        let r = send_range(&app, &token, &record, &id(), &whole, 0, 400).await;
        assert_eq!(r.status, expected, "{who}: {}", r.body);
        let r = status(&app, &token, &record, &photo).await;
        assert_eq!(r.status, expected, "{who} asks: {}", r.body);
    }
    let anonymous = app
        .send(
            Request::patch(format!(
                "/api/v1/records/{record}/photos/{photo}?position=400&total=1000"
            ))
            .header(header::CONTENT_TYPE, "image/jpeg")
            .body(Body::from(whole[400..].to_vec()))
            .unwrap(),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    // The leader may add photos to the record, but not finish someone else's upload.
    let leader = app.token(LEADER).await;
    let r = send_range(&app, &leader, &record, &photo, &whole, 400, 1000).await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    let unknown = send_range(&app, &member, &id(), &id(), &whole, 0, 400).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    // The member finishes it.
    let done = send_range(&app, &member, &record, &photo, &whole, 400, 1000).await;
    assert_eq!(done.status, StatusCode::CREATED, "{}", done.body);
    assert_eq!(photos_of(&app, &member, &record).await, json!([photo]));
}
