//! Changing one's password, which signs out every other session.

use crate::api::session::{get_me, ChangePassword};
use crate::components::{use_lang, FieldMessage, Loading, Page};
use leptos::prelude::*;
use leptos_router::components::Redirect;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| get_me());
    view! {
        <Suspense fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! { <PasswordForm first=me.must_change_password /> }.into_any(),
                    _ => view! { <Redirect path="/login?next=/account/password" /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PasswordForm(first: bool) -> impl IntoView {
    let lang = use_lang();
    let t = lang.texts();
    let change = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let done = move || matches!(change.value().get(), Some(Ok(())));
    let general = move || {
        error
            .get()
            .filter(|e| e.field.is_none())
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    view! {
        <Page signed_in=true>
            <h1>{t.change_password}</h1>
            {general}
            {move || (first && !done()).then(|| view! { <p class="notice" role="status">{lang.members().choose_own_password}</p> })}
            {move || done().then(|| view! {
                <p class="notice" role="status">{t.password_changed}" "<a href="/">{t.back_home}</a></p>
            })}
            <ActionForm action=change attr:class="form" attr:novalidate=true>
                <label for="current_password">{t.current_password}</label>
                <input id="current_password" name="current_password" type="password" autocomplete="current-password" />
                <FieldMessage error field="current_password" />
                <label for="new_password">{t.new_password}</label>
                <input id="new_password" name="new_password" type="password" autocomplete="new-password" />
                <FieldMessage error field="new_password" />
                <label for="confirm_password">{t.confirm_password}</label>
                <input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" />
                <FieldMessage error field="confirm_password" />
                <button type="submit" class="primary" disabled=move || change.pending().get()>{t.save}</button>
            </ActionForm>
        </Page>
    }
}
