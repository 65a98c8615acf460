//! Who is asking: the session token from a cookie or a bearer header, and the client's
//! address and scheme as the trusted proxies report them.

use super::auth::{self, SESSION_DAYS};
use super::{ServiceError, Services};
use crate::domain::Actor;
use axum::extract::ConnectInfo;
use chrono::Utc;
use http::header::{AUTHORIZATION, COOKIE};
use http::request::Parts;
use http::HeaderMap;
use std::net::SocketAddr;

/// The session cookie over plain http (a phone on the commune's own network, tests).
pub const SESSION_COOKIE: &str = "antt_session";
/// Over https the cookie is `__Host-`: the browser takes it only with `Secure`, for this
/// host and the path `/`, so neither a sibling subdomain nor a plain-http page can plant
/// one. Only this name is read then, or a planted plain one would still count.
pub const SECURE_SESSION_COOKIE: &str = "__Host-antt_session";

pub fn session_cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}

/// The bearer token of an API client (`Authorization: Bearer …`).
pub fn bearer_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The session cookie's token, read under the name this connection uses.
pub fn cookie_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    let name = session_cookie_name(secure);
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim().to_owned())
        .filter(|v| !v.is_empty())
}

/// The session token: a bearer header for API clients, else the session cookie.
pub fn session_token(headers: &HeaderMap, secure: bool) -> Option<String> {
    bearer_token(headers).or_else(|| cookie_token(headers, secure))
}

fn peer(parts: &Parts) -> Option<std::net::IpAddr> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(addr)| addr.ip())
}

fn header_values<'a>(parts: &'a Parts, name: &str) -> Vec<&'a str> {
    parts
        .headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect()
}

/// The client's address, through the proxies the server trusts; none when the server
/// was started without connection info (tests driving the router directly).
pub fn client_addr(services: &Services, parts: &Parts) -> Option<String> {
    let peer = peer(parts)?;
    let forwarded = header_values(parts, "x-forwarded-for");
    Some(
        services
            .trusted_proxies
            .client_addr(peer, &forwarded)
            .to_string(),
    )
}

/// Whether the client reached us over https, directly or through a trusted proxy.
pub fn is_https(services: &Services, parts: &Parts) -> bool {
    let direct = parts.uri.scheme_str() == Some("https");
    let proto = header_values(parts, "x-forwarded-proto").first().copied();
    match peer(parts) {
        Some(p) => services.trusted_proxies.client_https(p, direct, proto),
        None => direct,
    }
}

/// Whether cookies are `Secure` (and `__Host-`) for this request: configured so, or
/// reached over https.
pub fn secure_cookies(services: &Services, parts: &Parts) -> bool {
    services.secure_cookies || is_https(services, parts)
}

pub async fn actor_from_parts(services: &Services, parts: &Parts) -> Result<Actor, ServiceError> {
    let token = session_token(&parts.headers, secure_cookies(services, parts))
        .ok_or(ServiceError::Unauthenticated)?;
    auth::actor_for_token(services.store.as_ref(), &token, Utc::now()).await
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = SESSION_DAYS * 24 * 3600;
    let name = session_cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

pub fn expired_session_cookie(secure: bool) -> String {
    let name = session_cookie_name(secure);
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_from_bearer_or_the_cookie_of_this_scheme() {
        let mut h = HeaderMap::new();
        assert_eq!(session_token(&h, false), None);
        h.insert(COOKIE, "lang=en; antt_session=abc".parse().unwrap());
        assert_eq!(session_token(&h, false).as_deref(), Some("abc"));
        assert_eq!(
            session_token(&h, true),
            None,
            "over https only __Host- counts"
        );
        h.insert(COOKIE, "__Host-antt_session=sec".parse().unwrap());
        assert_eq!(session_token(&h, true).as_deref(), Some("sec"));
        h.insert(AUTHORIZATION, "Bearer xyz".parse().unwrap());
        assert_eq!(session_token(&h, false).as_deref(), Some("xyz"));
        let mut empty = HeaderMap::new();
        empty.insert(COOKIE, "antt_session=".parse().unwrap());
        assert_eq!(session_token(&empty, false), None);
    }

    #[test]
    fn cookie_attributes() {
        let c = session_cookie("t", false);
        assert!(c.starts_with("antt_session=t;"));
        assert!(c.contains("HttpOnly") && c.contains("SameSite=Lax") && !c.contains("Secure"));
        let s = session_cookie("t", true);
        assert!(s.starts_with("__Host-antt_session=t; Path=/;") && s.ends_with("; Secure"));
        assert!(expired_session_cookie(false).contains("Max-Age=0"));
        assert!(expired_session_cookie(true).starts_with("__Host-"));
    }
}
