//! One contract suite for the store, run against SQLite and PostgreSQL alike.

use app::domain::roster::{Gender, Origin, RosterEntry};
use app::domain::selection::Education;
use app::domain::{OrgUnitKind, Position, Role, TeamKind};
use app::services::store::*;
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn unit(parent: Option<i64>, kind: OrgUnitKind, name: &str) -> NewOrgUnit {
    NewOrgUnit {
        parent_id: parent,
        kind,
        name: name.into(),
        code: None,
        valid_from: date(2025, 7, 1),
        valid_to: None,
    }
}

fn team(commune_id: i64, name: &str, villages: Vec<i64>) -> NewTeam {
    NewTeam {
        commune_id,
        name: name.into(),
        kind: TeamKind::SecurityOrder,
        member_quota: 5,
        operating_since: date(2024, 7, 1),
        village_ids: villages,
    }
}

fn member(team_id: i64, user_id: Option<i64>, name: &str, position: Position) -> NewMember {
    let entry = RosterEntry {
        date_of_birth: Some(date(1980, 2, 29)),
        residence: "Thôn Đông".into(),
        phone: Some("0912345678".into()),
        origin: Some(Origin::NewlySelected),
        party_member: true,
        education: Some(Education::UpperSecondary),
        gender: Some(Gender::Male),
        resident_since: Some(date(1980, 2, 29)),
        certificate_on: Some(date(2024, 7, 15)),
        appointed_on: Some(date(2024, 7, 1)),
        decision_no: "12/QĐ-UBND".into(),
        certificate_no: "GCN-1".into(),
        badge_issued: true,
        equipment: "Đèn pin".into(),
        training: "Tập huấn 2024".into(),
        ..RosterEntry::new(name, position)
    };
    NewMember {
        team_id,
        user_id,
        entry,
        joined_on: date(2024, 7, 1),
    }
}

fn user(phone: &str) -> NewUser {
    NewUser {
        phone: phone.into(),
        full_name: "Nguyễn Văn Thử".into(),
        password_hash: "$argon2id$x".into(),
    }
}

/// Province → district → commune → two villages, as before the 2025 reform.
async fn tree(s: &dyn Store) -> (i64, i64, i64, i64, i64) {
    let p = s
        .insert_org_unit(&unit(None, OrgUnitKind::Province, "Tỉnh A"))
        .await
        .unwrap();
    let d = s
        .insert_org_unit(&unit(Some(p), OrgUnitKind::District, "Huyện B"))
        .await
        .unwrap();
    let c = s
        .insert_org_unit(&unit(Some(d), OrgUnitKind::Commune, "Xã C"))
        .await
        .unwrap();
    let v1 = s
        .insert_org_unit(&unit(Some(c), OrgUnitKind::Village, "Thôn Đông"))
        .await
        .unwrap();
    let v2 = s
        .insert_org_unit(&unit(Some(c), OrgUnitKind::Village, "Thôn Bắc"))
        .await
        .unwrap();
    (p, d, c, v1, v2)
}

async fn new_database_is_migrated_and_empty(s: &dyn Store) {
    s.ping().await.unwrap();
    assert!(s.is_empty().await.unwrap());
    s.insert_user(&user("0911111111")).await.unwrap();
    assert!(!s.is_empty().await.unwrap());
}

async fn org_tree_of_any_depth(s: &dyn Store) {
    let (p, d, c, v1, v2) = tree(s).await;
    assert_eq!(s.unit_and_above(v1).await.unwrap(), vec![v1, c, d, p]);
    assert_eq!(s.unit_and_above(p).await.unwrap(), vec![p]);
    assert!(s.unit_and_above(999_999).await.unwrap().is_empty());
    let kids: Vec<i64> = s
        .child_units(c)
        .await
        .unwrap()
        .iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(kids, vec![v2, v1], "ordered by name: Bắc before Đông");
    let roots = s.root_units().await.unwrap();
    assert_eq!(roots.len(), 1);
    let got = s.org_unit(d).await.unwrap().unwrap();
    assert_eq!(
        got,
        OrgUnit {
            id: d,
            parent_id: Some(p),
            kind: OrgUnitKind::District,
            name: "Huyện B".into(),
            code: None,
            valid_from: date(2025, 7, 1),
            valid_to: None,
            remote: false,
        }
    );
    assert_eq!(s.org_unit(999_999).await.unwrap(), None);
}

async fn unit_codes_are_unique(s: &dyn Store) {
    let mut u = unit(None, OrgUnitKind::Province, "Tỉnh A");
    u.code = Some("A".into());
    s.insert_org_unit(&u).await.unwrap();
    assert!(matches!(
        s.insert_org_unit(&u).await,
        Err(StoreError::Conflict(_))
    ));
}

async fn teams_cover_villages_and_list_under_any_ancestor(s: &dyn Store) {
    let (p, d, c, v1, v2) = tree(s).await;
    let other = s
        .insert_org_unit(&unit(None, OrgUnitKind::Province, "Tỉnh Khác"))
        .await
        .unwrap();
    let t = s
        .insert_team(&team(c, "Tổ Đông Bắc", vec![v1, v2]))
        .await
        .unwrap();
    let got = s.team(t).await.unwrap().unwrap();
    assert_eq!(
        got.villages,
        vec!["Thôn Bắc".to_string(), "Thôn Đông".to_string()]
    );
    assert_eq!(got.kind, TeamKind::SecurityOrder);
    assert_eq!(got.operating_since, date(2024, 7, 1));
    let u = s.insert_user(&user("0911111112")).await.unwrap();
    s.insert_member(&member(t, Some(u), "Lê Văn A", Position::Leader))
        .await
        .unwrap();
    s.insert_member(&member(t, None, "Lê Văn B", Position::Member))
        .await
        .unwrap();
    for ancestor in [c, d, p] {
        let listed = s.teams_under(ancestor).await.unwrap();
        assert_eq!(listed.len(), 1, "under {ancestor}");
        assert_eq!(listed[0].member_count, 2);
        assert_eq!(listed[0].commune_name, "Xã C");
    }
    assert!(s.teams_under(other).await.unwrap().is_empty());
    assert_eq!(s.team(999_999).await.unwrap(), None);
}

async fn foreign_keys_are_enforced(s: &dyn Store) {
    let r = s.insert_team(&team(999_999, "Tổ ma", vec![])).await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    let (_, _, c, _, _) = tree(s).await;
    // A team with a missing village is refused whole: no half-written team remains.
    let r = s.insert_team(&team(c, "Tổ nửa", vec![999_999])).await;
    assert!(matches!(r, Err(StoreError::Conflict(_))), "{r:?}");
    assert!(s.teams_under(c).await.unwrap().is_empty());
}

async fn roster_round_trips_every_field(s: &dyn Store) {
    let (_, _, c, v1, _) = tree(s).await;
    let t = s.insert_team(&team(c, "Tổ 1", vec![v1])).await.unwrap();
    let m = member(t, None, "Trần Thị Hoa", Position::Member);
    let l = member(t, None, "Võ Văn Lãnh", Position::Leader);
    let mid = s.insert_member(&m).await.unwrap();
    s.insert_member(&l).await.unwrap();
    let got = s.team_members(t).await.unwrap();
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].entry.position, Position::Leader, "leader first");
    assert_eq!(got[0].entry, l.entry);
    let back = got.iter().find(|x| x.id == mid).unwrap();
    assert_eq!(back.entry, m.entry, "every roster field round-trips");
    assert_eq!(
        (back.team_id, back.user_id, back.joined_on, back.left_on),
        (t, None, date(2024, 7, 1), None)
    );
}

async fn phones_are_unique_and_passwords_change(s: &dyn Store) {
    let id = s.insert_user(&user("0912222222")).await.unwrap();
    assert!(matches!(
        s.insert_user(&user("0912222222")).await,
        Err(StoreError::Conflict(_))
    ));
    let u = s.user_by_phone("0912222222").await.unwrap().unwrap();
    assert_eq!(
        (u.id, u.disabled, u.full_name.as_str()),
        (id, false, "Nguyễn Văn Thử")
    );
    s.set_password_hash(id, "$argon2id$new").await.unwrap();
    assert_eq!(
        s.user(id).await.unwrap().unwrap().password_hash,
        "$argon2id$new"
    );
    assert_eq!(s.user_by_phone("0999999999").await.unwrap(), None);
}

async fn roles_are_the_union_of_roster_and_grants(s: &dyn Store) {
    let (p, _, c, v1, _) = tree(s).await;
    let t = s.insert_team(&team(c, "Tổ 1", vec![v1])).await.unwrap();
    let u = s.insert_user(&user("0913333333")).await.unwrap();
    assert!(s.roles_of(u).await.unwrap().is_empty());
    s.insert_member(&member(t, Some(u), "A", Position::Deputy))
        .await
        .unwrap();
    s.grant_role(u, RoleGrant::CommunePolice { commune_id: c })
        .await
        .unwrap();
    s.grant_role(u, RoleGrant::CommunePolice { commune_id: c })
        .await
        .unwrap();
    s.grant_role(u, RoleGrant::ProvincePolice { province_id: p })
        .await
        .unwrap();
    s.grant_role(u, RoleGrant::Admin).await.unwrap();
    s.grant_role(u, RoleGrant::Admin).await.unwrap();
    let roles = s.roles_of(u).await.unwrap();
    assert_eq!(roles.len(), 4, "{roles:?}");
    for want in [
        Role::Team {
            team_id: t,
            position: Position::Deputy,
        },
        Role::CommunePolice { commune_id: c },
        Role::ProvincePolice { province_id: p },
        Role::Admin,
    ] {
        assert!(roles.contains(&want), "{want:?} in {roles:?}");
    }
}

async fn sessions_expire_to_the_microsecond(s: &dyn Store) {
    let u = s.insert_user(&user("0914444444")).await.unwrap();
    let now =
        Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap() + Duration::microseconds(123_456);
    let expires = now + Duration::days(30);
    for h in ["a", "b", "c"] {
        s.insert_session(&NewSession {
            token_hash: h.into(),
            user_id: u,
            created_at: now,
            expires_at: expires,
        })
        .await
        .unwrap();
    }
    assert_eq!(
        s.session_user("a", expires - Duration::microseconds(1))
            .await
            .unwrap(),
        Some(u)
    );
    assert_eq!(s.session_user("a", expires).await.unwrap(), None);
    assert_eq!(s.session_user("zzz", now).await.unwrap(), None);
    assert_eq!(s.delete_sessions_except(u, Some("b")).await.unwrap(), 2);
    assert_eq!(s.session_user("a", now).await.unwrap(), None);
    assert_eq!(s.session_user("b", now).await.unwrap(), Some(u));
    s.delete_session("b").await.unwrap();
    assert_eq!(s.session_user("b", now).await.unwrap(), None);
    s.insert_session(&NewSession {
        token_hash: "old".into(),
        user_id: u,
        created_at: now,
        expires_at: now,
    })
    .await
    .unwrap();
    let window = now - Duration::days(1);
    s.count_login_attempt("phone:old", now - Duration::hours(2), window)
        .await
        .unwrap();
    s.count_login_attempt("phone:x", now, window).await.unwrap();
    assert_eq!(
        s.purge_expired(now, now - Duration::hours(1))
            .await
            .unwrap(),
        2,
        "the expired session and the count last raised long ago"
    );
    assert_eq!(
        s.count_login_attempt("phone:x", now, window)
            .await
            .unwrap()
            .count,
        2,
        "the recent count is kept"
    );
    assert_eq!(
        s.count_login_attempt("phone:old", now, window)
            .await
            .unwrap()
            .count,
        1
    );
    assert_eq!(
        s.session_user("c", now).await.unwrap(),
        None,
        "c was ended above"
    );
    assert!(matches!(
        s.insert_session(&NewSession {
            token_hash: "x".into(),
            user_id: 999_999,
            created_at: now,
            expires_at: expires
        })
        .await,
        Err(StoreError::Conflict(_))
    ));
}

async fn login_attempts_count_within_a_window(s: &dyn Store) {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
    let window = |now: DateTime<Utc>| now - Duration::minutes(15);
    let key = "phone:0915555555|addr:10.0.0.1";
    let first = s.count_login_attempt(key, t0, window(t0)).await.unwrap();
    assert_eq!(
        first,
        LoginAttempts {
            count: 1,
            previous_at: None
        }
    );
    for i in 1..3 {
        let at = t0 + Duration::minutes(i);
        let n = s.count_login_attempt(key, at, window(at)).await.unwrap();
        assert_eq!(n.count, i + 1);
        assert_eq!(n.previous_at, Some(at - Duration::minutes(1)));
    }
    let other = s
        .count_login_attempt("phone:0916666666|addr:10.0.0.1", t0, window(t0))
        .await
        .unwrap();
    assert_eq!(other.count, 1, "keys count apart");
    // The window opened at t0: 20 minutes later the count starts again.
    let later = t0 + Duration::minutes(20);
    let fresh = s
        .count_login_attempt(key, later, window(later))
        .await
        .unwrap();
    assert_eq!(
        fresh,
        LoginAttempts {
            count: 1,
            previous_at: None
        }
    );
    s.clear_login_attempts(key).await.unwrap();
    let cleared = s
        .count_login_attempt(key, later, window(later))
        .await
        .unwrap();
    assert_eq!(cleared.count, 1);
}

/// Attempts raised at once are each counted: none is lost to a race between a read and a
/// write, which would let a burst of guesses through.
async fn parallel_login_attempts_each_count(s: &dyn Store) {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 22, 8, 0, 0).unwrap();
    let key = "phone:0917777777|addr:10.0.0.2";
    let counts = futures_util::future::join_all(
        (0..20).map(|_| s.count_login_attempt(key, t0, t0 - Duration::minutes(15))),
    )
    .await;
    let mut seen: Vec<i64> = counts.into_iter().map(|c| c.unwrap().count).collect();
    seen.sort_unstable();
    assert_eq!(seen, (1..=20).collect::<Vec<_>>());
}

async fn demo_loads_once(s: &dyn Store) {
    antt_server::demo::load(s).await.unwrap();
    assert!(
        antt_server::demo::load(s).await.is_err(),
        "refuses a non-empty database"
    );
    let province = s.root_units().await.unwrap();
    assert_eq!(province.len(), 1);
    let teams = s.teams_under(province[0].id).await.unwrap();
    assert_eq!(
        teams.len(),
        17,
        "13 village teams and 4 residential-group teams"
    );
    assert!(teams.iter().all(|t| (3..=5).contains(&t.member_count)));
    for l in antt_server::demo::LOGINS {
        assert!(
            s.user_by_phone(l.phone).await.unwrap().is_some(),
            "{}",
            l.phone
        );
    }
}

/// A valid patrol body, told apart by its area: the store counts what records say, so
/// it only takes bodies it can read.
fn body(n: u32) -> String {
    format!(
        r#"{{"kind":"patrol","data":{{"started_at":"2025-03-09T13:00:00Z","ended_at":null,"participants":[],"area":"Khu {n}","observations":"","mobilised":false,"track":[],"incidents":[]}}}}"#
    )
}

fn record(
    id: &str,
    team_id: i64,
    author_id: i64,
    body: &str,
    at: chrono::DateTime<Utc>,
) -> RecordRow {
    RecordRow {
        id: id.into(),
        team_id,
        kind: "patrol".into(),
        author_id,
        occurred_at: at,
        month: "2025-03".into(),
        body: body.into(),
        version: 1,
        created_at: at,
        updated_at: at,
        deleted_at: None,
    }
}

async fn records_are_versioned_audited_and_soft_deleted(s: &dyn Store) {
    let (_, _, c, v1, _) = tree(s).await;
    let t = s.insert_team(&team(c, "Tổ 1", vec![v1])).await.unwrap();
    let u = s.insert_user(&user("0917777777")).await.unwrap();
    let t0 = Utc.with_ymd_and_hms(2025, 3, 9, 14, 0, 0).unwrap() + Duration::microseconds(7);
    let a = record("00000000-0000-4000-8000-000000000001", t, u, &body(1), t0);
    let b = record(
        "00000000-0000-4000-8000-000000000002",
        t,
        u,
        &body(2),
        t0 + Duration::hours(1),
    );
    let informant = InformantRow {
        name: "Bà Lan".into(),
        phone: Some("0912345678".into()),
    };
    s.insert_record(&a, Some(&informant), None).await.unwrap();
    s.insert_record(&b, None, None).await.unwrap();
    assert!(
        matches!(
            s.insert_record(&a, None, None).await,
            Err(StoreError::Conflict(_))
        ),
        "ids are unique"
    );
    assert_eq!(
        s.record(&a.id).await.unwrap().unwrap(),
        a,
        "round-trips to the microsecond"
    );
    assert_eq!(s.informant(&a.id).await.unwrap(), Some(informant));
    assert_eq!(s.informant(&b.id).await.unwrap(), None);

    let listed = s.records(t, &RecordFilter::default()).await.unwrap();
    assert_eq!(
        listed.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        vec![b.id.as_str(), a.id.as_str()]
    );
    let f = RecordFilter {
        month: Some("2025-04".into()),
        ..Default::default()
    };
    assert!(s.records(t, &f).await.unwrap().is_empty());
    let f = RecordFilter {
        kind: Some("patrol".into()),
        author_id: Some(u),
        month: Some("2025-03".into()),
        limit: None,
    };
    assert_eq!(s.records(t, &f).await.unwrap().len(), 2);
    let newest = RecordFilter {
        limit: Some(1),
        ..Default::default()
    };
    let one = s.records(t, &newest).await.unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].id, b.id, "the limit keeps the newest");

    let edited = RecordRow {
        body: body(10),
        updated_at: t0 + Duration::hours(2),
        ..a.clone()
    };
    assert!(s.update_record(&edited, 1, None, u, None).await.unwrap());
    assert!(
        !s.update_record(&edited, 1, None, u, None).await.unwrap(),
        "a stale version is refused"
    );
    let now = s.record(&a.id).await.unwrap().unwrap();
    assert_eq!((now.version, now.body.as_str()), (2, body(10).as_str()));

    assert!(
        !s.delete_record(&b.id, 7, t0, u, None).await.unwrap(),
        "wrong version"
    );
    assert!(s
        .delete_record(&b.id, 1, t0 + Duration::hours(3), u, None)
        .await
        .unwrap());
    assert_eq!(
        s.records(t, &RecordFilter::default()).await.unwrap().len(),
        1
    );
    assert!(
        s.record(&b.id).await.unwrap().unwrap().deleted_at.is_some(),
        "kept, marked deleted"
    );

    let h = s.record_history(&a.id).await.unwrap();
    let actions: Vec<_> = h
        .iter()
        .map(|e| (e.action.as_str(), e.before.as_deref(), e.after.as_deref()))
        .collect();
    assert_eq!(
        actions,
        vec![
            ("create", None, Some(body(1).as_str())),
            ("update", Some(body(1).as_str()), Some(body(10).as_str()))
        ]
    );
    let h = s.record_history(&b.id).await.unwrap();
    assert_eq!(
        h.last().map(|e| (e.action.as_str(), e.after.is_none())),
        Some(("delete", true))
    );
}

async fn demo_activity_is_valid_and_covers_every_kind(s: &dyn Store) {
    use app::domain::records::{CheckContext, RecordBody, RecordKind};
    antt_server::demo::load(s).await.unwrap();
    let now = Utc::now();
    antt_server::demo_activity::load(s, now).await.unwrap();
    let categories = s.categories().await.unwrap();
    let province = s.root_units().await.unwrap()[0].id;
    let mut kinds = std::collections::HashSet::new();
    let mut total = 0;
    for team in s.teams_under(province).await.unwrap() {
        let roster: Vec<i64> = s
            .team_members(team.id)
            .await
            .unwrap()
            .iter()
            .map(|m| m.id)
            .collect();
        let ctx = CheckContext::new(now, &roster);
        for row in s.records(team.id, &RecordFilter::default()).await.unwrap() {
            let body: RecordBody = serde_json::from_str(&row.body).unwrap();
            assert_eq!(body.kind().as_str(), row.kind);
            body.check(None, &ctx)
                .unwrap_or_else(|e| panic!("demo {} breaks {e:?}", row.kind));
            app::domain::category::check(&body, &categories)
                .unwrap_or_else(|e| panic!("demo {} breaks {e:?}", row.kind));
            kinds.insert(body.kind());
            total += 1;
        }
    }
    assert_eq!(
        kinds.len(),
        RecordKind::ALL.len(),
        "every kind appears: {kinds:?}"
    );
    assert!(total > 300, "{total} records");
}

async fn photos_keep_their_bytes(s: &dyn Store) {
    let (_, _, c, v1, _) = tree(s).await;
    let t = s.insert_team(&team(c, "Tổ 1", vec![v1])).await.unwrap();
    let u = s.insert_user(&user("0918888888")).await.unwrap();
    let at = Utc.with_ymd_and_hms(2025, 3, 9, 14, 0, 0).unwrap();
    let r = record("00000000-0000-4000-8000-00000000000a", t, u, &body(0), at);
    s.insert_record(&r, None, None).await.unwrap();
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let photo = PhotoRow {
        id: "00000000-0000-4000-8000-0000000000b1".into(),
        record_id: r.id.clone(),
        content_type: "image/jpeg".into(),
        bytes,
        author_id: u,
        created_at: at,
    };
    s.insert_photo(&photo).await.unwrap();
    assert!(matches!(
        s.insert_photo(&photo).await,
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        s.photo(&photo.id).await.unwrap(),
        Some(photo.clone()),
        "every byte back"
    );
    let listed = s.photos_of(&r.id).await.unwrap();
    assert_eq!(
        listed,
        vec![PhotoInfo {
            id: photo.id.clone(),
            content_type: "image/jpeg".into(),
            size: 70_000
        }]
    );
    let orphan = PhotoRow {
        id: "00000000-0000-4000-8000-0000000000b2".into(),
        record_id: "nope".into(),
        ..photo
    };
    assert!(
        matches!(s.insert_photo(&orphan).await, Err(StoreError::Conflict(_))),
        "a photo needs its record"
    );
}

/// Many phones editing one record at once: exactly one edit wins, none fails.
async fn concurrent_edits_have_one_winner_and_no_errors(s: &dyn Store) {
    let (_, _, c, v1, _) = tree(s).await;
    let t = s.insert_team(&team(c, "Tổ 1", vec![v1])).await.unwrap();
    let u = s.insert_user(&user("0919999999")).await.unwrap();
    let at = Utc.with_ymd_and_hms(2025, 3, 9, 14, 0, 0).unwrap();
    let base = record("00000000-0000-4000-8000-0000000000c1", t, u, &body(0), at);
    s.insert_record(&base, None, None).await.unwrap();
    let edits = (0..16).map(|i| {
        let row = RecordRow {
            body: body(i + 1),
            ..base.clone()
        };
        async move { s.update_record(&row, 1, None, u, None).await }
    });
    let results = futures_util::future::join_all(edits).await;
    let won = results.iter().filter(|r| matches!(r, Ok(true))).count();
    let errors: Vec<_> = results.iter().filter(|r| r.is_err()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(won, 1);
    assert_eq!(s.record(&base.id).await.unwrap().unwrap().version, 2);
    assert_eq!(
        s.record_history(&base.id).await.unwrap().len(),
        2,
        "one create, one update"
    );
}

/// The migration seeds the taxonomy: incidents first, each domain in list order, "other" last.
async fn holidays_are_seeded_in_date_order(s: &dyn Store) {
    let days = s.holidays().await.unwrap();
    let d = |y, m, day| chrono::NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert!(days.contains(&d(2026, 4, 30)) && days.contains(&d(2026, 2, 17)));
    assert!(days.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
}

async fn categories_are_seeded_and_ordered(s: &dyn Store) {
    use app::domain::CategoryDomain::{Incident, Tip};
    let all = s.categories().await.unwrap();
    let codes = |d| -> Vec<&str> {
        all.iter()
            .filter(|c| c.domain == d)
            .map(|c| c.code.as_str())
            .collect()
    };
    let (incidents, tips) = (codes(Incident), codes(Tip));
    assert_eq!(
        all.iter().position(|c| c.domain == Tip),
        Some(incidents.len()),
        "incidents before tips"
    );
    assert_eq!(incidents.first(), Some(&"public_order"));
    assert_eq!(incidents.last(), Some(&"other"));
    assert_eq!(tips.first(), Some(&"drugs"));
    assert_eq!(tips.last(), Some(&"other"));
    for code in [
        "public_order",
        "theft",
        "drugs",
        "gambling",
        "prostitution",
        "dispute",
        "fire",
        "rescue",
        "traffic_accident",
        "violence",
        "other",
    ] {
        assert!(incidents.contains(&code), "incident {code}: {incidents:?}");
    }
    for code in [
        "drugs",
        "gambling",
        "suspicious_person",
        "theft",
        "public_order",
        "prostitution",
        "other",
    ] {
        assert!(tips.contains(&code), "tip {code}: {tips:?}");
    }
    let fire = all
        .iter()
        .find(|c| c.domain == Incident && c.code == "fire")
        .unwrap();
    assert_eq!(
        (fire.name_vi.as_str(), fire.name_en.as_str()),
        ("Cháy, nổ", "Fire, explosion")
    );
    assert!(all
        .iter()
        .all(|c| !c.name_vi.trim().is_empty() && !c.name_en.trim().is_empty()));
}

/// Runs each contract test on a fresh SQLite file and a fresh PostgreSQL schema.
macro_rules! contract {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(#[tokio::test]
            async fn $name() {
                let (s, _dir) = crate::common::sqlite_store().await;
                super::$name(s.as_ref()).await;
            })*
        }
        mod postgres {
            $(#[tokio::test]
            async fn $name() {
                let s = crate::common::pg_store().await;
                super::$name(s.as_ref()).await;
            })*
        }
    };
}

contract!(
    new_database_is_migrated_and_empty,
    org_tree_of_any_depth,
    unit_codes_are_unique,
    teams_cover_villages_and_list_under_any_ancestor,
    foreign_keys_are_enforced,
    roster_round_trips_every_field,
    phones_are_unique_and_passwords_change,
    roles_are_the_union_of_roster_and_grants,
    sessions_expire_to_the_microsecond,
    login_attempts_count_within_a_window,
    parallel_login_attempts_each_count,
    demo_loads_once,
    records_are_versioned_audited_and_soft_deleted,
    demo_activity_is_valid_and_covers_every_kind,
    photos_keep_their_bytes,
    concurrent_edits_have_one_winner_and_no_errors,
    categories_are_seeded_and_ordered,
    holidays_are_seeded_in_date_order,
);

#[tokio::test]
async fn sqlite_runs_in_wal_mode_with_foreign_keys() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}",
        dir.path().join("nested/dir/antt.db").display()
    );
    let s = antt_server::store::sqlite::SqliteStore::connect(&url)
        .await
        .unwrap();
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(s.pool())
        .await
        .unwrap();
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
        .fetch_one(s.pool())
        .await
        .unwrap();
    assert_eq!((mode.as_str(), fk), ("wal", 1));
}
