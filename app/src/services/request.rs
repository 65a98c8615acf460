//! Who is asking: the session token from a cookie or a bearer header, and the client's address.

use super::auth::{self, SESSION_COOKIE, SESSION_DAYS};
use super::{ServiceError, Services};
use crate::domain::Actor;
use axum::extract::ConnectInfo;
use chrono::Utc;
use http::header::{AUTHORIZATION, COOKIE};
use http::request::Parts;
use http::HeaderMap;
use std::net::SocketAddr;

/// The session token: `Authorization: Bearer …` for API clients, else the session cookie.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    if let Some(bearer) = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(bearer.trim().to_owned());
    }
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == SESSION_COOKIE)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The peer address, when the server was started with connection info.
pub fn client_addr(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip().to_string())
}

/// Whether the client reached us over https, directly or through a proxy that says so.
pub fn is_https(parts: &Parts) -> bool {
    parts.uri.scheme_str() == Some("https")
        || parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

pub async fn actor_from_headers(
    services: &Services,
    headers: &HeaderMap,
) -> Result<Actor, ServiceError> {
    let token = session_token(headers).ok_or(ServiceError::Unauthenticated)?;
    auth::actor_for_token(services.store.as_ref(), &token, Utc::now()).await
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = SESSION_DAYS * 24 * 3600;
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

pub fn expired_session_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

/// Helpers for server functions, which find the request and services in the Leptos context.
pub mod in_server_fn {
    use super::*;
    use crate::api::AppError;
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
        session_token(&parts().headers)
    }

    pub async fn actor() -> Result<Actor, AppError> {
        actor_from_headers(&services(), &parts().headers)
            .await
            .map_err(AppError::from)
    }

    /// Cookies are `Secure` when configured so, or when this request came over https.
    pub fn secure_cookies() -> bool {
        services().secure_cookies || is_https(&parts())
    }

    pub fn set_cookie(value: String) {
        if let Ok(v) = http::HeaderValue::from_str(&value) {
            expect_context::<leptos_axum::ResponseOptions>()
                .append_header(http::header::SET_COOKIE, v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_from_bearer_or_cookie() {
        let mut h = HeaderMap::new();
        assert_eq!(session_token(&h), None);
        h.insert(COOKIE, "lang=en; antt_session=abc".parse().unwrap());
        assert_eq!(session_token(&h).as_deref(), Some("abc"));
        h.insert(AUTHORIZATION, "Bearer xyz".parse().unwrap());
        assert_eq!(session_token(&h).as_deref(), Some("xyz"));
        let mut empty = HeaderMap::new();
        empty.insert(COOKIE, "antt_session=".parse().unwrap());
        assert_eq!(session_token(&empty), None);
    }

    #[test]
    fn https_is_detected_behind_a_proxy() {
        let req = |proto: Option<&str>| {
            let mut b = http::Request::get("/");
            if let Some(p) = proto {
                b = b.header("x-forwarded-proto", p);
            }
            b.body(()).unwrap().into_parts().0
        };
        assert!(!is_https(&req(None)));
        assert!(is_https(&req(Some("https"))));
        assert!(!is_https(&req(Some("http"))));
    }

    #[test]
    fn cookie_attributes() {
        let c = session_cookie("t", false);
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        assert!(session_cookie("t", true).ends_with("; Secure"));
        assert!(expired_session_cookie(false).contains("Max-Age=0"));
    }
}
