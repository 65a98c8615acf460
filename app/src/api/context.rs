//! Helpers for server functions, which find the request and services in the Leptos context.

use crate::domain::Actor;
use crate::dto::AppError;
use crate::services::request::*;
use crate::services::Services;
use http::request::Parts;
use leptos::prelude::{expect_context, use_context};

pub fn services() -> Services {
    expect_context::<Services>()
}

pub fn parts() -> Parts {
    use_context::<Parts>().unwrap_or_else(|| {
        // Only reachable if a server function is called outside a request.
        http::Request::new(()).into_parts().0
    })
}

/// The reader's language, from the same cookie the page was rendered with.
pub fn lang() -> crate::i18n::Lang {
    parts()
        .headers
        .get(http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(crate::i18n::Lang::from_cookie_header)
        .unwrap_or_default()
}

pub fn token() -> Option<String> {
    session_token(&parts().headers, secure_cookies())
}

pub async fn actor() -> Result<Actor, AppError> {
    actor_from_parts(&services(), &parts())
        .await
        .map_err(AppError::from)
}

/// Cookies are `Secure` when configured so, or when this request came over https.
pub fn secure_cookies() -> bool {
    crate::services::request::secure_cookies(&services(), &parts())
}

pub fn client_addr() -> Option<String> {
    crate::services::request::client_addr(&services(), &parts())
}

/// This answer names a tip's informant: no cache may keep it, the phone's service
/// worker included (DOMAIN.md: the identity is seen only by whom it concerns). Set
/// during a page's render, it marks the page itself.
pub fn no_store() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

pub fn set_cookie(value: String) {
    if let Ok(v) = http::HeaderValue::from_str(&value) {
        expect_context::<leptos_axum::ResponseOptions>().append_header(http::header::SET_COOKIE, v);
    }
}
