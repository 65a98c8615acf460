//! `app(state)`: the whole HTTP surface as one `Router`, which tests drive without a socket.

use crate::http;
use app::services::Services;
use app::{shell, App};
use axum::extract::FromRef;
use axum::routing::get;
use axum::Router;
use leptos::prelude::{provide_context, LeptosOptions};
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub services: Services,
}

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
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(
            http::server_fn_status::fix_status,
        ))
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(http::request_log::log_request))
        .with_state(state)
}
