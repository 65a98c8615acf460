//! The sign-in screen: phone number and password, errors next to the fields.

use crate::api::session::Login;
use crate::components::{use_lang, FieldMessage, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn LoginPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let login = ServerAction::<Login>::new();
    let error = Signal::derive(move || login.value().get().and_then(Result::err));
    let general = move || {
        error
            .get()
            .filter(|e| e.field.is_none())
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();
    let show = RwSignal::new(false);
    view! {
        <Page>
            <h1>{t.login_title}</h1>
            <p class="muted">{t.login_intro}</p>
            {general}
            <ActionForm action=login attr:class="form" attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <label for="phone">{t.phone}</label>
                <input id="phone" name="phone" type="tel" inputmode="tel" autocomplete="username"
                    placeholder=t.phone_hint required
                    aria-invalid=move || error.get().is_some_and(|e| e.is_field("phone")).to_string() />
                <FieldMessage error field="phone" />
                <label for="password">{t.password}</label>
                <div class="password-row">
                    <input id="password" name="password" autocomplete="current-password" required
                        type=move || if show.get() { "text" } else { "password" }
                        aria-invalid=move || error.get().is_some_and(|e| e.is_field("password")).to_string() />
                    <button type="button" class="secondary toggle" aria-pressed=move || show.get().to_string()
                        on:click=move |_| show.update(|s| *s = !*s)>
                        {move || if show.get() { t.hide_password } else { t.show_password }}
                    </button>
                </div>
                <FieldMessage error field="password" />
                <button type="submit" class="primary" disabled=move || login.pending().get()>{t.login_button}</button>
            </ActionForm>
        </Page>
    }
}
