//! Server functions for signing in and out, the current user and the password.

use crate::dto::views::MeView;
use crate::dto::AppError;
use leptos::prelude::*;
// Reads are GET, so the service worker can keep the last answer for offline use.
use leptos::server_fn::codec::GetUrl;

/// Where to go after signing in: only a path on this site, never another host. Browsers
/// drop tabs and line breaks from a URL and read `\\` as `/`, so `/\t/evil.example` and
/// `/\\evil.example` would lead off the site: any of them, or a control character, is
/// refused.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n
                    .chars()
                    .any(|c| c == '\\' || c.is_control() || c.is_whitespace()) =>
        {
            n
        }
        _ => "/",
    }
}

/// The signed-in user, or `None` for a visitor.
#[server(endpoint = "session/me", input = GetUrl)]
pub async fn get_me() -> Result<Option<MeView>, AppError> {
    use crate::api::context as ctx;
    use crate::services::{directory, ServiceError};
    let services = ctx::services();
    let actor = match crate::services::request::actor_from_parts(&services, &ctx::parts()).await {
        Ok(a) => a,
        Err(ServiceError::Unauthenticated) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(Some(directory::me(services.store.as_ref(), &actor).await?))
}

#[server(endpoint = "session/login")]
pub async fn login(phone: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::api::context as ctx;
    use crate::services::{auth, request};
    let services = ctx::services();
    let addr = ctx::client_addr();
    let opened = auth::login(
        services.store.as_ref(),
        &phone,
        &password,
        addr.as_deref(),
        chrono::Utc::now(),
    )
    .await?;
    ctx::set_cookie(request::session_cookie(
        &opened.token,
        ctx::secure_cookies(),
    ));
    if opened.must_change_password {
        leptos_axum::redirect("/account/password");
    } else {
        leptos_axum::redirect(safe_next(next.as_deref()));
    }
    Ok(())
}

#[server(endpoint = "session/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::api::context as ctx;
    use crate::services::{auth, request};
    let services = ctx::services();
    if let Some(token) = ctx::token() {
        auth::logout(services.store.as_ref(), &token).await?;
    }
    ctx::set_cookie(request::expired_session_cookie(ctx::secure_cookies()));
    leptos_axum::redirect("/login");
    Ok(())
}

#[server(endpoint = "session/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::api::context as ctx;
    use crate::services::auth;
    let services = ctx::services();
    let actor = ctx::actor().await?;
    let token = ctx::token().unwrap_or_default();
    auth::change_password(
        services.store.as_ref(),
        &actor,
        &token,
        &current_password,
        &new_password,
        &confirm_password,
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/teams/3")), "/teams/3");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/");
        assert_eq!(safe_next(Some("/\n/evil.example")), "/");
        assert_eq!(safe_next(Some("/a\\b")), "/");
        assert_eq!(safe_next(Some("/ /evil.example")), "/");
        assert_eq!(safe_next(Some("/records/x?y=1")), "/records/x?y=1");
        assert_eq!(safe_next(None), "/");
    }
}
