//! ANTT Cơ sở: the shared crate — pure domain, wire types, server functions and the Leptos UI.
//! Each layer only looks down (docs/ARCHITECTURE.md; checked by `server/tests/it/layers.rs`).
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "hydrate")]
mod browser;
pub mod components;
#[cfg(feature = "ssr")]
pub mod csp;
pub mod domain;
pub mod dto;
pub mod i18n;
pub mod offline;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
mod shell;
pub mod wording;

pub use shell::{shell, App};

/// Room in the wasm's read-only data for the split tool (cargo-leptos's wasm-split): it
/// lays each module's data out again with its own alignment padding, and when that
/// comes out even a few bytes longer than the linker's segment it gives up and puts
/// every lazy screen's data in the first download (+33 KB brotli, seen on 29/11/2026).
/// Nothing uses these bytes, so the tool leaves them out and its padding fits in their
/// place; they reach no phone.
#[cfg(feature = "hydrate")]
#[used]
static SPLIT_DATA_ROOM: [u8; 4096] = [0x55; 4096];

/// The sync loop is a lazy part of the wasm, fetched only once there is something to
/// send: the first `antt-sync` event, raised by a save, an import, or the page script
/// when it finds entries waiting in the outbox (app/src/offline.js).
#[cfg(feature = "hydrate")]
fn start_sync_when_needed() {
    use wasm_bindgen::prelude::*;
    let Some(window) = web_sys::window() else {
        return;
    };
    let start = Closure::once_into_js(|| leptos::task::spawn_local(offline::sync::run()));
    let once = web_sys::AddEventListenerOptions::new();
    once.set_once(true);
    let _ = window.add_event_listener_with_callback_and_add_event_listener_options(
        offline::status::SYNC_EVENT,
        start.unchecked_ref(),
        &once,
    );
    // Tell the page script the app is listening.
    if let Ok(ready) = web_sys::Event::new("antt-ready") {
        let _ = window.dispatch_event(&ready);
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages cost wasm bytes every phone downloads; keep them for development builds.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    else {
        return;
    };
    // Hydration waits for the code of a lazy route the page was rendered with. Leptos's
    // own executor is set up inside `hydrate_from_async`, so this first task uses
    // wasm-bindgen's.
    wasm_bindgen_futures::spawn_local(async move {
        let handle = leptos::mount::hydrate_from_async(body.clone(), App).await;
        std::mem::forget(handle);
        // End-to-end tests wait for this instead of guessing when the wasm has taken over.
        let _ = body.set_attribute("data-hydrated", "true");
        start_sync_when_needed();
    });
}
