//! `antt serve`: the database, the app's state, the socket, the hourly sweep and a
//! graceful stop.

use super::CliError;
use crate::config::ServeConfig;
use crate::demo;
use crate::router::{app, AppState};
use crate::store;
use app::services::{auth, Services};
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;

/// The demo accounts share a password printed in the README: such a database must never
/// face the internet by accident.
const DEMO_REFUSED: &str = "cơ sở dữ liệu này chứa các tài khoản demo, có mật khẩu công khai: \
    chạy `antt serve --demo` để xem bản demo, hoặc dùng một cơ sở dữ liệu mới với `antt init` \
    cho một xã thật / this database holds the demo accounts, whose password is published: \
    serve it with --demo, or start a real commune on a new database with `antt init`";

const NO_ACCOUNT: &str = "Chưa có tài khoản nào: tạo tài khoản quản trị đầu tiên bằng \
    `antt init --admin-phone 09…` / no account yet: create the first admin with \
    `antt init --admin-phone 09…`";

pub(super) async fn serve(cfg: ServeConfig) -> Result<(), CliError> {
    let s = store::open(&cfg.db.database_url).await?;
    let empty = s.is_empty().await?;
    if cfg.demo && empty {
        demo::load(s.as_ref()).await?;
        crate::demo_activity::load(s.as_ref(), chrono::Utc::now()).await?;
        tracing::info!("new database: demo data loaded");
    } else if !cfg.demo && demo::is_loaded(s.as_ref()).await? {
        return Err(CliError::Config(DEMO_REFUSED.into()));
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
            trusted_proxies: std::sync::Arc::new(cfg.trusted_proxies.clone()),
        },
    };
    tokio::spawn(purge_expired_hourly(s.clone()));
    let listener = tokio::net::TcpListener::bind(cfg.addr).await?;
    let url = format!("http://{}", listener.local_addr()?);
    println!("ANTT Cơ sở is running at {url} ({} database)", s.backend());
    if cfg.demo && demo::is_loaded(s.as_ref()).await? {
        print!("{}", demo::banner());
    } else if empty {
        println!("{NO_ACCOUNT}");
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
