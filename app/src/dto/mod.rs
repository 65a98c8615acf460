//! Wire types: what crosses between the server and the browser or another client, below
//! the services that fill them and the doors that send them.

pub mod error;
pub mod indicators;
pub mod log;
pub mod members;
pub mod month;
pub mod police;
pub mod progress;
pub mod records;
pub mod roster_import;
pub mod sync;
pub mod teams;
pub mod units;
pub mod views;

pub use error::AppError;
