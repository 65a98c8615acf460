//! Entry point: parse the command line, set up logging, run the chosen command.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = antt_server::cli::Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_target(false)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
        .init();
    match antt_server::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("antt: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
