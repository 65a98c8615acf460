//! Typed configuration, read once at start from flags or the environment.

use clap::Args;
use std::net::SocketAddr;

#[derive(Debug, Clone, Args)]
pub struct DbConfig {
    /// sqlite://path/to/file.db (created if missing) or postgres://user:pass@host/db
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/antt.db")]
    pub database_url: String,
}

#[derive(Debug, Clone, Args)]
pub struct ServeConfig {
    #[command(flatten)]
    pub db: DbConfig,
    /// Address to listen on.
    #[arg(long, env = "ANTT_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Mark cookies Secure: set this when users reach the app over https.
    #[arg(long, env = "ANTT_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,
    /// The day of the next month by which a team's monthly report is due.
    #[arg(long, env = "ANTT_REPORT_DEADLINE_DAY", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=28))]
    pub report_deadline_day: u32,
    /// Load demo data when the database is brand new.
    #[arg(long, env = "ANTT_DEMO_WHEN_EMPTY", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo_when_empty: bool,
    /// Folder with the built site (wasm, js, css); cargo-leptos builds it into target/site.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
}
