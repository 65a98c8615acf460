//! The team's month (the leader reviews, signs off; the commune police accept, return or
//! reopen) and the commune police's overview of every team's month.

use super::log::loaded;
use super::team::route_id;
use crate::api::month::{get_month, get_unit_months, mark_seen, RemindTeam};
use crate::components::review::{OfflineSigner, ReviewControls, StepForm};
use crate::components::use_lang;
use crate::dto::month::{MonthScreen, UnitMonthsScreen};
use crate::offline::outbox::Signer;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map};
use leptos_router::{lazy_route, LazyRoute};

fn month_param() -> Memo<String> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("month").unwrap_or_default())
}

/// A team's month and a unit's overview of its teams' months are one lazy part of the
/// app: they share the reminder and the page frame, which would otherwise be code every
/// screen downloads.
pub struct MonthPage {
    units: Memo<bool>,
    id: Memo<i64>,
    month: Memo<String>,
}

#[lazy_route]
impl LazyRoute for MonthPage {
    fn data() -> Self {
        let location = use_location();
        Self {
            units: Memo::new(move |_| location.pathname.read().starts_with("/units/")),
            id: route_id(),
            month: month_param(),
        }
    }

    fn view(this: Self) -> AnyView {
        let (id, month) = (this.id, this.month);
        if this.units.get_untracked() {
            let screen = Resource::new(
                move || (id.get(), month.get()),
                |(u, m)| get_unit_months(u, m),
            );
            return loaded(screen, |s| view! { <UnitMonths screen=s /> }).into_any();
        }
        let screen = Resource::new(move || (id.get(), month.get()), |(t, m)| get_month(t, m));
        loaded(screen, move |s| {
            view! { <Month screen=s on_change=move || screen.refetch() /> }
        })
        .into_any()
    }
}

#[component]
// Long on purpose: the month screen's one view tree, read as the screen reads (state,
// gaps, members, indicators, records, steps, trail); its parts share the screen's signals.
fn Month(
    screen: MonthScreen,
    on_change: impl Fn() + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let m = lang.month();
    let s = screen;
    provide_context(OfflineSigner(Signer {
        user_id: s.user_id,
        name: s.user_name.clone(),
        team_id: s.team_id,
    }));
    let base = format!("/teams/{}/months", s.team_id);
    let (team_id, month, version) = (s.team_id, s.month.clone(), s.version);
    let seen = month.clone();
    Effect::new(move |_| {
        let month = seen.clone();
        leptos::task::spawn_local(async move {
            // Only notices hang on it: with no signal they are read next time.
            let _ = mark_seen(team_id, month, None).await;
        });
    });
    let gaps = s.gaps.clone();
    let no_gaps = gaps.is_empty() && s.state != "submitted" && s.state != "accepted";
    let members = s
        .members
        .into_iter()
        .map(|p| {
            view! {
                <tr>
                    <th scope="row">{p.name}</th>
                    <td>{p.patrols}</td>
                    <td>{p.tips}</td>
                    <td>{p.good_deeds}</td>
                    <td>{p.records}</td>
                </tr>
            }
        })
        .collect_view();
    let indicators = s
        .indicators
        .into_iter()
        .map(|i| {
            view! {
                <li data-state=i.state>
                    <span>{i.label}</span>
                    <strong>{i.value}</strong>
                    {i.target.map(|t| view! { <span class="muted small">{t}</span> })}
                </li>
            }
        })
        .collect_view();
    let can_review = s.can_review;
    let no_records = s.records.is_empty();
    let records = s
        .records
        .into_iter()
        .map(|r| {
            let pending = r.review != "accepted";
            view! {
                <li class="review-line" data-review=r.review.clone()>
                    <a class="card" href=format!("/records/{}", r.id)>
                        <span class="card-title">{r.kind_label}" · "{r.headline}</span>
                        <span class="card-meta muted">
                            <span>{r.when}</span>
                            <span>{r.author}</span>
                            <span class="badge" data-review=r.review.clone()>{r.review_label}</span>
                        </span>
                        {(!r.comment.is_empty()).then(|| view! { <span class="small">{r.comment}</span> })}
                    </a>
                    {(can_review && pending).then(|| view! {
                        <ReviewControls id=r.id.clone() version=r.version on_change />
                    })}
                </li>
            }
        })
        .collect_view();
    let trail_empty = s.trail.is_empty();
    let trail = s
        .trail
        .into_iter()
        .map(|t| {
            let what = match t.record_href {
                Some(href) => view! { <a href=href>{t.what}</a> }.into_any(),
                None => view! { <strong>{t.what}</strong> }.into_any(),
            };
            view! {
                <li>
                    {what}" · "{t.who}" · "{t.when}
                    {(!t.reason.is_empty()).then(|| view! { <br /><span class="small">{t.reason}</span> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{m.title}</h1>
        <p class="lead">{s.team_name.clone()}" · "{s.month_label.clone()}</p>
        <nav class="month-nav">
            <a href=format!("{base}/{}", s.previous)>{m.previous}</a>
            {s.next.clone().map(|n| view! { <a href=format!("{base}/{n}")>{m.next}</a> })}
        </nav>
        <p class="month-state" data-state=s.state.clone()>
            <span class="badge">{s.state_label.clone()}</span>
            " "{m.deadline}": "{s.deadline.clone()}
            {s.late.then(|| view! { <span class="badge late">{m.late}</span> })}
        </p>
        {(s.days_left > 0).then(|| view! {
            <p class="muted">{m.days_left.replace("{n}", &s.days_left.to_string())}</p>
        })}
        {s.locked.then(|| view! {
            <p class="notice">{m.locked_note.replace("{m}", &s.month_label)}</p>
        })}
        {(!gaps.is_empty()).then(|| view! {
            <section class="gaps">
                <h2>{m.gaps_title}</h2>
                <ul>{gaps.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul>
            </section>
        })}
        {no_gaps.then(|| view! { <p class="notice">{m.no_gaps}</p> })}

        <h2>{m.records_title}</h2>
        {no_records.then(|| view! { <p class="muted">{m.no_records}</p> })}
        <ul class="feed month-records">{records}</ul>

        <h2>{m.meeting_title}</h2>
        {match s.meeting_href.clone() {
            Some(href) => view! { <p><a href=href>{m.meeting_logged}</a></p> }.into_any(),
            None => view! {
                <p class="muted">{m.meeting_missing}</p>
                {s.can_log.then(|| view! {
                    <a class="button secondary" href=format!("/teams/{team_id}/log/meeting")>{m.log_meeting}</a>
                })}
            }.into_any(),
        }}

        <h2>{m.members_title}</h2>
        <div class="table-scroll">
            <table class="indicators month-members">
                <thead><tr>
                    <th scope="col">{m.col_member}</th>
                    <th scope="col">{m.col_patrols}</th>
                    <th scope="col">{m.col_tips}</th>
                    <th scope="col">{m.col_deeds}</th>
                    <th scope="col">{m.col_records}</th>
                </tr></thead>
                <tbody>{members}</tbody>
            </table>
        </div>

        <h2>{m.indicators_title}</h2>
        <ul class="month-indicators">{indicators}</ul>

        <section class="report">
            <h2>{m.report_title}</h2>
            <p class="muted">{m.summary}": "{s.summary.join(" · ")}</p>
            {(!s.can_submit && !s.remarks.is_empty()).then(|| view! {
                <p class="remarks">{s.remarks.clone()}</p>
            })}
            {s.can_submit.then(|| view! {
                <StepForm team_id month=month.clone() version step="submit" label=m.submit
                    remarks=s.remarks.clone() hint=m.submit_hint on_change />
            })}
            {s.can_accept.then(|| view! {
                <StepForm team_id month=month.clone() version step="accept" label=m.accept_month on_change />
            })}
            {s.can_return.then(|| view! {
                <StepForm team_id month=month.clone() version step="return" label=m.return_month with_reason=true on_change />
            })}
            {s.can_reopen.then(|| view! {
                <StepForm team_id month=month.clone() version step="reopen" label=m.reopen with_reason=true on_change />
            })}
            {s.can_remind.then(|| view! { <Remind team_id month=month.clone() /> })}
        </section>

        <h2>{m.trail_title}</h2>
        {trail_empty.then(|| view! { <p class="muted">{m.no_trail}</p> })}
        <ul class="history month-trail">{trail}</ul>
    }
}

/// The commune police's reminder to a team's leader.
#[component]
fn Remind(team_id: i64, month: String) -> impl IntoView {
    let lang = use_lang();
    let m = lang.month();
    let remind = ServerAction::<RemindTeam>::new();
    view! {
        <ActionForm action=remind attr:class="remind">
            <input type="hidden" name="team_id" value=team_id />
            <input type="hidden" name="month" value=month />
            <button type="submit" class="secondary" disabled=move || remind.pending().get()>{m.remind}</button>
        </ActionForm>
        {move || remind.value().get().map(|r| match r {
            Ok(_) => view! { <p class="notice" role="status">{m.reminded}</p> }.into_any(),
            Err(e) => view! { <p class="error-box" role="alert">{e.message_in(lang)}</p> }.into_any(),
        })}
    }
}

#[component]
fn UnitMonths(screen: UnitMonthsScreen) -> impl IntoView {
    let lang = use_lang();
    let m = lang.month();
    let s = screen;
    let base = format!("/units/{}/months", s.unit_id);
    let month = s.month.clone();
    let total = s.rows.len();
    let rows = s
        .rows
        .into_iter()
        .map(|r| {
            let month = month.clone();
            view! {
                <li class="team-month" data-state=r.state.clone()>
                    <a class="card" href=r.href>
                        <span class="card-title">{r.team_name}</span>
                        <span class="card-meta muted">
                            <span>{r.commune_name}</span>
                            <span class="badge">{r.state_label}</span>
                            {r.late.then(|| view! { <span class="badge late">{m.late}</span> })}
                            {r.submitted_at.map(|t| view! { <span>{m.submitted_on}" "{t}</span> })}
                        </span>
                    </a>
                    {r.can_remind.then(|| view! { <Remind team_id=r.team_id month /> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{m.commune_months}</h1>
        <p class="lead">{s.unit_name.clone()}" · "{s.month_label.clone()}</p>
        <nav class="month-nav">
            <a href=format!("{base}/{}", s.previous)>{m.previous}</a>
            {s.next.clone().map(|n| view! { <a href=format!("{base}/{n}")>{m.next}</a> })}
        </nav>
        <p>{m.deadline}": "{s.deadline.clone()}" · "{s.submitted}" / "{total}
            {(s.late > 0).then(|| view! { " · "<span class="badge late">{m.late}": "{s.late}</span> })}
        </p>
        <ul class="feed">{rows}</ul>
    }
}
