//! Logging: the choice of what to log (and the one-tap patrol start), the form for a new
//! record, and the same form for an edit.

use super::team::route_id;
use crate::api::log::{get_edit_form, get_log_form, StartPatrol};
use crate::components::record_form::RecordFormView;
use crate::components::{use_lang, ErrorBox, Loading, Page};
use crate::domain::records::RecordKind;
use crate::domain::ErrorCode;
use crate::dto::log::LogFormView;
use crate::dto::AppError;
use crate::i18n::records::kind_label;
use crate::offline::outbox::fixable_by;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use leptos_router::{lazy_route, LazyRoute};

/// A screen that loads one thing and shows it, or sends a signed-out visitor to log in.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    show: impl Fn(T) -> V + Send + Sync + Copy + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense fallback=|| view! { <Page><Loading /></Page> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(v) => view! { <Page signed_in=true>{show(v)}</Page> }.into_any(),
                    Err(e) if e.code == ErrorCode::Unauthenticated => view! { <Redirect path="/login" /> }.into_any(),
                    Err(e) => view! { <Page signed_in=true><ErrorBox error=e /></Page> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The record screens are lazy routes: their code arrives when one is first opened, so
/// the sign-in screen stays light.
pub struct LogPickerPage {
    team: Memo<i64>,
}

#[lazy_route]
impl LazyRoute for LogPickerPage {
    // The data is asked for in the lazy part too: decoding it is code the sign-in
    // screen should not download.
    fn data() -> Self {
        Self { team: route_id() }
    }

    fn view(this: Self) -> AnyView {
        let team = this.team;
        // The patrol form's fresh id doubles as the id of a one-tap patrol.
        let form = Resource::new(
            move || team.get(),
            |team| get_log_form(team, "patrol".into()),
        );
        loaded(form, |v| view! { <KindPicker view=v /> }).into_any()
    }
}

#[component]
fn KindPicker(view: LogFormView) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let start = ServerAction::<StartPatrol>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = start.value().get() {
            navigate(&format!("/records/{id}"), Default::default());
        }
    });
    let error = move || {
        start
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    let team = view.team_id;
    view! {
        <h1>{r.log_title}</h1>
        <p class="muted">{view.team_name}" · "{r.log_intro}</p>
        {error}
        <ActionForm action=start>
            <input type="hidden" name="team_id" value=team />
            <input type="hidden" name="id" value=view.form.id />
            <button type="submit" class="primary big start-patrol" disabled=move || start.pending().get()>
                {r.start_patrol}
            </button>
        </ActionForm>
        <ul class="kinds">
            {RecordKind::ALL.into_iter().map(|k| view! {
                <li>
                    <a class="button secondary kind" href=format!("/teams/{team}/log/{}", k.as_str())
                        data-kind=k.as_str()>{kind_label(lang, k)}</a>
                </li>
            }).collect_view()}
        </ul>
    }
}

pub struct LogFormPage {
    team: Memo<i64>,
    kind: Memo<String>,
    /// `?entry=`: an unsent entry on this phone to fix, instead of a new record.
    entry: Memo<Option<String>>,
}

#[lazy_route]
impl LazyRoute for LogFormPage {
    fn data() -> Self {
        let team = route_id();
        let params = use_params_map();
        let kind = Memo::new(move |_| params.read().get("kind").unwrap_or_default());
        let query = use_query_map();
        let entry = Memo::new(move |_| query.read().get("entry"));
        Self { team, kind, entry }
    }

    fn view(this: Self) -> AnyView {
        let (team, kind, entry) = (this.team, this.kind, this.entry);
        let form = Resource::new(
            move || (team.get(), kind.get()),
            |(t, k)| get_log_form(t, k),
        );
        loaded(form, move |v| {
            let lang = use_lang();
            let title = RecordKind::parse(&v.form.kind).map(|k| kind_label(lang, k));
            let form = match entry.get_untracked() {
                Some(id) => view! { <FixEntry view=v.clone() id /> }.into_any(),
                None => view! { <RecordFormView view=v.clone() /> }.into_any(),
            };
            view! {
                <h1>{title}</h1>
                <p class="muted">{v.team_name.clone()}</p>
                {form}
            }
        })
        .into_any()
    }
}

/// The form filled in from an entry kept on this phone (only the phone has it, so the
/// server renders the wait and the browser the form).
#[component]
fn FixEntry(view: LogFormView, id: String) -> impl IntoView {
    let r = use_lang().records();
    let found = LocalResource::new(move || {
        let id = id.clone();
        async move {
            #[cfg(feature = "hydrate")]
            {
                crate::offline::store::entry(&id).await.ok().flatten()
            }
            #[cfg(not(feature = "hydrate"))]
            {
                let _ = id;
                None::<crate::offline::outbox::Entry>
            }
        }
    });
    view! {
        <Suspense fallback=|| view! { <Loading /> }>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    let user = view.user_id;
                    let fixable = found.await.and_then(|e| fixable_by(&e, user).map(|f| (e, f)));
                    match fixable {
                        Some((entry, form)) => {
                            let view = LogFormView { form, ..view };
                            view! { <RecordFormView view fixing=entry /> }.into_any()
                        }
                        None => view! { <p class="notice">{r.entry_gone}</p> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

pub struct EditRecordPage {
    id: Memo<String>,
}

#[lazy_route]
impl LazyRoute for EditRecordPage {
    fn data() -> Self {
        let params = use_params_map();
        let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
        Self { id }
    }

    fn view(this: Self) -> AnyView {
        let id = this.id;
        let form = Resource::new(move || id.get(), get_edit_form);
        loaded(form, |v| {
            let lang = use_lang();
            let kind = RecordKind::parse(&v.form.kind).map(|k| kind_label(lang, k));
            view! {
                <h1>{lang.records().edit_title}</h1>
                <p class="muted">{kind}" · "{v.team_name.clone()}</p>
                <RecordFormView view=v />
            }
        })
        .into_any()
    }
}
