//! The one error type that crosses the wire: a stable code, a message, and the field it concerns.

use crate::i18n::{error_message, Lang};
use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Also the JSON body of every 4xx/5xx answer of the API: `{code, message, field?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AppError {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// Set on internal errors, so a user can quote it and we can find the log line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// For `rate_limited`: seconds until the next attempt may be made (also sent as the
    /// `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

impl AppError {
    pub fn new(code: &str) -> Self {
        Self {
            code: code.to_owned(),
            message: error_message(Lang::Vi, code).to_owned(),
            field: None,
            request_id: None,
            retry_after: None,
        }
    }

    pub fn on_field(code: &str, field: &str) -> Self {
        Self {
            field: Some(field.to_owned()),
            ..Self::new(code)
        }
    }

    /// The message in the reader's language (the wire carries Vietnamese).
    pub fn message_in(&self, lang: Lang) -> &'static str {
        error_message(lang, &self.code)
    }

    pub fn is_field(&self, field: &str) -> bool {
        self.field.as_deref() == Some(field)
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self.code.as_str() {
            "unauthenticated" | "bad_credentials" => 401,
            "forbidden" | "cross_site_request" => 403,
            "not_found" => 404,
            "conflict" | "upload_offset" | "record_deleted" => 409,
            "method_not_allowed" => 405,
            "payload_too_large" | "photo_too_large" | "batch_too_large" => 413,
            "photo_wrong_type" => 415,
            "unsupported_media_type" => 415,
            "rate_limited" => 429,
            "internal" => 500,
            "unavailable" => 503,
            _ => 422,
        }
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

impl std::error::Error for AppError {}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Failures of the transport itself (no network, a body that does not decode).
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => Self::new("unavailable"),
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::new("invalid_json"),
            _ => Self::new("internal"),
        }
    }
}
