//! Export and import of the waiting entries: the safety net when a phone cannot send
//! them. The file carries the entries and their photos; importing keeps each entry's
//! author, who sends it on signing in on the new phone.

use super::outbox::{OutboxFile, PhotoFile};
use super::status::{outbox_changed, sync_now};
use super::store;
use crate::api::AppError;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

fn failed(_: JsValue) -> AppError {
    AppError::new("storage_failed")
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

/// Downloads every entry on this phone, with its photos, as one JSON file.
pub async fn export() -> Result<usize, AppError> {
    let entries = store::raw_entries().await.map_err(failed)?;
    let mut photos = Vec::new();
    for e in &entries {
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
        .ok_or_else(|| AppError::new("storage_failed"))?;
    let count = entries.len();
    let text = serde_json::to_string(&OutboxFile::new(entries, photos, now))
        .map_err(|_| AppError::new("storage_failed"))?;
    let blob = blob_of(text.as_bytes(), "application/json")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| AppError::new("storage_failed"))?;
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| AppError::new("storage_failed"))?;
    link.set_href(&url);
    link.set_download(&format!("antt-chua-gui-{}.json", now.format("%Y%m%d-%H%M")));
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(count)
}

/// Adds the entries of an exported file that this phone does not hold yet.
pub async fn import(file: web_sys::File) -> Result<usize, AppError> {
    let text = JsFuture::from(file.text())
        .await
        .map_err(failed)?
        .as_string()
        .unwrap_or_default();
    let outbox = OutboxFile::read(&text).map_err(|e| AppError::on_field(&e.code, &e.field))?;
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
            let bytes = STANDARD
                .decode(&p.jpeg)
                .map_err(|_| AppError::on_field("not_an_outbox_file", "file"))?;
            photos.push((p.id.clone(), blob_of(&bytes, "image/jpeg")?));
        }
        store::put_raw(entry, &photos).await.map_err(failed)?;
    }
    outbox_changed();
    sync_now();
    Ok(fresh.len())
}
