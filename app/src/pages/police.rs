//! A unit's police accounts on its places screen (issue 18, point 5): who signs in as
//! the commune's (or province's) police, a form to add one with a first password shown
//! once, a new first password, and the role taken back after a second tap. For those
//! who keep the unit: a commune's province police, a province's admin.

use super::member_form::AccountNote;
use crate::api::police::{get_police, AddPolice, RemovePolice, ResetPolicePassword};
use crate::components::{use_lang, ErrorBox, FieldMessage, Loading};
use crate::domain::OrgUnitKind;
use crate::dto::police::PoliceAccountView;
use leptos::prelude::*;

#[component]
pub(super) fn PoliceAccounts(unit: i64, kind: OrgUnitKind) -> impl IntoView {
    let lang = use_lang();
    let (p, m) = (lang.police(), lang.members());
    // Bumped by every change, which reads the list again.
    let changed = RwSignal::new(0u32);
    let list = Resource::new(move || changed.get(), move |_| get_police(unit));
    let add = ServerAction::<AddPolice>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = add.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let error = Signal::derive(move || add.value().get().and_then(Result::err));
    let added = move || {
        add.value().get().and_then(Result::ok).map(|a| {
            view! {
                <div class="notice" role="status">
                    <p><strong>{a.account.full_name}</strong></p>
                    <AccountNote account=a.password has_phone=true />
                </div>
            }
        })
    };
    let title = if kind == OrgUnitKind::Province {
        p.province_title
    } else {
        p.commune_title
    };
    view! {
        <details class="police-accounts">
            <summary>{title}</summary>
            <p class="hint">{p.hint}</p>
            <Transition fallback=|| view! { <Loading /> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(v) => {
                            let items = v
                                .accounts
                                .into_iter()
                                .map(|a| view! { <PoliceItem unit account=a changed /> })
                                .collect_view();
                            view! { <ul class="police">{items}</ul> }.into_any()
                        }
                        Err(e) => view! { <ErrorBox error=e /> }.into_any(),
                    }
                })}
            </Transition>
            {added}
            <ActionForm action=add attr:class="form" attr:novalidate=true>
                <input type="hidden" name="unit_id" value=unit />
                <label for="police-name">{p.name}</label>
                <input id="police-name" name="full_name" autocomplete="off" />
                <FieldMessage error field="full_name" />
                <label for="police-phone">{m.phone}</label>
                <input id="police-phone" name="phone" type="tel" inputmode="tel" autocomplete="off" />
                <FieldMessage error field="phone" />
                <button type="submit" class="primary" disabled=move || add.pending().get()>{p.add}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn PoliceItem(unit: i64, account: PoliceAccountView, changed: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let (p, m) = (lang.police(), lang.members());
    let user_id = account.user_id;
    let reset = ServerAction::<ResetPolicePassword>::new();
    let remove = ServerAction::<RemovePolice>::new();
    let confirming = RwSignal::new(false);
    Effect::new(move |_| {
        if let Some(Ok(())) = remove.value().get() {
            changed.update(|n| *n += 1);
        }
    });
    let answer = move || {
        let failed = remove.value().get().and_then(Result::err);
        match reset.value().get() {
            Some(Ok(a)) => Some(view! { <div class="notice" role="status"><AccountNote account=Some(a) has_phone=true /></div> }.into_any()),
            Some(Err(e)) => Some(view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> }.into_any()),
            None => failed.map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> }.into_any()),
        }
    };
    let take_back = move |_| {
        if confirming.get_untracked() {
            remove.dispatch(RemovePolice {
                unit_id: unit,
                user_id,
            });
            confirming.set(false);
        } else {
            confirming.set(true);
        }
    };
    let must_change = account
        .must_change_password
        .then(|| view! { <p class="muted">{m.must_change}</p> });
    view! {
        <li class="police-account" data-user=user_id>
            <p><strong>{account.full_name}</strong>" · "{account.phone}</p>
            {must_change}
            {answer}
            <div class="actions">
                <button type="button" class="secondary" disabled=move || reset.pending().get()
                    on:click=move |_| { reset.dispatch(ResetPolicePassword { unit_id: unit, user_id }); }>
                    {m.reset_password}
                </button>
                <button type="button" class="danger" disabled=move || remove.pending().get() on:click=take_back>
                    {move || if confirming.get() { p.remove_confirm } else { p.remove }}
                </button>
            </div>
        </li>
    }
}
