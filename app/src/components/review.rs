//! The leader's word on a record (accept, or return with a comment) and the steps of a
//! month's sign-off: small forms that work before the wasm arrives.

use crate::api::month::{MonthStep, ReviewRecord};
use crate::components::{use_lang, FieldMessage};
#[cfg(feature = "hydrate")]
use crate::domain::ErrorCode;
use crate::dto::sync::Mutation;
use crate::offline::outbox::Signer;
use leptos::prelude::*;

/// Provided by a screen whose steps may be prepared with no signal: who signs them.
#[derive(Debug, Clone)]
pub struct OfflineSigner(pub Signer);

/// With no signal, and someone to sign it, the step becomes an entry on the phone that
/// the sync sends later; `kept` turns true once it is safely stored. Returns whether the
/// form's own submission must be stopped.
fn keep_when_offline(
    ev: &leptos::ev::SubmitEvent,
    kept: RwSignal<Option<Result<(), crate::dto::AppError>>>,
    to_mutation: impl FnOnce(&leptos::ev::SubmitEvent, String) -> Option<Mutation>,
) {
    #[cfg(feature = "hydrate")]
    {
        let offline = web_sys::window().is_some_and(|w| !w.navigator().on_line());
        let Some(OfflineSigner(signer)) = use_context::<OfflineSigner>() else {
            return;
        };
        if !offline {
            return;
        }
        ev.prevent_default();
        let (Some(id), Some(now)) = (
            crate::browser::new_uuid(),
            chrono::DateTime::from_timestamp_millis(js_sys::Date::now() as i64),
        ) else {
            kept.set(Some(Err(crate::dto::AppError::new(
                ErrorCode::StorageFailed,
            ))));
            return;
        };
        let Some(mutation) = to_mutation(ev, id) else {
            kept.set(Some(Err(crate::dto::AppError::new(ErrorCode::InvalidJson))));
            return;
        };
        let entry = crate::offline::outbox::step_entry(&signer, mutation, now);
        leptos::task::spawn_local(async move {
            kept.set(Some(crate::offline::save::save_step(&entry).await));
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (ev, kept, to_mutation);
}

fn kept_note(
    lang: crate::i18n::Lang,
    kept: RwSignal<Option<Result<(), crate::dto::AppError>>>,
) -> impl IntoView {
    move || {
        kept.get().map(|r| match r {
            Ok(()) => {
                view! { <p class="notice kept" role="status">{lang.month().kept_offline}</p> }
                    .into_any()
            }
            Err(e) => {
                view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> }.into_any()
            }
        })
    }
}

fn general_error(
    lang: crate::i18n::Lang,
    error: Signal<Option<crate::dto::AppError>>,
) -> impl IntoView {
    move || {
        error
            .get()
            .filter(|e| !e.is_field("reason") && !e.is_field("remarks"))
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    }
}

/// Accept, or return with a comment: the author is told and fixes it.
#[component]
pub fn ReviewControls(
    id: String,
    version: i64,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let m = lang.month();
    let accept = ServerAction::<ReviewRecord>::new();
    let send_back = ServerAction::<ReviewRecord>::new();
    Effect::new(move |_| {
        if matches!(accept.value().get(), Some(Ok(())))
            || matches!(send_back.value().get(), Some(Ok(())))
        {
            on_change();
        }
    });
    let error = Signal::derive(move || {
        send_back
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| accept.value().get().and_then(Result::err))
    });
    let comment_id = format!("return-{id}");
    let id_again = id.clone();
    let kept = RwSignal::new(None);
    let offline_review = move |ev: leptos::ev::SubmitEvent| {
        keep_when_offline(&ev, kept, |ev, id| {
            use leptos::form::FromFormData;
            let ReviewRecord {
                id: record_id,
                version,
                verdict,
                comment,
            } = ReviewRecord::from_event(ev).ok()?;
            Some(Mutation::Review {
                id,
                record_id,
                version,
                verdict,
                comment,
            })
        })
    };
    view! {
        <div class="review-controls">
            <ActionForm action=accept on:submit:capture=offline_review>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <input type="hidden" name="verdict" value="accept" />
                <button type="submit" class="primary" disabled=move || accept.pending().get()>{m.accept}</button>
            </ActionForm>
            <details class="return-box">
                <summary class="button secondary">{m.return_record}</summary>
                <ActionForm action=send_back attr:class="form" attr:novalidate=true on:submit:capture=offline_review>
                    <input type="hidden" name="id" value=id_again />
                    <input type="hidden" name="version" value=version />
                    <input type="hidden" name="verdict" value="return" />
                    <label for=comment_id.clone()>{m.return_comment}</label>
                    <textarea id=comment_id name="comment" rows="2"></textarea>
                    <FieldMessage error field="reason" />
                    <button type="submit" class="secondary" disabled=move || send_back.pending().get()>{m.send_back}</button>
                </ActionForm>
            </details>
            {general_error(lang, error)}
            {kept_note(lang, kept)}
        </div>
    }
}

/// One step of the month's sign-off, with a reason when the step needs one and the
/// leader's remarks with a submission.
#[component]
pub fn StepForm(
    team_id: i64,
    month: String,
    version: i64,
    step: &'static str,
    label: &'static str,
    #[prop(optional)] remarks: Option<String>,
    #[prop(optional)] with_reason: bool,
    #[prop(optional)] hint: Option<&'static str>,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let m = lang.month();
    let action = ServerAction::<MonthStep>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            on_change();
        }
    });
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let reason_id = format!("reason-{step}");
    let kept = RwSignal::new(None);
    let offline_step = move |ev: leptos::ev::SubmitEvent| {
        keep_when_offline(&ev, kept, |ev, id| {
            use leptos::form::FromFormData;
            let MonthStep {
                team_id,
                month,
                step,
                version,
                reason,
                remarks,
            } = MonthStep::from_event(ev).ok()?;
            Some(Mutation::MonthStep {
                id,
                team_id,
                month,
                step,
                version,
                reason,
                remarks: Some(remarks).filter(|r| !r.trim().is_empty()),
            })
        })
    };
    let form = view! {
        <ActionForm action attr:class="form step-form" attr:data-step=step attr:novalidate=true on:submit:capture=offline_step>
            <input type="hidden" name="team_id" value=team_id />
            <input type="hidden" name="month" value=month />
            <input type="hidden" name="version" value=version />
            <input type="hidden" name="step" value=step />
            {remarks.map(|r| view! {
                <label for="remarks">{m.remarks}</label>
                <textarea id="remarks" name="remarks" rows="4">{r}</textarea>
                <FieldMessage error field="remarks" />
            })}
            {with_reason.then(|| view! {
                <label for=reason_id.clone()>{m.reason}</label>
                <textarea id=reason_id.clone() name="reason" rows="2"></textarea>
                <FieldMessage error field="reason" />
            })}
            {hint.map(|h| view! { <p class="muted small">{h}</p> })}
            {general_error(lang, error)}
            {kept_note(lang, kept)}
            <button type="submit" class="primary big" disabled=move || action.pending().get()>
                {if with_reason { m.confirm } else { label }}
            </button>
        </ActionForm>
    };
    if with_reason {
        view! {
            <details class="step-box">
                <summary class="button secondary big">{label}</summary>
                {form}
            </details>
        }
        .into_any()
    } else {
        form.into_any()
    }
}
