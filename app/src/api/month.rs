//! The team leader's month and the commune police's overview of their teams' months:
//! wire types, worded on the server in the reader's language, and the server functions.

use super::AppError;
use crate::domain::signoff::{Gap, MonthState, Participation, ReviewState, Step, Verdict};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberLine {
    pub name: String,
    pub patrols: u32,
    pub tips: u32,
    pub good_deeds: u32,
    pub records: u32,
}

/// A record of the month with the leader's word on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewLine {
    pub id: String,
    pub version: i64,
    pub kind_label: String,
    pub headline: String,
    pub when: String,
    pub author: String,
    /// `pending`, `accepted` or `returned`.
    pub review: String,
    pub review_label: String,
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorLine {
    pub label: String,
    pub value: String,
    pub target: Option<String>,
    /// `met`, `missed` or `none`.
    pub state: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrailLine {
    pub when: String,
    pub who: String,
    pub what: String,
    pub reason: String,
    pub record_href: Option<String>,
}

/// The month view of one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthScreen {
    pub team_id: i64,
    pub team_name: String,
    /// `yyyy-mm`.
    pub month: String,
    pub month_label: String,
    pub previous: String,
    pub next: Option<String>,
    /// `open`, `submitted`, `accepted` or `returned`.
    pub state: String,
    pub state_label: String,
    pub version: i64,
    pub deadline: String,
    pub late: bool,
    pub days_left: i64,
    pub remarks: String,
    pub gaps: Vec<String>,
    pub members: Vec<MemberLine>,
    pub indicators: Vec<IndicatorLine>,
    pub summary: Vec<String>,
    pub records: Vec<ReviewLine>,
    pub meeting_href: Option<String>,
    pub trail: Vec<TrailLine>,
    pub locked: bool,
    pub can_review: bool,
    pub can_submit: bool,
    pub can_accept: bool,
    pub can_return: bool,
    pub can_reopen: bool,
    pub can_remind: bool,
    pub can_log: bool,
    /// The reader, who signs what they prepare with no signal.
    #[serde(default)]
    pub user_id: i64,
    #[serde(default)]
    pub user_name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamMonthRow {
    pub team_id: i64,
    pub team_name: String,
    pub commune_name: String,
    pub state: String,
    pub state_label: String,
    pub submitted_at: Option<String>,
    pub late: bool,
    pub can_remind: bool,
    pub href: String,
}

/// The commune police's overview: every team's month, who is late, a reminder to send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitMonthsScreen {
    pub unit_id: i64,
    pub unit_name: String,
    pub month: String,
    pub month_label: String,
    pub previous: String,
    pub next: Option<String>,
    pub deadline: String,
    pub submitted: usize,
    pub late: usize,
    pub rows: Vec<TeamMonthRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct NoticeLine {
    pub id: i64,
    pub text: String,
    pub when: String,
    pub href: String,
    pub unread: bool,
}

// The JSON API's view of a month (`/api/v1/teams/{id}/months/{month}`): the same facts,
// as data rather than words.

/// A record of the month with the leader's word on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewedRecordView {
    pub id: String,
    pub kind: crate::domain::records::RecordKind,
    pub author_id: i64,
    pub version: i64,
    pub review: ReviewState,
    #[serde(default)]
    pub comment: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TrailEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub user_id: i64,
    pub user_name: String,
    /// `submit`, `accept`, `return`, `reopen`, `record_accepted`, `record_returned`,
    /// `record_fixed`.
    pub action: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub record_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MonthView {
    pub team_id: i64,
    /// `yyyy-mm`.
    pub month: String,
    pub state: MonthState,
    /// The version a step must be taken from.
    pub version: i64,
    pub remarks: String,
    pub submitted_at: Option<chrono::DateTime<chrono::Utc>>,
    #[serde(with = "crate::domain::iso_date")]
    pub deadline: chrono::NaiveDate,
    pub late: bool,
    pub gaps: Vec<Gap>,
    pub members: Vec<Participation>,
    pub records: Vec<ReviewedRecordView>,
    pub trail: Vec<TrailEntry>,
}

/// A step of the month's sign-off: `{"step": "return", "reason": "…", "version": 1}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct StepRequest {
    #[serde(flatten)]
    pub step: Step,
    pub version: i64,
    /// The leader's remarks for the report, with a submission.
    #[serde(default)]
    pub remarks: Option<String>,
}

/// The leader's word on a record: `{"verdict": "return", "comment": "…", "version": 2}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ReviewRequest {
    #[serde(flatten)]
    pub verdict: Verdict,
    pub version: i64,
}

#[cfg(feature = "ssr")]
impl From<crate::services::signoff::MonthSheet> for MonthView {
    fn from(s: crate::services::signoff::MonthSheet) -> Self {
        MonthView {
            team_id: s.team_id,
            month: s.month.key(),
            state: s.sheet.state,
            version: s.sheet.version,
            remarks: s.sheet.remarks,
            submitted_at: s.sheet.submitted_at,
            deadline: s.deadline,
            late: s.late,
            gaps: s.gaps,
            members: s.members,
            records: s
                .records
                .into_iter()
                .map(|r| ReviewedRecordView {
                    id: r.record.id,
                    kind: r.record.kind,
                    author_id: r.record.author_id,
                    version: r.record.version,
                    review: r.review,
                    comment: r.comment,
                })
                .collect(),
            trail: s
                .events
                .into_iter()
                .map(|e| TrailEntry {
                    at: e.event.at,
                    user_id: e.event.user_id,
                    user_name: e.user_name,
                    action: e.event.action,
                    reason: e.event.reason,
                    record_id: e.event.record_id,
                })
                .collect(),
        }
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod words {
    use super::*;
    use crate::api::indicators::IndicatorTable;
    use crate::components::record_facts::{headline, Names};
    use crate::components::{format_date, format_datetime};
    use crate::domain::indicators::Shape;
    use crate::domain::local_time::YearMonth;
    use crate::domain::signoff::{MonthState, Step};
    use crate::i18n::indicators::{indicator_label, target_text, value_text};
    use crate::i18n::month::{action_label, gap_text, notice_text, review_label, state_label};
    use crate::i18n::records::kind_label;
    use crate::i18n::Lang;
    use crate::services::signoff::MonthSheet;
    use crate::services::signoff_store::Notice;
    use std::collections::BTreeMap;

    pub fn month_label(lang: Lang, m: YearMonth) -> String {
        match lang {
            Lang::Vi => format!("Tháng {m}"),
            Lang::En => format!("Month {m}"),
        }
    }

    pub fn previous(m: YearMonth) -> YearMonth {
        crate::domain::indicators::period::previous(m)
    }

    pub fn indicators(lang: Lang, t: &IndicatorTable) -> Vec<IndicatorLine> {
        t.scope
            .cells
            .iter()
            .zip(&t.columns)
            .map(|(c, head)| IndicatorLine {
                label: indicator_label(lang, c.indicator).to_owned(),
                value: match head.shape {
                    Shape::Ratio => format!(
                        "{} ({}/{})",
                        value_text(lang, head.shape, c.value),
                        c.numerator,
                        c.denominator
                    ),
                    _ => value_text(lang, head.shape, c.value),
                },
                target: head
                    .target
                    .as_ref()
                    .map(|x| target_text(lang, head.shape, x)),
                state: match c.met {
                    Some(true) => "met",
                    Some(false) => "missed",
                    None => "none",
                }
                .into(),
            })
            .collect()
    }

    pub fn screen(
        lang: Lang,
        s: MonthSheet,
        names: &Names,
        indicators: Vec<IndicatorLine>,
        this_month: YearMonth,
        can_log: bool,
    ) -> MonthScreen {
        let state = s.sheet.state;
        let reason = Step::Reopen { reason: "-".into() };
        let may = |step: &Step| {
            crate::domain::signoff::next(
                crate::domain::signoff::Situation {
                    state,
                    month: s.month,
                    today: this_month.first_day().max(s.month.first_day()),
                    returned_records: 0,
                },
                step,
                s.parties,
            )
            .is_ok()
        };
        let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
        for r in &s.records {
            *kinds.entry(kind_label(lang, r.record.kind)).or_default() += 1;
        }
        MonthScreen {
            team_id: s.team_id,
            team_name: s.team_name,
            month: s.month.key(),
            month_label: month_label(lang, s.month),
            previous: previous(s.month).key(),
            next: (s.month < this_month).then(|| s.month.next().key()),
            state: state.as_str().into(),
            state_label: state_label(lang, state).into(),
            version: s.sheet.version,
            deadline: format_date(s.deadline),
            late: s.late,
            days_left: s.days_left,
            remarks: s.sheet.remarks,
            gaps: if state.awaits_leader() {
                s.gaps.iter().map(|g| gap_text(lang, g)).collect()
            } else {
                Vec::new()
            },
            members: s
                .members
                .into_iter()
                .map(|m| MemberLine {
                    name: m.name,
                    patrols: m.patrols,
                    tips: m.tips,
                    good_deeds: m.good_deeds,
                    records: m.records,
                })
                .collect(),
            indicators,
            summary: kinds
                .into_iter()
                .map(|(k, n)| format!("{k}: {n}"))
                .collect(),
            records: s
                .records
                .iter()
                .map(|r| ReviewLine {
                    id: r.record.id.clone(),
                    version: r.record.version,
                    kind_label: kind_label(lang, r.record.kind).into(),
                    headline: headline(lang, &r.record.body, names),
                    when: format_datetime(r.record.occurred_at),
                    author: r.record.author_name.clone(),
                    review: r.review.as_str().into(),
                    review_label: review_label(lang, r.review).into(),
                    comment: r.comment.clone(),
                })
                .collect(),
            meeting_href: s.meeting.map(|id| format!("/records/{id}")),
            trail: s
                .events
                .into_iter()
                .map(|e| TrailLine {
                    when: format_datetime(e.event.at),
                    who: e.user_name,
                    what: action_label(lang, &e.event.action).into(),
                    reason: e.event.reason,
                    record_href: e.event.record_id.map(|id| format!("/records/{id}")),
                })
                .collect(),
            locked: state.locks_records(),
            can_review: s.parties.leader && !state.locks_records(),
            can_submit: s.parties.leader && state.awaits_leader() && s.month <= this_month,
            can_accept: may(&Step::Accept),
            can_return: may(&Step::Return { reason: "-".into() }),
            can_reopen: may(&reason),
            can_remind: s.parties.police && state.awaits_leader(),
            can_log: can_log && !state.locks_records(),
            user_id: 0,
            user_name: String::new(),
        }
    }

    pub fn notice(lang: Lang, n: Notice, from: &str) -> NoticeLine {
        let month = YearMonth::parse_key(&n.notice.month)
            .map(|m| m.to_string())
            .unwrap_or_default();
        NoticeLine {
            id: n.id,
            text: notice_text(lang, &n.notice.kind, from, &month, &n.notice.text),
            when: format_datetime(n.notice.at),
            href: match &n.notice.record_id {
                Some(id) => format!("/records/{id}"),
                None => format!("/teams/{}/months/{}", n.notice.team_id, n.notice.month),
            },
            unread: !n.read,
        }
    }

    pub fn state_of(s: &str) -> MonthState {
        MonthState::parse(s).unwrap_or_default()
    }
}

/// A team's month: its records and their review, members, indicators, gaps, report and
/// trail. `month` is `yyyy-mm`; empty means this month.
#[server(endpoint = "month/get", input = GetUrl)]
pub async fn get_month(team_id: i64, month: String) -> Result<MonthScreen, AppError> {
    use crate::components::record_facts::Names;
    use crate::domain::indicators::Period;
    use crate::domain::local_time::{local_date, YearMonth};
    use crate::services::{directory, indicators, request::in_server_fn as ctx, signoff};
    let actor = ctx::actor().await?;
    let services = ctx::services();
    let store = services.store.as_ref();
    let now = chrono::Utc::now();
    let today = local_date(now);
    let this_month = YearMonth::of_date(today);
    let month = if month.trim().is_empty() {
        this_month.key()
    } else {
        month
    };
    let sheet = signoff::sheet(
        store,
        &actor,
        team_id,
        &month,
        services.report_deadline_day,
        today,
    )
    .await?;
    let lang = ctx::lang();
    let table = indicators::team_table(
        store,
        &actor,
        team_id,
        &Period::Month {
            year: sheet.month.year,
            month: sheet.month.month,
        },
        None,
    )
    .await;
    // A month still to come has no indicators yet.
    let lines = table
        .map(|t| words::indicators(lang, &t))
        .unwrap_or_default();
    let members: Vec<crate::api::log::Person> = store
        .team_members(team_id)
        .await
        .map_err(crate::services::ServiceError::from)?
        .into_iter()
        .map(crate::api::log::Person::from)
        .collect();
    let categories = store
        .categories()
        .await
        .map_err(crate::services::ServiceError::from)?;
    let names = Names {
        members: &members,
        categories: &categories,
        incidents: &[],
        holidays: &[],
    };
    let scope = directory::team_scope(store, team_id).await?;
    let mut screen = words::screen(
        lang,
        sheet,
        &names,
        lines,
        this_month,
        actor.can_log_for(&scope),
    );
    screen.user_id = actor.user_id;
    screen.user_name = store
        .user(actor.user_id)
        .await
        .map_err(crate::services::ServiceError::from)?
        .map(|u| u.full_name)
        .unwrap_or_default();
    Ok(screen)
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
    use crate::services::{request::in_server_fn as ctx, signoff};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    signoff::opened(
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
    use crate::domain::signoff::Step;
    use crate::services::{request::in_server_fn as ctx, signoff};
    let actor = ctx::actor().await?;
    let step =
        Step::parse(&step, reason).ok_or_else(|| AppError::on_field("invalid_choice", "step"))?;
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
    use crate::domain::signoff::Verdict;
    use crate::services::{request::in_server_fn as ctx, signoff};
    let actor = ctx::actor().await?;
    let verdict = Verdict::parse(&verdict, comment)
        .ok_or_else(|| AppError::on_field("invalid_choice", "verdict"))?;
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
    use crate::services::{request::in_server_fn as ctx, signoff};
    let actor = ctx::actor().await?;
    Ok(signoff::remind(
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
    use crate::components::format_datetime;
    use crate::domain::local_time::{local_date, YearMonth};
    use crate::i18n::month::state_label;
    use crate::services::{request::in_server_fn as ctx, signoff};
    let actor = ctx::actor().await?;
    let services = ctx::services();
    let today = local_date(chrono::Utc::now());
    let this_month = YearMonth::of_date(today);
    // The month most often due is the last one.
    let m = if month.trim().is_empty() {
        words::previous(this_month)
    } else {
        signoff::parse_month(&month)?
    };
    let (unit_name, deadline, lines) = signoff::unit_months(
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
        month_label: words::month_label(lang, m),
        previous: words::previous(m).key(),
        next: (m < this_month).then(|| m.next().key()),
        deadline: crate::components::format_date(deadline),
        submitted: rows
            .iter()
            .filter(|r| !words::state_of(&r.state).awaits_leader())
            .count(),
        late: rows.iter().filter(|r| r.late).count(),
        rows,
    })
}
