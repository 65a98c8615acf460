//! Files written from the app's sheets (`app::services::sheet`): a spreadsheet as .xlsx,
//! with rust_xlsxwriter. What goes in a sheet, and who may have it, is the services'.

use app::services::sheet::{Cell, Sheet};
use chrono::Datelike;
use rust_xlsxwriter::{ExcelDateTime, Format, FormatBorder, Workbook, XlsxError};

/// The media type of an .xlsx file.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The row the headers sit on (0-based): the title and the line under it come first.
pub const HEADER_ROW: u32 = 3;

/// The sheet as an .xlsx workbook: the title in bold, the headers boxed and frozen with a
/// filter on them, dates as dates shown dd/mm/yyyy, the columns as wide as their text.
pub fn xlsx(sheet: &Sheet) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(&sheet.name)?;
    let title = Format::new().set_bold().set_font_size(13);
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string_with_format(0, 0, &sheet.title, &title)?;
    ws.write_string(1, 0, &sheet.subtitle)?;
    for (c, h) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, column(c)?, h, &header)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = HEADER_ROW + 1 + u32::try_from(r).map_err(|_| XlsxError::RowColumnLimitError)?;
        for (c, cell) in row.iter().enumerate() {
            let c = column(c)?;
            match cell {
                Cell::Empty => {}
                Cell::Text(s) => {
                    ws.write_string(r, c, s)?;
                }
                Cell::Number(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
                // Spreadsheets count days from 1900: an older date is written as text.
                Cell::Date(d) => match excel_date(*d) {
                    Some(x) => {
                        ws.write_date_with_format(r, c, &x, &date)?;
                    }
                    None => {
                        ws.write_string(r, c, d.format("%d/%m/%Y").to_string())?;
                    }
                },
            }
        }
    }
    let last_row = HEADER_ROW + u32::try_from(sheet.rows.len()).unwrap_or(u32::MAX - HEADER_ROW);
    let last_col = column(sheet.headers.len().saturating_sub(1))?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    ws.autofit();
    book.save_to_buffer()
}

fn column(c: usize) -> Result<u16, XlsxError> {
    u16::try_from(c).map_err(|_| XlsxError::RowColumnLimitError)
}

fn excel_date(d: chrono::NaiveDate) -> Option<ExcelDateTime> {
    let year = u16::try_from(d.year()).ok()?;
    ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}
