//! The record screens built from the store: the form's choices, the feed's cards, a
//! record with its facts and history, worded in the reader's language.

use crate::domain::category::Category;
use crate::domain::records::RecordBody;
use crate::domain::Actor;
use crate::dto::log::*;
use crate::dto::records::{HistoryEntry, RecordView};
use crate::dto::AppError;
use crate::i18n::records::{history_action, kind_label};
use crate::i18n::Lang;
use crate::services::error::ServiceError;
use crate::services::{directory, store::Store};
use crate::wording::dates::format_datetime;
use crate::wording::records::{changes, facts, headline, Names};

pub async fn team(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
) -> Result<(String, Vec<Person>, Vec<String>), ServiceError> {
    let team = directory::team(store, actor, team_id).await?;
    let members = store
        .team_members(team_id)
        .await?
        .into_iter()
        .map(Person::from)
        .collect();
    Ok((team.name, members, team.villages))
}
/// A record's page for whoever may read it: its facts, history, review and whether its
/// month is locked. The flag says the page names a tip's informant, so that the door
/// keeps it out of every cache.
pub async fn record_page(
    store: &dyn Store,
    actor: &Actor,
    lang: Lang,
    id: &str,
) -> Result<(RecordDetail, bool), AppError> {
    use super::records;
    let record = records::get(store, actor, id).await?;
    let names_informant = record.informant.is_some();
    let (team_name, members, _) = team(store, actor, record.team_id).await?;
    let history = records::history(store, actor, id).await?;
    let categories = categories(store).await?;
    let mut linked = Vec::new();
    if let crate::domain::records::RecordBody::Patrol(p) = &record.body {
        let names = Names {
            members: &members,
            categories: &categories,
            incidents: &[],
            holidays: &[],
        };
        for id in &p.incidents {
            // A linked incident deleted since is simply not named.
            if let Ok(r) = records::get(store, actor, id).await {
                linked.push(incident_choice(lang, &r, &names));
            }
        }
    }
    let holidays = store.holidays().await.map_err(ServiceError::from)?;
    let names = Names {
        members: &members,
        categories: &categories,
        incidents: &linked,
        holidays: &holidays,
    };
    let (review, comment) = super::signoff::review_for(store, &record).await?;
    let scope = directory::team_scope(store, record.team_id).await?;
    let month = store
        .team_month(record.team_id, &record.month)
        .await
        .map_err(ServiceError::from)?
        .state;
    let can_review = actor.signoff_parties(&scope).leader && !month.locks_records();
    let month_key = record.month.clone();
    let mut detail = detail(lang, record, team_name, history, &names);
    detail.review = review.as_str().into();
    detail.review_label = crate::i18n::month::review_label(lang, review).into();
    detail.review_comment = comment;
    if review == crate::domain::signoff::ReviewState::Returned {
        detail.returned_title = lang.month().returned_banner.into();
    }
    detail.review_href =
        can_review.then(|| format!("/teams/{}/months/{}", detail.team_id, month_key));
    if month.locks_records() {
        let m = crate::domain::local_time::YearMonth::parse_key(&month_key)
            .map(|m| m.to_string())
            .unwrap_or(month_key);
        detail.locked_note = Some(lang.month().locked_note.replace("{m}", &m));
        detail.can_edit = false;
        detail.can_forward = false;
    }
    Ok((detail, names_informant))
}

pub fn card(lang: Lang, r: &RecordView, names: &Names) -> RecordCard {
    RecordCard {
        id: r.id.clone(),
        kind: r.kind.as_str().to_owned(),
        kind_label: kind_label(lang, r.kind).to_owned(),
        headline: headline(lang, &r.body, names),
        when: format_datetime(r.occurred_at),
        author: r.author_name.clone(),
        photos: r.photos.len(),
        under_way: matches!(&r.body, RecordBody::Patrol(p) if p.ended_at.is_none()),
    }
}

pub fn detail(
    lang: Lang,
    r: RecordView,
    team_name: String,
    history: Vec<HistoryEntry>,
    names: &Names,
) -> RecordDetail {
    let history = history
        .into_iter()
        .map(|h| HistoryLine {
            action: history_action(lang, &h.action).to_owned(),
            who: h.user_name,
            when: format_datetime(h.at),
            changes: match (&h.before, &h.after) {
                (Some(b), Some(a)) => changes(lang, b, a, names)
                    .into_iter()
                    .map(|(label, before, after)| Change {
                        label: label.to_owned(),
                        before,
                        after,
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect();
    let assessment = match &r.body {
        RecordBody::TipOff(t) => t.assessment.clone(),
        _ => None,
    };
    RecordDetail {
        can_forward: r.can_edit
            && matches!(&r.body, RecordBody::TipOff(t) if t.forwarded_at.is_none()),
        can_assess: r.can_assess,
        assessed_valuable: assessment.as_ref().map(|a| a.valuable),
        assessment_outcome: assessment.map(|a| a.outcome).unwrap_or_default(),
        facts: facts(lang, &r.body, r.informant.as_ref(), names)
            .into_iter()
            .map(|(label, value)| Fact {
                label: label.to_owned(),
                value,
            })
            .collect(),
        kind_label: kind_label(lang, r.kind).to_owned(),
        headline: headline(lang, &r.body, names),
        under_way: matches!(&r.body, RecordBody::Patrol(p) if p.ended_at.is_none()),
        id: r.id,
        team_id: r.team_id,
        team_name,
        author: r.author_name,
        photos: r.photos,
        can_edit: r.can_edit,
        version: r.version,
        history,
        review: String::new(),
        review_label: String::new(),
        review_comment: String::new(),
        returned_title: String::new(),
        review_href: None,
        locked_note: None,
        month: r.month,
    }
}

/// The signer's own place on the team's roster, which forms tick by default.
pub async fn user_name(store: &dyn Store, actor: &Actor) -> Result<String, ServiceError> {
    Ok(store
        .user(actor.user_id)
        .await?
        .map(|u| u.full_name)
        .unwrap_or_default())
}

pub async fn my_member_id(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
) -> Result<Option<i64>, ServiceError> {
    Ok(store
        .team_members(team_id)
        .await?
        .into_iter()
        .find(|m| m.user_id == Some(actor.user_id))
        .map(|m| m.id))
}

/// The team's latest incidents as a patrol form offers them.
pub async fn recent_incidents(
    store: &dyn Store,
    actor: &Actor,
    team_id: i64,
    lang: Lang,
    names: &Names<'_>,
) -> Result<Vec<Choice>, ServiceError> {
    let filter = crate::services::store::RecordFilter {
        kind: Some("incident".into()),
        limit: Some(20),
        ..Default::default()
    };
    Ok(
        crate::services::records::list(store, actor, team_id, &filter)
            .await?
            .iter()
            .take(20)
            .map(|r| incident_choice(lang, r, names))
            .collect(),
    )
}

pub fn incident_choice(lang: Lang, r: &RecordView, names: &Names) -> Choice {
    Choice {
        id: r.id.clone(),
        label: format!(
            "{} · {}",
            format_datetime(r.occurred_at),
            headline(lang, &r.body, names)
        ),
    }
}

pub async fn categories(store: &dyn Store) -> Result<Vec<Category>, AppError> {
    Ok(store.categories().await.map_err(ServiceError::from)?)
}

pub fn field(e: crate::domain::FieldError) -> AppError {
    AppError::on_field(e.code, &e.field)
}

pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}
