//! `GET /lang/{code}`: remembers the language in a cookie and returns to the page the user was on.

use app::i18n::{Lang, LANG_COOKIE};
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

pub async fn switch(Path(code): Path<String>, headers: HeaderMap) -> Response {
    let Some(lang) = Lang::from_code(&code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = headers
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(same_site_path)
        .unwrap_or_else(|| "/".to_owned());
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
    let mut resp = StatusCode::SEE_OTHER.into_response();
    let h = resp.headers_mut();
    if let (Ok(c), Ok(l)) = (HeaderValue::from_str(&cookie), HeaderValue::from_str(&back)) {
        h.insert(header::SET_COOKIE, c);
        h.insert(header::LOCATION, l);
    }
    resp
}

/// The path and query of a referring URL, so a redirect never leaves this site.
fn same_site_path(referer: &str) -> Option<String> {
    let after_scheme = referer.split_once("://").map(|(_, rest)| rest)?;
    let path = &after_scheme[after_scheme.find('/')?..];
    (!path.starts_with("//") && !path.starts_with("/lang/")).then(|| path.to_owned())
}

/// The reader's language, from the `lang` cookie the screens set (Vietnamese without one):
/// what an API answer words for people (a file's headers, a team's shortfalls) is in it.
pub struct ReaderLang(pub Lang);

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for ReaderLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _: &S,
    ) -> Result<Self, Self::Rejection> {
        Ok(ReaderLang(
            parts
                .headers
                .get(header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .map_or(Lang::Vi, Lang::from_cookie_header),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::same_site_path;

    #[test]
    fn keeps_only_the_path() {
        assert_eq!(
            same_site_path("http://127.0.0.1:3000/teams/2?x=1").as_deref(),
            Some("/teams/2?x=1")
        );
        assert_eq!(same_site_path("http://127.0.0.1:3000").as_deref(), None);
        assert_eq!(same_site_path("http://h//evil.example").as_deref(), None);
        assert_eq!(same_site_path("http://h/lang/en").as_deref(), None);
        assert_eq!(same_site_path("/relative"), None);
    }
}
