//! Who is asking, for a JSON API handler: the signed-in actor from a bearer token or the
//! session cookie, refused with the API's JSON error when there is none.

use super::error::ApiError;
use super::AppState;
use app::domain::Actor;
use app::services::request;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// The signed-in actor of an API request, from a bearer token or the session cookie.
pub struct Caller(pub Actor);

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Caller(
            request::actor_from_parts(&state.services, parts).await?,
        ))
    }
}
