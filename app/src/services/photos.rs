//! A record's photos, sent whole: only those who may edit the record add one, at most ten
//! to a record, each checked by its bytes; a resent photo is stored once. Photos sent in
//! pieces are in `photo_upload`.

use super::records::load;
use super::store::{PhotoRow, Store, StoreError};
use super::ServiceError;
use crate::domain::records::{check_record_id, photo};
use crate::domain::ErrorCode;
use crate::domain::{Actor, FieldError};
use chrono::{DateTime, Utc};

/// Attaches a photo to a record. The photo id comes from the phone, so a resent upload
/// is recognised and stored once.
pub async fn add_photo(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
    photo_id: &str,
    content_type: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    may_add_photo(store, actor, record_id, photo_id).await?;
    store_photo(store, actor, record_id, photo_id, content_type, bytes, now).await
}

/// Only those who may edit a record add photos to it.
pub(super) async fn may_add_photo(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
    photo_id: &str,
) -> Result<(), ServiceError> {
    check_record_id(photo_id)
        .map_err(|_| FieldError::new("photo_id", ErrorCode::InvalidRecordId))?;
    let (row, scope) = load(store, record_id).await?;
    if !actor.can_read_team(&scope) || !actor.can_edit_record(row.author_id, &scope) {
        return Err(ServiceError::Forbidden);
    }
    let photos = store.photos_of(record_id).await?;
    // A resend of a photo already stored is recognised further on, never refused here;
    // photos still arriving in pieces count too.
    let arriving = store.unfinished_uploads(record_id, photo_id).await? as usize;
    if photos.len() + arriving >= photo::MAX_PER_RECORD && !photos.iter().any(|p| p.id == photo_id)
    {
        return Err(FieldError::new("photo", ErrorCode::TooManyPhotos).into());
    }
    Ok(())
}

/// Checks the photo by its bytes and stores it; false when this very photo was stored
/// already.
pub(super) async fn store_photo(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
    photo_id: &str,
    content_type: &str,
    bytes: Vec<u8>,
    now: DateTime<Utc>,
) -> Result<bool, ServiceError> {
    let kind = photo::check(&bytes, content_type)?;
    let new = PhotoRow {
        id: photo_id.to_owned(),
        record_id: record_id.to_owned(),
        content_type: kind.mime().to_owned(),
        bytes,
        author_id: actor.user_id,
        created_at: now,
    };
    match store.insert_photo(&new).await {
        Ok(()) => Ok(true),
        Err(StoreError::Conflict(_)) => match store.photo(photo_id).await? {
            Some(p) if p.record_id == new.record_id && p.bytes == new.bytes => Ok(false),
            _ => Err(ServiceError::Conflict(
                "this photo id is already used".into(),
            )),
        },
        Err(e) => Err(e.into()),
    }
}

/// A photo's type and bytes, for whoever may read its record.
pub async fn get_photo(
    store: &dyn Store,
    actor: &Actor,
    photo_id: &str,
) -> Result<(String, Vec<u8>), ServiceError> {
    let p = store.photo(photo_id).await?.ok_or(ServiceError::NotFound)?;
    let (_, scope) = load(store, &p.record_id).await?;
    if !actor.can_read_team(&scope) {
        return Err(ServiceError::Forbidden);
    }
    Ok((p.content_type, p.bytes))
}
