//! The `antt` server: configuration, the router, the store backends, the JSON API and demo data.

pub mod backup;
pub mod cli;
pub mod config;
pub mod demo;
pub mod demo_activity;
pub mod export;
pub mod http;
pub mod import;
pub mod router;
pub mod store;
