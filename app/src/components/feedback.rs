//! Messages: the error next to a field, an error box for a failed screen, the loading line.

use super::use_lang;
use crate::dto::AppError;
use leptos::prelude::*;

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
