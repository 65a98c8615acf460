//! The PostgreSQL backend, for a province or the country: many stateless app servers, one database.

use app::services::StoreError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use std::str::FromStr;
use std::time::Duration;

/// Row versions guard concurrent edits; the default isolation is enough.
const BEGIN_WRITE: &str = "BEGIN";

pub struct PgStore {
    pub(crate) pool: PgPool,
}

impl PgStore {
    pub async fn connect(url: &str) -> Result<Self, StoreError> {
        let options = PgConnectOptions::from_str(url)
            .map_err(|e| StoreError::Backend(format!("bad postgres url: {e}")))?;
        Self::connect_with(options).await
    }

    /// Connects with explicit options (tests use them to give each test its own schema).
    pub async fn connect_with(options: PgConnectOptions) -> Result<Self, StoreError> {
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(10))
            .connect_with(options)
            .await
            .map_err(super::map_err)?;
        sqlx::migrate!("./migrations/postgres")
            .run(&pool)
            .await
            .map_err(|e| StoreError::Backend(format!("migrating: {e}")))?;
        Ok(Self { pool })
    }

    pub fn pool(&self) -> &PgPool {
        &self.pool
    }
}

impl_store!(PgStore, sqlx::Postgres, "postgres");
impl_record_store!(PgStore, sqlx::Postgres);
impl_counting!(sqlx::Postgres);
impl_indicator_store!(PgStore, sqlx::Postgres);
impl_signoff_store!(PgStore, sqlx::Postgres);
impl_roster_store!(PgStore, sqlx::Postgres);
impl_police_store!(PgStore, sqlx::Postgres);
impl_place_store!(PgStore, sqlx::Postgres);
