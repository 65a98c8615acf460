//! One record: its facts, photos and history; edit and delete for those who may; and for
//! a patrol under way, the GPS route and the finish button.

use super::log::loaded;
use crate::api::log::{get_record, AssessTip, DeleteRecord, FinishPatrol, ForwardTip};
use crate::api::month::mark_seen;
use crate::components::{use_lang, FieldMessage};
use crate::domain::records::patrol::{with_end_point, TrackPoint};
use crate::dto::log::RecordDetail;
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
// Long on purpose: one view tree, read as the record's page reads.
fn Detail(
    detail: RecordDetail,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let d = detail;
    let seen = (d.team_id, d.month.clone(), d.id.clone());
    Effect::new(move |_| {
        let (team, month, id) = seen.clone();
        leptos::task::spawn_local(async move {
            // Only notices hang on it: with no signal they are read next time.
            let _ = mark_seen(team, month, Some(id)).await;
        });
    });
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
        <PendingOnPhone record_id=d.id.clone() team_id=d.team_id />
        {d.locked_note.clone().map(|n| view! { <p class="notice locked">{n}</p> })}
        {(d.review == "returned").then(|| view! {
            <section class="returned" role="status">
                <p><strong>{d.returned_title.clone()}</strong></p>
                <p>{d.review_comment.clone()}</p>
            </section>
        })}
        <dl class="facts record-facts">{rows}</dl>
        {has_photos.then(|| view! { <ul class="thumbs record-photos">{photos}</ul> })}
        {d.can_forward.then(|| view! { <ForwardButton id=d.id.clone() version=d.version on_change /> })}
        {d.can_assess.then(|| view! {
            <AssessmentForm id=d.id.clone() version=d.version valuable=d.assessed_valuable
                outcome=d.assessment_outcome.clone() on_change />
        })}
        {d.can_edit.then(|| view! {
            <RecordActions id=d.id.clone() team=d.team_id version=d.version />
        })}
        {d.review_href.clone().map(|href| view! {
            <p class="review-link">
                <span class="badge" data-review=d.review.clone()>{d.review_label.clone()}</span>
                " "<a class="button secondary" href=href>{r.review_in_month}</a>
            </p>
        })}
        <h2>{r.history}</h2>
        <ul class="history">{history}</ul>
    }
}

/// A change of this record saved on the phone and not yet on the server: what the screen
/// shows is the server's version, and the person should know theirs is on its way (or
/// waits for them to choose, on the team's activity page).
#[component]
fn PendingOnPhone(record_id: String, team_id: i64) -> impl IntoView {
    let r = use_lang().records();
    let pending = RwSignal::new(None::<bool>);
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        if let Ok(cards) = crate::offline::store::cards().await {
            let mine: Vec<_> = cards
                .into_iter()
                .filter(|c| c.record_id == record_id && c.mutation.op == "update")
                .collect();
            if !mine.is_empty() {
                pending.set(Some(mine.iter().any(|c| c.is_conflict())));
            }
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = record_id;
    move || {
        pending.get().map(|conflict| {
            view! {
                <p class="notice pending-edit" role="status">
                    {if conflict { r.edit_conflicts } else { r.edit_pending }}" "
                    <a href=format!("/teams/{team_id}/records")>{r.feed_title}</a>
                </p>
            }
        })
    }
}

/// Stamps the moment a tip was passed to the commune police.
#[component]
fn ForwardButton(
    id: String,
    version: i64,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let forward = ServerAction::<ForwardTip>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = forward.value().get() {
            on_change();
        }
    });
    view! {
        <ActionForm action=forward>
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="version" value=version />
            <button type="submit" class="primary big" disabled=move || forward.pending().get()>
                {lang.records().forward_now}
            </button>
        </ActionForm>
        {move || forward.value().get().and_then(Result::err).map(|e| view! {
            <p class="error-box" role="alert">{e.message_in(lang)}</p>
        })}
    }
}

/// The commune police judge whether a tip was of value and note what came of it.
#[component]
fn AssessmentForm(
    id: String,
    version: i64,
    valuable: Option<bool>,
    outcome: String,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let assess = ServerAction::<AssessTip>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = assess.value().get() {
            on_change();
        }
    });
    let error = Signal::derive(move || assess.value().get().and_then(Result::err));
    view! {
        <section class="assess">
            <h2>{r.assess_title}</h2>
            <ActionForm action=assess attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id />
                <input type="hidden" name="version" value=version />
                <fieldset class="choices">
                    <legend>{r.assessment}</legend>
                    <label class="check">
                        <input type="radio" name="valuable" value="yes" checked=valuable == Some(true) />
                        <span>{r.valuable}</span>
                    </label>
                    <label class="check">
                        <input type="radio" name="valuable" value="no" checked=valuable == Some(false) />
                        <span>{r.not_valuable}</span>
                    </label>
                </fieldset>
                <FieldMessage error field="valuable" />
                <label for="assessment-outcome">{r.assessment_outcome}</label>
                <textarea id="assessment-outcome" name="outcome" rows="3">{outcome}</textarea>
                <FieldMessage error field="assessment_outcome" />
                {move || error.get().filter(|e| e.field.is_none()).map(|e| view! {
                    <p class="error-box" role="alert">{e.message_in(lang)}</p>
                })}
                <button type="submit" class="primary" disabled=move || assess.pending().get()>{r.save_assessment}</button>
            </ActionForm>
        </section>
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
    let track = RwSignal::new(Vec::<TrackPoint>::new());
    // The last fix, kept even when it is less than a step from the track: it is the
    // patrol's end point.
    let latest = RwSignal::new(None::<TrackPoint>);
    let status = RwSignal::new(r.gps_foreground);
    #[cfg(feature = "hydrate")]
    {
        use crate::browser::gps::{watch, GpsProblem};
        use crate::domain::records::patrol::worth_keeping;
        let started = watch(
            move |lat, lon, ms| {
                status.set(r.gps_recording);
                let at = chrono::DateTime::from_timestamp_millis(ms as i64).unwrap_or_default();
                let fix = TrackPoint { at, lat, lon };
                if track.with_untracked(|t| worth_keeping(t, lat, lon)) {
                    track.update(|t| t.push(fix.clone()));
                }
                latest.set(Some(fix));
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
    let track_json = move || {
        let full = track.with(|t| with_end_point(t, latest.get().as_ref()));
        serde_json::to_string(&full).unwrap_or_default()
    };
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
