//! The error a validation rule reports: which field, and a stable code the UI translates.

use super::ErrorCode;
use serde::{Deserialize, Serialize};

/// A rule broken by one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: ErrorCode,
}

impl FieldError {
    pub fn new(field: &str, code: ErrorCode) -> Self {
        Self {
            field: field.to_owned(),
            code,
        }
    }
}
