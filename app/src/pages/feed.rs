//! The team's activity feed, newest first, filtered by kind, author and month.

use super::log::loaded;
use super::team::route_id;
use crate::api::log::get_feed;
use crate::components::outbox::OutboxList;
use crate::components::use_lang;
use crate::domain::records::RecordKind;
use crate::dto::log::{FeedView, RecordCard};
use crate::i18n::records::kind_label;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::{lazy_route, LazyRoute};

#[derive(Clone, PartialEq)]
pub struct Filter {
    kind: String,
    member: String,
    month: String,
    page: String,
}

pub struct FeedPage {
    team: Memo<i64>,
    filter: Memo<Filter>,
}

#[lazy_route]
impl LazyRoute for FeedPage {
    fn data() -> Self {
        let team = route_id();
        let query = use_query_map();
        let filter = Memo::new(move |_| {
            let q = query.read();
            Filter {
                kind: q.get("kind").unwrap_or_default(),
                member: q.get("member").unwrap_or_default(),
                month: q.get("month").unwrap_or_default(),
                page: q.get("page").unwrap_or_default(),
            }
        });
        Self { team, filter }
    }

    fn view(this: Self) -> AnyView {
        let (team, filter) = (this.team, this.filter);
        let feed = Resource::new(
            move || (team.get(), filter.get()),
            |(team, f)| get_feed(team, f.kind, f.member, f.month, f.page),
        );
        loaded(
            feed,
            move |v| view! { <Feed view=v filter=filter.get_untracked() /> },
        )
        .into_any()
    }
}

#[component]
fn Feed(view: FeedView, filter: Filter) -> impl IntoView {
    let lang = use_lang();
    let r = lang.records();
    let kinds = RecordKind::ALL
        .into_iter()
        .map(|k| {
            let selected = filter.kind == k.as_str();
            view! { <option value=k.as_str() selected=selected>{kind_label(lang, k)}</option> }
        })
        .collect_view();
    let members = view
        .members
        .iter()
        .map(|m| {
            let selected = filter.member == m.id.to_string();
            view! { <option value=m.id selected=selected>{m.name.clone()}</option> }
        })
        .collect_view();
    let more = view.next_page.map(|page| {
        let href = format!(
            "/teams/{}/records?kind={}&member={}&month={}&page={page}",
            view.team_id, filter.kind, filter.member, filter.month
        );
        view! { <a class="button secondary big more" href=href>{r.more}</a> }
    });
    let empty = view.cards.is_empty();
    let cards = view
        .cards
        .into_iter()
        .map(|c| record_card(lang, c))
        .collect_view();
    view! {
        <h1>{r.feed_title}</h1>
        <p class="muted">{view.team_name.clone()}</p>
        {view.can_log.then(|| view! {
            <a class="button primary big" href=format!("/teams/{}/log", view.team_id)>{r.log_button}</a>
        })}
        {view.can_log_direct.then(|| view! {
            <div class="team-actions">
                <a class="button primary big" href=format!("/teams/{}/log/tip_off", view.team_id)>{r.police_log_tip}</a>
                <a class="button secondary" href=format!("/teams/{}/log/incident", view.team_id)>{r.police_log_incident}</a>
            </div>
        })}
        <OutboxList team_id=view.team_id user_id=view.user_id />
        <form class="filters" method="get">
            <label>{r.filter_kind}
                <select name="kind"><option value="">{r.all}</option>{kinds}</select>
            </label>
            <label>{r.filter_member}
                <select name="member"><option value="">{r.all}</option>{members}</select>
            </label>
            <label>{r.filter_month}
                <input type="month" name="month" value=filter.month />
            </label>
            <button type="submit" class="secondary">{r.apply_filter}</button>
        </form>
        {empty.then(|| view! { <p class="notice">{r.no_records}</p> })}
        <ul class="feed">{cards}</ul>
        {more}
    }
}

fn record_card(lang: crate::i18n::Lang, c: RecordCard) -> impl IntoView {
    view! {
        <li>
            <a class="card record-card" href=format!("/records/{}", c.id) data-kind=c.kind>
                <span class="card-title">{c.kind_label}</span>
                <span>{c.headline}</span>
                <span class="card-meta muted">
                    <span>{c.when}</span>
                    <span>{c.author}</span>
                    {(c.photos > 0).then(|| view! { <span class="badge">"📷 "{c.photos}</span> })}
                    {c.under_way.then(|| view! { <span class="badge live">{lang.records().patrol_under_way}</span> })}
                </span>
            </a>
        </li>
    }
}
