//! The OpenAPI description of `/api/v1`, kept beside the routes it describes; a test
//! checks that every documented operation answers and every route is documented.

use axum::http::header;
use axum::response::IntoResponse;

pub const DOCUMENT: &str = include_str!("openapi.json");

pub async fn document() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        DOCUMENT,
    )
}
