//! Photos sent in pieces, for a weak signal: each piece is stored as it arrives, a phone
//! whose connection dropped asks how far the server got and goes on from there, and the
//! last piece turns the pieces into the record's photo, checked by its bytes like a
//! photo sent whole.

use super::photos::{may_add_photo, store_photo};
use super::store::{PhotoUpload, Store};
use super::ServiceError;
use crate::domain::records::photo::Piece;
use crate::domain::ErrorCode;
use crate::domain::{Actor, FieldError};
use crate::dto::records::PhotoUploadStatus;
use chrono::{DateTime, Utc};

/// How far the photo has come, for its sender.
pub async fn status(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
    photo_id: &str,
) -> Result<PhotoUploadStatus, ServiceError> {
    may_add_photo(store, actor, record_id, photo_id).await?;
    if let Some(done) = stored(store, record_id, photo_id).await? {
        return Ok(done);
    }
    match store.photo_upload(photo_id).await? {
        Some(u) => {
            same_sender(&u, actor, record_id)?;
            Ok(PhotoUploadStatus {
                received: u.received,
                total: Some(u.total),
                complete: false,
            })
        }
        None => Ok(PhotoUploadStatus {
            received: 0,
            total: None,
            complete: false,
        }),
    }
}

/// Stores one piece; the last one stores the photo. A piece of a photo already stored is
/// answered as complete, so a phone that never heard the last answer stops there.
#[allow(clippy::too_many_arguments)]
pub async fn append(
    store: &dyn Store,
    actor: &Actor,
    record_id: &str,
    photo_id: &str,
    content_type: &str,
    piece: Piece,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> Result<(PhotoUploadStatus, bool), ServiceError> {
    may_add_photo(store, actor, record_id, photo_id).await?;
    if let Some(done) = stored(store, record_id, photo_id).await? {
        return Ok((done, false));
    }
    let upload = match store.photo_upload(photo_id).await? {
        Some(u) => {
            same_sender(&u, actor, record_id)?;
            if u.total != piece.total || u.content_type != content_type {
                return Err(FieldError::new("total", ErrorCode::PieceOutOfRange).into());
            }
            u
        }
        None => PhotoUpload {
            photo_id: photo_id.to_owned(),
            record_id: record_id.to_owned(),
            user_id: actor.user_id,
            content_type: content_type.to_owned(),
            total: piece.total,
            received: 0,
        },
    };
    piece.check(upload.received)?;
    if !store
        .append_photo_piece(&upload, piece.position, bytes, now)
        .await?
    {
        // Another copy of this piece got there first.
        return Err(FieldError::new("position", ErrorCode::UploadOffset).into());
    }
    if !piece.is_last() {
        return Ok((
            PhotoUploadStatus {
                received: piece.position + bytes.len() as i64,
                total: Some(piece.total),
                complete: false,
            },
            false,
        ));
    }
    let whole = store.photo_upload_bytes(photo_id).await?;
    match store_photo(store, actor, record_id, photo_id, content_type, whole, now).await {
        Ok(created) => Ok((
            PhotoUploadStatus {
                received: piece.total,
                total: Some(piece.total),
                complete: true,
            },
            created,
        )),
        Err(e) => {
            // Not a photo after all: the pieces are of no use, and the phone must be told.
            store.discard_photo_upload(photo_id).await?;
            Err(e)
        }
    }
}

/// The photo as stored, if it is: complete when it belongs to this record.
async fn stored(
    store: &dyn Store,
    record_id: &str,
    photo_id: &str,
) -> Result<Option<PhotoUploadStatus>, ServiceError> {
    match store.photo(photo_id).await? {
        Some(p) if p.record_id == record_id => {
            let size = p.bytes.len() as i64;
            Ok(Some(PhotoUploadStatus {
                received: size,
                total: Some(size),
                complete: true,
            }))
        }
        Some(_) => Err(ServiceError::Conflict(
            "this photo id is already used".into(),
        )),
        None => Ok(None),
    }
}

/// Pieces of one photo come from one person, for one record.
fn same_sender(u: &PhotoUpload, actor: &Actor, record_id: &str) -> Result<(), ServiceError> {
    if u.record_id != record_id || u.user_id != actor.user_id {
        return Err(ServiceError::Conflict(
            "this photo id is already used".into(),
        ));
    }
    Ok(())
}
