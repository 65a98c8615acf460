//! The service worker, made for this build: it precaches the build's hashed files, so a
//! phone that opened the app once can open it again with no signal.

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use leptos::prelude::LeptosOptions;
use sha2::{Digest, Sha256};
use std::path::Path;

const TEMPLATE: &str = include_str!("sw.js");

/// What every page needs besides the build's own files.
const STATIC: [&str; 5] = [
    "/favicon.svg",
    "/offline.css",
    "/manifest.webmanifest",
    "/icons/icon-192.png",
    "/icons/maskable-192.png",
];

/// The build's files as the browser asks for them (the compressed copies and type
/// declarations are the server's business). The lazy parts of the wasm are included: a
/// member must be able to open, with no signal, a screen they have not opened before.
pub fn build_assets(site_root: &Path, pkg_dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(site_root.join(pkg_dir))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| {
                    [".js", ".wasm", ".css", ".json"]
                        .iter()
                        .any(|x| n.ends_with(x))
                })
                .map(|n| format!("/{pkg_dir}/{n}"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

/// The worker's text: the template with this build's version and file list.
pub fn worker(site_root: &Path, pkg_dir: &str) -> String {
    let mut assets = build_assets(site_root, pkg_dir);
    assets.extend(STATIC.iter().map(|s| s.to_string()));
    let digest = Sha256::digest(assets.join("\n").as_bytes());
    let version: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    TEMPLATE.replace("__VERSION__", &version).replace(
        "__ASSETS__",
        &serde_json::to_string(&assets).unwrap_or_else(|_| "[]".into()),
    )
}

pub async fn service_worker(State(options): State<LeptosOptions>) -> impl IntoResponse {
    let body = worker(Path::new(options.site_root.as_ref()), &options.site_pkg_dir);
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            // The browser must ask every time, or a phone would keep an old build for a day.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}
