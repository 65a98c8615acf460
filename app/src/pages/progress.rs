//! The team's progress this month, counted on the phone from the records it holds and
//! the entries waiting to be sent, so that a member can see it with no signal. The
//! server sends only what counting needs (rules, roster, campaigns); the numbers are
//! the phone's own.

use super::log::loaded;
use super::team::route_id;
use crate::api::progress::get_counting_kit;
use crate::components::{format_datetime, use_lang};
use crate::domain::indicators::{Period, Shape, Standing};
use crate::dto::progress::CountingKit;
use crate::i18n::indicators::{indicator_label, period_label, target_text, value_text};
use crate::offline::team_copy::Progress;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

pub struct ProgressPage {
    team: Memo<i64>,
}

#[lazy_route]
impl LazyRoute for ProgressPage {
    fn data() -> Self {
        Self { team: route_id() }
    }

    fn view(this: Self) -> AnyView {
        let team = this.team;
        let kit = Resource::new(move || team.get(), get_counting_kit);
        loaded(kit, |kit| view! { <TeamProgress kit /> }).into_any()
    }
}

/// How current the phone's copy of the team's records is.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum CopyState {
    Reading,
    Fresh(Option<DateTime<Utc>>),
    Offline(Option<DateTime<Utc>>),
}

#[component]
fn TeamProgress(kit: CountingKit) -> impl IntoView {
    let lang = use_lang();
    let t = lang.indicators();
    let shown = RwSignal::new(None::<Progress>);
    let copy = RwSignal::new(CopyState::Reading);
    #[cfg(feature = "hydrate")]
    {
        let status = crate::offline::status::status();
        let kit = kit.clone();
        // Counted again when the outbox changes and after each sync round (which is when
        // sent entries have left the outbox and the server has them).
        let tick = Memo::new(move |_| {
            let s = status.get();
            (s.changes, s.rounds)
        });
        // Counts overlap when the sync reports several changes at once; only the latest
        // may show, or a count begun before the sync finished could overwrite a newer one.
        let latest = StoredValue::new(0u32);
        Effect::new(move |_| {
            // Read, not only tracked: a memo nobody reads never subscribes to its source.
            let _ = tick.get();
            latest.update_value(|n| *n = n.wrapping_add(1));
            let run = latest.get_value();
            let current = move || latest.get_value() == run;
            let kit = kit.clone();
            leptos::task::spawn_local(async move {
                use crate::offline::progress::{catch_up, count, held};
                let mut held = held(&kit).await;
                let first = count(&kit, &held).await;
                if current() {
                    shown.set(Some(first));
                }
                let fresh = catch_up(&kit, &mut held).await;
                let counted = count(&kit, &held).await;
                if !current() {
                    return;
                }
                shown.set(Some(counted));
                copy.set(if fresh {
                    CopyState::Fresh(held.pulled_at)
                } else {
                    CopyState::Offline(held.pulled_at)
                });
            });
        });
    }
    let copy_note = move || match copy.get() {
        CopyState::Reading => None,
        CopyState::Fresh(at) => Some(("fresh", format!("{} {}", t.copy_fresh, when(at)))),
        CopyState::Offline(Some(at)) => Some((
            "offline",
            format!("{} {}", t.copy_offline, format_datetime(at)),
        )),
        CopyState::Offline(None) => Some(("none", t.copy_none.to_owned())),
    };
    let body = move || match shown.get() {
        None => view! { <p class="muted" data-counting="">{t.counting}</p> }.into_any(),
        Some(p) => view! { <Counted progress=p /> }.into_any(),
    };
    view! {
        <h1>{t.progress_title}</h1>
        <p class="lead">{kit.team_name.clone()}</p>
        <p class="muted small">{t.progress_lead}</p>
        {move || copy_note().map(|(state, text)| view! {
            <p class="notice small copy-state" data-copy=state>{text}</p>
        })}
        {body}
        <p>
            <a class="button secondary" href=format!("/teams/{}/indicators", kit.team_id)>{t.server_table}</a>
        </p>
    }
}

fn when(at: Option<DateTime<Utc>>) -> String {
    at.map(format_datetime).unwrap_or_default()
}

#[component]
fn Counted(progress: Progress) -> impl IntoView {
    let lang = use_lang();
    let t = lang.indicators();
    let month = Period::Month {
        year: progress.month.year,
        month: progress.month.month,
    };
    let rows = progress
        .standings
        .into_iter()
        .map(|s| view! { <Line s /> })
        .collect_view();
    view! {
        <p class="progress-month"><strong>{period_label(lang, &month)}</strong></p>
        {match progress.campaign {
            Some(c) => view! { <p class="muted">{t.campaign}": "{c}</p> }.into_any(),
            None => view! { <p class="notice">{t.no_campaign}</p> }.into_any(),
        }}
        <p class="small progress-counted" data-records=progress.records data-unsent=progress.unsent>
            {t.records_counted}": "<strong>{progress.records}</strong>
            {(progress.unsent > 0).then(|| view! { " ("{t.unsent_counted}": "{progress.unsent}")" })}
        </p>
        <ul class="progress-list">{rows}</ul>
        // Unlike the server's table, these cards open no records: only the marks are explained.
        <p class="muted small">{t.marks}</p>
    }
}

#[component]
fn Line(s: Standing) -> impl IntoView {
    let lang = use_lang();
    let t = lang.indicators();
    let shape = s.indicator.shape();
    let (state, mark) = match s.met {
        Some(true) => ("met", format!("✓ {}", t.met)),
        Some(false) => ("missed", format!("✗ {}", t.missed)),
        None if s.value.is_none() => ("none", t.no_data.to_owned()),
        None => ("none", String::new()),
    };
    let detail = (shape == Shape::Ratio && s.denominator > 0)
        .then(|| format!("{}/{}", s.numerator, s.denominator));
    view! {
        <li class="card progress-row" data-indicator=s.indicator.code() data-state=state>
            <span class="card-title">
                <span class="section">{s.indicator.section()}</span>" "{indicator_label(lang, s.indicator)}
            </span>
            <span class="progress-figures">
                <span class="value">{value_text(lang, shape, s.value)}</span>
                {detail.map(|d| view! { <span class="detail muted">{d}</span> })}
                <span class="mark">{mark}</span>
            </span>
            {s.target.map(|x| view! {
                <span class="target muted small">{t.target}": "{target_text(lang, shape, &x)}</span>
            })}
        </li>
    }
}
