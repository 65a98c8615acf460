//! Reading a roster file's cells back into roster entries (issue 18, point 6): which
//! column holds what, found by the headers the export writes (in either language, or the
//! fields' own codes), and each cell read as its field's value. Pure: the import service
//! checks the entries against the law and the roster.

use super::roster_export::{words, COLUMNS};
use super::sheet::Cell;
use crate::domain::lang::Lang;
use crate::domain::org::same_name;
use crate::domain::roster::{Gender, Origin, RosterEntry};
use crate::domain::selection::{AgeApproval, Education};
use crate::domain::{ErrorCode, Position};
use chrono::NaiveDate;

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The export's running number: read past.
    Number,
    Commune,
    Team,
    /// A roster field, by its code (one of `COLUMNS`).
    Field(&'static str),
}

/// The columns a file must have: the team, and what the law asks of every member.
const REQUIRED: [Column; 6] = [
    Column::Team,
    Column::Field("full_name"),
    Column::Field("date_of_birth"),
    Column::Field("position"),
    Column::Field("education"),
    Column::Field("resident_since"),
];

/// How many rows from the top the header row may be (the export has a title above it).
const HEADER_SEARCH_ROWS: usize = 10;

/// The file's shape: the header row (0-based) and what each column holds (`None`: a
/// column the import does not read, such as a note of the commune's own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    pub header_row: usize,
    pub columns: Vec<Option<Column>>,
    pub headers: Vec<String>,
}

/// A problem of one cell, or of the file as a whole (no field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellProblem {
    pub field: Option<&'static str>,
    pub code: ErrorCode,
    /// The header of the column, as the file writes it.
    pub column: Option<String>,
}

/// The text of a cell as a header or a name: numbers and dates as they read.
fn text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) => s.trim().to_owned(),
        Cell::Number(n) => n.to_string(),
        Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
    }
}

/// The column a header names, in Vietnamese, in English, or by the field's code.
pub fn column_named(header: &str) -> Option<Column> {
    if header.trim().is_empty() {
        return None;
    }
    for lang in [Lang::Vi, Lang::En] {
        let w = words(lang);
        for (label, column) in [
            (w.number, Column::Number),
            (w.commune, Column::Commune),
            (w.team, Column::Team),
        ] {
            if same_name(header, label) {
                return Some(column);
            }
        }
        let m = lang.members();
        if let Some(f) = COLUMNS
            .iter()
            .find(|f| m.field(f).is_some_and(|l| same_name(header, l)))
        {
            return Some(Column::Field(f));
        }
    }
    COLUMNS
        .iter()
        .find(|f| same_name(header, f))
        .map(|f| Column::Field(f))
        .or_else(|| {
            ["commune", "team"]
                .iter()
                .find(|c| same_name(header, c))
                .map(|c| {
                    if *c == "team" {
                        Column::Team
                    } else {
                        Column::Commune
                    }
                })
        })
}

/// Finds the header row (the first near the top naming both the team and the full name)
/// and what each column holds; the file's problems when it has no such row, a column
/// twice, or lacks one the law needs.
pub fn layout(grid: &[Vec<Cell>]) -> Result<Layout, Vec<CellProblem>> {
    let file_problem = |code, column: Option<String>| CellProblem {
        field: None,
        code,
        column,
    };
    let found = grid
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .enumerate()
        .find_map(|(i, row)| {
            let columns: Vec<Option<Column>> = row.iter().map(|c| column_named(&text(c))).collect();
            (columns.contains(&Some(Column::Team))
                && columns.contains(&Some(Column::Field("full_name"))))
            .then(|| (i, columns, row.iter().map(text).collect::<Vec<_>>()))
        });
    let Some((header_row, columns, headers)) = found else {
        return Err(vec![file_problem(ErrorCode::ImportNoHeader, None)]);
    };
    let mut problems = Vec::new();
    for (i, c) in columns.iter().enumerate() {
        if c.is_some() && columns[..i].contains(c) {
            problems.push(file_problem(
                ErrorCode::ListedTwice,
                Some(headers[i].clone()),
            ));
        }
    }
    let lang = Lang::Vi;
    for needed in REQUIRED {
        if !columns.contains(&Some(needed)) {
            let name = match needed {
                Column::Field(f) => lang.members().field(f).unwrap_or(f),
                _ => words(lang).team,
            };
            problems.push(file_problem(
                ErrorCode::ImportColumnMissing,
                Some(name.to_owned()),
            ));
        }
    }
    if problems.is_empty() {
        Ok(Layout {
            header_row,
            columns,
            headers,
        })
    } else {
        Err(problems)
    }
}

impl Layout {
    /// Whether the file has a column for the roster field.
    pub fn has(&self, field: &str) -> bool {
        self.columns
            .iter()
            .any(|c| matches!(c, Some(Column::Field(f)) if *f == field))
    }

    /// A member already on the roster keeps what the file has no column for: a short
    /// list (names, birthdays, positions) changes only what it says.
    pub fn keep_absent(&self, entry: &mut RosterEntry, stored: &RosterEntry) {
        let keep = |f: &str| !self.has(f);
        if keep("gender") {
            entry.gender = stored.gender;
        }
        if keep("residence") {
            entry.residence = stored.residence.clone();
        }
        if keep("phone") {
            entry.phone = stored.phone.clone();
        }
        if keep("origin") {
            entry.origin = stored.origin;
        }
        if keep("party_member") {
            entry.party_member = stored.party_member;
        }
        if keep("approved_by") && keep("approval_decision_no") && keep("approved_on") {
            entry.age_approval = stored.age_approval.clone();
        }
        if keep("appointed_on") {
            entry.appointed_on = stored.appointed_on;
        }
        if keep("decision_no") {
            entry.decision_no = stored.decision_no.clone();
        }
        if keep("certificate_no") {
            entry.certificate_no = stored.certificate_no.clone();
        }
        if keep("certificate_on") {
            entry.certificate_on = stored.certificate_on;
        }
        if keep("badge_issued") {
            entry.badge_issued = stored.badge_issued;
        }
        if keep("equipment") {
            entry.equipment = stored.equipment.clone();
        }
        if keep("training") {
            entry.training = stored.training.clone();
        }
        if keep("area_id") {
            entry.area_id = stored.area_id;
        }
    }
}

/// A row of the file as read: the team it names, the commune it says (if any), the entry,
/// the day of joining, and every cell that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub team: String,
    pub commune: String,
    pub entry: RosterEntry,
    pub joined_on: Option<NaiveDate>,
    /// The area by the name the file gives it; the service finds the village.
    pub area: String,
    pub problems: Vec<CellProblem>,
}

/// Whether every cell of the row is empty (a blank line between blocks of a sheet).
pub fn is_blank(row: &[Cell]) -> bool {
    row.iter().all(|c| text(c).is_empty())
}

/// Spreadsheets count days from 30/12/1899; a date typed into a cell without a date
/// format arrives as that count.
fn from_serial(n: i64) -> Option<NaiveDate> {
    (1..=2_958_465)
        .contains(&n)
        .then(|| {
            NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(n as u64))
        })
        .flatten()
}

/// A day as a cell gives it: a date, dd/mm/yyyy (or with - or .), yyyy-mm-dd, or a
/// spreadsheet's day count.
fn date(cell: &Cell) -> Result<Option<NaiveDate>, ErrorCode> {
    let parsed = match cell {
        Cell::Empty => return Ok(None),
        Cell::Date(d) => Some(*d),
        Cell::Number(n) => from_serial(*n),
        Cell::Text(s) if s.trim().is_empty() => return Ok(None),
        Cell::Text(s) => {
            let s = s.trim();
            crate::domain::iso_date::parse(s).or_else(|| {
                let parts: Vec<&str> = s.split(['/', '-', '.']).map(str::trim).collect();
                match parts.as_slice() {
                    [d, m, y] if y.len() == 4 => {
                        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
                    }
                    _ => None,
                }
            })
        }
    };
    parsed.map(Some).ok_or(ErrorCode::InvalidDate)
}

/// A choice by its name in either language or its code; `None` for an empty cell.
fn choice<T: Copy>(
    field: &str,
    cell: &Cell,
    all: &[T],
    code: impl Fn(T) -> &'static str,
) -> Result<Option<T>, ErrorCode> {
    let t = text(cell);
    if t.is_empty() {
        return Ok(None);
    }
    all.iter()
        .copied()
        .find(|x| {
            let c = code(*x);
            same_name(&t, c)
                || [Lang::Vi, Lang::En].iter().any(|l| {
                    l.members()
                        .value(field, c)
                        .is_some_and(|n| same_name(&t, n))
                })
        })
        .map(Some)
        .ok_or(ErrorCode::InvalidChoice)
}

/// A yes or no: the export's word for yes, an x, or a 1; nothing, "không", "no" or 0.
fn yes(cell: &Cell) -> Result<bool, ErrorCode> {
    let t = text(cell);
    let is = |words: &[&str]| words.iter().any(|w| same_name(&t, w));
    if t.is_empty() || is(&["không", "no", "0", "false"]) {
        Ok(false)
    } else if is(&[
        Lang::Vi.members().yes,
        Lang::En.members().yes,
        "x",
        "1",
        "true",
    ]) {
        Ok(true)
    } else {
        Err(ErrorCode::InvalidChoice)
    }
}

/// A phone as a cell gives it: a spreadsheet that took the number for a number dropped
/// its leading 0 (0912 345 678 arrives as 912345678).
fn phone(cell: &Cell) -> Option<String> {
    match cell {
        Cell::Number(n) if (100_000_000..1_000_000_000).contains(n) => Some(format!("0{n}")),
        other => Some(text(other)).filter(|t| !t.is_empty()),
    }
}

/// Reads one data row by the file's layout.
pub fn read_row(layout: &Layout, row: &[Cell]) -> Draft {
    let mut d = Draft {
        team: String::new(),
        commune: String::new(),
        entry: RosterEntry::new("", Position::Member),
        joined_on: None,
        area: String::new(),
        problems: Vec::new(),
    };
    let mut position = None;
    let (mut approved_by, mut approval_no, mut approved_on) = (String::new(), String::new(), None);
    let empty = Cell::Empty;
    for (i, column) in layout.columns.iter().enumerate() {
        let Some(column) = column else { continue };
        let cell = row.get(i).unwrap_or(&empty);
        let field = match column {
            Column::Number => continue,
            Column::Commune => {
                d.commune = text(cell);
                continue;
            }
            Column::Team => {
                d.team = text(cell);
                continue;
            }
            Column::Field(f) => *f,
        };
        let e = &mut d.entry;
        let read: Result<(), ErrorCode> = (|| {
            match field {
                "full_name" => e.full_name = text(cell),
                "residence" => e.residence = text(cell),
                "decision_no" => e.decision_no = text(cell),
                "certificate_no" => e.certificate_no = text(cell),
                "equipment" => e.equipment = text(cell),
                "training" => e.training = text(cell),
                "approved_by" => approved_by = text(cell),
                "approval_decision_no" => approval_no = text(cell),
                "phone" => e.phone = phone(cell),
                "date_of_birth" => e.date_of_birth = date(cell)?,
                "resident_since" => e.resident_since = date(cell)?,
                "appointed_on" => e.appointed_on = date(cell)?,
                "certificate_on" => e.certificate_on = date(cell)?,
                "approved_on" => approved_on = date(cell)?,
                "joined_on" => d.joined_on = date(cell)?,
                "party_member" => e.party_member = yes(cell)?,
                "badge_issued" => e.badge_issued = yes(cell)?,
                "gender" => e.gender = choice(field, cell, &Gender::ALL, Gender::as_str)?,
                "origin" => e.origin = choice(field, cell, &Origin::ALL, Origin::as_str)?,
                "position" => {
                    let all = [Position::Leader, Position::Deputy, Position::Member];
                    position = choice(field, cell, &all, Position::as_str)?;
                }
                "education" => {
                    e.education = match choice(field, cell, &Education::ALL, Education::as_str) {
                        Ok(level) => level,
                        // Older lists write a grade ("9/12") or a level's common name.
                        Err(code) => Some(Education::read(&text(cell)).ok_or(code)?),
                    }
                }
                "area_id" => d.area = text(cell),
                _ => {}
            }
            Ok(())
        })();
        if let Err(code) = read {
            d.problems.push(CellProblem {
                field: Some(field),
                code,
                column: layout.headers.get(i).cloned(),
            });
        }
    }
    match position {
        Some(p) => d.entry.position = p,
        None if !d.problems.iter().any(|p| p.field == Some("position")) => {
            d.problems.push(CellProblem {
                field: Some("position"),
                code: ErrorCode::Required,
                column: None,
            })
        }
        None => {}
    }
    if !(approved_by.is_empty() && approval_no.is_empty() && approved_on.is_none()) {
        match approved_on {
            Some(approved_on) => {
                d.entry.age_approval = Some(AgeApproval {
                    approved_by,
                    decision_no: approval_no,
                    approved_on,
                })
            }
            None if !d.problems.iter().any(|p| p.field == Some("approved_on")) => {
                d.problems.push(CellProblem {
                    field: Some("approved_on"),
                    code: ErrorCode::Required,
                    column: None,
                })
            }
            None => {}
        }
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn headers(names: &[&str]) -> Vec<Cell> {
        names.iter().map(|n| t(n)).collect()
    }

    #[test]
    fn headers_are_read_in_either_language_or_as_codes_below_a_title() {
        let vi = Lang::Vi.members();
        let grid = vec![
            vec![t("DANH SÁCH")],
            vec![],
            vec![
                t("STT"),
                t("tổ"),
                t(vi.field("full_name").unwrap()),
                t("date_of_birth"),
                t(Lang::En.members().field("position").unwrap()),
                t(vi.field("education").unwrap()),
                t(vi.field("resident_since").unwrap()),
                t("Ghi chú"),
            ],
        ];
        let l = layout(&grid).unwrap();
        assert_eq!(l.header_row, 2);
        assert_eq!(l.columns[0], Some(Column::Number));
        assert_eq!(l.columns[1], Some(Column::Team));
        assert_eq!(l.columns[3], Some(Column::Field("date_of_birth")));
        assert_eq!(l.columns[4], Some(Column::Field("position")));
        assert_eq!(
            l.columns[7], None,
            "a column of the commune's own is read past"
        );
    }

    #[test]
    fn a_file_without_the_law_s_columns_or_with_one_twice_is_refused_whole() {
        let grid = vec![headers(&["Tổ", "full_name", "full_name"])];
        let problems = layout(&grid).unwrap_err();
        assert!(problems.iter().any(|p| p.code == ErrorCode::ListedTwice));
        let missing: Vec<_> = problems
            .iter()
            .filter(|p| p.code == ErrorCode::ImportColumnMissing)
            .collect();
        assert_eq!(missing.len(), 4, "{problems:?}");
        let none = layout(&[headers(&["a", "b"])]).unwrap_err();
        assert_eq!(none[0].code, ErrorCode::ImportNoHeader);
    }

    fn sample_layout() -> Layout {
        let vi = Lang::Vi.members();
        let mut names = vec!["Tổ".to_owned()];
        names.extend(COLUMNS.iter().map(|f| vi.field(f).unwrap().to_owned()));
        let row: Vec<Cell> = names.iter().map(|n| t(n)).collect();
        layout(&[row]).unwrap()
    }

    fn row_of(values: &[(&str, Cell)]) -> Vec<Cell> {
        let l = sample_layout();
        l.columns
            .iter()
            .map(|c| match c {
                Some(Column::Team) => t("Tổ 1"),
                Some(Column::Field(f)) => values
                    .iter()
                    .find(|(k, _)| k == f)
                    .map_or(Cell::Empty, |(_, v)| v.clone()),
                _ => Cell::Empty,
            })
            .collect()
    }

    #[test]
    fn cells_read_as_the_export_wrote_them_or_as_people_type_them() {
        let vi = Lang::Vi.members();
        let d = read_row(
            &sample_layout(),
            &row_of(&[
                ("full_name", t("Nguyễn Văn An")),
                (
                    "date_of_birth",
                    Cell::Date(NaiveDate::from_ymd_opt(1980, 2, 29).unwrap()),
                ),
                ("resident_since", t("1/3/2001")),
                ("appointed_on", Cell::Number(45_000)),
                ("position", t(vi.leader)),
                ("gender", t("Nam")),
                ("education", t("9/12")),
                ("origin", t(Lang::En.members().origins[0])),
                ("party_member", t(vi.yes)),
                ("badge_issued", t("x")),
                ("phone", Cell::Number(912_345_678)),
                ("area_id", t("Thôn Tô Xá")),
            ]),
        );
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        let e = &d.entry;
        assert_eq!(d.team, "Tổ 1");
        assert_eq!(e.position, Position::Leader);
        assert_eq!(e.gender, Some(Gender::Male));
        assert_eq!(e.education, Some(Education::LowerSecondary));
        assert_eq!(e.origin, Some(Origin::ALL[0]));
        assert!(e.party_member && e.badge_issued);
        assert_eq!(e.phone.as_deref(), Some("0912345678"));
        assert_eq!(e.resident_since, NaiveDate::from_ymd_opt(2001, 3, 1));
        assert_eq!(e.appointed_on, NaiveDate::from_ymd_opt(2023, 3, 15));
        assert_eq!(d.area, "Thôn Tô Xá");
    }

    #[test]
    fn each_unreadable_cell_is_named_with_its_column() {
        let d = read_row(
            &sample_layout(),
            &row_of(&[
                ("full_name", t("Trần Thị Bình")),
                ("date_of_birth", t("31/02/1990")),
                ("gender", t("?")),
                ("party_member", t("có lẽ")),
                ("approved_by", t("Chủ tịch UBND xã")),
            ]),
        );
        let fields: Vec<_> = d
            .problems
            .iter()
            .map(|p| (p.field.unwrap(), p.code))
            .collect();
        assert_eq!(
            fields,
            [
                ("date_of_birth", ErrorCode::InvalidDate),
                ("gender", ErrorCode::InvalidChoice),
                ("party_member", ErrorCode::InvalidChoice),
                ("position", ErrorCode::Required),
                ("approved_on", ErrorCode::Required),
            ]
        );
        assert_eq!(
            d.problems[0].column.as_deref(),
            Lang::Vi.members().field("date_of_birth")
        );
    }
}
