//! The indicator screens worded for their reader: columns, rows, periods to pick.

use crate::domain::indicators::{Campaign, Period};
use crate::domain::local_time::{local_date, YearMonth};
use crate::domain::ErrorCode;
use crate::dto::indicators::*;
use crate::dto::AppError;
use crate::i18n::indicators::{indicator_label, period_label, target_text, value_text};
use crate::i18n::Lang;
use chrono::{Datelike, Utc};

/// The scope of a screen: `units` or `teams`, and the id.
pub fn base(scope: &str, id: i64) -> Result<(bool, String), AppError> {
    match scope {
        "units" => Ok((true, format!("/units/{id}/indicators"))),
        "teams" => Ok((false, format!("/teams/{id}/indicators"))),
        _ => Err(AppError::new(ErrorCode::NotFound)),
    }
}

/// The period asked for, or this month in Vietnam.
pub fn period_or_now(period: &str) -> Result<Period, AppError> {
    if period.trim().is_empty() {
        let m = YearMonth::of_date(local_date(Utc::now()));
        return Ok(Period::Month {
            year: m.year,
            month: m.month,
        });
    }
    Period::parse(period).ok_or_else(|| AppError::on_field(ErrorCode::InvalidPeriod, "period"))
}

/// The periods a reader usually wants, newest first, then the campaign's.
pub fn choices(lang: Lang, campaign: Option<&Campaign>, current: &Period) -> Vec<PeriodChoice> {
    let t = lang.indicators();
    let today = local_date(Utc::now());
    let this = YearMonth::of_date(today);
    let last = YearMonth::of_date(this.first_day() - chrono::Duration::days(1));
    let year = today.year();
    let quarter = (today.month() - 1) / 3 + 1;
    let half = if today.month() <= 6 { 1 } else { 2 };
    let mut periods: Vec<(Period, String)> = vec![
        (
            Period::Month {
                year: this.year,
                month: this.month,
            },
            format!("{} ({})", t.this_month, this),
        ),
        (
            Period::Month {
                year: last.year,
                month: last.month,
            },
            format!("{} ({})", t.last_month, last),
        ),
    ];
    for p in [
        Period::Quarter { year, quarter },
        Period::Half { year, half },
        Period::Year { year },
        Period::Year { year: year - 1 },
    ] {
        periods.push((p, period_label(lang, &p)));
    }
    if let Some(c) = campaign {
        for phase in &c.phases {
            periods.push((c.phase_period(phase), phase.name.clone()));
        }
        periods.push((c.period(), t.whole_campaign.to_owned()));
    }
    if !periods.iter().any(|(p, _)| p == current) {
        periods.insert(0, (*current, period_label(lang, current)));
    }
    periods
        .into_iter()
        .map(|(p, label)| PeriodChoice {
            key: p.key(),
            label,
        })
        .collect()
}

pub fn months_label(lang: Lang, t: &IndicatorTable) -> String {
    let m = |ym: YearMonth| ym.to_string();
    let range = if t.months.first == t.months.last {
        m(t.months.first)
    } else {
        format!("{} – {}", m(t.months.first), m(t.months.last))
    };
    format!("{}: {range}", lang.indicators().months)
}

pub fn row(lang: Lang, t: &IndicatorTable, r: &Row, base: &str, href: Option<String>) -> ScreenRow {
    let i = lang.indicators();
    ScreenRow {
        name: r.name.clone(),
        href,
        cells: r
            .cells
            .iter()
            .zip(&t.columns)
            .map(|(c, head)| ScreenCell {
                value: value_text(lang, head.shape, c.value),
                detail: format!("{}/{}", c.numerator, c.denominator),
                state: match c.met {
                    Some(true) => "met",
                    Some(false) => "missed",
                    None => "none",
                }
                .into(),
                href: format!("{base}/{}?period={}", c.indicator.code(), t.period),
            })
            .collect(),
    }
    .with_total_name(if r.kind == t.scope.kind && r.id == t.scope.id {
        Some(i.total)
    } else {
        None
    })
}

impl ScreenRow {
    fn with_total_name(mut self, total: Option<&str>) -> Self {
        if let Some(word) = total {
            self.name = format!("{word}: {}", self.name);
        }
        self
    }
}

pub fn screen(
    lang: Lang,
    t: IndicatorTable,
    campaign: Option<&Campaign>,
    base: &str,
) -> IndicatorScreen {
    let i = lang.indicators();
    let period = Period::parse(&t.period).expect("the service echoes a valid period");
    let row_heading = match t.rows.first().map(|r| r.kind) {
        Some(RowKind::Team) => i.team,
        Some(RowKind::Month) => i.month,
        _ => i.unit,
    };
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let (child_base, href) = match r.kind {
                RowKind::Team => (
                    format!("/teams/{}/indicators", r.id),
                    Some(format!("/teams/{}/indicators?period={}", r.id, t.period)),
                ),
                RowKind::Unit => (
                    format!("/units/{}/indicators", r.id),
                    Some(format!("/units/{}/indicators?period={}", r.id, t.period)),
                ),
                // A month of a team: the same team, that month.
                RowKind::Month => (base.to_owned(), None),
            };
            let mut row = row(lang, &t, r, &child_base, href);
            if r.kind == RowKind::Month {
                let key = format!("{:04}-{:02}", r.id / 100, r.id % 100);
                for c in &mut row.cells {
                    c.href = c
                        .href
                        .replace(&format!("period={}", t.period), &format!("period={key}"));
                }
            }
            row
        })
        .collect();
    IndicatorScreen {
        name: t.scope.name.clone(),
        period: t.period.clone(),
        period_label: period_label(lang, &period),
        months_label: months_label(lang, &t),
        campaign: t.campaign.as_ref().map(|c| c.name.clone()),
        choices: choices(lang, campaign, &period),
        row_heading: row_heading.to_owned(),
        columns: t
            .columns
            .iter()
            .map(|h| ScreenColumn {
                section: h.section.clone(),
                label: indicator_label(lang, h.indicator).to_owned(),
                target: h.target.as_ref().map(|x| target_text(lang, h.shape, x)),
            })
            .collect(),
        total: row(lang, &t, &t.scope, base, None),
        rows,
    }
}

pub async fn campaign_of(
    store: &dyn crate::services::Store,
    t: &IndicatorTable,
) -> Result<Option<Campaign>, AppError> {
    let Some(c) = &t.campaign else {
        return Ok(None);
    };
    Ok(store
        .campaigns()
        .await
        .map_err(crate::services::ServiceError::from)?
        .into_iter()
        .find(|(id, _)| *id == c.id)
        .map(|(_, c)| c))
}
