//! The `antt` subcommands: serve, init, migrate, demo, backup, restore, recompute,
//! indicator-settings, user add, user passwd.

mod accounts;
mod serve;

use crate::config::{DbConfig, ServeConfig};
use crate::{demo, store};
use app::domain::indicators::ReportCalendar;
use app::services::ServiceError;
use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "antt",
    version,
    about = "ANTT Cơ sở: field app for grassroots security teams"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the app (the default): migrates the database; `--demo` loads demo data into a
    /// new one.
    Serve(ServeConfig),
    /// Set up a new database for a real commune: migrate it and create the first admin,
    /// whose password is read from ANTT_PASSWORD or asked for.
    Init {
        #[command(flatten)]
        db: DbConfig,
        /// The admin's phone number, used to sign in.
        #[arg(long)]
        admin_phone: String,
        #[arg(long, default_value = "Quản trị hệ thống")]
        admin_name: String,
    },
    /// Apply pending database migrations and exit.
    Migrate(DbConfig),
    /// Load the demo data into an empty database.
    Demo(DbConfig),
    /// Write a consistent copy of the whole database (photos included) to FILE, while the
    /// server runs. SQLite copies itself; PostgreSQL needs pg_dump on the PATH.
    Backup {
        #[command(flatten)]
        db: DbConfig,
        file: std::path::PathBuf,
    },
    /// Put a backup made by `antt backup` into an empty database.
    Restore {
        #[command(flatten)]
        db: DbConfig,
        file: std::path::PathBuf,
    },
    /// Count every team-month's indicator numbers again from the records.
    Recompute(DbConfig),
    /// Show or change how indicators count (report month start, "in time"), then recount.
    IndicatorSettings {
        #[command(flatten)]
        db: DbConfig,
        /// Report months start on this day (1 = calendar months; 15 = the 15th to the 14th).
        #[arg(long)]
        report_start_day: Option<u32>,
        /// The team is present in time when it arrives within this many minutes.
        #[arg(long)]
        in_time_minutes: Option<i64>,
    },
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create an account; the password is read from ANTT_PASSWORD or asked for.
    Add {
        #[command(flatten)]
        db: DbConfig,
        #[arg(long)]
        phone: String,
        #[arg(long)]
        name: String,
        /// Make the account commune police of this org unit id.
        #[arg(long)]
        commune_police: Option<i64>,
        /// Make the account province police of this org unit id.
        #[arg(long)]
        province_police: Option<i64>,
        #[arg(long)]
        admin: bool,
    },
    /// Set a new password (read from ANTT_PASSWORD or asked for) and end the user's sessions.
    Passwd {
        #[command(flatten)]
        db: DbConfig,
        #[arg(long)]
        phone: String,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("{0}")]
    Store(#[from] app::services::StoreError),
    #[error("{0}")]
    Service(#[from] ServiceError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Config(String),
    #[error("{0}")]
    Backup(#[from] crate::backup::BackupError),
}

fn describe(s: &crate::backup::Summary) -> String {
    let size = format!("{:.1} MB", s.bytes as f64 / 1_000_000.0);
    match (s.records, s.photos) {
        (Some(r), Some(p)) => format!("{size}, {r} records, {p} photos"),
        _ => size,
    }
}

impl ServeConfig {
    fn parse_default() -> Self {
        #[derive(Parser)]
        struct Only {
            #[command(flatten)]
            cfg: ServeConfig,
        }
        Only::parse_from(["antt"]).cfg
    }
}

// Long on purpose: one arm per command, each a few lines handing over to its module.
pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        None => serve::serve(ServeConfig::parse_default()).await,
        Some(Command::Serve(cfg)) => serve::serve(cfg).await,
        Some(Command::Init {
            db,
            admin_phone,
            admin_name,
        }) => accounts::init(&db, &admin_phone, &admin_name).await,
        Some(Command::Migrate(db)) => {
            let s = store::open(&db.database_url).await?;
            println!("Migrations applied ({}).", s.backend());
            Ok(())
        }
        Some(Command::Demo(db)) => {
            let s = store::open(&db.database_url).await?;
            demo::load(s.as_ref()).await.map_err(|e| match e {
                ServiceError::Conflict(_) => {
                    CliError::Config("refusing: the database is not empty".into())
                }
                e => e.into(),
            })?;
            print!("Demo data loaded.\n{}", demo::banner());
            Ok(())
        }
        Some(Command::Backup { db, file }) => {
            let done = crate::backup::backup(&db.database_url, &file).await?;
            println!(
                "Đã sao lưu / backup written: {} ({})",
                file.display(),
                describe(&done)
            );
            Ok(())
        }
        Some(Command::Restore { db, file }) => {
            let done = crate::backup::restore(&db.database_url, &file).await?;
            println!(
                "Đã khôi phục / restored from {} ({})",
                file.display(),
                describe(&done)
            );
            Ok(())
        }
        Some(Command::Recompute(db)) => {
            let s = store::open(&db.database_url).await?;
            let started = std::time::Instant::now();
            let n = s.recompute_counts().await?;
            println!(
                "Recounted: {n} team-months hold counts ({:.1} s).",
                started.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Some(Command::IndicatorSettings {
            db,
            report_start_day,
            in_time_minutes,
        }) => {
            let s = store::open(&db.database_url).await?;
            let mut rules = s.counting_rules().await?;
            if let Some(day) = report_start_day {
                rules.calendar = ReportCalendar::starting_on(day)
                    .ok_or_else(|| CliError::Config("--report-start-day must be 1 to 28".into()))?;
            }
            if let Some(m) = in_time_minutes {
                if m < 1 {
                    return Err(CliError::Config(
                        "--in-time-minutes must be at least 1".into(),
                    ));
                }
                rules.in_time_minutes = m;
            }
            if report_start_day.is_some() || in_time_minutes.is_some() {
                let n = s.set_counting_rules(&rules).await?;
                println!("Saved and recounted: {n} team-months hold counts.");
            }
            println!(
                "Report months start on day {}; present in time within {} minutes.",
                rules.calendar.start_day(),
                rules.in_time_minutes
            );
            Ok(())
        }
        Some(Command::User(cmd)) => accounts::user(cmd).await,
    }
}
