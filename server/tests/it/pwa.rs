//! The service worker is made for each build: its version follows the build's files.

use crate::common;

use antt_server::http::pwa::worker;
use axum::http::StatusCode;
use common::TestApp;

#[test]
fn the_worker_lists_the_builds_files_and_changes_with_them() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg).unwrap();
    for f in [
        "antt.aaa.js",
        "antt.aaa.wasm",
        "antt.aaa.wasm.br",
        "antt.d.aaa.ts",
        "antt.aaa.css",
        "chunk_12.aaa.wasm",
        "split___feed_page_view_1.aaa.wasm",
    ] {
        std::fs::write(pkg.join(f), "x").unwrap();
    }
    let first = worker(site.path(), "pkg");
    assert!(!first.contains("__VERSION__") && !first.contains("__ASSETS__"));
    for listed in [
        "/pkg/antt.aaa.js",
        "/pkg/antt.aaa.wasm",
        "/pkg/antt.aaa.css",
        "/manifest.webmanifest",
    ] {
        assert!(first.contains(&format!("\"{listed}\"")), "{listed}");
    }
    assert!(!first.contains(".br\"") && !first.contains(".ts\""));
    assert!(
        first.contains("\"/pkg/chunk_12.aaa.wasm\""),
        "lazy parts too"
    );
    assert_eq!(worker(site.path(), "pkg"), first, "same build, same worker");

    std::fs::rename(pkg.join("antt.aaa.wasm"), pkg.join("antt.bbb.wasm")).unwrap();
    let second = worker(site.path(), "pkg");
    let version = |w: &str| {
        w.lines()
            .find(|l| l.starts_with("const VERSION"))
            .unwrap()
            .to_owned()
    };
    assert_ne!(
        version(&first),
        version(&second),
        "a new build is a new worker"
    );
}

#[tokio::test]
async fn the_worker_is_served_from_the_root_and_never_cached() {
    let app = TestApp::with_demo().await;
    let r = app.get("/sw.js", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("text/javascript"));
    assert_eq!(r.header("cache-control"), Some("no-cache"));
    assert!(r.body.contains("/offline.html"));
}

/// The page starts the app from a script of its own (`Boot` in app/src/shell.rs): the
/// wasm is fetched by it, not preloaded, and the service worker waits for the app to start.
#[tokio::test]
async fn the_page_starts_the_app_and_then_the_worker() {
    let app = TestApp::with_demo().await;
    let r = app.get("/login", None).await;
    assert_eq!(r.status, StatusCode::OK);
    let body = &r.body;
    assert!(body.contains(r#"<link rel="modulepreload" href="/pkg/antt"#));
    assert!(body.contains(r#"import init, { hydrate } from "/pkg/antt"#));
    assert!(body.contains(".then(() => setTimeout(hydrate))"));
    assert!(
        !body.contains(r#"rel="preload""#),
        "nothing is preloaded: {body}"
    );
    let register = body
        .find(r#"navigator.serviceWorker.register("/sw.js")"#)
        .unwrap();
    assert!(body[register..].contains(r#"window.addEventListener("antt-ready""#));
}
