//! Server functions of the indicator tables and their drill-down.

#[cfg(feature = "ssr")]
use crate::domain::indicators::{Indicator, Part};
#[cfg(feature = "ssr")]
use crate::domain::ErrorCode;
use crate::dto::indicators::*;
use crate::dto::AppError;
#[cfg(feature = "ssr")]
use crate::services::indicator_screens;

/// The indicator table of a unit (`scope` = `units`) or a team (`teams`) for a period
/// (`2025-07`, `2025-q3` … or empty for this month).
#[leptos::server(endpoint = "indicators/table", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_indicator_screen(
    scope: String,
    id: i64,
    period: String,
) -> Result<IndicatorScreen, AppError> {
    use crate::api::context as ctx;
    use crate::services::indicators as service;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let (is_unit, base) = indicator_screens::base(&scope, id)?;
    let period = indicator_screens::period_or_now(&period)?;
    let table = if is_unit {
        service::unit_table(store.as_ref(), &actor, id, &period, None).await?
    } else {
        service::team_table(store.as_ref(), &actor, id, &period, None).await?
    };
    let campaign = indicator_screens::campaign_of(store.as_ref(), &table).await?;
    Ok(indicator_screens::screen(
        ctx::lang(),
        table,
        campaign.as_ref(),
        &base,
    ))
}

/// The records behind one indicator's number for a unit or a team and a period.
#[leptos::server(endpoint = "indicators/records", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_drill_screen(
    scope: String,
    id: i64,
    code: String,
    period: String,
) -> Result<DrillScreen, AppError> {
    use crate::api::context as ctx;
    use crate::domain::local_time::to_local;
    use crate::domain::records::RecordKind;
    use crate::i18n::indicators::{indicator_label, period_label};
    use crate::i18n::records::kind_label;
    use crate::services::drill_down::{self as service, Scope};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let lang = ctx::lang();
    let t = lang.indicators();
    let (is_unit, base) = indicator_screens::base(&scope, id)?;
    let period = indicator_screens::period_or_now(&period)?;
    let indicator = Indicator::parse(&code)
        .ok_or_else(|| AppError::on_field(ErrorCode::UnknownIndicator, "code"))?;
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
