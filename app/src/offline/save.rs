//! Saving a new record on the phone: checked by the server's own rules, kept with its
//! photos in the outbox, then handed to the sync. Nothing here needs the network.

use super::outbox::{edit_entry, new_entry, Author, EditBase, Entry, State};
use super::photo_queue::PhotoQueue;
use super::status::{outbox_changed, status, sync_now};
use super::store;
use crate::browser::new_uuid;
use crate::domain::records::form::RecordForm;
use crate::domain::ErrorCode;
use crate::dto::AppError;
use leptos::prelude::GetUntracked;

/// Saves a new record, or an edit (`edit` holds what the edit keeps of its version), on
/// the phone and returns its entry. The photo queue is left as it is: the caller empties
/// it once the entry is safely on its way.
pub async fn save_form(
    form: &RecordForm,
    author: &Author,
    edit: Option<&EditBase>,
    replaces: Option<&Entry>,
    photos: PhotoQueue,
) -> Result<Entry, AppError> {
    let window = web_sys::window().ok_or_else(|| AppError::new(ErrorCode::StorageFailed))?;
    let clock = window.performance();
    let tapped = clock.as_ref().map(|c| c.now());
    // chrono's clock does not reach the browser's; the browser's own does.
    let now = chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64)
        .ok_or_else(|| AppError::new(ErrorCode::StorageFailed))?;
    // A fixed entry keeps its record's id and photos, under a new mutation id: should the
    // old one reach the server after all (a month reopened that very moment), the fix
    // then meets it as a conflict for its author to see, never as a second record.
    let ids = match replaces {
        Some(old) => new_uuid().map(|m| (m, old.record_id.clone())),
        None => new_uuid().zip(new_uuid()),
    };
    let Some((mutation_id, record_id)) = ids else {
        return Err(AppError::new(ErrorCode::StorageFailed));
    };
    let queued = photos.for_phone();
    let mut photo_ids: Vec<String> = replaces.map(|old| old.photos.clone()).unwrap_or_default();
    photo_ids.extend(queued.iter().map(|(id, _)| id.clone()));
    let entry = match edit {
        Some(base) => edit_entry(form, author, base, mutation_id, photo_ids, now),
        None => new_entry(form, author, mutation_id, record_id, photo_ids, now),
    }
    .map_err(|e| AppError::on_field(e.code, &e.field))?;
    store::save(&entry, &queued)
        .await
        .map_err(|_| AppError::new(ErrorCode::StorageFailed))?;
    if let Some(old) = replaces {
        store::remove(&old.id)
            .await
            .map_err(|_| AppError::new(ErrorCode::StorageFailed))?;
    }
    // Tap to stored, for docs/BENCHMARKS.md (scripts/bench-offline reads it). Kept for the
    // tab, because an offline save goes on to a full page load.
    if let (Some(c), Some(t), Ok(Some(session))) = (clock, tapped, window.session_storage()) {
        let _ = session.set_item("antt-last-save-ms", &format!("{:.1}", c.now() - t));
    }
    outbox_changed();
    sync_now();
    Ok(entry)
}

/// Keeps a step of the month, or a review, prepared with no signal; the sync sends it.
pub async fn save_step(entry: &Entry) -> Result<(), AppError> {
    store::save(entry, &[])
        .await
        .map_err(|_| AppError::new(ErrorCode::StorageFailed))?;
    outbox_changed();
    sync_now();
    Ok(())
}

/// What became of an entry in the first seconds after saving it.
pub enum Sent {
    /// On the server, photos too.
    Stored,
    /// The server refused it: it is taken off the phone again, and the form (which still
    /// holds everything typed) shows why.
    Refused(AppError),
    /// Not yet (no signal, or slow): it waits in the outbox.
    Later,
}

/// With a signal, a saved record usually reaches the server at once; this waits a few
/// seconds for that, so the person sees their record (or the server's objection) straight
/// away. Without a signal it returns at once.
pub async fn await_sent(entry_id: &str) -> Sent {
    let online = web_sys::window().is_some_and(|w| w.navigator().on_line());
    if !online {
        return Sent::Later;
    }
    let round = status().get_untracked().rounds;
    for _ in 0..60 {
        crate::browser::sleep_ms(100).await;
        // A whole round has run since the save and the entry is still here: no use
        // keeping the person waiting.
        let gave_up = status().get_untracked().rounds.wrapping_sub(round) >= 2;
        let Ok(all) = store::entries().await else {
            return Sent::Later;
        };
        match all.iter().find(|e| e.id == entry_id) {
            None => return Sent::Stored,
            // An edit that met another change on the server stays for its author to
            // choose between the two (the team's activity page offers the choice).
            Some(e) if e.state == State::Attention && e.server_version.is_some() => {
                return Sent::Later
            }
            Some(e) if e.state == State::Attention && !e.stored => {
                let _ = store::remove(&e.id).await;
                for p in &e.photos {
                    let _ = store::remove_photo(p).await;
                }
                outbox_changed();
                return Sent::Refused(
                    e.problem
                        .clone()
                        .unwrap_or_else(|| AppError::new(ErrorCode::Conflict)),
                );
            }
            // A month signed off meanwhile: the entry stays, listed with the reason.
            Some(e) if matches!(e.state, State::Attention | State::Held) || gave_up => {
                return Sent::Later
            }
            Some(_) => {}
        }
    }
    Sent::Later
}
