//! What is on this phone and not yet on the server, for one team: every entry, whoever
//! made it, with its state and, when it needs attention, the reason. Nothing waiting is
//! ever hidden.

use super::{format_datetime, use_lang, FieldMessage};
use crate::domain::records::RecordKind;
use crate::domain::ErrorCode;
use crate::dto::sync::Difference;
use crate::dto::AppError;
use crate::i18n::records::kind_label;
use crate::offline::outbox::{EntryCard, State};
use crate::offline::status::{status, sync_now};
use leptos::prelude::*;

#[component]
// Long on purpose: one view tree, read as the screen reads, top to bottom; its parts share
// the list's signals, and cut apart they would pass a dozen of them around.
pub fn OutboxList(team_id: i64, user_id: i64) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let entries = RwSignal::new(Vec::<EntryCard>::new());
    let status = status();
    // The sync reports every entry it sends; the list is read and drawn again only when
    // the outbox itself changes, or a thousand entries draining would redraw it a
    // thousand times.
    let changes = {
        let status = status.clone();
        Memo::new(move |_| status.get().changes)
    };
    let sending = {
        let status = status.clone();
        Memo::new(move |_| status.get().sending)
    };
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            // Read, not only tracked: a memo nobody reads never subscribes to its source.
            let _ = changes.get();
            leptos::task::spawn_local(async move {
                if let Ok(all) = crate::offline::store::cards().await {
                    let mut here: Vec<EntryCard> =
                        all.into_iter().filter(|e| e.team_id == team_id).collect();
                    here.sort_by_key(|e| std::cmp::Reverse(e.saved_at));
                    entries.set(here);
                }
            });
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (team_id, changes);
    let item = move |e: EntryCard| {
        let sending = sending.get();
        let (state, label) = match e.state {
            _ if e.owner != user_id => ("other", r.waits_for_owner),
            _ if e.imported => ("imported", r.state_imported),
            State::Waiting if sending => ("sending", r.state_sending),
            State::Waiting => ("waiting", r.state_waiting),
            State::Photos => ("photos", r.state_photos),
            State::Attention => ("attention", r.state_attention),
            State::Held => ("held", r.state_held),
        };
        let kind =
            RecordKind::parse(&e.kind)
                .map(|k| kind_label(lang, k))
                .or(match e.kind.as_str() {
                    "month_step" => Some(r.outbox_month_step),
                    "review" => Some(r.outbox_review),
                    _ => None,
                });
        let chooser = (e.is_conflict() && e.owner == user_id).then(|| {
            view! { <Chooser id=e.id.clone() record_id=e.record_id.clone() differences=e.differences.clone() /> }
        });
        let fix = e
            .can_fix(user_id)
            .then(|| format!("/teams/{}/log/{}?entry={}", e.team_id, e.kind, e.id));
        // Brought from a file: nothing goes until its owner has looked at it, one by one
        // (a file can be made by anyone who held their phone).
        let confirm = e.awaits_confirmation(user_id).then(|| {
            let op = crate::i18n::records::history_action(lang, &e.mutation.op);
            view! { <Confirm id=e.id.clone() op /> }
        });
        let repair = (chooser.is_none() && e.can_discard(user_id))
            .then(|| view! { <Repair id=e.id.clone() fix /> });
        let problem = e
            .problem
            .filter(|_| chooser.is_none())
            .map(|p| view! { <span class="error">{p.message_in(lang)}</span> });
        view! {
            <li class="card outbox-entry" data-state=state>
                <span class="card-title">{kind}</span>
                <span class="card-meta muted">
                    <span>{format_datetime(e.occurred_at)}</span>
                    <span>{e.owner_name}</span>
                    {(!e.photos.is_empty()).then(|| view! { <span class="badge">"📷 "{e.photos.len()}</span> })}
                </span>
                <span class="badge state">{label}</span>
                {problem}
                {chooser}
                {confirm}
                {repair}
            </li>
        }
    };
    let progress = move || {
        let s = status.get();
        let bar = (s.sending && s.total > 1).then(|| {
            view! {
                <p class="small">{r.sending_progress}" "{s.sent}"/"{s.total}</p>
                <progress max=s.total value=s.sent></progress>
            }
        });
        let offline = s
            .offline
            .then(|| view! { <p class="small muted">{r.phone_offline}</p> });
        (bar, offline)
    };
    view! {
        <Transfer user_id />
        <div class="outbox-slot">
            {move || {
                let list = entries.get();
                (!list.is_empty()).then(|| view! {
                    <section class="outbox" aria-live="polite">
                        <h2>{r.outbox_title}</h2>
                        {progress.clone()}
                        <ul class="feed">{list.into_iter().map(item).collect_view()}</ul>
                        <button type="button" class="secondary" on:click=|_| sync_now()>{r.send_now}</button>
                    </section>
                })
            }}
        </div>
    }
}

/// An edit that met another change on the server: both versions, fact by fact, and the
/// author's choice. Nothing is dropped until they choose.
#[component]
fn Chooser(id: String, record_id: String, differences: Vec<Difference>) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let failed = RwSignal::new(false);
    let choose = move |mine: bool| {
        #[cfg(feature = "hydrate")]
        {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                use crate::offline::store;
                let done = if mine {
                    store::keep_mine(&id).await.map(|_| ())
                } else {
                    store::discard(&id).await
                };
                failed.set(done.is_err());
                crate::offline::status::outbox_changed();
                if mine {
                    sync_now();
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (mine, &id);
    };
    let keep = choose.clone();
    let rows = differences
        .into_iter()
        .map(|d| {
            view! {
                <div class="difference">
                    <dt>{d.label}</dt>
                    <dd data-version="mine"><span class="muted">{r.conflict_mine}": "</span>{d.mine}</dd>
                    <dd data-version="theirs"><span class="muted">{r.conflict_theirs}": "</span>{d.theirs}</dd>
                </div>
            }
        })
        .collect::<Vec<_>>();
    let same = rows.is_empty().then_some(r.conflict_same);
    view! {
        <div class="conflict">
            <p>{r.conflict_intro}</p>
            <dl class="differences">{rows}</dl>
            <p class="small">{same}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| keep(true)>{r.keep_mine}</button>
                <button type="button" class="secondary" on:click=move |_| choose(false)>{r.take_theirs}</button>
            </div>
            <a href=format!("/records/{record_id}")>{r.open_record}</a>
            {move || failed.get().then(|| view! {
                <p class="error" role="alert">{AppError::new(ErrorCode::StorageFailed).message_in(lang)}</p>
            })}
        </div>
    }
}

/// An entry brought from a file, and what it does (a new record, an edit, a step of the
/// month): its owner confirms it before it is sent.
#[component]
fn Confirm(id: String, op: &'static str) -> impl IntoView {
    let r = use_lang().records();
    let confirm = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let _ = crate::offline::transfer::confirm(&id).await;
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &id;
    };
    view! {
        <div class="actions">
            <span class="badge">{op}</span>
            <button type="button" class="primary" on:click=confirm>{r.confirm_imported}</button>
        </div>
    }
}

/// What the author may do with an entry the server refused or holds: fix it (a new
/// record: another date moves it out of a signed-off month), or let it go.
#[component]
fn Repair(id: String, fix: Option<String>) -> impl IntoView {
    let r = use_lang().records();
    let discard = move |_| {
        #[cfg(feature = "hydrate")]
        {
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(r.confirm_discard).ok())
                .unwrap_or(false);
            if !sure {
                return;
            }
            let id = id.clone();
            leptos::task::spawn_local(async move {
                let _ = crate::offline::store::discard(&id).await;
                crate::offline::status::outbox_changed();
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = &id;
    };
    view! {
        <div class="actions">
            {fix.map(|href| view! { <a class="button secondary" href=href>{r.fix_entry}</a> })}
            <button type="button" class="secondary danger" on:click=discard>{r.discard_entry}</button>
        </div>
    }
}

/// Export and import of the waiting entries (`offline::transfer`): the person's own
/// entries, in a file locked with a passphrase they type; on import, entries wait until
/// their owner confirms them here.
#[component]
// Long on purpose: the carry file's two halves (seal and read back) share one passphrase
// form and its signals; one view tree, read as the screen reads.
fn Transfer(user_id: i64) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let note = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<AppError>);
    let (passphrase, again, opening) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let chosen = RwSignal::<Option<SendFile>, FileStorage>::new_with_storage(None);
    let done = move |result: Result<String, AppError>| match result {
        Ok(text) => {
            error.set(None);
            note.set(Some(text));
        }
        Err(e) => {
            note.set((e.field.is_none()).then(|| e.message_in(lang).to_owned()));
            error.set(Some(e));
        }
    };
    let export = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let (p, a) = (passphrase.get_untracked(), again.get_untracked());
            let result = crate::offline::transfer::export(user_id, &p, &a).await;
            if result.is_ok() {
                passphrase.set(String::new());
                again.set(String::new());
            }
            done(result.map(|n| format!("{} {n}", r.exported)));
        });
    };
    let choose = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let file = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|input| input.files())
                .and_then(|f| f.get(0));
            chosen.set(file.map(SendFile));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, chosen);
    };
    let import = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            let Some(SendFile(file)) = chosen.get_untracked() else {
                done(Err(AppError::on_field(ErrorCode::Required, "file")));
                return;
            };
            leptos::task::spawn_local(async move {
                let p = opening.get_untracked();
                let result = crate::offline::transfer::import(file, &p).await;
                if result.is_ok() {
                    opening.set(String::new());
                }
                done(result.map(|n| format!("{} {n}", r.imported)));
            });
        }
    };
    #[cfg(not(feature = "hydrate"))]
    let _ = (user_id, done, opening);
    let secret = move |label: &'static str, field: &'static str, value: RwSignal<String>| {
        let id = format!("t-{field}");
        view! {
            <label for=id.clone()>{label}</label>
            <input id=id type="password" autocomplete="new-password" name=field
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev)) />
            <FieldMessage error=error field />
        }
    };
    view! {
        <details class="transfer">
            <summary>{r.transfer_title}</summary>
            <p class="small">{r.transfer_intro}</p>
            <form class="stack" on:submit=export>
                {secret(r.passphrase, "passphrase", passphrase)}
                <p class="small muted">{r.passphrase_hint}</p>
                {secret(r.passphrase_again, "passphrase_again", again)}
                <button type="submit" class="secondary">{r.export_file}</button>
            </form>
            <form class="stack" on:submit=import>
                <label class="button secondary file-button">
                    {r.import_choose}
                    <input type="file" accept="application/json,.json" data-outbox="import" on:change=choose />
                </label>
                <FieldMessage error=error field="file" />
                {secret(r.import_passphrase, "import_passphrase", opening)}
                <button type="submit" class="secondary">{r.import_file}</button>
            </form>
            <p class="small" role="status">{move || note.get()}</p>
        </details>
    }
}

/// A chosen file. In the browser it holds a `File`, which stays on its thread; on the
/// server nothing is ever chosen, and a thread-bound signal there would be dropped by
/// whichever worker thread finishes the render, which panics.
#[derive(Clone)]
struct SendFile(#[cfg(feature = "hydrate")] web_sys::File);
#[cfg(feature = "hydrate")]
type FileStorage = LocalStorage;
#[cfg(not(feature = "hydrate"))]
type FileStorage = SyncStorage;
