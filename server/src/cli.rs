//! The `antt` subcommands: serve, migrate, demo, recompute, indicator-settings, user add,
//! user passwd.

use crate::config::{DbConfig, ServeConfig};
use crate::router::{app, AppState};
use crate::{demo, store};
use app::domain::indicators::ReportCalendar;
use app::services::store::RoleGrant;
use app::services::{auth, ServiceError, Services};
use clap::{Parser, Subcommand};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;

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
    /// Serve the app (the default): migrates the database and loads demo data into a new one.
    Serve(ServeConfig),
    /// Apply pending database migrations and exit.
    Migrate(DbConfig),
    /// Load the demo data into an empty database.
    Demo(DbConfig),
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
}

pub async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        None => serve(ServeConfig::parse_default()).await,
        Some(Command::Serve(cfg)) => serve(cfg).await,
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
        Some(Command::User(cmd)) => user(cmd).await,
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

fn read_password() -> Result<String, CliError> {
    if let Ok(p) = std::env::var("ANTT_PASSWORD") {
        return Ok(p);
    }
    rpassword::prompt_password("Mật khẩu / password: ").map_err(CliError::from)
}

async fn user(cmd: UserCommand) -> Result<(), CliError> {
    match cmd {
        UserCommand::Add {
            db,
            phone,
            name,
            commune_police,
            province_police,
            admin,
        } => {
            let s = store::open(&db.database_url).await?;
            let password = read_password()?;
            let id = auth::create_user(s.as_ref(), &phone, &name, &password).await?;
            let grants = commune_police
                .map(|commune_id| RoleGrant::CommunePolice { commune_id })
                .into_iter()
                .chain(province_police.map(|province_id| RoleGrant::ProvincePolice { province_id }))
                .chain(admin.then_some(RoleGrant::Admin));
            for g in grants {
                s.grant_role(id, g).await?;
            }
            println!("Created user {id}.");
            Ok(())
        }
        UserCommand::Passwd { db, phone } => {
            let s = store::open(&db.database_url).await?;
            auth::reset_password(s.as_ref(), &phone, &read_password()?).await?;
            println!("Password changed; the user's sessions were ended.");
            Ok(())
        }
    }
}

async fn serve(cfg: ServeConfig) -> Result<(), CliError> {
    let s = store::open(&cfg.db.database_url).await?;
    if cfg.demo_when_empty && s.is_empty().await? {
        demo::load(s.as_ref()).await?;
        crate::demo_activity::load(s.as_ref(), chrono::Utc::now()).await?;
        tracing::info!("new database: demo data loaded");
    }
    let mut leptos_options = leptos::prelude::get_configuration(None)
        .map(|c| c.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name("antt").build());
    if leptos_options.output_name.is_empty() {
        // Built by plain cargo rather than cargo-leptos (tests): use the name cargo-leptos would.
        leptos_options.output_name = "antt".into();
    }
    leptos_options.site_addr = cfg.addr;
    leptos_options.site_root = cfg.site_root.clone().into();
    // cargo-leptos writes hash.txt beside the release binary when it hashes asset names.
    leptos_options.hash_files = std::env::current_exe()
        .ok()
        .and_then(|exe| {
            exe.parent()
                .map(|dir| dir.join(leptos_options.hash_file.as_ref()))
        })
        .is_some_and(|p| p.exists());
    let state = AppState {
        leptos_options,
        services: Services {
            store: s.clone(),
            secure_cookies: cfg.secure_cookies,
            report_deadline_day: cfg.report_deadline_day,
        },
    };
    tokio::spawn(purge_expired_hourly(s.clone()));
    let listener = tokio::net::TcpListener::bind(cfg.addr).await?;
    let url = format!("http://{}", listener.local_addr()?);
    println!("ANTT Cơ sở is running at {url} ({} database)", s.backend());
    if demo::is_loaded(s.as_ref()).await {
        print!("{}", demo::banner());
    }
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    tracing::info!("stopped");
    Ok(())
}

/// Expired sessions, old sign-in failures and photos left half-sent for a week are of no
/// use; each server sweeps them hourly (harmless when several servers share one database).
async fn purge_expired_hourly(store: std::sync::Arc<dyn app::services::Store>) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let now = chrono::Utc::now();
        let window = chrono::Duration::minutes(auth::FAILURE_WINDOW_MINUTES);
        match store.purge_expired(now, now - window).await {
            Ok(n) if n > 0 => {
                tracing::info!(
                    rows = n,
                    "purged expired sessions, sign-in failures and uploads"
                )
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "purging expired sessions failed"),
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
