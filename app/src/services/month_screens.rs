//! The month screens worded for their reader: the leader's month, its indicators and
//! trail, the notices.

use crate::domain::indicators::Shape;
use crate::domain::local_time::YearMonth;
use crate::domain::signoff::{MonthState, Step};
use crate::domain::Actor;
use crate::dto::indicators::IndicatorTable;
use crate::dto::month::*;
use crate::i18n::indicators::{indicator_label, target_text, value_text};
use crate::i18n::month::{action_label, gap_text, notice_text, review_label, state_label};
use crate::i18n::records::kind_label;
use crate::i18n::Lang;
use crate::services::error::ServiceError;
use crate::services::signoff::{MonthSheet, NamedEvent, ReviewedRecord};
use crate::services::store::signoff::Notice;
use crate::services::store::Store;
use crate::wording::dates::{format_date, format_datetime};
use crate::wording::records::{headline, Names};
use chrono::{DateTime, Utc};
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

/// The leader's month screen for whoever may read the team: the sheet, the month's
/// indicators and what the reader may do, in the reader's language.
pub async fn month_page(
    store: &dyn Store,
    actor: &Actor,
    lang: Lang,
    team_id: i64,
    month: String,
    deadline_day: u32,
    now: DateTime<Utc>,
) -> Result<MonthScreen, ServiceError> {
    use crate::domain::indicators::Period;
    use crate::domain::local_time::local_date;
    use crate::services::{directory, indicators, signoff};
    let today = local_date(now);
    let this_month = YearMonth::of_date(today);
    let month = if month.trim().is_empty() {
        this_month.key()
    } else {
        month
    };
    let sheet = signoff::sheet(store, actor, team_id, &month, deadline_day, today).await?;
    let table = indicators::team_table(
        store,
        actor,
        team_id,
        &Period::Month {
            year: sheet.month.year,
            month: sheet.month.month,
        },
        None,
    )
    .await;
    // A month still to come has no indicators yet.
    let lines = table.map(|t| indicators(lang, &t)).unwrap_or_default();
    let members: Vec<crate::dto::log::Person> = store
        .team_members(team_id)
        .await
        .map_err(ServiceError::from)?
        .into_iter()
        .map(crate::dto::log::Person::from)
        .collect();
    let categories = store.categories().await.map_err(ServiceError::from)?;
    let names = Names {
        members: &members,
        categories: &categories,
        incidents: &[],
        holidays: &[],
    };
    let scope = directory::team_scope(store, team_id).await?;
    let mut screen = screen(
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
        .map_err(ServiceError::from)?
        .map(|u| u.full_name)
        .unwrap_or_default();
    Ok(screen)
}

fn review_lines(lang: Lang, records: &[ReviewedRecord], names: &Names) -> Vec<ReviewLine> {
    records
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
        .collect()
}

fn trail_lines(lang: Lang, events: Vec<NamedEvent>) -> Vec<TrailLine> {
    events
        .into_iter()
        .map(|e| TrailLine {
            when: format_datetime(e.event.at),
            who: e.user_name,
            what: action_label(lang, &e.event.action).into(),
            reason: e.event.reason,
            record_href: e.event.record_id.map(|id| format!("/records/{id}")),
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
        records: review_lines(lang, &s.records, names),
        meeting_href: s.meeting.map(|id| format!("/records/{id}")),
        trail: trail_lines(lang, s.events),
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
