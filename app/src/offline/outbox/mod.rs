//! The phone's outbox, as pure rules: what an entry holds (`entry`), how a list shows it
//! (`card`), what a push's answer does to it and which entries go next (`push`). The
//! browser code (IndexedDB, fetch, timers) only carries these out.

mod card;
mod entry;
mod push;

pub use crate::dto::log::EditBase;
pub use card::{EntryCard, Operation};
pub use entry::*;
pub use push::*;

#[cfg(test)]
mod tests;
