//! Rows written as files: CSV (UTF-8 with a byte-order mark, so Excel
//! reads it as UTF-8; text neutralised against formula injection) and
//! XLSX (rust_xlsxwriter's constant-memory mode: rows go to a temporary
//! file as they are written; text is written as text cells, which no
//! spreadsheet evaluates, and a sheet holds at most a million rows, more
//! go on to the next sheet).

use crate::export::cell::neutralised;
use rust_xlsxwriter::{Workbook, XlsxError};
use serde_json::Value;

/// Most rows of one sheet (a sheet holds 1,048,576 with its heading).
const SHEET_ROWS: u32 = 1_000_000;

/// The text of a non-number cell: lists joined with commas, objects (an
/// audit summary) as JSON.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(items) => Some(
            items
                .iter()
                .filter_map(text_of)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::Object(_) => Some(value.to_string()),
    }
}

/// A CSV file written in chunks.
pub struct CsvFile {
    out: csv::Writer<Vec<u8>>,
}

impl CsvFile {
    pub fn new(headings: &[&str], bom: bool) -> Self {
        let mut buffer = Vec::new();
        if bom {
            buffer.extend_from_slice(b"\xEF\xBB\xBF");
        }
        let mut out = csv::Writer::from_writer(buffer);
        // Writing to memory cannot fail.
        let _ = out.write_record(headings.iter().map(|h| neutralised(h).into_owned()));
        CsvFile { out }
    }

    pub fn row(&mut self, cells: &[Value]) {
        // Fields written from the values themselves: no string is made for
        // the text and whole numbers that are nearly every cell.
        let mut digits = itoa::Buffer::new();
        for cell in cells {
            let _ = match cell {
                Value::Null => self.out.write_field(""),
                Value::String(text) => self.out.write_field(neutralised(text).as_bytes()),
                Value::Number(n) => match n.as_i64() {
                    Some(i) => self.out.write_field(digits.format(i)),
                    None => self.out.write_field(n.to_string()),
                },
                other => self.out.write_field(
                    text_of(other)
                        .map(|t| neutralised(&t).into_owned())
                        .unwrap_or_default(),
                ),
            };
        }
        let _ = self.out.write_record(None::<&[u8]>);
    }

    /// What has been written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        // Each record ends its line, so a fresh writer carries on the file.
        let done = std::mem::replace(&mut self.out, csv::Writer::from_writer(Vec::new()));
        done.into_inner().unwrap_or_default()
    }
}

/// An XLSX workbook being written.
pub struct XlsxFile {
    book: Workbook,
    headings: Vec<String>,
    sheets: usize,
    row: u32,
}

impl XlsxFile {
    pub fn new(headings: &[&str]) -> Result<Self, XlsxError> {
        let mut file = XlsxFile {
            book: Workbook::new(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            sheets: 0,
            row: 0,
        };
        file.sheet()?;
        Ok(file)
    }

    fn sheet(&mut self) -> Result<(), XlsxError> {
        let sheet = self.book.add_worksheet_with_constant_memory()?;
        for (c, heading) in self.headings.iter().enumerate() {
            sheet.write_string(0, c as u16, heading)?;
        }
        self.sheets += 1;
        self.row = 1;
        Ok(())
    }

    pub fn row(&mut self, cells: &[Value]) -> Result<(), XlsxError> {
        if self.row > SHEET_ROWS {
            self.sheet()?;
        }
        let r = self.row;
        let sheet = self.book.worksheet_from_index(self.sheets - 1)?;
        for (c, value) in cells.iter().enumerate() {
            let c = c as u16;
            match value {
                Value::Null => {}
                Value::Number(n) => {
                    sheet.write_number(r, c, n.as_f64().unwrap_or_default())?;
                }
                Value::Bool(b) => {
                    sheet.write_boolean(r, c, *b)?;
                }
                other => {
                    if let Some(text) = text_of(other) {
                        sheet.write_string(r, c, text)?;
                    }
                }
            }
        }
        self.row += 1;
        Ok(())
    }

    /// The finished workbook, in a temporary file.
    pub fn finish(mut self) -> Result<tempfile::NamedTempFile, XlsxError> {
        let file = tempfile::NamedTempFile::new()?;
        self.book.save(file.path())?;
        Ok(file)
    }
}
