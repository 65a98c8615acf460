//! API errors as responses: the status from the code, the body `{code, message, field?}`.

use app::api::AppError;
use app::services::ServiceError;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[derive(Debug)]
pub struct ApiError(pub AppError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        (status, Json(self.0)).into_response()
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        ApiError(e.into())
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        ApiError(e)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(r: JsonRejection) -> Self {
        let code = match r {
            JsonRejection::MissingJsonContentType(_) => "unsupported_media_type",
            JsonRejection::BytesRejection(_) => "payload_too_large",
            _ => "invalid_json",
        };
        let mut e = AppError::new(code);
        if code == "invalid_json" {
            // serde's text names the field and the problem, which a client developer needs.
            e.message = format!("{} ({})", e.message, r.body_text());
        }
        ApiError(e)
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError(AppError::new("not_found"))
    }
}

pub type ApiResult<T> = Result<Json<T>, ApiError>;

/// The answer for any path under the API that names nothing.
pub async fn not_found() -> ApiError {
    ApiError(AppError::new("not_found"))
}
