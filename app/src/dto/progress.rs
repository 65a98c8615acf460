//! What a phone needs to count its team's month itself, from the records it holds: the
//! counting rules, the roster, the team's span, which authors are the commune police, and
//! the campaigns that cover the team.

use crate::domain::indicators::{Campaign, CountingRules, Membership, TeamSpan};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CountingKit {
    pub team_id: i64,
    pub team_name: String,
    /// The reader, whose copy of the team's records this is.
    pub user_id: i64,
    pub rules: CountingRules,
    pub span: TeamSpan,
    /// The whole roster, past members included (a month counts who was on it then).
    pub roster: Vec<Membership>,
    /// Authors of the team's records who count as the commune police logging directly.
    pub police_authors: Vec<i64>,
    /// Whether what the reader logs for this team counts as logged by the commune police.
    pub logs_as_police: bool,
    /// Newest first, as the server picks them.
    pub campaigns: Vec<Campaign>,
}
