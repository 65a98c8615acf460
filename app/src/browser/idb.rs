//! A few lines over IndexedDB, where the phone keeps its outbox and the photos waiting
//! with it: they outlive a reload, a closed tab, a dead battery and a signed-out session.

use js_sys::{Array, Promise};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    Event, EventTarget, IdbDatabase, IdbObjectStoreParameters, IdbOpenDbRequest, IdbRequest,
    IdbTransaction, IdbTransactionMode,
};

const NAME: &str = "antt";
/// 2 added the team copies; opening creates whatever store is missing.
const VERSION: u32 = 2;
/// Entries (`offline::outbox::Entry`), by mutation id.
pub const OUTBOX: &str = "outbox";
/// `{id, record_id, type, blob}`, by photo id.
pub const PHOTOS: &str = "photos";
/// `offline::team_copy::TeamCopy`, by `{user}:{team}`.
pub const TEAM_COPIES: &str = "team_copies";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Waits until `target` fires `ok` (Ok) or `fail` (Err).
async fn settle(target: &EventTarget, ok: &str, fail: &str) -> Result<(), JsValue> {
    let mut handler = None;
    let promise = Promise::new(&mut |resolve, reject| {
        let ok_name = ok.to_owned();
        let cb = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            let f = if e.type_() == ok_name {
                &resolve
            } else {
                &reject
            };
            let _ = f.call1(&JsValue::NULL, &e);
        });
        let _ = target.add_event_listener_with_callback(ok, cb.as_ref().unchecked_ref());
        let _ = target.add_event_listener_with_callback(fail, cb.as_ref().unchecked_ref());
        handler = Some(cb);
    });
    let out = JsFuture::from(promise).await.map(|_| ());
    if let Some(cb) = handler {
        let _ = target.remove_event_listener_with_callback(ok, cb.as_ref().unchecked_ref());
        let _ = target.remove_event_listener_with_callback(fail, cb.as_ref().unchecked_ref());
    }
    out
}

async fn request(req: &IdbRequest) -> Result<JsValue, JsValue> {
    settle(req, "success", "error").await?;
    req.result()
}

async fn open() -> Result<IdbDatabase, JsValue> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let factory = web_sys::window()
        .ok_or_else(|| super::js_error("no window"))?
        .indexed_db()?
        .ok_or_else(|| super::js_error("no IndexedDB"))?;
    let req: IdbOpenDbRequest = factory.open_with_u32(NAME, VERSION)?;
    let upgrade = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
        let Some(db) = e
            .target()
            .and_then(|t| t.dyn_into::<IdbOpenDbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|r| r.dyn_into::<IdbDatabase>().ok())
        else {
            return;
        };
        let by_id = IdbObjectStoreParameters::new();
        by_id.set_key_path(&JsValue::from_str("id"));
        for store in [OUTBOX, PHOTOS, TEAM_COPIES] {
            if !db.object_store_names().contains(store) {
                let _ = db.create_object_store_with_optional_parameters(store, &by_id);
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
    let db: IdbDatabase = request(&req).await?.dyn_into()?;
    req.set_onupgradeneeded(None);
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

async fn committed(tx: &IdbTransaction) -> Result<(), JsValue> {
    settle(tx, "complete", "abort").await
}

/// Stores each value under its `id`, all or none, and returns once it is on disk.
pub async fn put_all(store: &str, values: &[JsValue]) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    let s = tx.object_store(store)?;
    for v in values {
        s.put(v)?;
    }
    committed(&tx).await
}

pub async fn delete(store: &str, id: &str) -> Result<(), JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str_and_mode(store, IdbTransactionMode::Readwrite)?;
    tx.object_store(store)?.delete(&JsValue::from_str(id))?;
    committed(&tx).await
}

pub async fn get(store: &str, id: &str) -> Result<JsValue, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(store)?;
    request(&tx.object_store(store)?.get(&JsValue::from_str(id))?).await
}

pub async fn get_all(store: &str) -> Result<Vec<JsValue>, JsValue> {
    let db = open().await?;
    let tx = db.transaction_with_str(store)?;
    let all: Array = request(&tx.object_store(store)?.get_all()?)
        .await?
        .dyn_into()?;
    Ok(all.iter().collect())
}
