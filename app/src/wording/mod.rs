//! The words the server puts records and dates into for their reader: pure, below the
//! services that use them and the components that show them.

pub mod dates;
pub mod records;
