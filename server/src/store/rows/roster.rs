//! Rows of the commune's history of its units, teams and members.

use super::{corrupt, known};
use app::domain::history::ChangeAction;
use app::services::store::roster::HistoryEntry;
use app::services::store::StoreError;
use chrono::{DateTime, Utc};
use sqlx::FromRow;

#[derive(FromRow)]
pub(crate) struct HistoryRow {
    action: String,
    detail: String,
    by_user: i64,
    by_name: String,
    at: DateTime<Utc>,
}

impl TryFrom<HistoryRow> for HistoryEntry {
    type Error = StoreError;

    fn try_from(r: HistoryRow) -> Result<Self, StoreError> {
        let detail = match serde_json::from_str(&r.detail) {
            Ok(serde_json::Value::Object(map)) => map,
            _ => return Err(corrupt("change detail", &r.detail)),
        };
        Ok(HistoryEntry {
            action: known("change action", &r.action, ChangeAction::parse)?,
            detail,
            by_user_id: r.by_user,
            by_name: r.by_name,
            at: r.at,
        })
    }
}
