//! HTTP pieces outside the Leptos app: the JSON API, health, language switch, request logging.

pub mod caller;
pub mod error;
pub mod health;
pub mod indicators;
pub mod lang;
pub mod members;
pub mod months;
pub mod openapi;
pub mod police;
pub mod pwa;
pub mod records;
pub mod request_log;
pub mod security;
pub mod server_fn_status;
mod state;
pub mod sync;
pub mod teams;
pub mod units;
pub mod v1;

pub use state::AppState;
