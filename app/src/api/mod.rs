//! The server functions, one file per area: each says who is asking, calls a service and
//! maps its error. Their wire types are in `dto`.

pub mod categories;
#[cfg(feature = "ssr")]
pub mod context;
pub mod directory;
pub mod indicators;
pub mod log;
pub mod members;
pub mod month;
pub mod police;
pub mod progress;
pub mod session;
pub mod teams;
pub mod units;
