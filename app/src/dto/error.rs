//! The one error type that crosses the wire: a stable code, a message, and the field it concerns.

use crate::domain::ErrorCode;
use crate::i18n::{error_message, Lang};
use leptos::prelude::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Also the JSON body of every 4xx/5xx answer of the API: `{code, message, field?}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct AppError {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub code: ErrorCode,
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

#[cfg(feature = "ssr")]
tokio::task_local! {
    /// The language of the request being answered, set by the server's request layer: the
    /// errors it answers with are worded in it.
    pub static READER_LANG: Lang;
}

/// On the server, the message in the language of the request being answered (Vietnamese
/// outside one). In the browser none: the browser words the errors it raises itself when
/// it shows them, so its build carries only their messages (`i18n::client_messages`).
#[cfg(feature = "ssr")]
fn wire_message(code: ErrorCode) -> String {
    let lang = READER_LANG.try_with(|l| *l).unwrap_or_default();
    error_message(lang, code).to_owned()
}

#[cfg(not(feature = "ssr"))]
fn wire_message(_: ErrorCode) -> String {
    String::new()
}

impl AppError {
    pub fn new(code: ErrorCode) -> Self {
        Self {
            code,
            message: wire_message(code),
            field: None,
            request_id: None,
            retry_after: None,
        }
    }

    pub fn on_field(code: ErrorCode, field: &str) -> Self {
        Self {
            field: Some(field.to_owned()),
            ..Self::new(code)
        }
    }

    /// The message in the reader's language. The server words it from its table; the
    /// browser shows the server's wording of the server's errors (in the language of the
    /// request, the reader's) and words its own.
    pub fn message_in(&self, lang: Lang) -> String {
        #[cfg(not(feature = "ssr"))]
        if !self.message.is_empty() {
            return self.message.clone();
        }
        error_message(lang, self.code).to_owned()
    }

    pub fn is_field(&self, field: &str) -> bool {
        self.field.as_deref() == Some(field)
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        use ErrorCode::*;
        match self.code {
            Unauthenticated | BadCredentials => 401,
            Forbidden | CrossSiteRequest => 403,
            NotFound => 404,
            Conflict | UploadOffset | RecordDeleted => 409,
            MethodNotAllowed => 405,
            PayloadTooLarge | PhotoTooLarge | BatchTooLarge => 413,
            PhotoWrongType | UnsupportedMediaType => 415,
            RateLimited => 429,
            Internal | Unknown => 500,
            Unavailable => 503,
            // Every other code is a rule the input broke.
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
            ServerFnErrorErr::Request(_) => Self::new(ErrorCode::Unavailable),
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::new(ErrorCode::InvalidJson),
            _ => Self::new(ErrorCode::Internal),
        }
    }
}
