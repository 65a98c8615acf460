//! A roster imported from a spreadsheet (issue 18, point 6): what the preview and the
//! import answer, row by row.

use super::members::InitialPassword;
use crate::domain::ErrorCode;
use serde::{Deserialize, Serialize};

/// What the import does with a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ImportAction {
    /// A new member (and their sign-in, when the phone has none).
    Add,
    /// A member already on the roster whose entry the file changes.
    Update,
    /// A member already on the roster exactly as the file says.
    Same,
}

/// One problem, worded for the reader, with the roster field (the column) it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportProblem {
    #[cfg_attr(feature = "ssr", schema(value_type = String))]
    pub code: ErrorCode,
    pub message: String,
    /// The roster field, e.g. `date_of_birth`; none for the row or the file as a whole.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The column's header as the file names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
}

/// A row of the file: its number as the spreadsheet shows it, who it is, and what the
/// import does with it or why it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ImportRow {
    pub row: u32,
    pub team: String,
    pub full_name: String,
    pub action: ImportAction,
    pub problems: Vec<ImportProblem>,
}

/// The preview, or what was imported: nothing is written unless every row is clean.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct RosterImportView {
    pub commune_id: i64,
    pub commune_name: String,
    /// Whether this answer wrote anything (false for a preview and for a file with problems).
    pub written: bool,
    /// Problems of the file as a whole (a missing column, another commune's file).
    pub problems: Vec<ImportProblem>,
    pub rows: Vec<ImportRow>,
    /// Teams the file names that the commune does not have yet: the import adds them.
    pub new_teams: Vec<String>,
    pub added: u32,
    pub updated: u32,
    pub unchanged: u32,
    /// The first passwords of the sign-ins the import made, shown once.
    pub accounts: Vec<InitialPassword>,
}

impl RosterImportView {
    /// Whether the file can be imported as it is.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty() && self.rows.iter().all(|r| r.problems.is_empty())
    }
}
