//! The sync loop: at start, when the network comes back, every half minute, and on "send
//! now"; after a failure it waits longer each time. It sends only the signed-in user's
//! entries and removes an entry from the phone only once the server has acknowledged it.

use super::outbox::{after_push, backoff_ms, next_batch, release_held, Entry, Next, State};
use super::status::{status, SYNC_EVENT};
use super::store;
use crate::domain::ErrorCode;
use crate::dto::sync::{PushRequest, PushResponse};
use crate::dto::views::MeView;
use crate::dto::AppError;
use js_sys::Promise;
use leptos::prelude::Update;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How often a phone that has nothing failing looks again.
const EVERY_MS: u32 = 30_000;

enum Failure {
    /// No network, or the server is down: try again later.
    Offline,
    /// Nobody is signed in: other people's entries wait for them.
    SignedOut,
    /// The phone's own storage failed.
    Phone,
}

/// Runs for as long as the page is open. Its code is a lazy part of the wasm, fetched
/// after the page is shown, so the sign-in screen does not pay for it.
#[leptos::lazy]
pub async fn run() {
    let mut failures = 0u32;
    loop {
        let wait = match sync_once().await {
            Ok(()) | Err(Failure::SignedOut) => {
                failures = 0;
                EVERY_MS
            }
            Err(Failure::Offline | Failure::Phone) => {
                failures += 1;
                backoff_ms(failures - 1, js_sys::Math::random())
            }
        };
        status().update(|s| {
            s.sending = false;
            s.offline = failures > 0;
            s.rounds = s.rounds.wrapping_add(1);
        });
        wake_after(wait).await;
    }
}

async fn call(method: &str, url: &str, body: Option<&str>) -> Result<(u16, String), Failure> {
    crate::browser::fetch_text(method, url, body)
        .await
        .map_err(|f| match f {
            crate::browser::FetchFailure::NoWindow => Failure::Phone,
            crate::browser::FetchFailure::Network => Failure::Offline,
        })
}

async fn whoami() -> Result<i64, Failure> {
    match call("GET", "/api/v1/me", None).await? {
        (200, text) => serde_json::from_str::<MeView>(&text)
            .map(|m| m.user_id)
            .map_err(|_| Failure::Offline),
        (401, _) => {
            crate::browser::forget_kept_pages();
            Err(Failure::SignedOut)
        }
        _ => Err(Failure::Offline),
    }
}

fn publish(entries: &[Entry], user: i64) {
    let mine = entries.iter().filter(|e| e.owner == user);
    let attention = mine.clone().filter(|e| e.state == State::Attention).count();
    let waiting = mine.count() - attention;
    status().update(|s| {
        s.waiting = waiting;
        s.attention = attention;
        s.changes = s.changes.wrapping_add(1);
    });
}

async fn sync_once() -> Result<(), Failure> {
    let entries = store::entries().await.map_err(|_| Failure::Phone)?;
    if entries.is_empty() {
        status().update(|s| {
            *s = super::status::SyncStatus {
                changes: s.changes,
                ..Default::default()
            }
        });
        return Ok(());
    }
    let user = whoami().await?;
    for e in release_held(&entries, user) {
        store::put_if_unchanged(&e, &e)
            .await
            .map_err(|_| Failure::Phone)?;
    }
    publish(&entries, user);
    let total = entries
        .iter()
        .filter(|e| e.sent_by(user) && e.state != State::Attention)
        .count();
    status().update(|s| {
        s.sending = true;
        s.sent = 0;
        s.total = total;
    });
    for e in entries
        .iter()
        .filter(|e| e.sent_by(user) && e.state == State::Photos)
    {
        send_photos(e.clone()).await?;
    }
    loop {
        let entries = store::entries().await.map_err(|_| Failure::Phone)?;
        publish(&entries, user);
        let batch: Vec<Entry> = next_batch(&entries, user).into_iter().cloned().collect();
        if batch.is_empty() {
            return Ok(());
        }
        push(batch).await?;
    }
}

/// Sends a batch. A batch the server refuses as a whole (it did not parse) is sent again
/// one entry at a time, so the one at fault is marked and the others go through.
async fn push(batch: Vec<Entry>) -> Result<(), Failure> {
    let request = PushRequest {
        mutations: batch.iter().map(|e| e.mutation.clone()).collect(),
    };
    let body = serde_json::to_string(&request).map_err(|_| Failure::Phone)?;
    let (code, text) = call("POST", "/api/v1/sync/push", Some(&body)).await?;
    match code {
        200 => {
            let answer: PushResponse = serde_json::from_str(&text).map_err(|_| Failure::Offline)?;
            for result in answer.results {
                let Some(entry) = batch.iter().find(|e| e.id == result.id) else {
                    continue;
                };
                match after_push(entry, &result) {
                    Next::Done => store::remove(&entry.id).await.map_err(|_| Failure::Phone)?,
                    Next::Keep(kept) => {
                        store::put_if_unchanged(&kept, entry)
                            .await
                            .map_err(|_| Failure::Phone)?;
                        if kept.state == State::Photos {
                            send_photos(*kept).await?;
                        }
                    }
                }
                status().update(|s| s.sent += 1);
            }
            Ok(())
        }
        401 => {
            crate::browser::forget_kept_pages();
            Err(Failure::SignedOut)
        }
        400..=499 if batch.len() > 1 => {
            for e in batch {
                Box::pin(push(vec![e])).await?;
            }
            Ok(())
        }
        400..=499 => {
            let sent = batch.into_iter().next().ok_or(Failure::Phone)?;
            let mut entry = sent.clone();
            entry.state = State::Attention;
            entry.problem = Some(
                serde_json::from_str(&text)
                    .unwrap_or_else(|_| AppError::new(ErrorCode::InvalidJson)),
            );
            store::put_if_unchanged(&entry, &sent)
                .await
                .map_err(|_| Failure::Phone)
        }
        _ => Err(Failure::Offline),
    }
}

/// Sends the photos of an entry whose record is on the server, then lets it go.
async fn send_photos(mut entry: Entry) -> Result<(), Failure> {
    while let Some(id) = entry.photos.first().cloned() {
        if let Some(blob) = store::photo(&id).await.map_err(|_| Failure::Phone)? {
            match crate::browser::photo::upload(&entry.record_id, &id, &blob).await {
                Ok(()) => {}
                Err(e) if e.status() >= 500 => return Err(Failure::Offline),
                Err(e) => {
                    entry.state = State::Attention;
                    entry.problem = Some(e);
                    return store::put(&entry).await.map_err(|_| Failure::Phone);
                }
            }
            store::remove_photo(&id).await.map_err(|_| Failure::Phone)?;
        }
        entry.photos.remove(0);
        store::put(&entry).await.map_err(|_| Failure::Phone)?;
    }
    store::remove(&entry.id).await.map_err(|_| Failure::Phone)
}

/// Sleeps `ms`, or less if the network comes back or someone asks to send now.
async fn wake_after(ms: u32) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let mut wakers = None;
    let promise = Promise::new(&mut |resolve, _| {
        let cb = Closure::<dyn FnMut()>::new(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let f: &js_sys::Function = cb.as_ref().unchecked_ref();
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(f, ms as i32)
            .ok();
        let _ = window.add_event_listener_with_callback("online", f);
        let _ = window.add_event_listener_with_callback(SYNC_EVENT, f);
        wakers = Some((cb, timer));
    });
    let _ = JsFuture::from(promise).await;
    if let Some((cb, timer)) = wakers {
        let f: &js_sys::Function = cb.as_ref().unchecked_ref();
        let _ = window.remove_event_listener_with_callback("online", f);
        let _ = window.remove_event_listener_with_callback(SYNC_EVENT, f);
        if let Some(t) = timer {
            window.clear_timeout_with_handle(t);
        }
    }
}
