//! One record: its facts, photos and history; edit and delete for those who may; and for
//! a patrol under way, the GPS route and the finish button.

use super::log::loaded;
use crate::api::log::{get_record, DeleteRecord, FinishPatrol, RecordDetail};
use crate::components::{use_lang, FieldMessage};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::{lazy_route, LazyRoute};

pub struct RecordPage {
    id: Memo<String>,
}

#[lazy_route]
impl LazyRoute for RecordPage {
    fn data() -> Self {
        let params = use_params_map();
        let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
        Self { id }
    }

    fn view(this: Self) -> AnyView {
        let id = this.id;
        let detail = Resource::new(move || id.get(), get_record);
        loaded(
            detail,
            move |d| view! { <Detail detail=d on_change=move || detail.refetch() /> },
        )
        .into_any()
    }
}

#[component]
fn Detail(
    detail: RecordDetail,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let d = detail;
    let rows = d
        .facts
        .into_iter()
        .map(|f| view! { <dt>{f.label}</dt><dd>{f.value}</dd> })
        .collect_view();
    let history = d
        .history
        .into_iter()
        .map(|h| {
            let diff = (!h.changes.is_empty()).then(|| {
                view! {
                    <ul class="diff">
                        {h.changes.into_iter().map(|c| view! {
                            <li>{c.label}": "<del>{c.before}</del>" → "<ins>{c.after}</ins></li>
                        }).collect_view()}
                    </ul>
                }
            });
            view! {
                <li><strong>{h.action}</strong>" · "{h.who}" · "{h.when}{diff}</li>
            }
        })
        .collect_view();
    let has_photos = !d.photos.is_empty();
    let photos = d
        .photos
        .into_iter()
        .map(|p| view! { <li><img src=format!("/api/v1/photos/{p}") alt=r.photo_alt loading="lazy" /></li> })
        .collect_view();
    view! {
        <h1>{d.kind_label}</h1>
        <p class="lead">{d.headline}</p>
        <p class="muted">
            <a href=format!("/teams/{}/records", d.team_id)>{d.team_name}</a>
            " · "{r.logged_by}": "{d.author}
        </p>
        {(d.under_way && d.can_edit).then(|| view! {
            <PatrolTracker id=d.id.clone() version=d.version on_change />
        })}
        <dl class="facts record-facts">{rows}</dl>
        {has_photos.then(|| view! { <ul class="thumbs record-photos">{photos}</ul> })}
        {d.can_edit.then(|| view! {
            <RecordActions id=d.id.clone() team=d.team_id version=d.version />
        })}
        <h2>{r.history}</h2>
        <ul class="history">{history}</ul>
    }
}

#[component]
fn RecordActions(id: String, team: i64, version: i64) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let delete = ServerAction::<DeleteRecord>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate(&format!("/teams/{team}/records"), Default::default());
        }
    });
    let error = move || {
        delete
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> })
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            let sure = web_sys::window()
                .and_then(|w| w.confirm_with_message(r.confirm_delete).ok())
                .unwrap_or(false);
            if !sure {
                ev.prevent_default();
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        {error}
        <div class="actions">
            <a class="button secondary" href=format!("/records/{id}/edit")>{r.edit}</a>
            <ActionForm action=delete on:submit:capture=confirm>
                <input type="hidden" name="id" value=id.clone() />
                <input type="hidden" name="version" value=version />
                <button type="submit" class="secondary danger">{r.delete}</button>
            </ActionForm>
        </div>
    }
}

/// Records the route while this screen is open and ends the patrol.
#[component]
fn PatrolTracker(
    id: String,
    version: i64,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let finish = ServerAction::<FinishPatrol>::new();
    let track = RwSignal::new(Vec::<crate::domain::records::patrol::TrackPoint>::new());
    let status = RwSignal::new(r.gps_foreground);
    #[cfg(feature = "hydrate")]
    {
        use crate::browser::gps::{watch, GpsProblem};
        use crate::domain::records::patrol::{worth_keeping, TrackPoint};
        let started = watch(
            move |lat, lon, ms| {
                status.set(r.gps_recording);
                if track.with_untracked(|t| worth_keeping(t, lat, lon)) {
                    let at = chrono::DateTime::from_timestamp_millis(ms as i64).unwrap_or_default();
                    track.update(|t| t.push(TrackPoint { at, lat, lon }));
                }
            },
            move |p| {
                status.set(if p == GpsProblem::Denied {
                    r.gps_denied
                } else {
                    r.gps_unavailable
                })
            },
        );
        match started {
            // Owned by this screen: leaving it drops the watch, which stops the GPS.
            Ok(w) => drop(StoredValue::new_local(w)),
            Err(p) => status.set(if p == GpsProblem::Denied {
                r.gps_denied
            } else {
                r.gps_unavailable
            }),
        }
    }
    Effect::new(move |_| {
        if let Some(Ok(())) = finish.value().get() {
            on_change();
        }
    });
    let error = Signal::derive(move || finish.value().get().and_then(Result::err));
    let track_json = move || serde_json::to_string(&track.get()).unwrap_or_default();
    view! {
        <section class="notice patrol-live" aria-live="polite">
            <p><strong>{r.patrol_under_way}</strong></p>
            <p class="small">{move || status.get()}</p>
            <p class="small">{r.gps_points}": "<span data-track-points>{move || track.with(Vec::len)}</span></p>
            <ActionForm action=finish>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <input type="hidden" name="track" prop:value=track_json />
                <button type="submit" class="primary big" disabled=move || finish.pending().get()>{r.finish_patrol}</button>
            </ActionForm>
            <FieldMessage error field="ended_at" />
            {move || error.get().filter(|e| e.field.is_none()).map(|e| view! { <p class="field-error">{e.message_in(lang)}</p> })}
        </section>
    }
}
