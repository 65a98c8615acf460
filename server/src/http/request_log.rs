//! Every request gets an id (the client's, when it sent a sound one) that tags its log
//! lines, is sent back in `x-request-id`, and is the reference an internal error shows,
//! so the id a user quotes finds the request in the log. tower-http does the work.

use app::dto::error::READER_LANG;
use app::i18n::Lang;
use app::services::error::REQUEST_ID;
use axum::extract::Request;
use axum::http::HeaderName;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::RequestId;
use tower_http::trace::{
    DefaultOnBodyChunk, DefaultOnEos, DefaultOnFailure, DefaultOnResponse, TraceLayer,
};
use tower_http::LatencyUnit;
use tracing::Level;

pub const REQUEST_ID_HEADER: HeaderName = HeaderName::from_static("x-request-id");

/// A client's own id is kept when it is short and plain; anything else is dropped, so a
/// fresh one is made (a log line never carries what a stranger chose to put in it).
pub async fn drop_unsound_id(mut req: Request, next: Next) -> Response {
    let sound = req
        .headers()
        .get(&REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        });
    if !sound {
        req.headers_mut().remove(&REQUEST_ID_HEADER);
    }
    next.run(req).await
}

/// Makes the request's id known to the services for the rest of the request, so an
/// internal error carries it; and the reader's language (their cookie's), so an error is
/// worded in it.
pub async fn share_id(req: Request, next: Next) -> Response {
    let id = id_of(&req);
    let lang = req
        .headers()
        .get(axum::http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Lang::from_cookie_header)
        .unwrap_or_default();
    READER_LANG
        .scope(lang, REQUEST_ID.scope(id, next.run(req)))
        .await
}

fn id_of(req: &Request) -> String {
    req.extensions()
        .get::<RequestId>()
        .and_then(|id| id.header_value().to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// One span per request, named by its id, method and path; its answer logged at info
/// with the time it took, a 5xx at error.
pub fn trace() -> TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    impl Fn(&Request) -> tracing::Span + Clone,
    (),
    DefaultOnResponse,
    DefaultOnBodyChunk,
    DefaultOnEos,
    DefaultOnFailure,
> {
    TraceLayer::new_for_http()
        .make_span_with(|req: &Request| {
            tracing::info_span!(
                "request",
                id = %id_of(req),
                method = %req.method(),
                path = %req.uri().path(),
            )
        })
        .on_request(())
        .on_response(
            DefaultOnResponse::new()
                .level(Level::INFO)
                .latency_unit(LatencyUnit::Micros),
        )
        .on_failure(DefaultOnFailure::new().level(Level::ERROR))
}
