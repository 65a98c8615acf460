//! The page for an address that leads nowhere, answered with status 404.

use crate::components::{use_lang, Page};
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(resp) = use_context::<leptos_axum::ResponseOptions>() {
        resp.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_lang().texts();
    view! {
        <Page>
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <a class="button primary" href="/">{t.back_home}</a>
        </Page>
    }
}
