//! ANTT Cơ sở: the shared crate — pure domain, wire types, server functions and the Leptos UI.
#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "hydrate")]
mod browser;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod services;
mod shell;

pub use shell::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // Panic messages cost wasm bytes every phone downloads; keep them for development builds.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(App);
    // End-to-end tests wait for this instead of guessing when the wasm has taken over.
    if let Some(body) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.body())
    {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
