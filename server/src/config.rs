//! Typed configuration, read once at start from flags or the environment.

use app::services::proxies::TrustedProxies;
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
    /// Mark cookies Secure (and name the session cookie `__Host-`): set this when users
    /// reach the app over https. A trusted proxy's `X-Forwarded-Proto: https` does the same.
    #[arg(long, env = "ANTT_SECURE_COOKIES", default_value_t = false)]
    pub secure_cookies: bool,
    /// Reverse proxies (CIDRs or addresses, comma-separated) whose `X-Forwarded-For` and
    /// `X-Forwarded-Proto` are believed, e.g. `127.0.0.1,10.0.0.0/8`. None by default.
    #[arg(long, env = "ANTT_TRUSTED_PROXIES", default_value = "",
          value_parser = TrustedProxies::parse)]
    pub trusted_proxies: TrustedProxies,
    /// The day of the next month by which a team's monthly report is due.
    #[arg(long, env = "ANTT_REPORT_DEADLINE_DAY", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=28))]
    pub report_deadline_day: u32,
    /// Serve the demo: load the demo data into a new database. Without it a database
    /// holding the demo accounts (whose password is published) is refused.
    #[arg(long, env = "ANTT_DEMO", default_value_t = false)]
    pub demo: bool,
    /// Folder with the built site (wasm, js, css); cargo-leptos builds it into target/site.
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: String,
}
