//! Server functions for logging records from the phone: the form, saving it, a patrol's
//! start and finish, the team's feed and a record with its history.

use crate::domain::records::form::RecordForm;
#[cfg(feature = "ssr")]
use crate::domain::ErrorCode;
use crate::dto::log::*;
use crate::dto::AppError;
use leptos::prelude::*;
// Reads are GET, so the service worker can keep the last answer for offline use.
#[cfg(feature = "ssr")]
use crate::services::record_screens;
#[cfg(feature = "ssr")]
use crate::wording::records::Names;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "log/form", input = GetUrl)]
pub async fn get_log_form(team_id: i64, kind: String) -> Result<LogFormView, AppError> {
    use crate::api::context as ctx;
    use crate::domain::records::RecordKind;
    use crate::services::directory;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let scope = directory::team_scope(store.as_ref(), team_id).await?;
    let kind = RecordKind::parse(&kind).ok_or_else(|| AppError::new(ErrorCode::NotFound))?;
    if !actor.can_log_kind(&scope, kind) {
        return Err(AppError::new(ErrorCode::Forbidden));
    }
    let (team_name, members, villages) =
        record_screens::team(store.as_ref(), &actor, team_id).await?;
    let me = record_screens::my_member_id(store.as_ref(), &actor, team_id).await?;
    let mut form = RecordForm::blank(
        record_screens::new_id(),
        team_id,
        kind,
        me,
        chrono::Utc::now(),
    );
    if kind == RecordKind::Patrol {
        form.area = villages.join(", ");
    }
    let categories = record_screens::categories(store.as_ref()).await?;
    let incidents = if kind == RecordKind::Patrol {
        let names = Names {
            members: &members,
            categories: &categories,
            incidents: &[],
            holidays: &[],
        };
        record_screens::recent_incidents(store.as_ref(), &actor, team_id, ctx::lang(), &names)
            .await?
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
        user_name: record_screens::user_name(store.as_ref(), &actor).await?,
        keep: EditBase::default(),
    })
}

#[server(endpoint = "log/edit", input = GetUrl)]
pub async fn get_edit_form(id: String) -> Result<LogFormView, AppError> {
    use crate::api::context as ctx;
    use crate::services::records;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let record = records::get(store.as_ref(), &actor, &id).await?;
    if !record.can_edit {
        return Err(AppError::new(ErrorCode::Forbidden));
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
        return Err(AppError::on_field(ErrorCode::MonthSignedOff, "month"));
    }
    let (team_name, members, _) =
        record_screens::team(store.as_ref(), &actor, record.team_id).await?;
    let categories = record_screens::categories(store.as_ref()).await?;
    let incidents = if record.kind == crate::domain::records::RecordKind::Patrol {
        let names = Names {
            members: &members,
            categories: &categories,
            incidents: &[],
            holidays: &[],
        };
        record_screens::recent_incidents(
            store.as_ref(),
            &actor,
            record.team_id,
            ctx::lang(),
            &names,
        )
        .await?
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
        user_name: record_screens::user_name(store.as_ref(), &actor).await?,
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
    use crate::api::context as ctx;
    use crate::domain::records::RecordBody;
    use crate::dto::records::{NewRecord, RecordChange};
    use crate::services::records;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let (body, informant) = form.read().map_err(record_screens::field)?;
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
        .map_err(|_| AppError::on_field(ErrorCode::InvalidNumber, "version"))?;
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
    use crate::api::context as ctx;
    use crate::domain::records::RecordKind;
    use crate::dto::records::NewRecord;
    use crate::services::records;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let (_, _, villages) = record_screens::team(store.as_ref(), &actor, team_id).await?;
    let me = record_screens::my_member_id(store.as_ref(), &actor, team_id).await?;
    let mut form = RecordForm::blank(id, team_id, RecordKind::Patrol, me, now);
    form.area = villages.join(", ");
    let (body, _) = form.read().map_err(record_screens::field)?;
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
    use crate::api::context as ctx;
    use crate::domain::records::{patrol::TrackPoint, RecordBody};
    use crate::dto::records::RecordChange;
    use crate::services::records;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let record = records::get(store.as_ref(), &actor, &id).await?;
    let RecordBody::Patrol(mut patrol) = record.body else {
        return Err(AppError::on_field(ErrorCode::InvalidChoice, "kind"));
    };
    if !track.trim().is_empty() {
        let points: Vec<TrackPoint> = serde_json::from_str(&track)
            .map_err(|_| AppError::on_field(ErrorCode::InvalidLocation, "track"))?;
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
    use crate::api::context as ctx;
    use crate::domain::records::RecordBody;
    use crate::dto::records::RecordChange;
    use crate::services::records;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let now = chrono::Utc::now();
    let record = records::get(store.as_ref(), &actor, &id).await?;
    let RecordBody::TipOff(mut tip) = record.body else {
        return Err(AppError::on_field(ErrorCode::InvalidChoice, "kind"));
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
    use crate::api::context as ctx;
    use crate::domain::records::tip::Assessment;
    use crate::services::records;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let valuable = match valuable.as_str() {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::on_field(ErrorCode::Required, "valuable")),
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
    use crate::api::context as ctx;
    use crate::services::records;
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
    use crate::api::context as ctx;
    use crate::services::store::RecordFilter;
    use crate::services::{directory, records};
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let (team_name, members, _) = record_screens::team(store.as_ref(), &actor, team_id).await?;
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
    let categories = record_screens::categories(store.as_ref()).await?;
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
        .map(|r| record_screens::card(lang, r, &names))
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
    use crate::api::context as ctx;
    let actor = ctx::actor().await?;
    let store = ctx::services().store;
    let (detail, names_informant) =
        record_screens::record_page(store.as_ref(), &actor, ctx::lang(), &id).await?;
    if names_informant {
        ctx::no_store();
    }
    Ok(detail)
}
