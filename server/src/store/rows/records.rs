//! Rows of records, their photos, informants and audit trail.

use super::known;
use app::domain::records::RecordBody;
use app::domain::{Category, CategoryDomain};
use app::services::store::{
    decode_body, AuditEntry, InformantRow, PhotoInfo, PhotoRow, PhotoUpload, RecordRow, StoreError,
};
use chrono::{DateTime, Utc};
use sqlx::FromRow;

/// `RecordRow` as the `records` table holds it.
#[derive(FromRow)]
pub(crate) struct DbRecordRow {
    id: String,
    team_id: i64,
    kind: String,
    author_id: i64,
    occurred_at: DateTime<Utc>,
    month: String,
    body: String,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    deleted_at: Option<DateTime<Utc>>,
}

impl From<DbRecordRow> for RecordRow {
    fn from(r: DbRecordRow) -> Self {
        RecordRow {
            id: r.id,
            team_id: r.team_id,
            kind: r.kind,
            author_id: r.author_id,
            occurred_at: r.occurred_at,
            month: r.month,
            body: r.body,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
            deleted_at: r.deleted_at,
        }
    }
}

/// A record with its change number, for a phone catching up.
#[derive(FromRow)]
pub(crate) struct ChangeRow {
    seq: i64,
    #[sqlx(flatten)]
    record: DbRecordRow,
}

impl From<ChangeRow> for (i64, RecordRow) {
    fn from(r: ChangeRow) -> Self {
        (r.seq, r.record.into())
    }
}

/// A record with whether the commune police logged it themselves (`BY_POLICE`).
#[derive(FromRow)]
pub(crate) struct PoliceRecordRow {
    #[sqlx(flatten)]
    record: DbRecordRow,
    by_police: bool,
}

impl From<PoliceRecordRow> for (RecordRow, bool) {
    fn from(r: PoliceRecordRow) -> Self {
        (r.record.into(), r.by_police)
    }
}

/// A record's body with whether the commune police logged it themselves, for counting.
#[derive(FromRow)]
pub(crate) struct CountedBodyRow {
    body: String,
    by_police: bool,
}

impl TryFrom<CountedBodyRow> for (RecordBody, bool) {
    type Error = StoreError;

    fn try_from(r: CountedBodyRow) -> Result<Self, StoreError> {
        Ok((decode_body(&r.body)?, r.by_police))
    }
}

/// An author of a team's records, and whether they count as the commune police.
#[derive(FromRow)]
pub(crate) struct AuthorRow {
    pub(crate) author_id: i64,
    pub(crate) by_police: bool,
}

#[derive(FromRow)]
pub(crate) struct DbInformantRow {
    name: String,
    phone: Option<String>,
}

impl From<DbInformantRow> for InformantRow {
    fn from(r: DbInformantRow) -> Self {
        InformantRow {
            name: r.name,
            phone: r.phone,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct AuditRow {
    at: DateTime<Utc>,
    user_id: i64,
    action: String,
    before: Option<String>,
    after: Option<String>,
}

impl From<AuditRow> for AuditEntry {
    fn from(r: AuditRow) -> Self {
        AuditEntry {
            at: r.at,
            user_id: r.user_id,
            action: r.action,
            before: r.before,
            after: r.after,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct DbPhotoRow {
    id: String,
    record_id: String,
    content_type: String,
    bytes: Vec<u8>,
    author_id: i64,
    created_at: DateTime<Utc>,
}

impl From<DbPhotoRow> for PhotoRow {
    fn from(r: DbPhotoRow) -> Self {
        PhotoRow {
            id: r.id,
            record_id: r.record_id,
            content_type: r.content_type,
            bytes: r.bytes,
            author_id: r.author_id,
            created_at: r.created_at,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct PhotoInfoRow {
    id: String,
    content_type: String,
    size: i64,
}

impl From<PhotoInfoRow> for PhotoInfo {
    fn from(r: PhotoInfoRow) -> Self {
        PhotoInfo {
            id: r.id,
            content_type: r.content_type,
            size: r.size,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct PhotoUploadRow {
    photo_id: String,
    record_id: String,
    user_id: i64,
    content_type: String,
    total: i64,
    received: i64,
}

impl From<PhotoUploadRow> for PhotoUpload {
    fn from(r: PhotoUploadRow) -> Self {
        PhotoUpload {
            photo_id: r.photo_id,
            record_id: r.record_id,
            user_id: r.user_id,
            content_type: r.content_type,
            total: r.total,
            received: r.received,
        }
    }
}

#[derive(FromRow)]
pub(crate) struct CategoryRow {
    domain: String,
    code: String,
    name_vi: String,
    name_en: String,
}

impl TryFrom<CategoryRow> for Category {
    type Error = StoreError;

    fn try_from(r: CategoryRow) -> Result<Self, StoreError> {
        Ok(Category {
            domain: known("category domain", &r.domain, CategoryDomain::parse)?,
            code: r.code,
            name_vi: r.name_vi,
            name_en: r.name_en,
        })
    }
}
