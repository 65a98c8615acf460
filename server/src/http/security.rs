//! Headers every answer carries (nosniff, referrer, framing, a default CSP, HSTS over
//! https), and the same-origin rule for writes: a request a cookie could authenticate,
//! and every server function call, is refused unless the browser says it came from this
//! site, so another site cannot post a form under a member's session (or sign the member
//! into the attacker's account).

use super::error::ApiError;
use app::domain::ErrorCode;
use app::dto::AppError;
use app::services::{request, Services};
use axum::extract::{Request, State};
use axum::http::header::{self, HeaderValue};
use axum::http::{HeaderMap, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// A year: browsers then refuse plain http for this host. Sent only on answers that went out
/// over https (browsers ignore it on plain http anyway).
const HSTS: &str = "max-age=31536000";

pub async fn headers(State(services): State<Services>, req: Request, next: Next) -> Response {
    let (parts, body) = req.into_parts();
    let https = request::is_https(&services, &parts);
    let mut resp = next.run(Request::from_parts(parts, body)).await;
    let h = resp.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // A rendered page sends its own policy, with the nonce of its scripts.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&app::csp::policy(None)) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    if https {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(HSTS),
        );
    }
    resp
}

/// Refuses, with 403 and nothing done, a write that a cookie could authenticate or that
/// calls a server function, unless `Sec-Fetch-Site` (or, from older browsers, `Origin`)
/// says it came from this site. API clients sending a bearer token are not at risk: no
/// other site can make a browser add that header.
pub async fn same_origin_writes(
    State(services): State<Services>,
    req: Request,
    next: Next,
) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD) {
        return next.run(req).await;
    }
    let headers = req.headers();
    if request::bearer_token(headers).is_some() {
        return next.run(req).await;
    }
    let path = req.uri().path();
    let server_fn = path.starts_with("/api/") && !path.starts_with("/api/v1/");
    let by_cookie = request::cookie_token(headers, false).is_some()
        || request::cookie_token(headers, true).is_some();
    if (server_fn || by_cookie) && !from_this_site(&services, &req) {
        let mut refused = ApiError(AppError::new(ErrorCode::CrossSiteRequest)).into_response();
        refused
            .headers_mut()
            .insert(header::VARY, HeaderValue::from_static("Origin"));
        return refused;
    }
    next.run(req).await
}

fn from_this_site(services: &Services, req: &Request) -> bool {
    let headers = req.headers();
    if let Some(site) = header_str(headers, "sec-fetch-site") {
        return site == "same-origin";
    }
    let Some(origin) = header_str(headers, header::ORIGIN.as_str()) else {
        return false;
    };
    let authority = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    hosts(services, req).iter().any(|h| h == authority)
}

/// The names this site was reached under: the Host header, and the host a trusted proxy
/// says the client asked for.
fn hosts(services: &Services, req: &Request) -> Vec<String> {
    let headers = req.headers();
    let mut out: Vec<String> = header_str(headers, header::HOST.as_str())
        .map(str::to_owned)
        .into_iter()
        .collect();
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip());
    if peer.is_some_and(|p| services.trusted_proxies.trusts(p)) {
        if let Some(h) = header_str(headers, "x-forwarded-host") {
            out.extend(h.split(',').next().map(|h| h.trim().to_owned()));
        }
    }
    out
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}
