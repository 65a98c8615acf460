//! An entry as a list shows it, and what its author may do with it there.

use super::entry::State;
use crate::dto::sync::Difference;
use crate::dto::AppError;
use chrono::{DateTime, Utc};
use serde::Deserialize;

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
