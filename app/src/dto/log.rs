//! Wire types of the record screens: the form, the feed, a record with its facts and history.

use crate::domain::category::Category;
use crate::domain::records::form::RecordForm;
use serde::{Deserialize, Serialize};

/// A member as the record screens name them: `id` on the roster, `user_id` as an author.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: i64,
    pub user_id: Option<i64>,
    pub name: String,
}

/// Something to pick in a form: an id and what the person reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// What a record form needs: the team's roster to pick from, the categories, and the
/// form filled in (with defaults for a new record, or the record being edited).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LogFormView {
    pub team_id: i64,
    pub team_name: String,
    pub members: Vec<Person>,
    pub categories: Vec<Category>,
    /// The team's recent incidents, which a patrol can be linked to.
    #[serde(default)]
    pub incidents: Vec<Choice>,
    pub form: RecordForm,
    /// The person filling in the form: a record saved on the phone is theirs to send.
    #[serde(default)]
    pub user_id: i64,
    #[serde(default)]
    pub user_name: String,
    /// For an edit, what the form does not carry but the edit must keep.
    #[serde(default)]
    pub keep: EditBase,
}

/// What an edit keeps of the version it was made from, which its form does not carry:
/// the commune police's assessment of a tip, and the informant for whoever may not see it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EditBase {
    pub assessment: Option<crate::domain::records::tip::Assessment>,
    pub informant_visible: bool,
}

// The feed and the detail arrive as text the server has already put into words, in the
// reader's language: the phone then downloads no code to decode every kind of record.

/// One record in the feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordCard {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub headline: String,
    pub when: String,
    pub author: String,
    pub photos: usize,
    pub under_way: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedView {
    pub team_id: i64,
    pub team_name: String,
    pub members: Vec<Person>,
    pub can_log: bool,
    /// The reader is commune police: they log only the tips and incidents that reached
    /// them directly.
    pub can_log_direct: bool,
    pub cards: Vec<RecordCard>,
    /// Older records exist beyond these: the next page's number.
    pub next_page: Option<u32>,
    /// The reader, whose entries on this phone are sent while they are signed in.
    #[serde(default)]
    pub user_id: i64,
}

/// Records per page of the feed: enough for a week of a busy team, light for a phone.
pub const FEED_PAGE: u32 = 30;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub label: String,
    pub before: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub action: String,
    pub who: String,
    pub when: String,
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordDetail {
    pub id: String,
    pub team_id: i64,
    pub team_name: String,
    pub kind_label: String,
    pub headline: String,
    pub author: String,
    pub facts: Vec<Fact>,
    pub photos: Vec<String>,
    pub can_edit: bool,
    /// The reader is the commune police and this is a tip they may assess.
    pub can_assess: bool,
    /// A tip its editor has not yet marked as passed to the commune police.
    pub can_forward: bool,
    pub assessed_valuable: Option<bool>,
    pub assessment_outcome: String,
    pub version: i64,
    /// A patrol not finished yet.
    pub under_way: bool,
    pub history: Vec<HistoryLine>,
    /// The leader's word on the record: `pending`, `accepted` or `returned`.
    #[serde(default)]
    pub review: String,
    #[serde(default)]
    pub review_label: String,
    #[serde(default)]
    pub review_comment: String,
    /// Why the record came back to its author (set when it was returned).
    #[serde(default)]
    pub returned_title: String,
    /// Where the leader reviews it: the team's month (while that month is open).
    #[serde(default)]
    pub review_href: Option<String>,
    /// Set when the record's month is signed off: why it cannot change.
    #[serde(default)]
    pub locked_note: Option<String>,
    /// The record's month, `yyyy-mm`: opening the record reads the notices about it.
    #[serde(default)]
    pub month: String,
}
