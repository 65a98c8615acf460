//! `app(state)`: the whole HTTP surface as one `Router`, which tests drive without a socket.

use crate::http;
use crate::http::request_log::REQUEST_ID_HEADER;
use app::{shell, App};
use axum::extract::Request;
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::convert::Infallible;
use tower::util::BoxCloneSyncService;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;

pub use crate::http::AppState;

/// The build's files from the site root (the precompressed copies when the browser takes
/// them), and the app's own "not found" page for anything else. Leptos's own file handler is
/// not used for the files: it opens a reactive owner under whatever owner the worker thread
/// last held, and a file answered while a page was rendering took that page's response
/// headers (its Content-Security-Policy, seen on 01/12/2026).
fn files(state: &AppState) -> ServeDir<NotFound> {
    let not_found = axum::routing::any(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state.clone());
    ServeDir::new(state.leptos_options.site_root.as_ref())
        .precompressed_br()
        .precompressed_gzip()
        .fallback(NotFound::new(not_found))
}

type NotFound = BoxCloneSyncService<Request, Response, Infallible>;

pub fn app(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let services = state.services.clone();
    let options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(http::health::healthz))
        .route("/lang/{code}", get(http::lang::switch))
        .route("/sw.js", get(http::pwa::service_worker))
        .nest("/api/v1", http::v1::routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(services.clone()),
            move || shell(options.clone()),
        )
        .fallback_service(files(&state))
        .layer(axum::middleware::from_fn(
            http::server_fn_status::fix_status,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.services.clone(),
            http::security::same_origin_writes,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.services.clone(),
            http::security::headers,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(http::request_log::share_id))
        .layer(http::request_log::trace())
        .layer(PropagateRequestIdLayer::new(REQUEST_ID_HEADER))
        .layer(SetRequestIdLayer::new(REQUEST_ID_HEADER, MakeRequestUuid))
        .layer(axum::middleware::from_fn(
            http::request_log::drop_unsound_id,
        ))
        .with_state(state)
}
