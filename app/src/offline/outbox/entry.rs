//! An entry of the outbox: what it holds, and how it is made for a new record, an edit
//! or a step of the month.

use crate::domain::category::{self, Category};
use crate::domain::records::form::RecordForm;
use crate::domain::records::{CheckContext, RecordBody};
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use crate::dto::log::EditBase;
use crate::dto::records::{NewRecord, RecordChange, RecordView};
use crate::dto::sync::{Difference, Mutation};
use crate::dto::AppError;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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
pub(super) struct Head<'a> {
    pub(super) owner: i64,
    pub(super) owner_name: &'a str,
    pub(super) team_id: i64,
    pub(super) record_id: String,
    pub(super) kind: &'a str,
    pub(super) occurred_at: DateTime<Utc>,
    pub(super) now: DateTime<Utc>,
}

impl Head<'_> {
    pub(super) fn waiting(self, mutation: Mutation, photos: Vec<String>) -> Entry {
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
        .map_err(|_| FieldError::new("version", ErrorCode::InvalidNumber))?;
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
