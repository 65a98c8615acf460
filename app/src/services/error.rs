//! Expected outcomes of a use case as values, and the unexpected wrapped as internal.

use super::StoreError;
use crate::domain::ErrorCode;
use crate::domain::FieldError;
use crate::dto::AppError;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ServiceError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("wrong phone or password")]
    BadCredentials,
    /// Too many sign-in attempts: the next may come after `retry_after` seconds.
    #[error("too many sign-in attempts")]
    RateLimited { retry_after: i64 },
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid {0:?}")]
    Invalid(FieldError),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("internal: {0}")]
    Internal(String),
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(what) => ServiceError::Conflict(what),
            StoreError::MonthLocked(_) => {
                ServiceError::Invalid(FieldError::new("month", ErrorCode::MonthSignedOff))
            }
            other => ServiceError::Internal(other.to_string()),
        }
    }
}

impl From<FieldError> for ServiceError {
    fn from(e: FieldError) -> Self {
        ServiceError::Invalid(e)
    }
}

tokio::task_local! {
    /// The id of the request being answered, set by the server's request layer.
    pub static REQUEST_ID: String;
}

impl From<ServiceError> for AppError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Unauthenticated => AppError::new(ErrorCode::Unauthenticated),
            ServiceError::BadCredentials => {
                AppError::on_field(ErrorCode::BadCredentials, "password")
            }
            ServiceError::RateLimited { retry_after } => AppError {
                retry_after: Some(retry_after.max(1) as u64),
                ..AppError::new(ErrorCode::RateLimited)
            },
            ServiceError::Forbidden => AppError::new(ErrorCode::Forbidden),
            ServiceError::NotFound => AppError::new(ErrorCode::NotFound),
            ServiceError::Invalid(f) => AppError::on_field(f.code, &f.field),
            ServiceError::Conflict(_) => AppError::new(ErrorCode::Conflict),
            ServiceError::Internal(detail) => {
                // Database text never reaches a user; it goes to the log under the
                // request's id (outside a request, one of its own).
                let id = REQUEST_ID
                    .try_with(Clone::clone)
                    .ok()
                    .filter(|id| !id.is_empty())
                    .unwrap_or_else(uuid_like_id);
                tracing::error!(request_id = %id, %detail, "internal error");
                AppError {
                    request_id: Some(id),
                    ..AppError::new(ErrorCode::Internal)
                }
            }
        }
    }
}

fn uuid_like_id() -> String {
    use rand::Rng;
    format!("{:016x}", rand::thread_rng().gen::<u64>())
}
