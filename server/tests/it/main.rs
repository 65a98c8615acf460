//! The server's integration tests, one binary: real databases (a SQLite file, a
//! PostgreSQL schema), the real router, the real `antt` binary. One binary links once,
//! where a file per suite linked the whole app two dozen times (docs/BENCHMARKS.md).

#[macro_use]
mod common;

mod assessments_and_links;
mod authorization;
mod backup;
mod bad_input;
mod cli;
mod http;
mod indicators;
mod informant;
mod layers;
mod log_forms;
mod members;
mod mergers;
mod openapi;
mod photo_pieces;
mod police_accounts;
mod progress;
mod pwa;
mod records;
mod request_id;
mod roster_export;
mod roster_import;
mod sign_in;
mod signoff;
mod store_contract;
mod sync;
mod teams;
mod threads;
mod units;
mod web_security;
