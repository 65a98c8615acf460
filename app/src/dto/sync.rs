//! Wire types of the sync API: the mutations a phone pushes, what became of each, and
//! the changes it pulls.

use super::records::{NewRecord, RecordChange, RecordView};
use super::AppError;
use serde::{Deserialize, Serialize};

/// The most mutations one push may carry.
pub const MAX_BATCH: usize = 500;
/// The most changes one pull answers with; `more` says when there are others.
pub const MAX_PULL: i64 = 500;

/// One change made on a phone. Its `id` is made on the phone too: pushing it again, after
/// an answer that never arrived, is recognised and applied once.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
pub enum Mutation {
    Create {
        id: String,
        record: NewRecord,
    },
    Update {
        id: String,
        record_id: String,
        change: RecordChange,
    },
    Delete {
        id: String,
        record_id: String,
        version: i64,
    },
    /// A step of a team's month (`submit`, `accept`, `return`, `reopen`), prepared offline.
    MonthStep {
        id: String,
        team_id: i64,
        /// `yyyy-mm`.
        month: String,
        step: String,
        /// The month's version the step was prepared from.
        version: i64,
        #[serde(default)]
        reason: String,
        #[serde(default)]
        remarks: Option<String>,
    },
    /// The leader's word on a record (`accept`, or `return` with a comment).
    Review {
        id: String,
        record_id: String,
        version: i64,
        verdict: String,
        #[serde(default)]
        comment: String,
    },
}

impl Mutation {
    pub fn id(&self) -> &str {
        match self {
            Mutation::Create { id, .. }
            | Mutation::Update { id, .. }
            | Mutation::Delete { id, .. }
            | Mutation::MonthStep { id, .. }
            | Mutation::Review { id, .. } => id,
        }
    }

    pub fn record_id(&self) -> &str {
        match self {
            Mutation::Create { record, .. } => &record.id,
            Mutation::Update { record_id, .. }
            | Mutation::Delete { record_id, .. }
            | Mutation::Review { record_id, .. } => record_id,
            // A month step concerns no record.
            Mutation::MonthStep { .. } => "",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PushRequest {
    pub mutations: Vec<Mutation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Stored now.
    Applied,
    /// Stored by an earlier push of the same mutation.
    AlreadyApplied,
    /// The record changed on the server since the phone read it (or its id is taken):
    /// `record` is the server's version, for the author to choose.
    Conflict,
    /// Refused, with the reason in `error`; the phone keeps the entry and shows it.
    Rejected,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct MutationResult {
    pub id: String,
    pub status: Outcome,
    /// The record as the server holds it now, when the caller may read it and it exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordView>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<AppError>,
    /// For a conflicting edit: each fact that differs between the edit pushed and the
    /// server's version, in the caller's language, for the author to choose between them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub differences: Vec<Difference>,
}

/// One fact as the author's edit has it and as the server holds it now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Difference {
    pub label: String,
    pub mine: String,
    pub theirs: String,
}

/// One result per mutation, in the order pushed, each acknowledged after its commit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PushResponse {
    pub results: Vec<MutationResult>,
}

/// A record changed after the cursor: its new state, or that it was deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PulledRecord {
    /// The team's change number of this change.
    pub seq: i64,
    pub id: String,
    pub deleted: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<RecordView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct PullResponse {
    pub team_id: i64,
    pub changes: Vec<PulledRecord>,
    /// Pass this as `since` next time.
    pub cursor: i64,
    /// More changes wait after `cursor`.
    pub more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mutation_names_its_operation() {
        let m: Mutation =
            serde_json::from_str(r#"{"op":"delete","id":"m1","record_id":"r1","version":3}"#)
                .unwrap();
        assert_eq!(m.id(), "m1");
        assert_eq!(m.record_id(), "r1");
        for bad in [
            r#"{"op":"delete","id":"m1","record_id":"r1","version":3,"extra":1}"#,
            r#"{"op":"erase","id":"m1","record_id":"r1"}"#,
            r#"{"op":"delete","id":"m1","record_id":"r1","version":"3"}"#,
            r#"{"id":"m1","record_id":"r1","version":3}"#,
        ] {
            assert!(serde_json::from_str::<Mutation>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn outcomes_are_snake_case_on_the_wire() {
        assert_eq!(
            serde_json::to_string(&Outcome::AlreadyApplied).unwrap(),
            r#""already_applied""#
        );
    }
}
