//! The frame around every screen: the top bar with the language switch and sign-out.

use super::use_lang;
use crate::api::session::Logout;
use leptos::prelude::*;

#[component]
pub fn AppBar(#[prop(optional)] signed_in: bool) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let logout = ServerAction::<Logout>::new();
    view! {
        <header class="appbar">
            <a class="brand" href="/">{t.app_name}</a>
            <nav>
                <a class="lang" href=format!("/lang/{}", lang.other().code()) rel="external"
                   hreflang=lang.other().code()>{t.switch_language}</a>
                {signed_in.then(|| view! {
                    <ActionForm action=logout attr:class="inline">
                        <button type="submit" class="link" on:click=move |ev| confirm_logout(ev, t.logout_unsent)>{t.logout}</button>
                    </ActionForm>
                })}
            </nav>
        </header>
    }
}

/// Entries still waiting are never deleted by signing out, but the person should know
/// they will only be sent when they sign in again.
fn confirm_logout(ev: leptos::ev::MouseEvent, question: &str) {
    let waiting = crate::offline::status::status().get_untracked().waiting;
    #[cfg(feature = "hydrate")]
    if waiting > 0
        && !web_sys::window()
            .and_then(|w| w.confirm_with_message(question).ok())
            .unwrap_or(true)
    {
        ev.prevent_default();
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, question, waiting);
}

/// A screen: the top bar and a main column sized for a phone.
#[component]
pub fn Page(#[prop(optional)] signed_in: bool, children: Children) -> impl IntoView {
    view! {
        <AppBar signed_in />
        <main class="page">{children()}</main>
    }
}
