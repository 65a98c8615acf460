//! Wire types for the records a team logs.

use crate::domain::records::tip::Informant;
use crate::domain::records::{RecordBody, RecordKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A record as the phone sends it, with the id the phone gave it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewRecord {
    pub id: String,
    pub team_id: i64,
    pub body: RecordBody,
    #[serde(default)]
    pub informant: Option<Informant>,
}

/// An edit: the whole new body, and the version it was made from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RecordChange {
    pub version: i64,
    pub body: RecordBody,
    #[serde(default)]
    pub informant: Option<Informant>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RecordView {
    pub id: String,
    pub team_id: i64,
    pub kind: RecordKind,
    pub author_id: i64,
    pub author_name: String,
    /// `yyyy-mm`, Vietnam time.
    pub month: String,
    pub occurred_at: DateTime<Utc>,
    pub body: RecordBody,
    /// Present only for the member who received the tip and the commune police.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub informant: Option<Informant>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub can_edit: bool,
    /// Whether the reader may record the commune police's assessment of this tip.
    #[serde(default)]
    pub can_assess: bool,
    /// Ids of the record's photos, served at `/api/v1/photos/{id}`.
    #[serde(default)]
    pub photos: Vec<String>,
}

/// The commune police's assessment of a tip, made from the version they read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssessmentChange {
    pub version: i64,
    pub valuable: bool,
    #[serde(default)]
    pub outcome: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub at: DateTime<Utc>,
    pub user_id: i64,
    pub user_name: String,
    pub action: String,
    pub before: Option<RecordBody>,
    pub after: Option<RecordBody>,
}

/// How far a photo sent in pieces has come: the next piece starts at `received`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PhotoUploadStatus {
    pub received: i64,
    /// The photo's size, once its first piece has arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    /// The photo is stored with its record: nothing is left to send.
    pub complete: bool,
}
