//! Files read into the app's cells (`app::services::sheet::Cell`): the first sheet of an
//! .xlsx workbook with calamine, or a CSV file (UTF-8, commas or semicolons). What the
//! cells mean, and who may send them, is the services'.

use app::services::sheet::Cell;
use calamine::{Data, DataType, Reader, Xlsx};
use std::io::Cursor;

/// Why a file could not be read as a table.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not an .xlsx workbook: {0}")]
    Xlsx(String),
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("not UTF-8 text")]
    NotUtf8,
    #[error("not CSV: {0}")]
    Csv(String),
}

/// An .xlsx file begins as every ZIP archive does.
fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The file's rows from the top of its first sheet, each cell as the app reads it.
pub fn grid(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, ReadError> {
    if is_zip(bytes) {
        xlsx_grid(bytes)
    } else {
        csv_grid(bytes)
    }
}

fn xlsx_grid(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, ReadError> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| ReadError::Xlsx(e.to_string()))?;
    let first = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(ReadError::NoSheet)?;
    let range = book
        .worksheet_range(&first)
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    // A range starts at its first cell that holds something: the rows and columns above
    // and to the left of it are given back as empty, so row numbers are the sheet's own.
    let Some((top, left)) = range.start() else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<Vec<Cell>> = (0..top).map(|_| Vec::new()).collect();
    for row in range.rows() {
        let mut cells: Vec<Cell> = (0..left).map(|_| Cell::Empty).collect();
        cells.extend(row.iter().map(cell));
        rows.push(cells);
    }
    Ok(rows)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Bool(b) => Cell::Text(if *b { "1" } else { "0" }.to_owned()),
        Data::Int(n) => Cell::Number(*n),
        // Whole numbers (a phone, a day count) only: a fraction is kept as written.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => Cell::Number(*f as i64),
        Data::Float(f) => Cell::Text(f.to_string()),
        Data::DateTime(_) | Data::DateTimeIso(_) => d.as_date().map_or(Cell::Empty, Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

fn csv_grid(bytes: &[u8]) -> Result<Vec<Vec<Cell>>, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    // Excel writes a byte-order mark before UTF-8 CSV.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Where the decimal comma is the custom, spreadsheets separate fields with semicolons.
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ReadError::Csv(e.to_string()))?;
        rows.push(
            record
                .iter()
                .map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f.to_owned())
                    }
                })
                .collect(),
        );
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    // An .xlsx read back cell for cell is tested where the export writes one
    // (tests/it/roster_import.rs): this layer does not import the export.

    #[test]
    fn csv_with_a_byte_order_mark_and_semicolons_reads_as_cells() {
        let rows =
            grid("\u{feff}Tổ;Họ và tên;Ghi chú\n\"Tổ 1\";\"Lê, Văn\";\n".as_bytes()).unwrap();
        assert_eq!(rows[0][0], Cell::Text("Tổ".into()));
        assert_eq!(
            rows[1],
            [
                Cell::Text("Tổ 1".into()),
                Cell::Text("Lê, Văn".into()),
                Cell::Empty
            ]
        );
        let commas = grid(b"a,b\n1,2\n").unwrap();
        assert_eq!(commas[1][1], Cell::Text("2".into()));
    }

    #[test]
    fn a_file_that_is_neither_is_refused() {
        assert!(matches!(grid(&[0xff, 0xfe, 0x00]), Err(ReadError::NotUtf8)));
        assert!(matches!(
            grid(b"PK\x03\x04 broken"),
            Err(ReadError::Xlsx(_))
        ));
    }
}
