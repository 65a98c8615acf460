//! Who may see and change what: the one place the hierarchy rules live. Every server
//! function and API handler asks these questions; nothing else decides access.

use super::records::RecordKind;
use super::signoff::Parties;
use super::Position;
use serde::{Deserialize, Serialize};

/// One role a person holds. A person may hold several (a member of a team who
/// is also commune police elsewhere, say), and access is the union of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Role {
    Team { team_id: i64, position: Position },
    CommunePolice { commune_id: i64 },
    ProvincePolice { province_id: i64 },
    Admin,
}

/// The person asking, with every role they currently hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i64,
    pub roles: Vec<Role>,
}

/// Where a team sits: its commune and every unit above it, nearest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamScope {
    pub team_id: i64,
    pub units_above: Vec<i64>,
}

/// Where an org unit sits: itself followed by every unit above it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitScope {
    pub unit_id: i64,
    pub self_and_above: Vec<i64>,
}

impl Actor {
    pub fn is_admin(&self) -> bool {
        self.roles.contains(&Role::Admin)
    }

    fn police_covers(&self, units: &[i64]) -> bool {
        self.roles.iter().any(|r| match *r {
            Role::CommunePolice { commune_id } => units.contains(&commune_id),
            Role::ProvincePolice { province_id } => units.contains(&province_id),
            Role::Admin => true,
            Role::Team { .. } => false,
        })
    }

    fn position_in(&self, team_id: i64) -> Option<Position> {
        self.roles
            .iter()
            .filter_map(|r| match *r {
                Role::Team {
                    team_id: t,
                    position,
                } if t == team_id => Some(position),
                _ => None,
            })
            .min()
    }

    /// Members read their own team; police read the teams under their unit.
    pub fn can_read_team(&self, team: &TeamScope) -> bool {
        self.position_in(team.team_id).is_some() || self.police_covers(&team.units_above)
    }

    /// The leader (or the deputy standing in) manages the team; the commune
    /// police keep every team's roster in their commune (seed 000 §III.1);
    /// province police watch but do not edit a commune's teams.
    pub fn can_manage_team(&self, team: &TeamScope) -> bool {
        if matches!(
            self.position_in(team.team_id),
            Some(Position::Leader | Position::Deputy)
        ) {
            return true;
        }
        self.roles.iter().any(|r| match *r {
            Role::CommunePolice { commune_id } => team.units_above.contains(&commune_id),
            Role::Admin => true,
            _ => false,
        })
    }

    /// Police read their own unit and everything under it; team roles read no unit views.
    pub fn can_read_unit(&self, unit: &UnitScope) -> bool {
        self.police_covers(&unit.self_and_above)
    }

    /// Police add units under their own unit and below it (the commune police their
    /// commune's villages, the province police its communes); admin anywhere (issue 18).
    pub fn can_add_unit_under(&self, parent: &UnitScope) -> bool {
        self.police_covers(&parent.self_and_above)
    }

    /// A team's settings (name, kind, quota, villages, founding decision) are kept by the
    /// police above it, as its villages are; its leader keeps its roster, not these.
    pub fn can_keep_team(&self, team: &TeamScope) -> bool {
        self.police_covers(&team.units_above)
    }

    /// Police rename and retire the units below their own, not their own: a commune's
    /// name and dates are the province's to keep, a province's the admin's.
    pub fn can_manage_unit(&self, unit: &UnitScope) -> bool {
        self.is_admin() || self.police_covers(unit.self_and_above.get(1..).unwrap_or_default())
    }

    /// A unit's police accounts are kept by those who keep the unit (issue 18): a
    /// commune's by its province's police, a province's by an admin. Police do not give
    /// their own unit's role to others.
    pub fn can_keep_police_at(&self, unit: &UnitScope) -> bool {
        self.can_manage_unit(unit)
    }

    /// A record is edited by its author while they are on the team, or by the team's
    /// leader or deputy (issue: "the leader can edit the team's records").
    pub fn can_edit_record(&self, author_id: i64, team: &TeamScope) -> bool {
        match self.position_in(team.team_id) {
            Some(Position::Leader | Position::Deputy) => true,
            Some(Position::Member) => self.user_id == author_id,
            // The commune police edit what they logged themselves.
            None => self.user_id == author_id && self.is_commune_police_of(team),
        }
    }

    /// Members of the team log its records.
    pub fn can_log_for(&self, team: &TeamScope) -> bool {
        self.position_in(team.team_id).is_some()
    }

    /// Members log every kind; the commune police also log, for a team of their commune,
    /// the tips and incidents that reached them directly: the share of tips that came
    /// through the force (seed 002 §II.4.1) needs the ones that did not.
    pub fn can_log_kind(&self, team: &TeamScope, kind: RecordKind) -> bool {
        self.can_log_for(team)
            || (matches!(kind, RecordKind::TipOff | RecordKind::Incident)
                && self.is_commune_police_of(team))
    }

    fn is_commune_police_of(&self, team: &TeamScope) -> bool {
        self.roles.iter().any(|r| match *r {
            Role::CommunePolice { commune_id } => team.units_above.first() == Some(&commune_id),
            _ => false,
        })
    }

    /// Who the asker is for a team's month: its leader (or deputy standing in) signs it
    /// off and reviews records; the commune police of its commune accept or return it.
    pub fn signoff_parties(&self, team: &TeamScope) -> Parties {
        Parties {
            leader: matches!(
                self.position_in(team.team_id),
                Some(Position::Leader | Position::Deputy)
            ),
            police: self.is_commune_police_of(team),
        }
    }

    /// Whether a tip was of value is judged by the commune police it reached.
    pub fn can_assess_tip(&self, team: &TeamScope) -> bool {
        self.is_commune_police_of(team)
    }

    /// The tip-off informant rule (DOMAIN.md): only the receiving member and
    /// the commune police of the commune the tip belongs to.
    pub fn can_see_informant(&self, received_by_user: i64, team: &TeamScope) -> bool {
        if self.user_id == received_by_user {
            return true;
        }
        self.roles.iter().any(|r| match *r {
            Role::CommunePolice { commune_id } => team.units_above.first() == Some(&commune_id),
            _ => false,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Province 1 → communes 10 and 11; province 2 → district 20 → commune 21.
    // Teams: 100 and 101 in commune 10, 110 in commune 11, 210 in commune 21.
    fn team(id: i64) -> TeamScope {
        let units_above = match id {
            100 | 101 => vec![10, 1],
            110 => vec![11, 1],
            210 => vec![21, 20, 2],
            _ => unreachable!("fixture has no team {id}"),
        };
        TeamScope {
            team_id: id,
            units_above,
        }
    }

    fn unit(id: i64) -> UnitScope {
        let self_and_above = match id {
            1 => vec![1],
            10 => vec![10, 1],
            12 => vec![12, 10, 1], // a village of commune 10
            11 => vec![11, 1],
            2 => vec![2],
            20 => vec![20, 2],
            21 => vec![21, 20, 2],
            _ => unreachable!("fixture has no unit {id}"),
        };
        UnitScope {
            unit_id: id,
            self_and_above,
        }
    }

    fn actor(roles: &[Role]) -> Actor {
        Actor {
            user_id: 7,
            roles: roles.to_vec(),
        }
    }

    const MEMBER_100: Role = Role::Team {
        team_id: 100,
        position: Position::Member,
    };
    const DEPUTY_100: Role = Role::Team {
        team_id: 100,
        position: Position::Deputy,
    };
    const LEADER_100: Role = Role::Team {
        team_id: 100,
        position: Position::Leader,
    };
    const CP_10: Role = Role::CommunePolice { commune_id: 10 };
    const CP_21: Role = Role::CommunePolice { commune_id: 21 };
    const PP_1: Role = Role::ProvincePolice { province_id: 1 };
    const PP_2: Role = Role::ProvincePolice { province_id: 2 };

    #[test]
    fn keeping_team_settings() {
        let cases: &[(&[Role], i64, bool)] = &[
            (&[CP_10], 100, true),
            (&[CP_10], 110, false),
            (&[PP_1], 110, true),
            (&[PP_1], 210, false),
            (&[CP_21], 210, true),
            (&[LEADER_100], 100, false),
            (&[DEPUTY_100], 100, false),
            (&[MEMBER_100], 100, false),
            (&[Role::Admin], 210, true),
        ];
        for (roles, t, want) in cases {
            assert_eq!(
                actor(roles).can_keep_team(&team(*t)),
                *want,
                "{roles:?} keeping team {t}"
            );
        }
    }

    #[test]
    fn keeping_units() {
        // (roles, unit, may add under it, may rename or retire it)
        let cases: &[(&[Role], i64, bool, bool)] = &[
            (&[CP_10], 10, true, false), // villages under their commune, not the commune
            (&[CP_10], 12, true, true),  // their village
            (&[CP_10], 11, false, false),
            (&[CP_10], 1, false, false),
            (&[CP_21], 12, false, false),
            (&[PP_1], 1, true, false), // communes under their province
            (&[PP_1], 10, true, true),
            (&[PP_1], 12, true, true),
            (&[PP_1], 21, false, false),
            (&[LEADER_100], 12, false, false), // a team reads its roster, keeps no units
            (&[MEMBER_100], 10, false, false),
            (&[Role::Admin], 2, true, true),
            (&[], 12, false, false),
        ];
        for (roles, u, add, manage) in cases {
            let a = actor(roles);
            assert_eq!(
                a.can_add_unit_under(&unit(*u)),
                *add,
                "{roles:?} adding under {u}"
            );
            assert_eq!(
                a.can_manage_unit(&unit(*u)),
                *manage,
                "{roles:?} keeping {u}"
            );
        }
    }

    #[test]
    fn reading_teams() {
        // (roles, team, may read)
        let cases: &[(&[Role], i64, bool)] = &[
            (&[MEMBER_100], 100, true),
            (&[MEMBER_100], 101, false), // another team in the same commune
            (&[MEMBER_100], 110, false), // another commune
            (&[MEMBER_100], 210, false), // another province
            (&[LEADER_100], 100, true),
            (&[LEADER_100], 101, false),
            (&[LEADER_100], 110, false),
            (&[CP_10], 100, true),
            (&[CP_10], 101, true),
            (&[CP_10], 110, false), // another commune
            (&[CP_10], 210, false), // another province
            (&[CP_21], 210, true),  // through a legacy district
            (&[PP_1], 100, true),
            (&[PP_1], 110, true),
            (&[PP_1], 210, false), // another province
            (&[PP_2], 210, true),
            (&[Role::Admin], 210, true),
            (&[], 100, false),
            (&[MEMBER_100, CP_21], 210, true), // roles add up
            (&[MEMBER_100, CP_21], 110, false),
        ];
        for (roles, t, want) in cases {
            assert_eq!(
                actor(roles).can_read_team(&team(*t)),
                *want,
                "{roles:?} reading team {t}"
            );
        }
    }

    #[test]
    fn managing_teams() {
        let cases: &[(&[Role], i64, bool)] = &[
            (&[MEMBER_100], 100, false),
            (&[DEPUTY_100], 100, true),
            (&[LEADER_100], 100, true),
            (&[LEADER_100], 101, false),
            (&[LEADER_100], 110, false),
            (&[CP_10], 101, true),
            (&[CP_10], 110, false),
            (&[PP_1], 100, false),
            (&[Role::Admin], 110, true),
        ];
        for (roles, t, want) in cases {
            assert_eq!(
                actor(roles).can_manage_team(&team(*t)),
                *want,
                "{roles:?} managing team {t}"
            );
        }
    }

    #[test]
    fn reading_units() {
        let cases: &[(&[Role], i64, bool)] = &[
            (&[MEMBER_100], 10, false),
            (&[LEADER_100], 10, false),
            (&[CP_10], 10, true),
            (&[CP_10], 11, false),
            (&[CP_10], 1, false), // not the province above
            (&[PP_1], 1, true),
            (&[PP_1], 11, true),
            (&[PP_1], 2, false),
            (&[PP_1], 21, false),
            (&[PP_2], 21, true),
            (&[Role::Admin], 2, true),
        ];
        for (roles, u, want) in cases {
            assert_eq!(
                actor(roles).can_read_unit(&unit(*u)),
                *want,
                "{roles:?} reading unit {u}"
            );
        }
    }

    #[test]
    fn editing_and_logging_records() {
        let me = |roles: &[Role]| Actor {
            user_id: 7,
            roles: roles.to_vec(),
        };
        assert!(
            me(&[MEMBER_100]).can_edit_record(7, &team(100)),
            "own record"
        );
        assert!(
            !me(&[MEMBER_100]).can_edit_record(8, &team(100)),
            "a teammate's record"
        );
        assert!(me(&[LEADER_100]).can_edit_record(8, &team(100)));
        assert!(me(&[DEPUTY_100]).can_edit_record(8, &team(100)));
        assert!(
            !me(&[LEADER_100]).can_edit_record(8, &team(101)),
            "another team's record"
        );
        assert!(
            !me(&[CP_10]).can_edit_record(8, &team(100)),
            "police read what members write"
        );
        assert!(
            me(&[CP_10]).can_edit_record(7, &team(100)),
            "but edit what they logged themselves"
        );
        assert!(!me(&[CP_10]).can_edit_record(7, &team(110)));
        assert!(!me(&[Role::Admin]).can_edit_record(8, &team(100)));
        assert!(me(&[MEMBER_100]).can_log_for(&team(100)));
        assert!(!me(&[MEMBER_100]).can_log_for(&team(101)));
        assert!(!me(&[CP_10]).can_log_for(&team(100)));
        // The commune police log the tips and incidents that reached them directly.
        assert!(me(&[CP_10]).can_log_kind(&team(100), RecordKind::TipOff));
        assert!(me(&[CP_10]).can_log_kind(&team(101), RecordKind::Incident));
        assert!(!me(&[CP_10]).can_log_kind(&team(100), RecordKind::Patrol));
        assert!(!me(&[CP_10]).can_log_kind(&team(110), RecordKind::TipOff));
        assert!(!me(&[PP_1]).can_log_kind(&team(100), RecordKind::TipOff));
        assert!(me(&[MEMBER_100]).can_log_kind(&team(100), RecordKind::Patrol));
    }

    #[test]
    fn signoff_parties() {
        let of = |roles: &[Role], t: i64| actor(roles).signoff_parties(&team(t));
        let leader = |p: Parties| (p.leader, p.police);
        assert_eq!(leader(of(&[LEADER_100], 100)), (true, false));
        assert_eq!(leader(of(&[DEPUTY_100], 100)), (true, false));
        assert_eq!(leader(of(&[MEMBER_100], 100)), (false, false));
        assert_eq!(
            leader(of(&[LEADER_100], 101)),
            (false, false),
            "another team"
        );
        assert_eq!(leader(of(&[CP_10], 100)), (false, true));
        assert_eq!(leader(of(&[CP_10], 110)), (false, false), "another commune");
        assert_eq!(leader(of(&[CP_21], 210)), (false, true));
        assert_eq!(
            leader(of(&[PP_1], 100)),
            (false, false),
            "province police watch"
        );
        assert_eq!(leader(of(&[Role::Admin], 100)), (false, false));
        assert_eq!(leader(of(&[LEADER_100, CP_10], 100)), (true, true));
    }

    #[test]
    fn informant_identity() {
        let receiver = Actor {
            user_id: 42,
            roles: vec![MEMBER_100],
        };
        assert!(receiver.can_see_informant(42, &team(100)));
        assert!(!actor(&[LEADER_100]).can_see_informant(42, &team(100)));
        assert!(!actor(&[MEMBER_100]).can_see_informant(42, &team(100)));
        assert!(actor(&[CP_10]).can_see_informant(42, &team(100)));
        assert!(!actor(&[CP_10]).can_see_informant(42, &team(110)));
        assert!(!actor(&[PP_1]).can_see_informant(42, &team(100)));
        assert!(!actor(&[Role::Admin]).can_see_informant(42, &team(100)));
    }
}
