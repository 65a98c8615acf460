//! Server functions for logging records from the phone: the form, saving it, a patrol's
//! start and finish, the team's feed and a record with its history.

use super::AppError;
#[cfg(feature = "ssr")]
use crate::components::record_facts::Names;
use crate::domain::category::Category;
use crate::domain::records::form::RecordForm;
use leptos::prelude::*;
// Reads are GET, so the service worker can keep the last answer for offline use.
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// A member as the record screens name them: `id` on the roster, `user_id` as an author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub user_id: Option<i64>,
    pub name: String,
}

#[cfg(feature = "ssr")]
impl From<crate::services::store::Member> for Person {
    fn from(m: crate::services::store::Member) -> Self {
        Person {
            id: m.id,
            user_id: m.user_id,
            name: m.entry.full_name,
        }
    }
}

/// Something to pick in a form: an id and what the person reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// What a record form needs: the team's roster to pick from, the categories, and the
/// form filled in (with defaults for a new record, or the record being edited).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogFormView {
    pub team_id: i64,
    pub team_name: String,
    pub members: Vec<Person>,
    pub categories: Vec<Category>,
    /// The team's recent incidents, which a patrol can be linked to.
    #[serde(default)]
    pub incidents: Vec<Choice>,
    pub form: RecordForm,
    /// The person filling in the form: a record saved on the phone is theirs to send.
    #[serde(default)]
    pub user_id: i64,
    #[serde(default)]
    pub user_name: String,
    /// For an edit, what the form does not carry but the edit must keep.
    #[serde(default)]
    pub keep: EditBase,
}

/// What an edit keeps of the version it was made from, which its form does not carry:
/// the commune police's assessment of a tip, and the informant for whoever may not see it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EditBase {
    pub assessment: Option<crate::domain::records::tip::Assessment>,
    pub informant_visible: bool,
}

// The feed and the detail arrive as text the server has already put into words, in the
// reader's language: the phone then downloads no code to decode every kind of record.

/// One record in the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordCard {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub headline: String,
    pub when: String,
    pub author: String,
    pub photos: usize,
    pub under_way: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedView {
    pub team_id: i64,
    pub team_name: String,
    pub members: Vec<Person>,
    pub can_log: bool,
    /// The reader is commune police: they log only the tips and incidents that reached
    /// them directly.
    pub can_log_direct: bool,
    pub cards: Vec<RecordCard>,
    /// Older records exist beyond these: the next page's number.
    pub next_page: Option<u32>,
    /// The reader, whose entries on this phone are sent while they are signed in.
    #[serde(default)]
    pub user_id: i64,
}

/// Records per page of the feed: enough for a week of a busy team, light for a phone.
pub const FEED_PAGE: u32 = 30;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub action: String,
    pub who: String,
    pub when: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordDetail {
    pub id: String,
    pub team_id: i64,
    pub team_name: String,
    pub kind_label: String,
    pub headline: String,
    pub author: String,
    pub facts: Vec<Fact>,
    pub photos: Vec<String>,
    pub can_edit: bool,
    /// The reader is the commune police and this is a tip they may assess.
    pub can_assess: bool,
    /// A tip its editor has not yet marked as passed to the commune police.
    pub can_forward: bool,
    pub assessed_valuable: Option<bool>,
    pub assessment_outcome: String,
    pub version: i64,
    /// A patrol not finished yet.
    pub under_way: bool,
    pub history: Vec<HistoryLine>,
    /// The leader's word on the record: `pending`, `accepted` or `returned`.
    #[serde(default)]
    pub review: String,
    #[serde(default)]
    pub review_label: String,
    #[serde(default)]
    pub review_comment: String,
    /// Why the record came back to its author (set when it was returned).
    #[serde(default)]
    pub returned_title: String,
    /// Where the leader reviews it: the team's month (while that month is open).
    #[serde(default)]
    pub review_href: Option<String>,
    /// Set when the record's month is signed off: why it cannot change.
    #[serde(default)]
    pub locked_note: Option<String>,
    /// The record's month, `yyyy-mm`: opening the record reads the notices about it.
    #[serde(default)]
    pub month: String,
}

#[cfg(feature = "ssr")]
mod load {
    use super::*;
    use crate::api::records::{HistoryEntry, RecordView};
    use crate::components::format_datetime;
    use crate::components::record_facts::{changes, facts, headline, Names};
    use crate::domain::records::RecordBody;
    use crate::domain::Actor;
    use crate::i18n::records::{history_action, kind_label};
    use crate::i18n::Lang;
    use crate::services::error::ServiceError;
    use crate::services::{directory, store::Store};

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
        AppError::on_field(&e.code, &e.field)
    }

    pub fn new_id() -> String {
        uuid::Uuid::new_v4().to_string()
    }
}

#[server(endpoint = "log/form", input = GetUrl)]
pub async fn get_log_form(team_id: i64, kind: String) -> Result<LogFormView, AppError> {
    use crate::domain::records::RecordKind;
    use crate::services::{directory, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let scope = directory::team_scope(store.as_ref(), team_id).await?;
    let kind = RecordKind::parse(&kind).ok_or_else(|| AppError::new("not_found"))?;
    if !actor.can_log_kind(&scope, kind) {
        return Err(AppError::new("forbidden"));
    }
    let (team_name, members, villages) = load::team(store.as_ref(), &actor, team_id).await?;
    let me = load::my_member_id(store.as_ref(), &actor, team_id).await?;
    let mut form = RecordForm::blank(load::new_id(), team_id, kind, me, chrono::Utc::now());
    if kind == RecordKind::Patrol {
        form.area = villages.join(", ");
    }
    let categories = load::categories(store.as_ref()).await?;
    let incidents = if kind == RecordKind::Patrol {
        let names = Names {
            members: &members,
            categories: &categories,
            incidents: &[],
            holidays: &[],
        };
        load::recent_incidents(store.as_ref(), &actor, team_id, ctx::lang(), &names).await?
    } else {
        Vec::new()
    };
    Ok(LogFormView {
        team_id,
        team_name,
        members,
        categories,
        incidents,
        form,
        user_id: actor.user_id,
        user_name: load::user_name(store.as_ref(), &actor).await?,
        keep: EditBase::default(),
    })
}

#[server(endpoint = "log/edit", input = GetUrl)]
pub async fn get_edit_form(id: String) -> Result<LogFormView, AppError> {
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let record = records::get(store.as_ref(), &actor, &id).await?;
    if !record.can_edit {
        return Err(AppError::new("forbidden"));
    }
    if record.informant.is_some() {
        ctx::no_store();
    }
    let scope = crate::services::directory::team_scope(store.as_ref(), record.team_id).await?;
    let month = store
        .team_month(record.team_id, &record.month)
        .await
        .map_err(crate::services::ServiceError::from)?;
    if month.state.locks_records() {
        return Err(AppError::on_field("month_signed_off", "month"));
    }
    let (team_name, members, _) = load::team(store.as_ref(), &actor, record.team_id).await?;
    let categories = load::categories(store.as_ref()).await?;
    let incidents = if record.kind == crate::domain::records::RecordKind::Patrol {
        let names = Names {
            members: &members,
            categories: &categories,
            incidents: &[],
            holidays: &[],
        };
        load::recent_incidents(store.as_ref(), &actor, record.team_id, ctx::lang(), &names).await?
    } else {
        Vec::new()
    };
    Ok(LogFormView {
        team_id: record.team_id,
        team_name,
        members,
        categories,
        incidents,
        form: RecordForm::of_record(
            &record.id,
            record.team_id,
            record.version,
            &record.body,
            record.informant.as_ref(),
        ),
        user_id: actor.user_id,
        user_name: load::user_name(store.as_ref(), &actor).await?,
        keep: EditBase {
            assessment: match &record.body {
                crate::domain::records::RecordBody::TipOff(t) => t.assessment.clone(),
                _ => None,
            },
            informant_visible: actor.can_see_informant(record.author_id, &scope),
        },
    })
}

/// Saves a new record, or an edit when the form carries the version it was made from.
/// Answers the record's id.
#[server(endpoint = "log/save")]
pub async fn save_record(form: RecordForm) -> Result<String, AppError> {
    use crate::api::records::{NewRecord, RecordChange};
    use crate::domain::records::RecordBody;
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let (body, informant) = form.read().map_err(load::field)?;
    if form.version.trim().is_empty() {
        let new = NewRecord {
            id: form.id.clone(),
            team_id: form.team_id,
            body,
            informant,
        };
        let (view, _) = records::create(store.as_ref(), &actor, new, now).await?;
        return Ok(view.id);
    }
    let version = form
        .version
        .trim()
        .parse()
        .map_err(|_| AppError::on_field("invalid_number", "version"))?;
    // The form shows the informant only to whoever may see it; for anyone else its empty
    // fields say nothing, and what is stored is kept (the service refuses them anyway).
    let current = records::get(store.as_ref(), &actor, &form.id).await?;
    let scope = crate::services::directory::team_scope(store.as_ref(), current.team_id).await?;
    let informant = informant.filter(|_| actor.can_see_informant(current.author_id, &scope));
    // The form has no assessment: an edit keeps what the commune police recorded.
    let mut body = body;
    if let (RecordBody::TipOff(new), RecordBody::TipOff(old)) = (&mut body, &current.body) {
        new.assessment = old.assessment.clone();
    }
    let change = RecordChange {
        version,
        body,
        informant,
    };
    Ok(
        records::update(store.as_ref(), &actor, &form.id, change, now)
            .await?
            .id,
    )
}

/// One tap: a patrol that starts now, with the member on it and the team's villages as
/// its area. `id` comes from the page, so a double tap starts one patrol.
#[server(endpoint = "log/start_patrol")]
pub async fn start_patrol(team_id: i64, id: String) -> Result<String, AppError> {
    use crate::api::records::NewRecord;
    use crate::domain::records::RecordKind;
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let (_, _, villages) = load::team(store.as_ref(), &actor, team_id).await?;
    let me = load::my_member_id(store.as_ref(), &actor, team_id).await?;
    let mut form = RecordForm::blank(id, team_id, RecordKind::Patrol, me, now);
    form.area = villages.join(", ");
    let (body, _) = form.read().map_err(load::field)?;
    let new = NewRecord {
        id: form.id,
        team_id,
        body,
        informant: None,
    };
    Ok(records::create(store.as_ref(), &actor, new, now)
        .await?
        .0
        .id)
}

/// Ends a patrol under way now, with the track the phone gathered (JSON, may be empty).
#[server(endpoint = "log/finish_patrol")]
pub async fn finish_patrol(id: String, version: i64, track: String) -> Result<(), AppError> {
    use crate::api::records::RecordChange;
    use crate::domain::records::{patrol::TrackPoint, RecordBody};
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let record = records::get(store.as_ref(), &actor, &id).await?;
    let RecordBody::Patrol(mut patrol) = record.body else {
        return Err(AppError::on_field("invalid_choice", "kind"));
    };
    if !track.trim().is_empty() {
        let points: Vec<TrackPoint> = serde_json::from_str(&track)
            .map_err(|_| AppError::on_field("invalid_location", "track"))?;
        patrol.track.extend(points);
    }
    patrol.ended_at.get_or_insert(now);
    let change = RecordChange {
        version,
        body: RecordBody::Patrol(patrol),
        informant: None,
    };
    records::update(store.as_ref(), &actor, &id, change, now).await?;
    Ok(())
}

/// One tap on a tip: it has just been passed to the commune police.
#[server(endpoint = "log/forward")]
pub async fn forward_tip(id: String, version: i64) -> Result<(), AppError> {
    use crate::api::records::RecordChange;
    use crate::domain::records::RecordBody;
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let record = records::get(store.as_ref(), &actor, &id).await?;
    let RecordBody::TipOff(mut tip) = record.body else {
        return Err(AppError::on_field("invalid_choice", "kind"));
    };
    tip.forwarded_at.get_or_insert(now);
    let change = RecordChange {
        version,
        body: RecordBody::TipOff(tip),
        informant: None,
    };
    records::update(store.as_ref(), &actor, &id, change, now).await?;
    Ok(())
}

/// The commune police's assessment of a tip: of value or not, and what came of it.
#[server(endpoint = "log/assess")]
pub async fn assess_tip(
    id: String,
    version: i64,
    valuable: String,
    outcome: String,
) -> Result<(), AppError> {
    use crate::domain::records::tip::Assessment;
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let valuable = match valuable.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::on_field("required", "valuable")),
    };
    let assessment = Assessment {
        valuable,
        outcome: outcome.trim().to_owned(),
    };
    records::assess_tip(
        store.as_ref(),
        &actor,
        &id,
        version,
        assessment,
        chrono::Utc::now(),
    )
    .await?;
    Ok(())
}

#[server(endpoint = "log/delete")]
pub async fn delete_record(id: String, version: i64) -> Result<(), AppError> {
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    records::delete(store.as_ref(), &actor, &id, version, chrono::Utc::now()).await?;
    Ok(())
}

/// The team's records, newest first, filtered by kind, member and month (`yyyy-mm`).
#[server(endpoint = "log/feed", input = GetUrl)]
pub async fn get_feed(
    team_id: i64,
    kind: String,
    member: String,
    month: String,
    page: String,
) -> Result<FeedView, AppError> {
    use crate::services::store::RecordFilter;
    use crate::services::{directory, records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let (team_name, members, _) = load::team(store.as_ref(), &actor, team_id).await?;
    let scope = directory::team_scope(store.as_ref(), team_id).await?;
    let page: u32 = page.parse().unwrap_or(1).clamp(1, 100);
    let filter = RecordFilter {
        kind: Some(kind).filter(|k| !k.is_empty()),
        month: Some(month).filter(|m| !m.is_empty()),
        // The filter names a roster member; records know their author as a user.
        author_id: member.parse::<i64>().ok().map(|m| {
            members
                .iter()
                .find(|p| p.id == m)
                .and_then(|p| p.user_id)
                .unwrap_or(-1)
        }),
        // Pages grow the list rather than replace it: the phone keeps its place.
        limit: Some(i64::from(FEED_PAGE * page) + 1),
    };
    let categories = load::categories(store.as_ref()).await?;
    let names = Names {
        members: &members,
        categories: &categories,
        incidents: &[],
        holidays: &[],
    };
    let lang = ctx::lang();
    let mut cards: Vec<RecordCard> = records::list(store.as_ref(), &actor, team_id, &filter)
        .await?
        .iter()
        .map(|r| load::card(lang, r, &names))
        .collect();
    let shown = (FEED_PAGE * page) as usize;
    let next_page = (cards.len() > shown).then_some(page + 1);
    cards.truncate(shown);
    Ok(FeedView {
        team_id,
        team_name,
        can_log: actor.can_log_for(&scope),
        can_log_direct: !actor.can_log_for(&scope)
            && actor.can_log_kind(&scope, crate::domain::records::RecordKind::TipOff),
        cards,
        next_page,
        members,
        user_id: actor.user_id,
    })
}

#[server(endpoint = "log/record", input = GetUrl)]
pub async fn get_record(id: String) -> Result<RecordDetail, AppError> {
    use crate::services::error::ServiceError;
    use crate::services::{records, request::in_server_fn as ctx};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let record = records::get(store.as_ref(), &actor, &id).await?;
    if record.informant.is_some() {
        ctx::no_store();
    }
    let (team_name, members, _) = load::team(store.as_ref(), &actor, record.team_id).await?;
    let history = records::history(store.as_ref(), &actor, &id).await?;
    let categories = load::categories(store.as_ref()).await?;
    let lang = ctx::lang();
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
            if let Ok(r) = records::get(store.as_ref(), &actor, id).await {
                linked.push(load::incident_choice(lang, &r, &names));
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
    let (review, comment) = crate::services::signoff::review_for(store.as_ref(), &record).await?;
    let scope = crate::services::directory::team_scope(store.as_ref(), record.team_id).await?;
    let month = store
        .team_month(record.team_id, &record.month)
        .await
        .map_err(ServiceError::from)?
        .state;
    let can_review = actor.signoff_parties(&scope).leader && !month.locks_records();
    let month_key = record.month.clone();
    let mut detail = load::detail(lang, record, team_name, history, &names);
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
    Ok(detail)
}
