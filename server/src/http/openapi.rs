//! The OpenAPI document of `/api/v1`, made from the code: the wire types' schemas (derived
//! behind the app's `ssr` feature, so the phone's wasm carries none of it) and each
//! handler's annotation, registered with its route by utoipa-axum so that no route of the
//! API is served without being described.

use app::dto::AppError;
use utoipa::openapi::path::Operation;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "ANTT Cơ sở API",
        version = "1",
        license(name = "MIT"),
        description = "The JSON API of ANTT Cơ sở, for the app's offline sync and for other \
            clients. Sign in with `POST /auth/token` and send `Authorization: Bearer <token>` \
            (the browser's session cookie works too; a write carried by the cookie must come \
            from the app's own pages). Every error is a JSON body `{code, message, field?}` \
            with a 4xx status (`message` in Vietnamese); `rate_limited` also carries \
            `retry_after` and a `Retry-After` header. Records carry a typed `body` \
            (`{kind, data}`, one schema per kind); a tip's `informant` is present only for the \
            member who received it and the commune police of its commune. Answers are \
            `Cache-Control: no-store`."
    ),
    servers((url = "/api/v1")),
    security(("bearer" = []), ("session" = [])),
    modifiers(&Security),
    components(schemas(AppError)),
    tags(
        (name = "session", description = "Signing in and out, who I am"),
        (name = "directory", description = "Teams, units and the home screen"),
        (name = "records", description = "What teams log, its photos and history"),
        (name = "sync", description = "The offline phone's push and pull"),
        (name = "months", description = "The team's month: review and sign-off"),
        (name = "indicators", description = "Campaign indicators and campaigns"),
        (name = "units", description = "The villages and communes a commune or province keeps"),
        (name = "members", description = "A team's members as the commune police keep them, with their sign-ins"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("antt_session"))),
        );
    }
}

/// The errors any operation may answer, each with the one error body.
const ERRORS: [(&str, &str); 7] = [
    (
        "401",
        "Not signed in, or the token has ended (`unauthenticated`)",
    ),
    (
        "403",
        "Not allowed for this person (`forbidden`), or a cookie write from another site",
    ),
    (
        "404",
        "Nothing here, or not visible to this person (`not_found`)",
    ),
    (
        "405",
        "This path does not take this method (`method_not_allowed`)",
    ),
    (
        "422",
        "The input breaks a rule; `field` names where (`code` says which)",
    ),
    (
        "429",
        "Too many sign-in attempts (`rate_limited`, with `retry_after`)",
    ),
    (
        "500",
        "The server failed (`internal`, with a `request_id` to quote)",
    ),
];

/// Adds the errors every operation may answer; run once the routes have added their paths.
pub fn with_errors(doc: &mut utoipa::openapi::OpenApi) {
    {
        for item in doc.paths.paths.values_mut() {
            let operations: [&mut Option<Operation>; 5] = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                for (status, description) in ERRORS {
                    op.responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| error_response(description).into());
                }
            }
        }
    }
}

pub fn error_response(description: &str) -> utoipa::openapi::Response {
    ResponseBuilder::new()
        .description(description)
        .content(
            "application/json",
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("AppError")))
                .build(),
        )
        .build()
}
