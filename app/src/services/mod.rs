//! Server-side use cases: the store seam, authentication and the directory of the hierarchy.
//! Server functions and the JSON API are two doors into these same services.

pub mod auth;
pub mod directory;
pub mod drill_down;
pub mod error;
pub mod history;
pub mod indicator_screens;
pub mod indicators;
pub mod member_moves;
pub mod members;
pub mod mergers;
pub mod month_overview;
pub mod month_screens;
pub mod photo_upload;
pub mod photos;
pub mod police_accounts;
pub mod proxies;
pub mod record_screens;
pub mod records;
pub mod request;
pub mod roster_cells;
pub mod roster_export;
pub mod roster_import;
pub mod sheet;
pub mod signoff;
pub mod store;
pub mod sync;
pub mod teams;
pub mod units;

pub use error::ServiceError;
pub use store::{Store, StoreError};

use std::sync::Arc;

/// What every request handler needs: the store and how cookies must be set.
#[derive(Clone)]
pub struct Services {
    pub store: Arc<dyn Store>,
    /// Set the `Secure` attribute on cookies (when served over https).
    pub secure_cookies: bool,
    /// The day of the next month by which a team's month is due (e.g. the 5th).
    pub report_deadline_day: u32,
    /// The reverse proxies whose `X-Forwarded-*` headers are believed.
    pub trusted_proxies: Arc<proxies::TrustedProxies>,
}

impl Services {
    /// Services over a store with the defaults of `antt serve`: plain cookies, reports
    /// due on the 5th, no proxy trusted.
    pub fn new(store: Arc<dyn Store>) -> Self {
        Services {
            store,
            secure_cookies: false,
            report_deadline_day: 5,
            trusted_proxies: Arc::default(),
        }
    }
}
