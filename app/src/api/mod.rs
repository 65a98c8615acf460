//! Wire types shared by server and browser, and the server functions, one file per area.

pub mod categories;
pub mod directory;
pub mod error;
pub mod indicators;
pub mod log;
pub mod month;
pub mod progress;
pub mod records;
pub mod session;
pub mod sync;
pub mod views;

pub use error::AppError;
