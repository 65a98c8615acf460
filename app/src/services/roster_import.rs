//! A commune's roster from a spreadsheet (issue 18, point 6; CommCare's bulk upload is
//! the model): every row read and checked as the member form checks it, each problem
//! named next to its row, and nothing written until the whole file is clean. Then the
//! new teams, the new members with their sign-ins and the changed entries go in one
//! transaction. A member already on the roster is found by phone (or by name and date of
//! birth when the row has no phone), so importing the same file again changes nothing.
//! For the commune's police, the province's, or an admin: those who keep its teams.

use super::directory::{readable_unit, unit_scope};
use super::members::{account_for, account_is_kept, by, checked, phone_conflict};
use super::roster_cells::{is_blank, layout, read_row, CellProblem, Draft};
use super::sheet::Cell;
use super::store::roster::{ImportedEdit, ImportedMember, RosterImport, TeamRef, TeamSettings};
use super::store::{Member, Store, Team};
use super::ServiceError;
use crate::domain::lang::Lang;
use crate::domain::local_time::local_date;
use crate::domain::org::{check_name, same_name};
use crate::domain::team_structure::{min_members, MAX_QUOTA};
use crate::domain::{Actor, ErrorCode, FieldError, OrgUnitKind, TeamKind};
use crate::dto::roster_import::{ImportAction, ImportProblem, ImportRow, RosterImportView};
use crate::i18n::error_message;
use chrono::{DateTime, NaiveDate, Utc};

/// The most rows one file may hold: a commune has a few dozen members, a large ward a
/// few hundred; more is a province's file sent to one commune.
pub const MAX_ROWS: usize = 2_000;

/// A new team's quota when the file does not say: the seeds' five (seed 001 §II.2), or
/// as many as the file puts in it.
const NEW_TEAM_QUOTA: i32 = 5;

fn problem(lang: Lang, p: &CellProblem) -> ImportProblem {
    ImportProblem {
        code: p.code,
        message: error_message(lang, p.code).to_owned(),
        field: p.field.map(str::to_owned),
        column: p.column.clone(),
    }
}

fn on(field: &'static str, code: ErrorCode) -> CellProblem {
    CellProblem {
        field: Some(field),
        code,
        column: None,
    }
}

/// The commune's roster as the import compares with it.
struct Roster {
    teams: Vec<(Team, Vec<Member>)>,
    /// The commune's villages and residential groups open today: (id, name).
    villages: Vec<(i64, String)>,
}

impl Roster {
    async fn load(
        store: &dyn Store,
        commune_id: i64,
        today: NaiveDate,
    ) -> Result<Self, ServiceError> {
        let mut teams = Vec::new();
        for listing in store.teams_under(commune_id).await? {
            if let Some(team) = store.team(listing.id).await? {
                let members = store.team_members(team.id).await?;
                teams.push((team, members));
            }
        }
        let villages = store
            .child_units(commune_id)
            .await?
            .into_iter()
            .filter(|u| {
                u.kind == OrgUnitKind::Village
                    && u.valid_from <= today
                    && u.valid_to.is_none_or(|to| today <= to)
            })
            .map(|u| (u.id, u.name))
            .collect();
        Ok(Self { teams, villages })
    }

    fn team_named(&self, name: &str) -> Option<&Team> {
        self.teams
            .iter()
            .map(|(t, _)| t)
            .find(|t| same_name(&t.name, name))
    }

    /// A current member of the commune the row is about: by phone, or by name and date
    /// of birth when the row gives no phone (or the file has no phone column).
    fn member_like(&self, entry: &crate::domain::roster::RosterEntry) -> Option<(&Team, &Member)> {
        let phone = entry
            .phone
            .as_deref()
            .and_then(|p| crate::domain::PhoneNumber::parse(p).ok())
            .map(|p| p.to_string());
        self.teams.iter().find_map(|(t, members)| {
            members
                .iter()
                .find(|m| match &phone {
                    Some(p) => m.entry.phone.as_deref() == Some(p.as_str()),
                    None => {
                        same_name(&m.entry.full_name, &entry.full_name)
                            && m.entry.date_of_birth == entry.date_of_birth
                    }
                })
                .map(|m| (t, m))
        })
    }

    fn covered_by_others(&self, village: i64) -> bool {
        self.teams
            .iter()
            .any(|(t, _)| t.village_ids.contains(&village))
    }
}

/// A row after every check: where it goes and what it does, or its problems.
struct Checked {
    row: u32,
    draft: Draft,
    team: Option<TeamRef>,
    action: ImportAction,
    member_id: Option<i64>,
    with_account: bool,
    joined_on: NaiveDate,
}

/// Reads and checks the file; writes it unless `dry_run` or a problem stops it. The
/// grid is the first sheet's cells, rows from the top.
pub async fn import(
    store: &dyn Store,
    actor: &Actor,
    commune_id: i64,
    grid: Vec<Vec<Cell>>,
    lang: Lang,
    dry_run: bool,
    now: DateTime<Utc>,
) -> Result<RosterImportView, ServiceError> {
    let commune = readable_unit(store, actor, commune_id).await?;
    if !actor.can_add_unit_under(&unit_scope(store, commune_id).await?) {
        return Err(ServiceError::Forbidden);
    }
    if commune.kind != OrgUnitKind::Commune {
        return Err(FieldError::new("unit_id", ErrorCode::UnitKindNotAllowed).into());
    }
    let mut view = RosterImportView {
        commune_id,
        commune_name: commune.name.clone(),
        written: false,
        problems: Vec::new(),
        rows: Vec::new(),
        new_teams: Vec::new(),
        added: 0,
        updated: 0,
        unchanged: 0,
        accounts: Vec::new(),
    };
    let file = match layout(&grid) {
        Ok(l) => l,
        Err(problems) => {
            view.problems = problems.iter().map(|p| problem(lang, p)).collect();
            return Ok(view);
        }
    };
    let data: Vec<(u32, &Vec<Cell>)> = grid
        .iter()
        .enumerate()
        .skip(file.header_row + 1)
        .filter(|(_, r)| !is_blank(r))
        .map(|(i, r)| (i as u32 + 1, r))
        .collect();
    if data.is_empty() {
        view.problems.push(problem(
            lang,
            &CellProblem {
                field: None,
                code: ErrorCode::ImportEmpty,
                column: None,
            },
        ));
        return Ok(view);
    }
    if data.len() > MAX_ROWS {
        view.problems.push(problem(
            lang,
            &CellProblem {
                field: None,
                code: ErrorCode::TooMany,
                column: None,
            },
        ));
        return Ok(view);
    }
    let today = local_date(now);
    let roster = Roster::load(store, commune_id, today).await?;

    // The teams the file names that the commune lacks, with the villages their members
    // answer for: the import adds them.
    let mut rows: Vec<Checked> = data
        .iter()
        .map(|(row, cells)| Checked {
            row: *row,
            draft: read_row(&file, cells),
            team: None,
            action: ImportAction::Add,
            member_id: None,
            with_account: false,
            joined_on: today,
        })
        .collect();
    let mut new_teams: Vec<(String, Vec<i64>, u32)> = Vec::new();
    for r in &mut rows {
        let d = &mut r.draft;
        if !d.commune.is_empty() && !same_name(&d.commune, &commune.name) {
            d.problems.push(on("commune", ErrorCode::CommuneMismatch));
        }
        let area = if d.area.is_empty() {
            None
        } else {
            match roster.villages.iter().find(|(_, n)| same_name(n, &d.area)) {
                Some((id, _)) => Some(*id),
                None => {
                    d.problems
                        .push(on("area_id", ErrorCode::VillageNotInCommune));
                    None
                }
            }
        };
        d.entry.area_id = area;
        let name = match check_name("team", &d.team) {
            Ok(n) => n,
            Err(e) => {
                d.problems.push(on("team", e.code));
                continue;
            }
        };
        d.team = name.clone();
        if let Some(t) = roster.team_named(&name) {
            r.team = Some(TeamRef::Existing(t.id));
            continue;
        }
        let i = match new_teams.iter().position(|(n, _, _)| same_name(n, &name)) {
            Some(i) => i,
            None => {
                new_teams.push((name, Vec::new(), r.row));
                new_teams.len() - 1
            }
        };
        if let Some(a) = area {
            // One team per village (seed 001 §II.2): not one another team covers already,
            // nor one another new team of the file takes.
            let taken = roster.covered_by_others(a)
                || new_teams
                    .iter()
                    .enumerate()
                    .any(|(j, (_, v, _))| j != i && v.contains(&a));
            if taken {
                d.problems.push(on("area_id", ErrorCode::VillageTaken));
            } else if !new_teams[i].1.contains(&a) {
                new_teams[i].1.push(a);
            }
        }
        r.team = Some(TeamRef::New(i));
    }
    for (i, (_, villages, first_row)) in new_teams.iter().enumerate() {
        if villages.is_empty() {
            if let Some(r) = rows
                .iter_mut()
                .find(|r| r.row == *first_row && r.team == Some(TeamRef::New(i)))
            {
                r.draft
                    .problems
                    .push(on("area_id", ErrorCode::TeamNeedsVillage));
            }
        }
    }

    // Each entry as the member form checks it, then against the roster and the file.
    let mut seen: Vec<(Option<String>, String, Option<NaiveDate>)> = Vec::new();
    for r in &mut rows {
        let Some(team) = r.team else { continue };
        let villages: Vec<i64> = match team {
            TeamRef::Existing(id) => roster
                .teams
                .iter()
                .find(|(t, _)| t.id == id)
                .map(|(t, _)| t.village_ids.clone())
                .unwrap_or_default(),
            TeamRef::New(i) => new_teams[i].1.clone(),
        };
        let d = &mut r.draft;
        if !d.problems.is_empty() {
            continue;
        }
        // A member already on the team keeps what the file has no column for.
        let like = roster.member_like(&d.entry);
        if let Some((_, m)) = like.filter(|(t, _)| TeamRef::Existing(t.id) == team) {
            file.keep_absent(&mut d.entry, &m.entry);
        }
        let entry = match checked(d.entry.clone(), &villages, today, commune.remote) {
            Ok((entry, _)) => entry,
            Err(e) => {
                let field = super::members::MEMBER_FIELDS
                    .iter()
                    .find(|f| **f == e.field)
                    .copied()
                    .unwrap_or("full_name");
                d.problems.push(on(field, e.code));
                continue;
            }
        };
        let key = (
            entry.phone.clone(),
            entry.full_name.to_lowercase(),
            entry.date_of_birth,
        );
        let twice = seen.iter().any(|s| match (&s.0, &key.0) {
            (Some(a), Some(b)) => a == b,
            (None, None) => s.1 == key.1 && s.2 == key.2,
            _ => false,
        });
        if twice {
            d.problems.push(on(
                if key.0.is_some() {
                    "phone"
                } else {
                    "full_name"
                },
                ErrorCode::ListedTwice,
            ));
            continue;
        }
        seen.push(key);
        if let Some(joined) = d.joined_on {
            if joined > today {
                d.problems.push(on("joined_on", ErrorCode::DateInFuture));
                continue;
            }
            r.joined_on = joined;
        }
        match like {
            Some((t, m)) if TeamRef::Existing(t.id) == team => {
                r.member_id = Some(m.id);
                if m.entry == entry {
                    r.action = ImportAction::Same;
                } else {
                    r.action = ImportAction::Update;
                    r.with_account = match m.user_id {
                        Some(u) => account_is_kept(store, actor, u).await?,
                        None => false,
                    };
                }
            }
            Some(_) => d.problems.push(on("phone", ErrorCode::MemberOnAnotherTeam)),
            None => r.action = ImportAction::Add,
        }
        d.entry = entry;
    }

    view.new_teams = new_teams.iter().map(|(n, _, _)| n.clone()).collect();
    for r in &rows {
        match r.action {
            _ if !r.draft.problems.is_empty() => {}
            ImportAction::Add => view.added += 1,
            ImportAction::Update => view.updated += 1,
            ImportAction::Same => view.unchanged += 1,
        }
    }
    view.rows = rows
        .iter()
        .map(|r| ImportRow {
            row: r.row,
            team: r.draft.team.clone(),
            full_name: r.draft.entry.full_name.clone(),
            action: r.action,
            problems: r.draft.problems.iter().map(|p| problem(lang, p)).collect(),
        })
        .collect();
    if dry_run || !view.is_clean() || (view.added == 0 && view.updated == 0) {
        return Ok(view);
    }

    // Clean: everything goes in one transaction.
    let mut import = RosterImport {
        commune_id,
        new_teams: Vec::new(),
        added: Vec::new(),
        edited: Vec::new(),
    };
    for (i, (name, villages, _)) in new_teams.iter().enumerate() {
        let members = rows
            .iter()
            .filter(|r| r.team == Some(TeamRef::New(i)))
            .count();
        let kind = TeamKind::SecurityOrder;
        let quota = (members as i32).clamp(NEW_TEAM_QUOTA.max(min_members(kind) as i32), MAX_QUOTA);
        let since = rows
            .iter()
            .filter(|r| r.team == Some(TeamRef::New(i)))
            .map(|r| r.joined_on)
            .min()
            .unwrap_or(today);
        let mut village_ids = villages.clone();
        village_ids.sort_unstable();
        import.new_teams.push(TeamSettings {
            name: name.clone(),
            kind,
            member_quota: quota,
            operating_since: since,
            village_ids,
            decision_no: String::new(),
            decided_on: None,
        });
    }
    for r in rows {
        let team = r
            .team
            .ok_or(ServiceError::Internal("a clean row has a team".into()))?;
        match r.action {
            ImportAction::Same => {}
            ImportAction::Update => import.edited.push(ImportedEdit {
                member_id: r
                    .member_id
                    .ok_or(ServiceError::Internal("an update has a member".into()))?,
                entry: r.draft.entry,
                with_account: r.with_account,
            }),
            ImportAction::Add => {
                let phone = r
                    .draft
                    .entry
                    .phone
                    .as_deref()
                    .map(crate::domain::PhoneNumber::parse)
                    .transpose()
                    .map_err(|_| ServiceError::Internal("a checked phone parses".into()))?;
                let (account, shown) = account_for(store, phone.as_ref(), None).await?;
                view.accounts.extend(shown);
                import.added.push(ImportedMember {
                    team,
                    entry: r.draft.entry,
                    joined_on: r.joined_on,
                    account,
                });
            }
        }
    }
    store
        .import_roster(&import, by(actor, now))
        .await
        .map_err(|e| phone_conflict(e.into()))?;
    view.written = true;
    Ok(view)
}
