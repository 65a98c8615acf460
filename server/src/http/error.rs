//! API errors as responses: the status from the code, the body `{code, message, field?}`.

use app::domain::ErrorCode;
use app::dto::AppError;
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
        let retry_after = self.0.retry_after;
        let mut resp = (status, Json(self.0)).into_response();
        if let Some(secs) = retry_after {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        resp
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
            JsonRejection::MissingJsonContentType(_) => ErrorCode::UnsupportedMediaType,
            JsonRejection::BytesRejection(_) => ErrorCode::PayloadTooLarge,
            _ => ErrorCode::InvalidJson,
        };
        let mut e = AppError::new(code);
        if code == ErrorCode::InvalidJson {
            // serde's text names the field and the problem, which a client developer needs.
            e.message = format!("{} ({})", e.message, r.body_text());
        }
        ApiError(e)
    }
}

impl From<PathRejection> for ApiError {
    fn from(_: PathRejection) -> Self {
        ApiError(AppError::new(ErrorCode::NotFound))
    }
}

pub type ApiResult<T> = Result<Json<T>, ApiError>;

/// A path's parameters, refused as JSON (`not_found`) when they do not parse, as every
/// answer of the API is.
pub struct ApiPath<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for ApiPath<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|axum::extract::Path(t)| ApiPath(t))
            .map_err(ApiError::from)
    }
}

/// The answer for any path under the API that names nothing.
pub async fn not_found() -> ApiError {
    ApiError(AppError::new(ErrorCode::NotFound))
}

/// axum answers a known path asked with another method with 405 and an empty body; every
/// answer of the API is JSON, this one too (the `Allow` header is kept).
pub async fn json_method_not_allowed(resp: Response) -> Response {
    if resp.status() != StatusCode::METHOD_NOT_ALLOWED {
        return resp;
    }
    let allow = resp.headers().get(axum::http::header::ALLOW).cloned();
    let mut json = ApiError(AppError::new(ErrorCode::MethodNotAllowed)).into_response();
    if let Some(allow) = allow {
        json.headers_mut().insert(axum::http::header::ALLOW, allow);
    }
    json
}

/// The API's answers are for the app's sync and other programs, never for a cache: many
/// carry a tip's informant, and none is worth keeping on the way.
pub async fn no_store(mut resp: Response) -> Response {
    resp.headers_mut()
        .entry(axum::http::header::CACHE_CONTROL)
        .or_insert(axum::http::HeaderValue::from_static("no-store"));
    resp
}
