//! Server functions of the team leader's month and the commune police's overview of
//! their teams' months.

#[cfg(feature = "ssr")]
use crate::domain::ErrorCode;
use crate::dto::month::*;
use crate::dto::AppError;
#[cfg(feature = "ssr")]
use crate::services::month_screens;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// A team's month: its records and their review, members, indicators, gaps, report and
/// trail. `month` is `yyyy-mm`; empty means this month.
#[server(endpoint = "month/get", input = GetUrl)]
pub async fn get_month(team_id: i64, month: String) -> Result<MonthScreen, AppError> {
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    let services = ctx::services();
    Ok(month_screens::month_page(
        services.store.as_ref(),
        &actor,
        ctx::lang(),
        team_id,
        month,
        services.report_deadline_day,
        chrono::Utc::now(),
    )
    .await?)
}

/// A step of the month's sign-off: `submit`, `accept`, `return` or `reopen`, from the
/// version the reader saw. `remarks` go with a submission, `reason` with a return or reopen.
/// The person has opened a team's month, or one of its records: the notices about it are
/// read. A POST of its own, sent by the screen once it is shown, because reading a screen
/// (a GET the service worker may repeat at will) must never write.
#[server(endpoint = "notices/seen")]
pub async fn mark_seen(
    team_id: i64,
    month: String,
    record_id: Option<String>,
) -> Result<(), AppError> {
    use crate::api::context as ctx;
    use crate::services::month_overview;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    month_overview::opened(
        store.as_ref(),
        &actor,
        team_id,
        &month,
        record_id.as_deref(),
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "month/step")]
pub async fn month_step(
    team_id: i64,
    month: String,
    step: String,
    version: i64,
    #[server(default)] reason: String,
    #[server(default)] remarks: String,
) -> Result<(), AppError> {
    use crate::api::context as ctx;
    use crate::domain::signoff::Step;
    use crate::services::signoff;
    let actor = ctx::actor().await?;
    let step = Step::parse(&step, reason)
        .ok_or_else(|| AppError::on_field(ErrorCode::InvalidChoice, "step"))?;
    signoff::take_step(
        ctx::services().store.as_ref(),
        &actor,
        team_id,
        &month,
        step,
        Some(remarks),
        version,
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

/// The leader's word on a record: `accept`, or `return` with a comment for its author.
#[server(endpoint = "month/review")]
pub async fn review_record(
    id: String,
    version: i64,
    verdict: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    use crate::api::context as ctx;
    use crate::domain::signoff::Verdict;
    use crate::services::signoff;
    let actor = ctx::actor().await?;
    let verdict = Verdict::parse(&verdict, comment)
        .ok_or_else(|| AppError::on_field(ErrorCode::InvalidChoice, "verdict"))?;
    signoff::review(
        ctx::services().store.as_ref(),
        &actor,
        &id,
        version,
        verdict,
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

/// The commune police remind a team's leader that the month is due.
#[server(endpoint = "month/remind")]
pub async fn remind_team(team_id: i64, month: String) -> Result<usize, AppError> {
    use crate::api::context as ctx;
    use crate::services::month_overview;
    let actor = ctx::actor().await?;
    Ok(month_overview::remind(
        ctx::services().store.as_ref(),
        &actor,
        team_id,
        &month,
        chrono::Utc::now(),
    )
    .await?)
}

/// Every team's month under a unit, for the police who watch it.
#[server(endpoint = "month/unit", input = GetUrl)]
pub async fn get_unit_months(unit_id: i64, month: String) -> Result<UnitMonthsScreen, AppError> {
    use crate::api::context as ctx;
    use crate::domain::local_time::{local_date, YearMonth};
    use crate::i18n::month::state_label;
    use crate::services::{month_overview, signoff};
    use crate::wording::dates::format_datetime;
    let actor = ctx::actor().await?;
    let services = ctx::services();
    let today = local_date(chrono::Utc::now());
    let this_month = YearMonth::of_date(today);
    // The month most often due is the last one.
    let m = if month.trim().is_empty() {
        month_screens::previous(this_month)
    } else {
        signoff::parse_month(&month)?
    };
    let (unit_name, deadline, lines) = month_overview::unit_months(
        services.store.as_ref(),
        &actor,
        unit_id,
        &m.key(),
        services.report_deadline_day,
        today,
    )
    .await?;
    let lang = ctx::lang();
    let rows: Vec<TeamMonthRow> = lines
        .into_iter()
        .map(|l| TeamMonthRow {
            href: format!("/teams/{}/months/{}", l.team.id, m.key()),
            team_id: l.team.id,
            team_name: l.team.name,
            commune_name: l.team.commune_name,
            state: l.month.state.as_str().into(),
            state_label: state_label(lang, l.month.state).into(),
            submitted_at: l.month.submitted_at.map(format_datetime),
            late: l.late,
            can_remind: l.can_remind,
        })
        .collect();
    Ok(UnitMonthsScreen {
        unit_id,
        unit_name,
        month: m.key(),
        month_label: month_screens::month_label(lang, m),
        previous: month_screens::previous(m).key(),
        next: (m < this_month).then(|| m.next().key()),
        deadline: crate::wording::dates::format_date(deadline),
        submitted: rows
            .iter()
            .filter(|r| !month_screens::state_of(&r.state).awaits_leader())
            .count(),
        late: rows.iter().filter(|r| r.late).count(),
        rows,
    })
}
