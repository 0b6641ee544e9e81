//! Rows written as files: CSV (UTF-8 with a byte-order mark, so Excel
//! reads it as UTF-8; text neutralised against formula injection) and
//! XLSX (rust_xlsxwriter's constant-memory mode: rows go to a temporary
//! file as they are written; text is written as text cells, which no
//! spreadsheet evaluates, and a sheet holds at most a million rows, more
//! go on to the next sheet).

use crate::export::cell::{Cell, Written, neutralised, write_decimal};
use rust_xlsxwriter::{Workbook, XlsxError};

/// Bytes of CSV sent at a time: small enough that the chunks on their way
/// to a slow client hold little memory, large enough to be few.
pub const CHUNK: usize = 128 * 1024;

/// Most rows of one sheet (a sheet holds 1,048,576 with its heading).
const SHEET_ROWS: u32 = 1_000_000;

/// A CSV file written in chunks.
pub struct CsvFile {
    out: csv::Writer<Vec<u8>>,
    /// Where a cell's text is made, kept from cell to cell.
    scratch: String,
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
        CsvFile {
            out,
            scratch: String::new(),
        }
    }

    pub fn row(&mut self, cells: &[Cell]) {
        let mut digits = itoa::Buffer::new();
        let mut number = String::new();
        for cell in cells {
            // Writing to memory cannot fail.
            let _ = match cell.written(&mut self.scratch) {
                Written::Empty => self.out.write_field(""),
                Written::Text(text) => self.out.write_field(neutralised(text).as_bytes()),
                Written::Whole(n) => self.out.write_field(digits.format(n)),
                Written::Number(f) => {
                    number.clear();
                    write_decimal(f, &mut number);
                    self.out.write_field(&number)
                }
                Written::Bool(b) => self.out.write_field(if b { "true" } else { "false" }),
            };
        }
        let _ = self.out.write_record(None::<&[u8]>);
    }

    /// Bytes written and not yet taken (give or take the writer's own
    /// buffer).
    pub fn pending(&self) -> usize {
        self.out.get_ref().len()
    }

    /// What has been written since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        // Each record ends its line, so a fresh writer carries on the file.
        let fresh = Vec::with_capacity(CHUNK + CHUNK / 4);
        let done = std::mem::replace(&mut self.out, csv::Writer::from_writer(fresh));
        done.into_inner().unwrap_or_default()
    }
}

/// An XLSX workbook being written.
pub struct XlsxFile {
    book: Workbook,
    scratch: String,
    headings: Vec<String>,
    sheets: usize,
    row: u32,
}

impl XlsxFile {
    pub fn new(headings: &[&str]) -> Result<Self, XlsxError> {
        let mut file = XlsxFile {
            book: Workbook::new(),
            scratch: String::new(),
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

    pub fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        if self.row > SHEET_ROWS {
            self.sheet()?;
        }
        let r = self.row;
        let sheet = self.book.worksheet_from_index(self.sheets - 1)?;
        for (c, cell) in cells.iter().enumerate() {
            let c = c as u16;
            match cell.written(&mut self.scratch) {
                Written::Empty => {}
                Written::Whole(n) => {
                    sheet.write_number(r, c, n as f64)?;
                }
                Written::Number(f) => {
                    sheet.write_number(r, c, f)?;
                }
                Written::Bool(b) => {
                    sheet.write_boolean(r, c, b)?;
                }
                Written::Text(text) => {
                    sheet.write_string(r, c, text)?;
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
