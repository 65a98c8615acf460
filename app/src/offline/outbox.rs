//! The phone's outbox, as pure rules: what an entry holds, what a push's answer does to
//! it, which entries go in the next batch, and how long to wait after a failure. The
//! browser code (IndexedDB, fetch, timers) only carries these out.

use crate::domain::category::{self, Category};
use crate::domain::records::form::RecordForm;
use crate::domain::records::{CheckContext, RecordBody};
use crate::domain::FieldError;
pub use crate::dto::log::EditBase;
use crate::dto::records::{NewRecord, RecordChange, RecordView};
use crate::dto::sync::{Difference, Mutation, MutationResult, Outcome};
use crate::dto::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Entries per push: small enough to finish on a weak signal, large enough to drain a
/// week offline in a few round trips.
pub const BATCH: usize = 50;

/// Where an entry stands. "Sending" is not stored: it is whatever the running sync holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Saved on the phone, not yet on the server.
    Waiting,
    /// The record is on the server; its photos are still to be sent.
    Photos,
    /// The server refused it, or it changed there in between: the author must look.
    Attention,
    /// Its month is signed off: kept, and tried once a round until the month reopens.
    Held,
}

/// One change saved on the phone, with everything needed to send and show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// The mutation's id, which makes sending it twice harmless.
    pub id: String,
    /// The user who made it: only they send it, whoever else signs in on this phone.
    pub owner: i64,
    pub owner_name: String,
    pub team_id: i64,
    pub record_id: String,
    pub kind: String,
    /// When the logged event happened, for showing and sorting.
    pub occurred_at: DateTime<Utc>,
    pub saved_at: DateTime<Utc>,
    pub state: State,
    /// The server has stored the record (what may remain are its photos).
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub problem: Option<AppError>,
    /// The server's version when the push met a conflict, for the author to compare.
    #[serde(default)]
    pub server_copy: Option<RecordView>,
    /// On a conflict: the version the server holds, which keeping this edit replaces.
    #[serde(default)]
    pub server_version: Option<i64>,
    /// On a conflict: what this edit and the server's version each say, fact by fact.
    #[serde(default)]
    pub differences: Vec<Difference>,
    /// Ids of the photos kept beside the entry until they are sent.
    #[serde(default)]
    pub photos: Vec<String>,
    /// Brought in from a file (`carry`): it waits until its owner, signed in, confirms it.
    #[serde(default)]
    pub imported: bool,
    pub mutation: Mutation,
}

impl Entry {
    /// Whether the sync sends this entry for `user`: their own, and confirmed by them if
    /// it came from a file.
    pub fn sent_by(&self, user: i64) -> bool {
        self.owner == user && !self.imported
    }
}

/// Who is logging, and what the rules need to check an entry on the phone as the
/// server will: the team's roster and the categories.
#[derive(Debug, Clone, PartialEq)]
pub struct Author {
    pub user_id: i64,
    pub name: String,
    pub roster: Vec<i64>,
    pub categories: Vec<Category>,
}

/// A new record from its form, checked by the server's own rules, as an entry waiting
/// to be sent. The ids are made on the phone: a form opened offline from an old copy
/// must still give each record its own id.
pub fn new_entry(
    form: &RecordForm,
    author: &Author,
    mutation_id: String,
    record_id: String,
    photos: Vec<String>,
    now: DateTime<Utc>,
) -> Result<Entry, FieldError> {
    let (body, informant) = form.read()?;
    check_on_phone(&body, informant.as_ref(), author, now)?;
    let head = Head {
        owner: author.user_id,
        owner_name: &author.name,
        team_id: form.team_id,
        record_id: record_id.clone(),
        kind: body.kind().as_str(),
        occurred_at: body.occurred_at(),
        now,
    };
    let mutation = Mutation::Create {
        id: mutation_id,
        record: NewRecord {
            id: record_id,
            team_id: form.team_id,
            body,
            informant,
        },
    };
    Ok(head.waiting(mutation, photos))
}

/// The server's rules for a record, as the phone can check them: the kind's own rules
/// against the roster, and the category list.
fn check_on_phone(
    body: &RecordBody,
    informant: Option<&crate::domain::records::tip::Informant>,
    author: &Author,
    now: DateTime<Utc>,
) -> Result<(), FieldError> {
    body.check(informant, &CheckContext::new(now, &author.roster))?;
    if category::category_of(body).is_some() {
        category::check(body, &author.categories)?;
    }
    Ok(())
}

/// What every entry says of itself besides its mutation.
struct Head<'a> {
    owner: i64,
    owner_name: &'a str,
    team_id: i64,
    record_id: String,
    kind: &'a str,
    occurred_at: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl Head<'_> {
    fn waiting(self, mutation: Mutation, photos: Vec<String>) -> Entry {
        Entry {
            id: mutation.id().to_owned(),
            owner: self.owner,
            owner_name: self.owner_name.to_owned(),
            team_id: self.team_id,
            record_id: self.record_id,
            kind: self.kind.to_owned(),
            occurred_at: self.occurred_at,
            saved_at: self.now,
            state: State::Waiting,
            stored: false,
            problem: None,
            server_copy: None,
            server_version: None,
            differences: Vec::new(),
            photos,
            imported: false,
            mutation,
        }
    }
}

/// An edit from the record's form, checked by the server's rules, as an entry waiting to
/// be sent; it changes the version the form was opened on, or meets a conflict.
pub fn edit_entry(
    form: &RecordForm,
    author: &Author,
    base: &EditBase,
    mutation_id: String,
    photos: Vec<String>,
    now: DateTime<Utc>,
) -> Result<Entry, FieldError> {
    let version: i64 = form
        .version
        .trim()
        .parse()
        .map_err(|_| FieldError::new("version", "invalid_number"))?;
    let (mut body, informant) = form.read()?;
    let informant = informant.filter(|_| base.informant_visible);
    if let RecordBody::TipOff(tip) = &mut body {
        tip.assessment = base.assessment.clone();
    }
    check_on_phone(&body, informant.as_ref(), author, now)?;
    let head = Head {
        owner: author.user_id,
        owner_name: &author.name,
        team_id: form.team_id,
        record_id: form.id.clone(),
        kind: body.kind().as_str(),
        occurred_at: body.occurred_at(),
        now,
    };
    let mutation = Mutation::Update {
        id: mutation_id,
        record_id: form.id.clone(),
        change: RecordChange {
            version,
            body,
            informant,
        },
    };
    Ok(head.waiting(mutation, photos))
}

/// The author keeps their edit over the version the server holds now: it goes again, as
/// a change of that version. Works on the entry as stored, so that a list can offer the
/// choice without decoding records; false when the entry is not a conflicting edit.
pub fn keep_mine(entry: &mut serde_json::Value) -> bool {
    let Some(version) = entry["server_version"].as_i64() else {
        return false;
    };
    let slot = match entry["mutation"]["op"].as_str() {
        Some("update") => &mut entry["mutation"]["change"]["version"],
        Some("delete") => &mut entry["mutation"]["version"],
        _ => return false,
    };
    *slot = version.into();
    entry["state"] = "waiting".into();
    for field in ["problem", "server_copy", "server_version"] {
        entry[field] = serde_json::Value::Null;
    }
    entry["differences"] = serde_json::json!([]);
    true
}

/// The form of a new record the server refused or holds, filled in from the entry, for
/// its author to fix or move to another month; saving it replaces the entry (the same
/// record id: the server has stored nothing of it). None for anything but a new record,
/// and for anyone but its author: on a shared phone the next person must not open
/// someone else's entry (a tip's informant with it).
pub fn fixable_by(entry: &Entry, user: i64) -> Option<RecordForm> {
    let Mutation::Create { record, .. } = &entry.mutation else {
        return None;
    };
    if entry.owner != user || entry.imported {
        return None;
    }
    let mut form = RecordForm::of_record(
        &record.id,
        record.team_id,
        0,
        &record.body,
        record.informant.as_ref(),
    );
    form.version = String::new();
    Some(form)
}

/// The person preparing a step of the month, or a review, with no signal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    pub user_id: i64,
    pub name: String,
    pub team_id: i64,
}

/// A step of a team's month kept on the phone until it can be sent. The server checks it
/// when it arrives (from the version it was prepared on), like any mutation.
pub fn step_entry(signer: &Signer, mutation: Mutation, now: DateTime<Utc>) -> Entry {
    let (kind, record_id) = match &mutation {
        Mutation::MonthStep { .. } => ("month_step", String::new()),
        Mutation::Review { record_id, .. } => ("review", record_id.clone()),
        m => ("record", m.record_id().to_owned()),
    };
    let head = Head {
        owner: signer.user_id,
        owner_name: &signer.name,
        team_id: signer.team_id,
        record_id,
        kind,
        occurred_at: now,
        now,
    };
    head.waiting(mutation, Vec::new())
}

/// An entry as a list shows it: read without its record, so that a screen listing the
/// outbox carries no code to decode every kind of record.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct EntryCard {
    pub id: String,
    pub owner: i64,
    pub owner_name: String,
    pub team_id: i64,
    pub kind: String,
    pub occurred_at: DateTime<Utc>,
    pub saved_at: DateTime<Utc>,
    pub state: State,
    #[serde(default)]
    pub problem: Option<AppError>,
    #[serde(default)]
    pub photos: Vec<String>,
    #[serde(default)]
    pub record_id: String,
    #[serde(default)]
    pub stored: bool,
    #[serde(default)]
    pub server_version: Option<i64>,
    #[serde(default)]
    pub differences: Vec<Difference>,
    #[serde(default)]
    pub imported: bool,
    pub mutation: Operation,
}

/// Only the operation of an entry's mutation, read without the record it carries.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Operation {
    pub op: String,
}

impl EntryCard {
    /// An edit (or delete) that met a change made on the server: the author chooses.
    pub fn is_conflict(&self) -> bool {
        self.state == State::Attention
            && self.server_version.is_some()
            && matches!(self.mutation.op.as_str(), "update" | "delete")
    }

    /// A new record the server refused or holds for a signed-off month, not stored
    /// there: its author may fix it (or move it to another month) and send it again.
    pub fn can_fix(&self, user: i64) -> bool {
        self.owner == user
            && !self.imported
            && !self.stored
            && self.mutation.op == "create"
            && matches!(self.state, State::Attention | State::Held)
    }

    /// Its author may let go of an entry the server will not take as it is. One that
    /// waits is not offered: it may be on its way.
    pub fn can_discard(&self, user: i64) -> bool {
        self.owner == user
            && (self.imported || matches!(self.state, State::Attention | State::Held))
    }

    /// Brought in from a file and not yet confirmed by its owner, who is `user`.
    pub fn awaits_confirmation(&self, user: i64) -> bool {
        self.owner == user && self.imported
    }
}

/// What to do with an entry once the server has answered for it.
#[derive(Debug, Clone, PartialEq)]
pub enum Next {
    /// On the server, nothing left to send: remove it from the phone.
    Done,
    /// Keep it, in this new form.
    Keep(Box<Entry>),
}

/// The entry after the server's answer for its mutation.
pub fn after_push(entry: &Entry, result: &MutationResult) -> Next {
    let mut kept = entry.clone();
    match result.status {
        Outcome::Applied | Outcome::AlreadyApplied => {
            if entry.photos.is_empty() {
                return Next::Done;
            }
            kept.state = State::Photos;
            kept.stored = true;
            kept.problem = None;
        }
        Outcome::Conflict => {
            kept.state = State::Attention;
            kept.problem = Some(
                result
                    .error
                    .clone()
                    .unwrap_or_else(|| AppError::new("conflict")),
            );
            kept.server_copy = result.record.clone();
            kept.server_version = result.record.as_ref().map(|r| r.version);
            kept.differences = result.differences.clone();
        }
        Outcome::Rejected
            if result
                .error
                .as_ref()
                .is_some_and(|e| e.code == "month_signed_off") =>
        {
            kept.state = State::Held;
            kept.problem = result.error.clone();
        }
        Outcome::Rejected => {
            kept.state = State::Attention;
            kept.problem = Some(
                result
                    .error
                    .clone()
                    .unwrap_or_else(|| AppError::new("invalid_json")),
            );
        }
    }
    Next::Keep(Box::new(kept))
}

/// At the start of a round, the user's entries held for a signed-off month wait again:
/// each is tried once a round, so it goes as soon as the month is reopened.
pub fn release_held(entries: &[Entry], user: i64) -> Vec<Entry> {
    entries
        .iter()
        .filter(|e| e.sent_by(user) && e.state == State::Held)
        .map(|e| Entry {
            state: State::Waiting,
            ..e.clone()
        })
        .collect()
}

/// The next push for `user`: their waiting entries, oldest first, at most `BATCH`.
/// Other people's entries wait for their owner to sign in on this phone again.
pub fn next_batch(entries: &[Entry], user: i64) -> Vec<&Entry> {
    let mut mine: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.sent_by(user) && e.state == State::Waiting)
        .collect();
    mine.sort_by(|a, b| a.saved_at.cmp(&b.saved_at).then(a.id.cmp(&b.id)));
    mine.truncate(BATCH);
    mine
}

/// Milliseconds to wait before try number `failures + 1`: doubling from 2 s up to 5 min,
/// with up to a quarter of random spread (`jitter` in 0..1) so that a commune's phones,
/// back in signal together, do not all knock at once.
pub fn backoff_ms(failures: u32, jitter: f64) -> u32 {
    let base = 2_000u64
        .saturating_mul(1u64 << failures.min(20))
        .min(300_000);
    let spread = (base as f64 * 0.25 * jitter.clamp(0.0, 1.0)) as u64;
    (base - base / 8 + spread) as u32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::records::tip::Assessment;
    use crate::domain::records::{deed::GoodDeed, RecordKind};
    use chrono::TimeZone;

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

    fn answer(id: &str, status: Outcome, error: Option<&str>) -> MutationResult {
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
            &answer("a", Outcome::Rejected, Some("month_signed_off")),
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
            (Outcome::Rejected, "date_in_future"),
            (Outcome::Conflict, "conflict"),
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
            error: Some(AppError::new("conflict")),
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
            (Outcome::Rejected, "month_signed_off", State::Held),
            (
                Outcome::Rejected,
                "participant_not_in_team",
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
        let card: EntryCard =
            serde_json::from_value(serde_json::to_value(&imported).unwrap()).unwrap();
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
}
