//! The history of what a commune keeps, as a reader sees it: each stored version compared
//! with the one before, newest first.

use super::store::Store;
use super::ServiceError;
use crate::domain::history::{diff, Subject};
use crate::dto::units::ChangeView;

/// The subject's changes, newest first, each listing only the `fields` it changed.
/// The caller has checked that the reader may see the subject.
pub(crate) async fn changes(
    store: &dyn Store,
    subject: Subject,
    id: i64,
    fields: &[&str],
) -> Result<Vec<ChangeView>, ServiceError> {
    let rows = store.history_of(subject, id).await?;
    let mut views: Vec<ChangeView> = rows
        .iter()
        .enumerate()
        .map(|(i, row)| ChangeView {
            action: row.action,
            by: row.by_name.clone(),
            at: row.at,
            changes: diff(
                fields,
                i.checked_sub(1).map(|p| &rows[p].detail),
                &row.detail,
            ),
        })
        .collect();
    views.reverse();
    Ok(views)
}
