//! Messages: the error next to a field, an error box for a failed screen, the loading line.

use super::{use_lang, Page};
use crate::domain::ErrorCode;
use crate::dto::AppError;
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// The message for `field`, shown right under it, when the last answer was an error about it.
#[component]
pub fn FieldMessage(
    #[prop(into)] error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{field}-error");
    move || {
        error.get().filter(|e| e.is_field(field)).map(|e| {
            view! { <p class="field-error" id=id.clone() role="alert">{e.message_in(lang)}</p> }
        })
    }
}

/// The page around a screen once its data has come: the screen, the sign-in
/// when the reader is not signed in, or why not.
pub fn framed<T>(data: Result<T, AppError>, body: impl FnOnce(T) -> AnyView) -> AnyView {
    match data {
        Ok(d) => {
            let body = body(d);
            view! { <Page signed_in=true>{body}</Page> }.into_any()
        }
        Err(e) if e.code == ErrorCode::Unauthenticated => {
            view! { <Redirect path="/login" /> }.into_any()
        }
        Err(e) => view! { <Page signed_in=true><ErrorBox error=e /></Page> }.into_any(),
    }
}

#[component]
pub fn ErrorBox(error: AppError) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    view! {
        <div class="error-box" role="alert">
            <p>{error.message_in(lang)}</p>
            {error.request_id.map(|id| view! { <p class="muted">{t.error_reference}": "{id}</p> })}
            <a class="button secondary" href="/">{t.back_home}</a>
        </div>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    let t = use_lang().texts();
    view! { <p class="muted" aria-busy="true">{t.loading}</p> }
}
