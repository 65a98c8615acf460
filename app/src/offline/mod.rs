//! Offline-first logging: entries are saved on the phone first and sent when the server
//! can be reached. `outbox` holds the rules (pure, tested natively); the rest carries
//! them out in the browser.

pub mod carry;
pub mod outbox;
pub mod photo_queue;
#[cfg(feature = "hydrate")]
pub mod progress;
#[cfg(feature = "hydrate")]
pub mod save;
pub mod status;
#[cfg(feature = "hydrate")]
pub mod store;
#[cfg(feature = "hydrate")]
pub mod sync;
pub mod team_copy;
#[cfg(feature = "hydrate")]
pub mod transfer;
