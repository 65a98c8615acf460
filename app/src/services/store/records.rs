//! The record operations of the store seam.

use super::error::StoreError;
use super::rows::*;
use crate::domain::Category;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

/// The record operations of the store; every write is audited in the same transaction.
#[async_trait]
pub trait RecordStore: Send + Sync + 'static {
    /// `mutation` is the id of the phone's mutation that made this write, kept with it.
    async fn insert_record(
        &self,
        row: &RecordRow,
        informant: Option<&InformantRow>,
        mutation: Option<&str>,
    ) -> Result<(), StoreError>;
    async fn record(&self, id: &str) -> Result<Option<RecordRow>, StoreError>;
    /// The team's records that are not deleted, newest first.
    async fn records(
        &self,
        team_id: i64,
        filter: &RecordFilter,
    ) -> Result<Vec<RecordRow>, StoreError>;
    /// Replaces body and bumps the version if it still is `expected_version`; false if not.
    async fn update_record(
        &self,
        row: &RecordRow,
        expected_version: i64,
        informant: Option<&InformantRow>,
        user_id: i64,
        mutation: Option<&str>,
    ) -> Result<bool, StoreError>;
    async fn delete_record(
        &self,
        id: &str,
        expected_version: i64,
        at: DateTime<Utc>,
        user_id: i64,
        mutation: Option<&str>,
    ) -> Result<bool, StoreError>;
    /// Who applied a pushed mutation, and to which record, if it was applied.
    async fn applied_mutation(&self, id: &str) -> Result<Option<AppliedMutation>, StoreError>;
    /// The team's records changed after change number `after` (deleted ones too), with
    /// their change numbers, oldest change first.
    async fn changes(
        &self,
        team_id: i64,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, RecordRow)>, StoreError>;
    async fn informant(&self, record_id: &str) -> Result<Option<InformantRow>, StoreError>;
    /// Who set or changed a tip's informant and when, oldest first (never the values).
    async fn informant_audit(&self, record_id: &str) -> Result<Vec<InformantChange>, StoreError>;
    async fn record_history(&self, record_id: &str) -> Result<Vec<AuditEntry>, StoreError>;
    /// Stores a photo, and drops the pieces it arrived in, if it came in pieces.
    async fn insert_photo(&self, photo: &PhotoRow) -> Result<(), StoreError>;
    async fn photo_upload(&self, photo_id: &str) -> Result<Option<PhotoUpload>, StoreError>;
    /// How many photos of the record are arriving in pieces, other than `except`.
    async fn unfinished_uploads(&self, record_id: &str, except: &str) -> Result<i64, StoreError>;
    /// Adds the piece that starts at `position`, beginning the upload if it is new. False,
    /// with nothing written, when the upload holds other than `position` bytes by then or
    /// was begun for another record, person, type or size.
    async fn append_photo_piece(
        &self,
        upload: &PhotoUpload,
        position: i64,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<bool, StoreError>;
    /// The pieces received so far, joined in order.
    async fn photo_upload_bytes(&self, photo_id: &str) -> Result<Vec<u8>, StoreError>;
    async fn discard_photo_upload(&self, photo_id: &str) -> Result<(), StoreError>;
    async fn photo(&self, id: &str) -> Result<Option<PhotoRow>, StoreError>;
    async fn photos_of(&self, record_id: &str) -> Result<Vec<PhotoInfo>, StoreError>;
    /// The active incident and tip-off categories, by domain, then in list order.
    async fn categories(&self) -> Result<Vec<Category>, StoreError>;
    /// Public holidays, oldest first.
    async fn holidays(&self) -> Result<Vec<NaiveDate>, StoreError>;
}
