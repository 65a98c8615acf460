//! The error a validation rule reports: which field, and a stable code the UI translates.

use serde::{Deserialize, Serialize};

/// A rule broken by one input field. `code` is stable and is the i18n key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub code: String,
}

impl FieldError {
    pub fn new(field: &str, code: &str) -> Self {
        Self {
            field: field.to_owned(),
            code: code.to_owned(),
        }
    }
}
