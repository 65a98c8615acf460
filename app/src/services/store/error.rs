//! How a store operation fails, whichever database answers.

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum StoreError {
    /// A uniqueness or reference rule of the schema refused the write.
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("stored data does not decode: {0}")]
    Corrupt(String),
    /// The team's month was handed in: its records are locked until it is reopened.
    #[error("month {0} is signed off")]
    MonthLocked(String),
    #[error("database error: {0}")]
    Backend(String),
}
