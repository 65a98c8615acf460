//! Export and import of the waiting entries: the safety net when a phone cannot send
//! them. The file carries the signed-in person's own entries and their photos, sealed with
//! a passphrase they type (`carry`, `browser::seal`); imported entries wait on the new
//! phone until their owner signs in there and confirms them.

use super::carry::{check_passphrase, OutboxFile, PhotoFile, SealedFile, ITERATIONS};
use super::status::{outbox_changed, sync_now};
use super::store;
use crate::browser::seal::{self, Sealed};
use crate::domain::ErrorCode;
use crate::dto::AppError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn failed(_: JsValue) -> AppError {
    AppError::new(ErrorCode::StorageFailed)
}

async fn bytes_of(blob: &web_sys::Blob) -> Result<Vec<u8>, AppError> {
    let buffer = JsFuture::from(blob.array_buffer()).await.map_err(failed)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

fn blob_of(bytes: &[u8], mime: &str) -> Result<web_sys::Blob, AppError> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(failed)
}

fn no_crypto(_: JsValue) -> AppError {
    AppError::new(ErrorCode::SealingUnavailable)
}

/// Downloads `user`'s entries on this phone, with their photos, as one sealed file.
pub async fn export(user: i64, passphrase: &str, again: &str) -> Result<usize, AppError> {
    check_passphrase(passphrase, again).map_err(|e| AppError::on_field(e.code, &e.field))?;
    let entries = store::raw_entries().await.map_err(failed)?;
    let mut photos = Vec::new();
    for e in entries.iter().filter(|e| e["owner"].as_i64() == Some(user)) {
        let record_id = e["record_id"].as_str().unwrap_or_default();
        let ids = e["photos"].as_array().into_iter().flatten();
        for id in ids.filter_map(|p| p.as_str()) {
            if let Some(blob) = store::photo(id).await.map_err(failed)? {
                photos.push(PhotoFile {
                    id: id.to_owned(),
                    record_id: record_id.to_owned(),
                    jpeg: STANDARD.encode(bytes_of(&blob).await?),
                });
            }
        }
    }
    let now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
        .ok_or_else(|| AppError::new(ErrorCode::StorageFailed))?;
    let file = OutboxFile::of_owner(entries, user, photos, now);
    let count = file.entries.len();
    let plain = serde_json::to_vec(&file).map_err(|_| AppError::new(ErrorCode::StorageFailed))?;
    let sealed = seal::seal(passphrase, &plain, ITERATIONS)
        .await
        .map_err(no_crypto)?;
    let text = serde_json::to_string(&SealedFile::new(
        STANDARD.encode(&sealed.salt),
        STANDARD.encode(&sealed.iv),
        STANDARD.encode(&sealed.data),
    ))
    .map_err(|_| AppError::new(ErrorCode::StorageFailed))?;
    download(
        &text,
        &format!("antt-chua-gui-{}.json", now.format("%Y%m%d-%H%M")),
    )?;
    Ok(count)
}

fn download(text: &str, name: &str) -> Result<(), AppError> {
    let blob = blob_of(text.as_bytes(), "application/json")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| AppError::new(ErrorCode::StorageFailed))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| AppError::new(ErrorCode::StorageFailed))?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Opens a sealed file with its passphrase and adds the entries this phone does not hold
/// yet; each waits for its owner to confirm it.
pub async fn import(file: web_sys::File, passphrase: &str) -> Result<usize, AppError> {
    let not_ours = || AppError::on_field(ErrorCode::NotAnOutboxFile, "file");
    let text = JsFuture::from(file.text())
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    let envelope = SealedFile::read(&text).map_err(|e| AppError::on_field(e.code, &e.field))?;
    let decode = |s: &str| STANDARD.decode(s).map_err(|_| not_ours());
    let sealed = Sealed {
        salt: decode(&envelope.salt)?,
        iv: decode(&envelope.iv)?,
        data: decode(&envelope.data)?,
    };
    let plain = seal::open(passphrase, &sealed, envelope.iterations)
        .await
        .map_err(|_| AppError::on_field(ErrorCode::WrongPassphrase, "import_passphrase"))?;
    let outbox = OutboxFile::read(&String::from_utf8_lossy(&plain))
        .map_err(|e| AppError::on_field(e.code, &e.field))?;
    let present: Vec<String> = store::cards()
        .await
        .map_err(failed)?
        .into_iter()
        .map(|c| c.id)
        .collect();
    let fresh = outbox.new_here(&present);
    for entry in &fresh {
        let mut photos = Vec::new();
        for p in outbox.photos_of(entry) {
            let bytes = STANDARD.decode(&p.jpeg).map_err(|_| not_ours())?;
            photos.push((p.id.clone(), blob_of(&bytes, "image/jpeg")?));
        }
        store::put_raw(entry, &photos).await.map_err(failed)?;
    }
    outbox_changed();
    Ok(fresh.len())
}

/// The owner confirms an entry brought in from a file: from now on it is sent.
pub async fn confirm(id: &str) -> Result<(), AppError> {
    store::confirm_imported(id).await.map_err(failed)?;
    outbox_changed();
    sync_now();
    Ok(())
}
