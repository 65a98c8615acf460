//! The outbox on the phone (IndexedDB), in the outbox's own types.

use super::outbox::{Entry, EntryCard};
use super::team_copy::TeamCopy;
use crate::browser::idb::{self, OUTBOX, PHOTOS, TEAM_COPIES};
use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

fn js_err(e: impl std::fmt::Display) -> JsValue {
    JsValue::from_str(&e.to_string())
}

fn to_js(entry: &Entry) -> Result<JsValue, JsValue> {
    js_sys::JSON::parse(&serde_json::to_string(entry).map_err(js_err)?)
}

fn from_js<T: serde::de::DeserializeOwned>(v: &JsValue) -> Result<T, JsValue> {
    let text: String = js_sys::JSON::stringify(v)?.into();
    serde_json::from_str(&text).map_err(js_err)
}

/// Every entry on this phone, whoever made it.
pub async fn entries() -> Result<Vec<Entry>, JsValue> {
    idb::get_all(OUTBOX).await?.iter().map(from_js).collect()
}

/// One entry, if this phone holds it.
pub async fn entry(id: &str) -> Result<Option<Entry>, JsValue> {
    let row = idb::get(OUTBOX, id).await?;
    if row.is_undefined() {
        return Ok(None);
    }
    from_js(&row).map(Some)
}

/// Every entry on this phone as a list shows it.
pub async fn cards() -> Result<Vec<EntryCard>, JsValue> {
    idb::get_all(OUTBOX).await?.iter().map(from_js).collect()
}

/// Every entry as stored, for carrying to another phone.
pub async fn raw_entries() -> Result<Vec<serde_json::Value>, JsValue> {
    idb::get_all(OUTBOX).await?.iter().map(from_js).collect()
}

/// Keeps an entry brought from another phone, with its photos (photos first).
pub async fn put_raw(entry: &serde_json::Value, photos: &[(String, Blob)]) -> Result<(), JsValue> {
    put_photos(entry["record_id"].as_str().unwrap_or_default(), photos).await?;
    idb::put_all(OUTBOX, &[js_sys::JSON::parse(&entry.to_string())?]).await
}

/// Keeps a new entry and its photos: the photos first, so that an entry never names a
/// photo that is not there.
pub async fn save(entry: &Entry, photos: &[(String, Blob)]) -> Result<(), JsValue> {
    put_photos(&entry.record_id, photos).await?;
    put(entry).await
}

async fn put_photos(record_id: &str, photos: &[(String, Blob)]) -> Result<(), JsValue> {
    if photos.is_empty() {
        return Ok(());
    }
    let mut rows = Vec::with_capacity(photos.len());
    for (id, blob) in photos {
        let row = js_sys::Object::new();
        Reflect::set(&row, &"id".into(), &JsValue::from_str(id))?;
        Reflect::set(&row, &"record_id".into(), &JsValue::from_str(record_id))?;
        Reflect::set(&row, &"blob".into(), blob)?;
        rows.push(row.into());
    }
    idb::put_all(PHOTOS, &rows).await
}

pub async fn put(entry: &Entry) -> Result<(), JsValue> {
    idb::put_all(OUTBOX, &[to_js(entry)?]).await
}

/// Keeps a new state of an entry the sync has been sending, unless its author replaced
/// or let go of it meanwhile (their choice wins; a replacement goes in the next round).
pub async fn put_if_unchanged(entry: &Entry, sent: &Entry) -> Result<(), JsValue> {
    match self::entry(&entry.id).await? {
        Some(now) if now.saved_at == sent.saved_at => put(entry).await,
        _ => Ok(()),
    }
}

pub async fn remove(id: &str) -> Result<(), JsValue> {
    idb::delete(OUTBOX, id).await
}

/// The author keeps their edit over the server's version (`outbox::keep_mine`).
pub async fn keep_mine(id: &str) -> Result<bool, JsValue> {
    let mut entry: serde_json::Value = from_js(&idb::get(OUTBOX, id).await?)?;
    if !super::outbox::keep_mine(&mut entry) {
        return Ok(false);
    }
    idb::put_all(OUTBOX, &[js_sys::JSON::parse(&entry.to_string())?]).await?;
    Ok(true)
}

/// An entry brought in from a file is confirmed: the sync sends it from now on (and only
/// for its owner, as any entry).
pub async fn confirm_imported(id: &str) -> Result<(), JsValue> {
    let mut entry: serde_json::Value = from_js(&idb::get(OUTBOX, id).await?)?;
    entry["imported"] = serde_json::Value::Bool(false);
    idb::put_all(OUTBOX, &[js_sys::JSON::parse(&entry.to_string())?]).await
}

/// Lets an entry go, with its photos: the author chose the server's version over it.
pub async fn discard(id: &str) -> Result<(), JsValue> {
    let card: EntryCard = from_js(&idb::get(OUTBOX, id).await?)?;
    for photo in &card.photos {
        remove_photo(photo).await?;
    }
    remove(id).await
}

pub async fn photo(id: &str) -> Result<Option<Blob>, JsValue> {
    let row = idb::get(PHOTOS, id).await?;
    if row.is_undefined() {
        return Ok(None);
    }
    Ok(Reflect::get(&row, &"blob".into())?.dyn_into().ok())
}

pub async fn remove_photo(id: &str) -> Result<(), JsValue> {
    idb::delete(PHOTOS, id).await
}

/// This person's copy of the team's records, if the phone has one.
pub async fn team_copy(user_id: i64, team_id: i64) -> Result<Option<TeamCopy>, JsValue> {
    let row = idb::get(TEAM_COPIES, &TeamCopy::key(user_id, team_id)).await?;
    if row.is_undefined() {
        return Ok(None);
    }
    from_js(&row).map(Some)
}

pub async fn put_team_copy(copy: &TeamCopy) -> Result<(), JsValue> {
    let value = js_sys::JSON::parse(&serde_json::to_string(copy).map_err(js_err)?)?;
    idb::put_all(TEAM_COPIES, &[value]).await
}
