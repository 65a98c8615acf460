//! The history of what the commune keeps (its units, teams and members): who changed
//! what and when. Each change stores the subject's fields after it, and a reader sees
//! what changed by comparing one version with the one before.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// What a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Subject {
    Unit,
    Team,
    Member,
}

impl Subject {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unit => "unit",
            Self::Team => "team",
            Self::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Unit, Self::Team, Self::Member]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ChangeAction {
    Created,
    Edited,
    /// A member's service ended.
    Left,
    /// A member's account was given a new password to change at the next sign-in.
    PasswordReset,
    /// Units were merged: the ones that closed, the one they became, and the places,
    /// teams and members that moved with them.
    Merged,
    /// A village was split: it closed, its parts began, and its teams and members
    /// moved onto them.
    Split,
}

impl ChangeAction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Edited => "edited",
            Self::Left => "left",
            Self::PasswordReset => "password_reset",
            Self::Merged => "merged",
            Self::Split => "split",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Created,
            Self::Edited,
            Self::Left,
            Self::PasswordReset,
            Self::Merged,
            Self::Split,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// One field as it was and as it became (`None`: empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn shown(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Null => None,
        Value::String(s) if s.is_empty() => None,
        Value::String(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// Fields that tell what one change did rather than what the subject is (a merger's
/// "merged into"): shown with the change that has them, never compared with the next.
pub const EVENT_FIELDS: [&str; 7] = [
    "merged_into",
    "merged_from",
    "split_into",
    "split_from",
    "police_added",
    "police_removed",
    "police_password_reset",
];

/// The `fields` (in that order) whose value differs between two versions; every
/// non-empty field of `after` when there is no version before it.
pub fn diff(
    fields: &[&str],
    before: Option<&Map<String, Value>>,
    after: &Map<String, Value>,
) -> Vec<FieldChange> {
    fields
        .iter()
        .filter_map(|field| {
            let was = before
                .filter(|_| !EVENT_FIELDS.contains(field))
                .and_then(|b| shown(b.get(*field)));
            let now = shown(after.get(*field));
            (was != now).then(|| FieldChange {
                field: (*field).to_owned(),
                before: was,
                after: now,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn names_round_trip() {
        for s in [Subject::Unit, Subject::Team, Subject::Member] {
            assert_eq!(Subject::parse(s.as_str()), Some(s));
        }
        for a in [
            ChangeAction::Created,
            ChangeAction::Edited,
            ChangeAction::Left,
            ChangeAction::PasswordReset,
            ChangeAction::Merged,
            ChangeAction::Split,
        ] {
            assert_eq!(ChangeAction::parse(a.as_str()), Some(a));
        }
        assert_eq!(Subject::parse("village"), None);
    }

    #[test]
    fn a_change_lists_only_what_differs_in_the_order_asked() {
        let fields = ["name", "valid_from", "valid_to"];
        let first = obj(json!({"name": "Thôn 1", "valid_from": "2025-07-01", "valid_to": null}));
        let created = diff(&fields, None, &first);
        assert_eq!(
            created.iter().map(|c| c.field.as_str()).collect::<Vec<_>>(),
            ["name", "valid_from"],
            "an empty field is not news"
        );
        let retired =
            obj(json!({"name": "Thôn Một", "valid_from": "2025-07-01", "valid_to": "2026-01-31"}));
        assert_eq!(
            diff(&fields, Some(&first), &retired),
            [
                FieldChange {
                    field: "name".into(),
                    before: Some("Thôn 1".into()),
                    after: Some("Thôn Một".into())
                },
                FieldChange {
                    field: "valid_to".into(),
                    before: None,
                    after: Some("2026-01-31".into())
                },
            ]
        );
        assert!(diff(&fields, Some(&first), &first).is_empty());
        // Numbers and flags are shown as written; "" and null are both empty.
        let a = obj(json!({"quota": 5, "badge": false, "note": ""}));
        let b = obj(json!({"quota": 6, "badge": true, "note": null}));
        let d = diff(&["quota", "badge", "note"], Some(&a), &b);
        assert_eq!(d.len(), 2);
        assert_eq!(d[0].after.as_deref(), Some("6"));
        assert_eq!(d[1].after.as_deref(), Some("true"));
    }

    #[test]
    fn what_a_merger_did_is_shown_with_it_and_not_undone_by_the_next_edit() {
        let fields = ["name", "merged_into"];
        let merged = obj(json!({"name": "Xã A", "merged_into": "Xã Mới"}));
        let renamed = obj(json!({"name": "Xã A cũ"}));
        let d = diff(&fields, Some(&obj(json!({"name": "Xã A"}))), &merged);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].field.as_str(), d[0].after.as_deref()),
            ("merged_into", Some("Xã Mới"))
        );
        let d = diff(&fields, Some(&merged), &renamed);
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].field, "name");
    }
}
