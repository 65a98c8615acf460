//! The service worker is made for each build: its version follows the build's files.

mod common;

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
