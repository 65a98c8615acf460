//! What the screens show about the outbox: a small shared signal the sync updates.

use leptos::prelude::*;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncStatus {
    /// The signed-in user's entries still to send.
    pub waiting: usize,
    /// Entries that need their author's attention.
    pub attention: usize,
    /// A push is under way: `sent` of `total` so far.
    pub sending: bool,
    pub sent: usize,
    pub total: usize,
    /// The server could not be reached at the last try.
    pub offline: bool,
    /// Bumped whenever the outbox changes, so lists of entries read it again.
    pub changes: u32,
    /// Sync rounds finished since the page opened.
    pub rounds: u32,
}

thread_local! {
    static STATUS: ArcRwSignal<SyncStatus> = ArcRwSignal::new(SyncStatus::default());
}

pub fn status() -> ArcRwSignal<SyncStatus> {
    STATUS.with(Clone::clone)
}

/// Tells the lists of entries that the outbox changed, so they read it again.
pub fn outbox_changed() {
    status().update(|s| s.changes = s.changes.wrapping_add(1));
}

/// Asks the sync to run now (after a save, or the "send now" button).
pub fn sync_now() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        if let Ok(e) = web_sys::Event::new(SYNC_EVENT) {
            let _ = w.dispatch_event(&e);
        }
    }
}

pub const SYNC_EVENT: &str = "antt-sync";
