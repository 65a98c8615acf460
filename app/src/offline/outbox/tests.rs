use super::entry::Head;
use super::*;
use crate::domain::category::{self, Category};
use crate::domain::records::form::RecordForm;
use crate::domain::records::tip::Assessment;
use crate::domain::records::RecordBody;
use crate::domain::records::{deed::GoodDeed, RecordKind};
use crate::domain::ErrorCode;
use crate::dto::records::{NewRecord, RecordView};
use crate::dto::sync::{Difference, Mutation, MutationResult, Outcome};
use crate::dto::AppError;
use chrono::TimeZone;
use chrono::Utc;

fn entry(id: &str, owner: i64, minute: u32, photos: usize) -> Entry {
    let at = Utc.with_ymd_and_hms(2026, 11, 20, 8, minute, 0).unwrap();
    let record_id = format!("r-{id}");
    let head = Head {
        owner,
        owner_name: "Nguyễn Văn A",
        team_id: 1,
        record_id: record_id.clone(),
        kind: "good_deed",
        occurred_at: at,
        now: at,
    };
    let photos = (0..photos).map(|i| format!("p{i}")).collect();
    head.waiting(
        Mutation::Create {
            id: id.into(),
            record: NewRecord {
                id: record_id,
                team_id: 1,
                body: RecordBody::GoodDeed(GoodDeed {
                    date: at.date_naive(),
                    description: "Sửa mái nhà".into(),
                    members: vec![1],
                    beneficiary: String::new(),
                    commendation: None,
                }),
                informant: None,
            },
        },
        photos,
    )
}

/// Member 7, on a team whose roster ids are `roster`.
fn author(roster: &[i64], categories: Vec<Category>) -> Author {
    Author {
        user_id: 7,
        name: "Nguyễn Văn A".into(),
        roster: roster.to_vec(),
        categories,
    }
}

fn answer(id: &str, status: Outcome, error: Option<ErrorCode>) -> MutationResult {
    MutationResult {
        id: id.into(),
        status,
        record: None,
        error: error.map(AppError::new),
        differences: Vec::new(),
    }
}

#[test]
fn a_stored_entry_leaves_the_phone_unless_photos_remain() {
    let e = entry("a", 7, 0, 0);
    assert_eq!(
        after_push(&e, &answer("a", Outcome::Applied, None)),
        Next::Done
    );
    assert_eq!(
        after_push(&e, &answer("a", Outcome::AlreadyApplied, None)),
        Next::Done
    );
    let with_photo = entry("b", 7, 0, 1);
    let Next::Keep(kept) = after_push(&with_photo, &answer("b", Outcome::Applied, None)) else {
        panic!("the photo is still to be sent");
    };
    assert_eq!(kept.state, State::Photos);
    assert!(kept.stored);
}

#[test]
fn a_month_step_prepared_offline_is_an_entry_like_any_other() {
    let signer = Signer {
        user_id: 7,
        name: "Lê Văn Tám".into(),
        team_id: 3,
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
    let step = Mutation::MonthStep {
        id: "m-1".into(),
        team_id: 3,
        month: "2026-10".into(),
        step: "submit".into(),
        version: 0,
        reason: String::new(),
        remarks: Some("Đủ".into()),
    };
    let e = step_entry(&signer, step.clone(), now);
    assert_eq!(
        (e.id.as_str(), e.kind.as_str(), e.owner),
        ("m-1", "month_step", 7)
    );
    assert_eq!(e.state, State::Waiting);
    assert_eq!(e.mutation, step);
    assert_eq!(
        next_batch(std::slice::from_ref(&e), 7).len(),
        1,
        "sent by its owner"
    );
    assert!(next_batch(std::slice::from_ref(&e), 8).is_empty());
    let review = Mutation::Review {
        id: "m-2".into(),
        record_id: "r-9".into(),
        version: 2,
        verdict: "accept".into(),
        comment: String::new(),
    };
    let e = step_entry(&signer, review, now);
    assert_eq!((e.kind.as_str(), e.record_id.as_str()), ("review", "r-9"));
    assert_eq!(
        after_push(&e, &answer("m-2", Outcome::Applied, None)),
        Next::Done
    );
}

#[test]
fn an_entry_for_a_signed_off_month_is_held_and_tried_again_each_round() {
    let e = entry("a", 7, 0, 0);
    let Next::Keep(held) = after_push(
        &e,
        &answer("a", Outcome::Rejected, Some(ErrorCode::MonthSignedOff)),
    ) else {
        panic!("never dropped");
    };
    assert_eq!(held.state, State::Held);
    assert_eq!(held.problem.as_ref().unwrap().code, "month_signed_off");
    let others = entry("b", 8, 0, 0);
    let entries = vec![*held.clone(), others];
    assert!(
        next_batch(&entries, 7).is_empty(),
        "a held entry is not resent within the round"
    );
    let released = release_held(&entries, 7);
    assert_eq!(released.len(), 1, "only the owner's held entries");
    assert_eq!(released[0].state, State::Waiting);
    assert_eq!(released[0].id, "a");
    assert!(release_held(&entries, 8).is_empty());
}

#[test]
fn a_refused_or_conflicting_entry_stays_with_its_reason() {
    let e = entry("a", 7, 0, 0);
    for (status, code) in [
        (Outcome::Rejected, ErrorCode::DateInFuture),
        (Outcome::Conflict, ErrorCode::Conflict),
    ] {
        let Next::Keep(kept) = after_push(&e, &answer("a", status, Some(code))) else {
            panic!("never dropped");
        };
        assert_eq!(kept.state, State::Attention);
        assert_eq!(kept.problem.unwrap().code, code);
    }
    let Next::Keep(kept) = after_push(&e, &answer("a", Outcome::Rejected, None)) else {
        panic!("never dropped");
    };
    assert!(kept.problem.is_some(), "a refusal always carries a reason");
}

#[test]
fn an_edit_keeps_the_assessment_and_sends_the_informant_only_if_seen() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
    let author = author(
        &[11],
        vec![Category {
            domain: category::CategoryDomain::Tip,
            code: "drugs".into(),
            name_vi: "Ma túy".into(),
            name_en: "Drugs".into(),
        }],
    );
    let mut form = RecordForm::blank("r-1".into(), 3, RecordKind::TipOff, Some(11), now);
    form.content = "Người lạ ở bãi sông".into();
    form.category = "drugs".into();
    form.informant_name = String::new();
    form.version = "4".into();
    let assessed = Assessment {
        valuable: true,
        outcome: "Đã xác minh".into(),
    };
    let base = EditBase {
        assessment: Some(assessed.clone()),
        informant_visible: false,
    };
    let e = edit_entry(&form, &author, &base, "m-1".into(), vec![], now).unwrap();
    assert_eq!((e.id.as_str(), e.record_id.as_str()), ("m-1", "r-1"));
    let Mutation::Update { change, .. } = &e.mutation else {
        panic!("an edit is an update");
    };
    assert_eq!(change.version, 4);
    assert_eq!(change.informant, None, "not seen, so not sent");
    let RecordBody::TipOff(tip) = &change.body else {
        panic!("a tip");
    };
    assert_eq!(tip.assessment, Some(assessed), "the police's word is kept");

    form.informant_name = "Bà Lan".into();
    let seen = EditBase {
        informant_visible: true,
        ..base
    };
    let e = edit_entry(&form, &author, &seen, "m-2".into(), vec![], now).unwrap();
    let Mutation::Update { change, .. } = &e.mutation else {
        panic!("an edit is an update");
    };
    assert_eq!(change.informant.as_ref().unwrap().name, "Bà Lan");

    form.version = String::new();
    assert_eq!(
        edit_entry(&form, &author, &seen, "m-3".into(), vec![], now)
            .unwrap_err()
            .code,
        "invalid_number"
    );
    form.version = "4".into();
    form.received_at = "2026-12-01T08:00".into();
    assert_eq!(
        edit_entry(&form, &author, &seen, "m-4".into(), vec![], now)
            .unwrap_err()
            .code,
        "date_in_future",
        "checked by the server's rules on the phone"
    );
}

#[test]
fn a_conflicting_edit_waits_for_its_author_to_choose() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
    let author = author(&[11], Vec::new());
    let mut form = RecordForm::blank("r-1".into(), 3, RecordKind::Patrol, Some(11), now);
    form.area = "Thôn Đông".into();
    form.version = "2".into();
    let e = edit_entry(
        &form,
        &author,
        &EditBase::default(),
        "m-1".into(),
        vec![],
        now,
    )
    .unwrap();
    let (body, _) = form.read().unwrap();
    let theirs = RecordView {
        id: "r-1".into(),
        team_id: 3,
        kind: RecordKind::Patrol,
        author_id: 7,
        author_name: "Nguyễn Văn A".into(),
        month: "2026-11".into(),
        occurred_at: now,
        body,
        informant: None,
        version: 3,
        created_at: now,
        updated_at: now,
        can_edit: true,
        can_assess: false,
        photos: Vec::new(),
    };
    let difference = Difference {
        label: "Địa bàn".into(),
        mine: "Thôn Đông".into(),
        theirs: "Thôn Tây".into(),
    };
    let result = MutationResult {
        id: "m-1".into(),
        status: Outcome::Conflict,
        record: Some(theirs),
        error: Some(AppError::new(ErrorCode::Conflict)),
        differences: vec![difference.clone()],
    };
    let Next::Keep(kept) = after_push(&e, &result) else {
        panic!("a conflict is never dropped");
    };
    assert_eq!(kept.state, State::Attention);
    assert_eq!(kept.server_version, Some(3));
    assert_eq!(kept.differences, vec![difference]);
    assert!(
        next_batch(std::slice::from_ref(&*kept), 7).is_empty(),
        "not resent alone"
    );

    let mut stored = serde_json::to_value(&*kept).unwrap();
    let card: EntryCard = serde_json::from_value(stored.clone()).unwrap();
    assert!(card.is_conflict());
    assert_eq!(card.differences.len(), 1);
    assert!(keep_mine(&mut stored));
    let again: Entry = serde_json::from_value(stored.clone()).unwrap();
    assert_eq!(again.state, State::Waiting);
    assert_eq!((&again.problem, again.server_version), (&None, None));
    assert!(again.differences.is_empty());
    let Mutation::Update { change, .. } = &again.mutation else {
        panic!("still the edit");
    };
    assert_eq!(change.version, 3, "now a change of the server's version");
    assert_eq!(next_batch(std::slice::from_ref(&again), 7).len(), 1);
    assert!(!keep_mine(&mut stored), "nothing to choose any more");

    let create = serde_json::to_value(entry("c", 7, 0, 0)).unwrap();
    let card: EntryCard = serde_json::from_value(create.clone()).unwrap();
    assert!(!card.is_conflict());
    let mut create = create;
    create["server_version"] = 2.into();
    assert!(
        !keep_mine(&mut create),
        "only edits and deletes are resent this way"
    );
}

#[test]
fn a_refused_or_held_new_record_can_be_fixed_or_let_go_by_its_author() {
    let card = |e: &Entry| -> EntryCard {
        serde_json::from_value(serde_json::to_value(e).unwrap()).unwrap()
    };
    let waiting = entry("a", 7, 0, 0);
    assert!(!card(&waiting).can_fix(7) && !card(&waiting).can_discard(7));
    for (status, code, state) in [
        (Outcome::Rejected, ErrorCode::MonthSignedOff, State::Held),
        (
            Outcome::Rejected,
            ErrorCode::ParticipantNotInTeam,
            State::Attention,
        ),
    ] {
        let Next::Keep(kept) = after_push(&waiting, &answer("a", status, Some(code))) else {
            panic!("never dropped");
        };
        assert_eq!(kept.state, state);
        let c = card(&kept);
        assert!(c.can_fix(7) && c.can_discard(7), "{code}");
        assert!(!c.can_fix(8) && !c.can_discard(8), "only by its author");
        assert!(fixable_by(&kept, 8).is_none(), "only by its author");
        let form = fixable_by(&kept, 7).expect("a new record has a form");
        assert_eq!((form.id.as_str(), form.version.as_str()), ("r-a", ""));
        assert_eq!(form.read().unwrap().0, {
            let Mutation::Create { record, .. } = &kept.mutation else {
                unreachable!()
            };
            record.body.clone()
        });
    }
    // Stored already (its photos are what failed): the record is fixed on the server.
    let mut stored = entry("b", 7, 0, 1);
    stored.state = State::Attention;
    stored.stored = true;
    assert!(!card(&stored).can_fix(7));
    assert!(card(&stored).can_discard(7));
    let step = step_entry(
        &Signer {
            user_id: 7,
            name: "A".into(),
            team_id: 1,
        },
        Mutation::Review {
            id: "m".into(),
            record_id: "r".into(),
            version: 1,
            verdict: "accept".into(),
            comment: String::new(),
        },
        Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap(),
    );
    assert!(fixable_by(&step, 7).is_none());
}

#[test]
fn a_batch_is_the_users_waiting_entries_oldest_first() {
    let mut entries = vec![
        entry("late", 7, 30, 0),
        entry("other-owner", 8, 0, 0),
        entry("early", 7, 10, 0),
        entry("attention", 7, 5, 0),
    ];
    entries[3].state = State::Attention;
    let ids: Vec<&str> = next_batch(&entries, 7)
        .iter()
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(ids, ["early", "late"]);
    assert_eq!(next_batch(&entries, 8).len(), 1);
    assert!(next_batch(&entries, 9).is_empty());
    let many: Vec<Entry> = (0..120)
        .map(|i| entry(&format!("{i:03}"), 7, 0, 0))
        .collect();
    assert_eq!(next_batch(&many, 7).len(), BATCH);
    assert_eq!(next_batch(&many, 7)[0].id, "000");
}

#[test]
fn a_form_becomes_an_entry_only_if_the_servers_rules_pass() {
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap();
    let author = author(&[11, 12], Vec::new());
    let ids = || ("m-1".to_owned(), "r-1".to_owned());
    let mut form = RecordForm::blank("old-id".into(), 3, RecordKind::Patrol, Some(11), now);
    form.area = "Thôn Đông".into();
    let (m, r) = ids();
    let e = new_entry(&form, &author, m, r, vec!["p1".into()], now).unwrap();
    assert_eq!((e.owner, e.team_id, e.kind.as_str()), (7, 3, "patrol"));
    assert_eq!(e.record_id, "r-1", "the phone's id, not the form's old one");
    assert_eq!(e.mutation.record_id(), "r-1");
    assert_eq!(e.state, State::Waiting);

    form.participants = vec!["99".into()];
    let (m, r) = ids();
    let err = new_entry(&form, &author, m, r, vec![], now).unwrap_err();
    assert_eq!(err.code, "participant_not_in_team");

    let mut tip = RecordForm::blank("x".into(), 3, RecordKind::TipOff, Some(11), now);
    tip.content = "Người lạ".into();
    tip.category = "no_such_category".into();
    let (m, r) = ids();
    assert_eq!(
        new_entry(&tip, &author, m, r, vec![], now)
            .unwrap_err()
            .field,
        "category"
    );
}

#[test]
fn an_imported_entry_waits_until_its_owner_confirms_it() {
    let mut imported = entry("a", 7, 0, 0);
    imported.imported = true;
    let mut held = entry("b", 7, 1, 0);
    held.imported = true;
    held.state = State::Held;
    let entries = vec![imported.clone(), held];
    assert!(
        next_batch(&entries, 7).is_empty(),
        "not sent before it is confirmed"
    );
    assert!(release_held(&entries, 7).is_empty());
    assert!(fixable_by(&imported, 7).is_none());
    let card: EntryCard = serde_json::from_value(serde_json::to_value(&imported).unwrap()).unwrap();
    assert!(card.awaits_confirmation(7) && !card.awaits_confirmation(8));
    assert!(card.can_discard(7) && !card.can_discard(8));
    assert!(!card.can_fix(7));
    imported.imported = false;
    assert_eq!(next_batch(&[imported], 7).len(), 1, "confirmed, it goes");
}

#[test]
fn backoff_doubles_within_bounds_and_spreads() {
    assert_eq!(backoff_ms(0, 0.0), 1_750);
    assert_eq!(backoff_ms(0, 1.0), 2_250);
    assert!(backoff_ms(1, 0.5) > backoff_ms(0, 0.5));
    assert!(backoff_ms(3, 0.5) > backoff_ms(2, 0.5));
    for f in [10, 20, 31, 1000] {
        assert!(backoff_ms(f, 1.0) <= 300_000 + 300_000 / 8);
        assert!(backoff_ms(f, 0.0) >= 262_500);
    }
}
