//! The embedded SQLite backend: one file, WAL, foreign keys on; what a commune runs on one machine.

use app::services::StoreError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::SqlitePool;
use std::str::FromStr;
use std::time::Duration;

/// Writers take the lock up front: a deferred transaction that reads and then writes
/// fails at once with SQLITE_BUSY when another writer got there first, instead of waiting.
const BEGIN_WRITE: &str = "BEGIN IMMEDIATE";

pub struct SqliteStore {
    pub(crate) pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating if missing, with its folder) the database file and migrates it.
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = SqliteConnectOptions::from_str(url)
            .map_err(|e| StoreError::Backend(format!("bad sqlite url: {e}")))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(10));
        if let Some(dir) = options
            .get_filename()
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::Backend(format!("creating {dir:?}: {e}")))?;
        }
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(super::map_err)?;
        sqlx::migrate!("./migrations/sqlite")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Backend(format!("migrating: {e}")))?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

impl_store!(SqliteStore, sqlx::Sqlite, "sqlite");
impl_record_store!(SqliteStore, sqlx::Sqlite);
impl_counting!(sqlx::Sqlite);
impl_indicator_store!(SqliteStore, sqlx::Sqlite);
impl_signoff_store!(SqliteStore, sqlx::Sqlite);
impl_roster_store!(SqliteStore, sqlx::Sqlite);
impl_police_store!(SqliteStore, sqlx::Sqlite);
impl_place_store!(SqliteStore, sqlx::Sqlite);
