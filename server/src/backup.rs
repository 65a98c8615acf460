//! `antt backup` and `antt restore`: a consistent copy of the whole database while the
//! server runs (photos live in it, so they are included), and that copy put back into an
//! empty database. SQLite copies itself (`VACUUM INTO`, one read transaction); PostgreSQL
//! is copied by its own tools, `pg_dump` and `pg_restore`, run with the app's role.

use crate::store::{self, sqlite::SqliteStore};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::{ConnectOptions, Connection};
use std::path::Path;
use std::process::Command;
use std::str::FromStr;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("{0}")]
    Refused(String),
    #[error("database: {0}")]
    Database(String),
    #[error("{0}")]
    Tool(String),
}

fn db(e: impl std::fmt::Display) -> BackupError {
    BackupError::Database(e.to_string())
}

fn is_postgres(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// What a backup holds, for the operator's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub bytes: u64,
    /// Records and photos in the copy (SQLite only: a PostgreSQL dump is read by its tool).
    pub records: Option<i64>,
    pub photos: Option<i64>,
}

pub async fn backup(url: &str, file: &Path) -> Result<Summary, BackupError> {
    if file.exists() {
        return Err(BackupError::Refused(format!(
            "{} exists already: a backup never overwrites a file",
            file.display()
        )));
    }
    private_file(file)?;
    let copied = copy(url, file).await;
    if copied.is_err() {
        // Half a copy is worse than none: it would pass for a backup.
        let _ = std::fs::remove_file(file);
    }
    copied
}

async fn copy(url: &str, file: &Path) -> Result<Summary, BackupError> {
    if is_postgres(url) {
        run(libpq(Command::new("pg_dump"), url)?
            .args(["--format=custom", "--no-owner", "--no-privileges", "--file"])
            .arg(file))?;
        return summary(file, None).await;
    }
    let live = SqliteStore::connect(url).await.map_err(db)?;
    // One read transaction: writers go on, and the copy is the database as it stood when
    // the copy began.
    sqlx::query("VACUUM INTO $1")
        .bind(file.to_string_lossy().into_owned())
        .execute(live.pool())
        .await
        .map_err(db)?;
    live.pool().close().await;
    summary(file, Some(file)).await
}

async fn summary(file: &Path, sqlite: Option<&Path>) -> Result<Summary, BackupError> {
    let bytes = std::fs::metadata(file).map_err(db)?.len();
    let Some(path) = sqlite else {
        return Ok(Summary {
            bytes,
            records: None,
            photos: None,
        });
    };
    let mut conn = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .connect()
        .await
        .map_err(db)?;
    let records: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM records")
        .fetch_one(&mut conn)
        .await
        .map_err(db)?;
    let photos: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM record_photos")
        .fetch_one(&mut conn)
        .await
        .map_err(db)?;
    conn.close().await.map_err(db)?;
    Ok(Summary {
        bytes,
        records: Some(records),
        photos: Some(photos),
    })
}

/// Puts a backup into the empty database at `url`, then applies any migration newer
/// than the backup. Refuses a database that holds any table: a restore never mixes a
/// copy with other data.
// Long on purpose: one branch per database, each one sequence (refuse a database that
// holds data, check the file, copy it in, migrate) whose steps must stay in this order.
pub async fn restore(url: &str, file: &Path) -> Result<Summary, BackupError> {
    if !file.is_file() {
        return Err(BackupError::Refused(format!("no file {}", file.display())));
    }
    if is_postgres(url) {
        let pool = sqlx::PgPool::connect(url).await.map_err(db)?;
        let tables: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()",
        )
        .fetch_one(&pool)
        .await
        .map_err(db)?;
        pool.close().await;
        if tables > 0 {
            return Err(not_empty());
        }
        let mut restore = libpq(Command::new("pg_restore"), url)?;
        // Without a database named, pg_restore would print SQL instead of restoring; the
        // name alone carries no secret (the rest of the connection is in PG* variables).
        let database = url::Url::parse(url)
            .ok()
            .map(|u| u.path().trim_start_matches('/').to_owned())
            .filter(|d| !d.is_empty())
            .ok_or_else(|| BackupError::Refused("DATABASE_URL names no database".into()))?;
        run(restore
            .args([
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
            ])
            .arg(database)
            .arg(file))?;
        store::open(url).await.map_err(db)?;
        return summary(file, None).await;
    }
    let target = SqliteConnectOptions::from_str(url)
        .map_err(db)?
        .get_filename()
        .to_path_buf();
    if target.exists() {
        let mut conn = SqliteConnectOptions::new()
            .filename(&target)
            .connect()
            .await
            .map_err(db)?;
        let tables: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'")
                .fetch_one(&mut conn)
                .await
                .map_err(db)?;
        conn.close().await.map_err(db)?;
        if tables > 0 {
            return Err(not_empty());
        }
        std::fs::remove_file(&target).map_err(db)?;
    }
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(db)?;
    }
    let source = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(SqliteConnectOptions::new().filename(file).read_only(true))
        .await
        .map_err(db)?;
    let check: String = sqlx::query_scalar("PRAGMA integrity_check")
        .fetch_one(&source)
        .await
        .map_err(|_| BackupError::Refused(format!("{} is not an SQLite backup", file.display())))?;
    let ours: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'",
    )
    .fetch_one(&source)
    .await
    .map_err(db)?;
    if check != "ok" || ours == 0 {
        return Err(BackupError::Refused(format!(
            "{} is not a sound backup of this app ({check})",
            file.display()
        )));
    }
    private_file(&target)?;
    let copied = sqlx::query("VACUUM INTO $1")
        .bind(target.to_string_lossy().into_owned())
        .execute(&source)
        .await;
    source.close().await;
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&target);
        return Err(db(e));
    }
    let restored = SqliteStore::connect(url).await.map_err(db)?;
    restored.pool().close().await;
    summary(file, Some(&target)).await
}

/// Creates the empty file a copy is written into, readable by its owner only: it holds
/// every informant and every password hash. (`VACUUM INTO` and `pg_dump` write into an
/// empty file they find, keeping its mode.)
fn private_file(path: &Path) -> Result<(), BackupError> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
        .open(path)
        .map(drop)
        .map_err(|e| BackupError::Refused(format!("cannot create {}: {e}", path.display())))
}

fn not_empty() -> BackupError {
    BackupError::Refused(
        "cơ sở dữ liệu đích không trống / the target database is not empty: restore into a \
         new, empty database"
            .into(),
    )
}

/// The connection for PostgreSQL's tools, given in their environment variables: a
/// password on the command line would show in every `ps` on the machine.
fn libpq(mut cmd: Command, url: &str) -> Result<Command, BackupError> {
    let u = url::Url::parse(url).map_err(|e| BackupError::Refused(format!("DATABASE_URL: {e}")))?;
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(s)
            .decode_utf8()
            .map(|d| d.into_owned())
            .map_err(|_| BackupError::Refused("DATABASE_URL: bad escape".into()))
    };
    if let Some(host) = u.host_str() {
        cmd.env("PGHOST", host.trim_start_matches('[').trim_end_matches(']'));
    }
    if let Some(port) = u.port() {
        cmd.env("PGPORT", port.to_string());
    }
    if !u.username().is_empty() {
        cmd.env("PGUSER", decode(u.username())?);
    }
    if let Some(password) = u.password() {
        cmd.env("PGPASSWORD", decode(password)?);
    }
    let database = u.path().trim_start_matches('/');
    if !database.is_empty() {
        cmd.env("PGDATABASE", decode(database)?);
    }
    for (key, value) in u.query_pairs() {
        match key.as_ref() {
            "sslmode" => cmd.env("PGSSLMODE", value.as_ref()),
            "options" => cmd.env("PGOPTIONS", value.as_ref()),
            "host" => cmd.env("PGHOST", value.as_ref()),
            _ => &mut cmd,
        };
    }
    Ok(cmd)
}

fn run(cmd: &mut Command) -> Result<(), BackupError> {
    let name = cmd.get_program().to_string_lossy().into_owned();
    let out = cmd.output().map_err(|e| {
        BackupError::Tool(format!(
            "{name} could not run ({e}): install PostgreSQL's client tools"
        ))
    })?;
    if out.status.success() {
        Ok(())
    } else {
        Err(BackupError::Tool(format!(
            "{name} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        )))
    }
}
