//! A commune's (or a province's) roster as a sheet (issue 18, point 6): every current
//! member of every team under the unit, a row each, with every roster field worded for
//! the reader. For those who read the unit: its police and the police above, or an admin.
//! The roster holds no informant, so the file names none.

use super::directory::readable_unit;
use super::members::MEMBER_FIELDS;
use super::sheet::{Cell, Sheet};
use super::store::roster::member_detail;
use super::store::Store;
use super::ServiceError;
use crate::domain::lang::Lang;
use crate::domain::local_time::local_date;
use crate::domain::{iso_date, Actor};
use crate::i18n::members::MemberTexts;
use chrono::{DateTime, Utc};
use serde_json::Value;
use std::collections::HashMap;

/// The roster's fields, in the order of the columns after the number, commune and team:
/// a member's history fields up to the day they joined (a current member has not left),
/// so the file reads like the form.
pub const COLUMNS: &[&str] = MEMBER_FIELDS.split_at(22).0;

/// The words of the file that no screen shows (the import reads the column names back).
pub(super) struct Words {
    title: &'static str,
    sheet: &'static str,
    as_of: &'static str,
    template_hint: &'static str,
    pub(super) number: &'static str,
    pub(super) commune: &'static str,
    pub(super) team: &'static str,
}

pub(super) fn words(lang: Lang) -> Words {
    match lang {
        Lang::Vi => Words {
            title: "DANH SÁCH THÀNH VIÊN TỔ BẢO VỆ AN NINH, TRẬT TỰ Ở CƠ SỞ",
            sheet: "Danh sách thành viên",
            as_of: "Tính đến ngày",
            template_hint: "Mỗi dòng một thành viên; ngày ghi dd/mm/yyyy; địa bàn ghi tên thôn, tổ dân phố; chức danh:",
            number: "STT",
            commune: "Xã, phường",
            team: "Tổ",
        },
        Lang::En => Words {
            title: "ROSTER OF THE GRASSROOTS SECURITY AND ORDER TEAMS",
            sheet: "Roster",
            as_of: "As of",
            template_hint: "One member a row; dates as dd/mm/yyyy; the area by the village's name; positions:",
            number: "No.",
            commune: "Commune",
            team: "Team",
        },
    }
}

/// A stored field as a cell: choices by their names, dates as dates, a "yes" as a word,
/// the area by the village's name.
fn cell(m: &MemberTexts, areas: &HashMap<i64, String>, field: &str, v: Option<&Value>) -> Cell {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Cell::Empty,
        Some(Value::String(s)) if s.is_empty() => Cell::Empty,
        Some(Value::String(s)) => match (m.value(field, s), iso_date::parse(s)) {
            (Some(named), _) => Cell::Text(named.to_owned()),
            (None, Some(d)) => Cell::Date(d),
            (None, None) => Cell::Text(s.clone()),
        },
        Some(Value::Bool(true)) => Cell::Text(m.yes.to_owned()),
        Some(Value::Number(n)) if field == "area_id" => n
            .as_i64()
            .and_then(|id| areas.get(&id))
            .map_or(Cell::Empty, |name| Cell::Text(name.clone())),
        Some(Value::Number(n)) => n.as_i64().map_or(Cell::Empty, Cell::Number),
        Some(other) => Cell::Text(other.to_string()),
    }
}

/// The roster of every team under the unit, teams by commune and name, members leader
/// first.
pub async fn roster_sheet(
    store: &dyn Store,
    actor: &Actor,
    unit_id: i64,
    lang: Lang,
    now: DateTime<Utc>,
) -> Result<Sheet, ServiceError> {
    let unit = readable_unit(store, actor, unit_id).await?;
    let (m, w) = (lang.members(), words(lang));
    let mut rows = Vec::new();
    // A query or two per team: an export is asked for now and then, and a province's
    // thousand teams read in well under a second from either database.
    for listing in store.teams_under(unit_id).await? {
        let team = store
            .team(listing.id)
            .await?
            .ok_or(ServiceError::NotFound)?;
        let mut areas: HashMap<i64, String> = team
            .village_ids
            .iter()
            .copied()
            .zip(team.villages)
            .collect();
        for member in store.team_members(listing.id).await? {
            // An area outside the team's villages (one since handed to another team).
            if let Some(area) = member.entry.area_id.filter(|a| !areas.contains_key(a)) {
                if let Some(u) = store.org_unit(area).await? {
                    areas.insert(area, u.name);
                }
            }
            let detail = member_detail(&member);
            let mut row = vec![
                Cell::Number(rows.len() as i64 + 1),
                Cell::Text(listing.commune_name.clone()),
                Cell::Text(listing.name.clone()),
            ];
            row.extend(COLUMNS.iter().map(|f| cell(m, &areas, f, detail.get(*f))));
            rows.push(row);
        }
    }
    let today = local_date(now);
    Ok(Sheet {
        name: w.sheet.to_owned(),
        title: w.title.to_owned(),
        subtitle: format!("{} · {} {}", unit.name, w.as_of, today.format("%d/%m/%Y")),
        headers: headers(lang),
        rows,
    })
}

/// The columns' names: the number, commune and team, then every roster field.
fn headers(lang: Lang) -> Vec<String> {
    let (m, w) = (lang.members(), words(lang));
    let mut headers: Vec<String> = [w.number, w.commune, w.team].map(str::to_owned).to_vec();
    headers.extend(COLUMNS.iter().map(|f| m.field(f).unwrap_or(f).to_owned()));
    headers
}

/// The file a commune fills in to import its roster: the export's columns, no rows, and
/// under the title how the choices and dates are written. The export itself, edited,
/// imports as well.
pub async fn roster_template(
    store: &dyn Store,
    actor: &Actor,
    commune_id: i64,
    lang: Lang,
) -> Result<Sheet, ServiceError> {
    let unit = readable_unit(store, actor, commune_id).await?;
    let (m, w) = (lang.members(), words(lang));
    let positions = [m.leader, m.deputy, m.member].join(", ");
    Ok(Sheet {
        name: w.sheet.to_owned(),
        title: w.title.to_owned(),
        subtitle: format!("{} · {} {}", unit.name, w.template_hint, positions),
        headers: headers(lang),
        rows: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_has_a_name_in_both_languages() {
        for lang in [Lang::Vi, Lang::En] {
            for f in COLUMNS {
                assert!(lang.members().field(f).is_some(), "{f} in {lang:?}");
            }
        }
    }

    #[test]
    fn cells_are_worded_for_the_reader() {
        let m = Lang::Vi.members();
        let areas = HashMap::from([(7, "Thôn Tô Xá".to_owned())]);
        let s = |v: &str| Value::String(v.into());
        assert_eq!(
            cell(m, &areas, "position", Some(&s("leader"))),
            Cell::Text(m.leader.into())
        );
        assert_eq!(
            cell(m, &areas, "date_of_birth", Some(&s("1980-02-29"))),
            Cell::Date(chrono::NaiveDate::from_ymd_opt(1980, 2, 29).unwrap())
        );
        assert_eq!(
            cell(m, &areas, "area_id", Some(&Value::from(7))),
            Cell::Text("Thôn Tô Xá".into())
        );
        assert_eq!(
            cell(m, &areas, "area_id", Some(&Value::from(8))),
            Cell::Empty
        );
        assert_eq!(
            cell(m, &areas, "badge_issued", Some(&Value::Bool(true))),
            Cell::Text(m.yes.into())
        );
        assert_eq!(cell(m, &areas, "training", Some(&s(""))), Cell::Empty);
        assert_eq!(
            cell(m, &areas, "decision_no", Some(&s("21/QĐ-UBND"))),
            Cell::Text("21/QĐ-UBND".into())
        );
    }
}
