//! The indicator tables: wire types for the API and the screens.

use super::AppError;
use crate::domain::indicators::{Indicator, MonthRange, Part, Shape, Target};
use serde::{Deserialize, Serialize};

/// One indicator's column: its code, section of seed 002 and the campaign's target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorHead {
    pub indicator: Indicator,
    pub section: String,
    pub shape: Shape,
    pub target: Option<Target>,
}

/// One indicator for one unit, team or month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Cell {
    pub indicator: Indicator,
    pub numerator: i64,
    pub denominator: i64,
    /// Per cent for a ratio, the number for a count; absent when there is no data.
    pub value: Option<f64>,
    /// Absent when there is no data or no target.
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum RowKind {
    Unit,
    Team,
    Month,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Row {
    pub kind: RowKind,
    /// The unit's or team's id; for a month, `yyyymm`.
    pub id: i64,
    pub name: String,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CampaignRef {
    pub id: i64,
    pub name: String,
}

/// A unit's (or a team's) indicators over a period, with one row per child: the
/// communes of a province, the teams of a commune, the months of a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct IndicatorTable {
    pub scope: Row,
    pub period: String,
    pub months: MonthRange,
    pub campaign: Option<CampaignRef>,
    pub columns: Vec<IndicatorHead>,
    pub rows: Vec<Row>,
}

/// A record behind a number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CountedRecord {
    pub id: String,
    pub team_id: i64,
    pub team_name: String,
    pub kind: String,
    pub occurred_at: chrono::DateTime<chrono::Utc>,
    pub part: Part,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct DrillDown {
    pub indicator: Indicator,
    pub period: String,
    pub records: Vec<CountedRecord>,
    /// More records counted than were listed.
    pub truncated: bool,
}

/// Something to pick: a value and what the reader sees.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeriodChoice {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenColumn {
    pub section: String,
    pub label: String,
    pub target: Option<String>,
}

/// A cell as the screen shows it, worded on the server in the reader's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenCell {
    pub value: String,
    /// `numerator/denominator`.
    pub detail: String,
    /// `met`, `missed` or `none` (no data or no target).
    pub state: String,
    pub href: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScreenRow {
    pub name: String,
    pub href: Option<String>,
    pub cells: Vec<ScreenCell>,
}

/// The indicator table screen of a unit or a team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorScreen {
    pub name: String,
    pub period: String,
    pub period_label: String,
    pub months_label: String,
    pub campaign: Option<String>,
    pub choices: Vec<PeriodChoice>,
    /// What the first column names: a team, a unit or a month.
    pub row_heading: String,
    pub columns: Vec<ScreenColumn>,
    pub total: ScreenRow,
    pub rows: Vec<ScreenRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountedLine {
    pub href: String,
    pub kind: String,
    pub team: String,
    pub when: String,
    pub part: String,
}

/// The records behind one number, worded for the reader.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DrillScreen {
    pub name: String,
    pub indicator: String,
    pub period_label: String,
    pub back: String,
    pub from_roster: bool,
    pub lines: Vec<CountedLine>,
    pub truncated: bool,
}

#[cfg(feature = "ssr")]
mod screen {
    use super::*;
    use crate::domain::indicators::{Campaign, Period};
    use crate::domain::local_time::{local_date, YearMonth};
    use crate::i18n::indicators::{indicator_label, period_label, target_text, value_text};
    use crate::i18n::Lang;
    use chrono::{Datelike, Utc};

    /// The scope of a screen: `units` or `teams`, and the id.
    pub fn base(scope: &str, id: i64) -> Result<(bool, String), AppError> {
        match scope {
            "units" => Ok((true, format!("/units/{id}/indicators"))),
            "teams" => Ok((false, format!("/teams/{id}/indicators"))),
            _ => Err(AppError::new("not_found")),
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
        Period::parse(period).ok_or_else(|| AppError::on_field("invalid_period", "period"))
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

    pub fn row(
        lang: Lang,
        t: &IndicatorTable,
        r: &Row,
        base: &str,
        href: Option<String>,
    ) -> ScreenRow {
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
}

/// The indicator table of a unit (`scope` = `units`) or a team (`teams`) for a period
/// (`2025-07`, `2025-q3` … or empty for this month).
#[leptos::server(endpoint = "indicators/table", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_indicator_screen(
    scope: String,
    id: i64,
    period: String,
) -> Result<IndicatorScreen, AppError> {
    use crate::services::indicators as service;
    use crate::services::request::in_server_fn as ctx;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let (is_unit, base) = screen::base(&scope, id)?;
    let period = screen::period_or_now(&period)?;
    let table = if is_unit {
        service::unit_table(store.as_ref(), &actor, id, &period, None).await?
    } else {
        service::team_table(store.as_ref(), &actor, id, &period, None).await?
    };
    let campaign = screen::campaign_of(store.as_ref(), &table).await?;
    Ok(screen::screen(ctx::lang(), table, campaign.as_ref(), &base))
}

/// The records behind one indicator's number for a unit or a team and a period.
#[leptos::server(endpoint = "indicators/records", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_drill_screen(
    scope: String,
    id: i64,
    code: String,
    period: String,
) -> Result<DrillScreen, AppError> {
    use crate::domain::local_time::to_local;
    use crate::domain::records::RecordKind;
    use crate::i18n::indicators::{indicator_label, period_label};
    use crate::i18n::records::kind_label;
    use crate::services::indicators::{self as service, Scope};
    use crate::services::request::in_server_fn as ctx;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let lang = ctx::lang();
    let t = lang.indicators();
    let (is_unit, base) = screen::base(&scope, id)?;
    let period = screen::period_or_now(&period)?;
    let indicator =
        Indicator::parse(&code).ok_or_else(|| AppError::on_field("unknown_indicator", "code"))?;
    let which = if is_unit {
        Scope::Unit(id)
    } else {
        Scope::Team(id)
    };
    let found = service::drill_down(store.as_ref(), &actor, which, &period, indicator).await?;
    let name = if is_unit {
        store
            .org_unit(id)
            .await
            .map_err(crate::services::ServiceError::from)?
            .map(|u| u.name)
    } else {
        store
            .team(id)
            .await
            .map_err(crate::services::ServiceError::from)?
            .map(|t| t.name)
    }
    .unwrap_or_default();
    Ok(DrillScreen {
        name,
        indicator: indicator_label(lang, indicator).to_owned(),
        period_label: period_label(lang, &period),
        back: format!("{base}?period={}", period.key()),
        // These denominators count members, months or teams, not records.
        from_roster: matches!(
            indicator,
            Indicator::MembersOnPatrol
                | Indicator::GoodDeedMonths
                | Indicator::EffectiveModels
                | Indicator::WeaponsCases
                | Indicator::SeriousAccidents
        ),
        lines: found
            .records
            .into_iter()
            .map(|r| CountedLine {
                href: format!("/records/{}", r.id),
                kind: RecordKind::parse(&r.kind)
                    .map(|k| kind_label(lang, k).to_owned())
                    .unwrap_or(r.kind),
                team: r.team_name,
                when: to_local(r.occurred_at).format("%d/%m/%Y %H:%M").to_string(),
                part: match r.part {
                    Part::Numerator => t.numerator,
                    Part::Denominator => t.denominator_only,
                }
                .to_owned(),
            })
            .collect(),
        truncated: found.truncated,
    })
}
