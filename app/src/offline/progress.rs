//! The team's month counted on the phone: the copy of the team's records kept in
//! IndexedDB, caught up with the server whenever it answers, plus the outbox.

use super::store;
use super::team_copy::{current_month, progress, Progress, TeamCopy};
use crate::browser::fetch_text;
use crate::dto::progress::CountingKit;
use crate::dto::sync::PullResponse;
use chrono::{DateTime, Utc};

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// What the phone holds, with no network needed.
pub async fn held(kit: &CountingKit) -> TeamCopy {
    store::team_copy(kit.user_id, kit.team_id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| TeamCopy::new(kit.user_id, kit.team_id))
}

/// Catches the copy up with the team's changes, page by page, keeping each page as it
/// arrives; `false` when the server could not be reached (the copy keeps what it had).
pub async fn catch_up(kit: &CountingKit, copy: &mut TeamCopy) -> bool {
    let month = current_month(kit, now());
    loop {
        let url = format!(
            "/api/v1/teams/{}/changes?since={}",
            kit.team_id, copy.cursor
        );
        let page = match fetch_text("GET", &url, None).await {
            Ok((200, text)) => serde_json::from_str::<PullResponse>(&text).ok(),
            _ => None,
        };
        let Some(page) = page else {
            return false;
        };
        copy.apply(&page, month, kit, now());
        if store::put_team_copy(copy).await.is_err() || !page.more {
            return true;
        }
    }
}

/// This month's standing from the copy and every entry waiting on the phone.
pub async fn count(kit: &CountingKit, copy: &TeamCopy) -> Progress {
    let entries = store::entries().await.unwrap_or_default();
    progress(copy, &entries, kit, current_month(kit, now()))
}
