//! Server functions answer every error with 500; this gives each the status its code means
//! (401, 403, 422 …), so a user's bad input is never reported as a server fault.

use app::dto::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::Response;

const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
/// Error bodies are small JSON documents; anything larger is left alone.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn fix_status(req: Request, next: Next) -> Response {
    let resp = next.run(req).await;
    if !resp.headers().contains_key(SERVER_FN_ERROR_HEADER) {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        parts.status = StatusCode::INTERNAL_SERVER_ERROR;
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(err) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status =
            StatusCode::from_u16(err.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    Response::from_parts(parts, Body::from(bytes))
}
