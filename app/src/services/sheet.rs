//! A table for a file a reader downloads (a commune's roster as a spreadsheet): a title,
//! the columns' names and the rows, each cell already worded for its reader. The server
//! writes it out as .xlsx; what is in it is decided here, next to the rules on who may
//! read it.

use chrono::NaiveDate;

/// One cell: dates stay dates, so a spreadsheet sorts and filters them as dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(i64),
    Date(NaiveDate),
}

/// A sheet: a tab name, a title and a line under it, the headers and the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sheet {
    /// At most 31 characters, as spreadsheets require.
    pub name: String,
    pub title: String,
    pub subtitle: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}
