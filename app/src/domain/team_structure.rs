//! What a team's make-up lacks, as the commune police must see it on their team list:
//! a team is one leader, one deputy and members (seed 001 §II.2: three to five in all; a
//! people's patrol team at least four, seed 003 §II.1), no more than its quota, each
//! member able to sign in and answering for an area (seed 000 §VI.1).

use super::org::{Position, TeamKind};
use super::{ErrorCode, FieldError};
use serde::{Deserialize, Serialize};

/// One current member, as far as the checks need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seat {
    pub position: Position,
    pub has_account: bool,
    pub has_area: bool,
}

/// A shortfall of a team, worst first in the order `structure_warnings` gives them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "warning", rename_all = "snake_case")]
pub enum StructureWarning {
    NoLeader,
    SeveralLeaders { count: usize },
    NoDeputy,
    SeveralDeputies { count: usize },
    TooFew { min: usize, count: usize },
    OverQuota { quota: usize, count: usize },
    WithoutAccount { count: usize },
    WithoutArea { count: usize },
}

/// The fewest members a team of the kind may have, leader and deputy included.
pub fn min_members(kind: TeamKind) -> usize {
    match kind {
        TeamKind::SecurityOrder => 3,
        TeamKind::PeoplePatrol => 4,
    }
}

/// The largest quota a team may be given: a bound on typing mistakes, ten times the
/// seeds' five.
pub const MAX_QUOTA: i32 = 50;

/// A team's quota holds at least the fewest members its kind may have.
pub fn check_quota(kind: TeamKind, quota: i32) -> Result<(), FieldError> {
    if quota < min_members(kind) as i32 {
        return Err(FieldError::new(
            "member_quota",
            ErrorCode::QuotaBelowMinimum,
        ));
    }
    if quota > MAX_QUOTA {
        return Err(FieldError::new("member_quota", ErrorCode::TooMany));
    }
    Ok(())
}

/// Everything the team's current members fall short of; empty when nothing does.
pub fn structure_warnings(kind: TeamKind, quota: usize, seats: &[Seat]) -> Vec<StructureWarning> {
    let mut out = Vec::new();
    let holding = |p: Position| seats.iter().filter(|s| s.position == p).count();
    match holding(Position::Leader) {
        0 => out.push(StructureWarning::NoLeader),
        1 => {}
        count => out.push(StructureWarning::SeveralLeaders { count }),
    }
    match holding(Position::Deputy) {
        0 => out.push(StructureWarning::NoDeputy),
        1 => {}
        count => out.push(StructureWarning::SeveralDeputies { count }),
    }
    let count = seats.len();
    let min = min_members(kind);
    if count < min {
        out.push(StructureWarning::TooFew { min, count });
    }
    if count > quota {
        out.push(StructureWarning::OverQuota { quota, count });
    }
    let without = |f: fn(&Seat) -> bool| seats.iter().filter(|s| !f(s)).count();
    match without(|s| s.has_account) {
        0 => {}
        count => out.push(StructureWarning::WithoutAccount { count }),
    }
    match without(|s| s.has_area) {
        0 => {}
        count => out.push(StructureWarning::WithoutArea { count }),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use StructureWarning::*;

    #[test]
    fn a_quota_fits_the_kind_of_team() {
        assert!(check_quota(TeamKind::SecurityOrder, 3).is_ok());
        assert!(check_quota(TeamKind::SecurityOrder, 5).is_ok());
        let e = check_quota(TeamKind::SecurityOrder, 2).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.code),
            ("member_quota", ErrorCode::QuotaBelowMinimum)
        );
        assert_eq!(
            check_quota(TeamKind::PeoplePatrol, 3).unwrap_err().code,
            ErrorCode::QuotaBelowMinimum
        );
        assert!(check_quota(TeamKind::PeoplePatrol, 4).is_ok());
        assert_eq!(
            check_quota(TeamKind::SecurityOrder, MAX_QUOTA + 1)
                .unwrap_err()
                .code,
            ErrorCode::TooMany
        );
    }

    fn seat(position: Position) -> Seat {
        Seat {
            position,
            has_account: true,
            has_area: true,
        }
    }

    #[test]
    fn a_full_team_has_nothing_to_say() {
        let team = [
            seat(Position::Leader),
            seat(Position::Deputy),
            seat(Position::Member),
        ];
        assert_eq!(structure_warnings(TeamKind::SecurityOrder, 5, &team), []);
    }

    #[test]
    fn an_empty_team_lacks_everyone() {
        assert_eq!(
            structure_warnings(TeamKind::SecurityOrder, 5, &[]),
            [NoLeader, NoDeputy, TooFew { min: 3, count: 0 }]
        );
        assert_eq!(
            structure_warnings(TeamKind::PeoplePatrol, 6, &[]),
            [NoLeader, NoDeputy, TooFew { min: 4, count: 0 }]
        );
    }

    #[test]
    fn a_team_named_leaders_twice_over_its_quota_says_so() {
        let mut team = vec![
            seat(Position::Leader),
            seat(Position::Leader),
            seat(Position::Member),
            seat(Position::Member),
        ];
        team[2].has_account = false;
        team[3].has_area = false;
        assert_eq!(
            structure_warnings(TeamKind::SecurityOrder, 3, &team),
            [
                SeveralLeaders { count: 2 },
                NoDeputy,
                OverQuota { quota: 3, count: 4 },
                WithoutAccount { count: 1 },
                WithoutArea { count: 1 },
            ]
        );
    }

    #[test]
    fn naming_a_leader_and_a_deputy_clears_their_warnings() {
        let mut team = vec![
            seat(Position::Member),
            seat(Position::Member),
            seat(Position::Member),
        ];
        assert_eq!(
            structure_warnings(TeamKind::SecurityOrder, 5, &team),
            [NoLeader, NoDeputy]
        );
        team[0].position = Position::Leader;
        team[1].position = Position::Deputy;
        assert_eq!(structure_warnings(TeamKind::SecurityOrder, 5, &team), []);
    }
}
