//! The campaign indicators of a commune (its teams), a province (its communes) or a team
//! (its months) for a period, and the records behind each number. The server words
//! everything; these screens only lay it out.

use super::log::loaded;
use super::team::route_id;
use crate::api::indicators::{get_drill_screen, get_indicator_screen};
use crate::components::use_lang;
use crate::dto::indicators::{DrillScreen, IndicatorScreen, ScreenRow};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_params_map, use_query_map};
use leptos_router::{lazy_route, LazyRoute};

/// `units` or `teams`, from the path the screen was opened on.
fn scope() -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        if location.pathname.read().starts_with("/teams/") {
            "teams".to_owned()
        } else {
            "units".to_owned()
        }
    })
}

fn period() -> Memo<String> {
    let query = use_query_map();
    Memo::new(move |_| query.read().get("period").unwrap_or_default())
}

pub struct IndicatorsPage {
    scope: Memo<String>,
    id: Memo<i64>,
    period: Memo<String>,
}

#[lazy_route]
impl LazyRoute for IndicatorsPage {
    fn data() -> Self {
        Self {
            scope: scope(),
            id: route_id(),
            period: period(),
        }
    }

    fn view(this: Self) -> AnyView {
        let (scope, id, period) = (this.scope, this.id, this.period);
        let screen = Resource::new(
            move || (scope.get(), id.get(), period.get()),
            |(s, id, p)| get_indicator_screen(s, id, p),
        );
        loaded(screen, |s| view! { <Table screen=s /> }).into_any()
    }
}

#[component]
fn Table(screen: IndicatorScreen) -> impl IntoView {
    let t = use_lang().indicators();
    let choices = screen
        .choices
        .iter()
        .map(|c| {
            let selected = c.key == screen.period;
            view! { <option value=c.key.clone() selected=selected>{c.label.clone()}</option> }
        })
        .collect_view();
    let heads = screen
        .columns
        .iter()
        .map(|c| {
            view! {
                <th scope="col">
                    <span class="section">{c.section.clone()}</span>
                    " "{c.label.clone()}
                    {c.target.clone().map(|x| view! { <span class="target">{t.target}": "{x}</span> })}
                </th>
            }
        })
        .collect_view();
    view! {
        <h1>{t.title}</h1>
        <p class="lead">{screen.name.clone()}</p>
        {match screen.campaign.clone() {
            Some(c) => view! { <p class="muted">{t.campaign}": "{c}</p> }.into_any(),
            None => view! { <p class="notice">{t.no_campaign}</p> }.into_any(),
        }}
        <form class="filters period-form" method="get">
            <label>{t.period}
                <select name="period">{choices}</select>
            </label>
            <button type="submit" class="secondary">{t.show}</button>
        </form>
        <p class="muted small">{screen.period_label.clone()}" · "{screen.months_label.clone()}</p>
        <div class="table-scroll" tabindex="0">
            <table class="indicators">
                <thead><tr><th scope="col">{screen.row_heading.clone()}</th>{heads}</tr></thead>
                <tbody>
                    <Line row=screen.total.clone() total=true />
                    {screen.rows.iter().cloned().map(|row| view! { <Line row total=false /> }).collect_view()}
                </tbody>
            </table>
        </div>
        <p class="muted small">{t.legend}</p>
    }
}

#[component]
fn Line(row: ScreenRow, total: bool) -> impl IntoView {
    let t = use_lang().indicators();
    let name = match row.href {
        Some(href) => view! { <a href=href>{row.name}</a> }.into_any(),
        None => view! { <span>{row.name}</span> }.into_any(),
    };
    let cells = row
        .cells
        .into_iter()
        .map(|c| {
            let (mark, said) = match c.state.as_str() {
                "met" => ("✓", t.met),
                "missed" => ("✗", t.missed),
                _ => ("", ""),
            };
            let no_data = (c.value == "—").then_some(t.no_data);
            view! {
                <td data-state=c.state>
                    <a href=c.href title=no_data.unwrap_or(said)>
                        <span class="value">{c.value}</span>
                        {(!mark.is_empty()).then(|| view! { <span class="mark" aria-label=said>{mark}</span> })}
                        <span class="detail">{c.detail}</span>
                    </a>
                </td>
            }
        })
        .collect_view();
    view! {
        <tr class:total=total>
            <th scope="row">{name}</th>
            {cells}
        </tr>
    }
}

pub struct DrillPage {
    scope: Memo<String>,
    id: Memo<i64>,
    code: Memo<String>,
    period: Memo<String>,
}

#[lazy_route]
impl LazyRoute for DrillPage {
    fn data() -> Self {
        let params = use_params_map();
        Self {
            scope: scope(),
            id: route_id(),
            code: Memo::new(move |_| params.read().get("code").unwrap_or_default()),
            period: period(),
        }
    }

    fn view(this: Self) -> AnyView {
        let (scope, id, code, period) = (this.scope, this.id, this.code, this.period);
        let screen = Resource::new(
            move || (scope.get(), id.get(), code.get(), period.get()),
            |(s, id, c, p)| get_drill_screen(s, id, c, p),
        );
        loaded(screen, |s| view! { <Drill screen=s /> }).into_any()
    }
}

#[component]
fn Drill(screen: DrillScreen) -> impl IntoView {
    let t = use_lang().indicators();
    let empty = screen.lines.is_empty();
    let lines = screen
        .lines
        .into_iter()
        .map(|l| {
            view! {
                <li>
                    <a class="card" href=l.href>
                        <span class="card-title">{l.kind}</span>
                        <span class="card-meta muted">
                            <span>{l.when}</span>
                            <span>{l.team}</span>
                            <span class="badge">{l.part}</span>
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <h1>{screen.indicator.clone()}</h1>
        <p class="lead">{screen.name.clone()}" · "{screen.period_label.clone()}</p>
        <p><a href=screen.back.clone()>{t.back}</a></p>
        <h2>{t.records_title}</h2>
        {screen.from_roster.then(|| view! { <p class="muted">{t.from_roster}</p> })}
        {empty.then(|| view! { <p class="notice">{t.no_records}</p> })}
        <ul class="feed">{lines}</ul>
        {screen.truncated.then(|| view! { <p class="warn">{t.truncated}</p> })}
    }
}
