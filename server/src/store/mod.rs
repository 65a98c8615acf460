//! The two database backends behind the store seam, chosen by the URL.

#[macro_use]
mod sql;
#[macro_use]
mod records_sql;
#[macro_use]
mod counting_sql;
#[macro_use]
mod indicators_sql;
#[macro_use]
mod signoff_sql;
#[macro_use]
mod roster_sql;
#[macro_use]
mod police_sql;
#[macro_use]
mod places_sql;
pub mod postgres;
mod rows;
pub mod sqlite;

use app::services::{Store, StoreError};
use std::sync::Arc;

/// Opens the database named by `url` and applies pending migrations.
pub async fn open(url: &str) -> Result<Arc<dyn Store>, StoreError> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PgStore::connect(url).await?))
    } else if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteStore::connect(url).await?))
    } else {
        Err(StoreError::Backend(format!(
            "unsupported DATABASE_URL {url:?}: use sqlite://path or postgres://…"
        )))
    }
}

/// Maps a sqlx error: schema rules refusing a write are conflicts, the rest is the backend's.
pub(crate) fn map_err(e: sqlx::Error) -> StoreError {
    match &e {
        sqlx::Error::Database(db) if db.is_unique_violation() || db.is_foreign_key_violation() => {
            StoreError::Conflict(db.message().to_owned())
        }
        sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
            StoreError::Corrupt(e.to_string())
        }
        _ => StoreError::Backend(e.to_string()),
    }
}
