//! Server-side use cases: the store seam, authentication and the directory of the hierarchy.
//! Server functions and the JSON API are two doors into these same services.

pub mod auth;
pub mod directory;
pub mod error;
pub mod indicator_store;
pub mod indicators;
pub mod photo_upload;
pub mod records;
pub mod request;
pub mod signoff;
pub mod signoff_store;
pub mod store;
pub mod sync;

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
}
