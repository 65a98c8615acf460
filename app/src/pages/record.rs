//! One record: its facts, photos and history; edit and delete for those who may; and for
//! a patrol under way, the GPS route and the finish button.

use super::log::loaded;
use crate::api::log::{get_record, DeleteRecord, FinishPatrol, RecordDetail};
use crate::components::record_facts::{changes, facts, headline, Names};
use crate::components::{format_datetime, use_lang, FieldMessage};
use crate::domain::records::RecordBody;
use crate::i18n::records::{history_action, kind_label};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn RecordPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let detail = Resource::new(move || id.get(), get_record);
    loaded(
        detail,
        move |d| view! { <Detail detail=d on_change=move || detail.refetch() /> },
    )
}

#[component]
fn Detail(
    detail: RecordDetail,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let rec = detail.record;
    let names = Names {
        members: &detail.members,
        categories: &detail.categories,
    };
    let rows = facts(lang, &rec.body, rec.informant.as_ref(), &names)
        .into_iter()
        .map(|(label, value)| view! { <dt>{label}</dt><dd>{value}</dd> })
        .collect_view();
    let history = detail
        .history
        .iter()
        .map(|h| {
            let diff = match (&h.before, &h.after) {
                (Some(b), Some(a)) => changes(lang, b, a, &names),
                _ => Vec::new(),
            };
            view! {
                <li>
                    <strong>{history_action(lang, &h.action)}</strong>
                    " · "{h.user_name.clone()}" · "{format_datetime(h.at)}
                    {(!diff.is_empty()).then(|| view! {
                        <ul class="diff">
                            {diff.into_iter().map(|(l, b, a)| view! {
                                <li>{l}": "<del>{b}</del>" → "<ins>{a}</ins></li>
                            }).collect_view()}
                        </ul>
                    })}
                </li>
            }
        })
        .collect_view();
    let under_way = matches!(&rec.body, RecordBody::Patrol(p) if p.ended_at.is_none());
    let photos = rec
        .photos
        .iter()
        .map(|p| view! { <li><img src=format!("/api/v1/photos/{p}") alt=r.photo_alt loading="lazy" /></li> })
        .collect_view();
    view! {
        <h1>{kind_label(lang, rec.kind)}</h1>
        <p class="lead">{headline(lang, &rec.body, &names)}</p>
        <p class="muted">
            <a href=format!("/teams/{}/records", rec.team_id)>{detail.team_name.clone()}</a>
            " · "{r.logged_by}": "{rec.author_name.clone()}
        </p>
        {(under_way && rec.can_edit).then(|| view! {
            <PatrolTracker id=rec.id.clone() version=rec.version on_change />
        })}
        <dl class="facts record-facts">{rows}</dl>
        {(!rec.photos.is_empty()).then(|| view! { <ul class="thumbs record-photos">{photos}</ul> })}
        {rec.can_edit.then(|| view! {
            <RecordActions id=rec.id.clone() team=rec.team_id version=rec.version />
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
