//! Reading a file's rows, whatever it is: a workbook (`.xlsx`, `.xls`,
//! `.ods`, read with calamine) or a CSV file in UTF-8 (with or without a
//! byte-order mark) or Windows-1251, separated by commas or semicolons.
//!
//! Rows are read on a blocking thread and handed over through a bounded
//! channel, so a large file is processed as it is read: memory holds the
//! file and a few hundred rows, not a copy of every cell. An `.xlsx` sheet
//! is streamed cell by cell; `.xls` and `.ods` are read whole by calamine
//! (their formats do not stream), which their sizes in practice allow.

use crate::domain::error::DomainError;
use crate::msg;
use calamine::{Data, DataRef, Reader};
use chrono::NaiveDateTime;
use std::io::Cursor;
use tokio::sync::mpsc;

/// Widest row read: a regional register has a dozen columns; a row wider
/// than this is a file that is not a register (or a hostile one).
pub const MAX_COLUMNS: usize = 256;
/// Most data rows of one file (the national register is 160,000 people).
pub const MAX_ROWS: u32 = 1_000_000;
/// Longest text of one cell.
pub const MAX_CELL_CHARS: usize = 4_000;

/// One cell's value as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A date (at midnight) or a date and time, as the sheet holds it.
    DateTime(NaiveDateTime),
    /// A cell computed by a formula: its cached value is not taken, so
    /// what is imported is what a person typed.
    Formula,
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as text: whole numbers without a fraction (an IIN or a
    /// phone number typed into a number cell), dates in ISO form.
    pub fn text(&self) -> Option<String> {
        match self {
            Cell::Empty | Cell::Formula => None,
            Cell::Text(t) => {
                let t = t.trim();
                (!t.is_empty()).then(|| t.to_owned())
            }
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(format!("{}", *n as i64)),
            Cell::Number(n) => Some(n.to_string()),
            Cell::DateTime(d) => Some(d.format("%Y-%m-%dT%H:%M:%S").to_string()),
        }
    }
}

/// A row with its number as the spreadsheet shows it (the first row is 1).
#[derive(Clone, Debug)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

/// What a file is, from its first bytes: the name can be wrong (a CSV
/// saved as `.xls` is common), the content cannot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Ods,
    Csv,
}

/// How a CSV file's bytes are to be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 when the bytes are UTF-8, else Windows-1251.
    #[default]
    Detect,
    Utf8,
    Windows1251,
}

impl Encoding {
    /// The encoding an option names (`auto` when it is not given),
    /// VALIDATION on `field` otherwise.
    pub fn named(text: Option<&str>, field: &str) -> Result<Encoding, DomainError> {
        Encoding::parse(text.unwrap_or("auto"))
            .ok_or_else(|| DomainError::validation(field, msg!("import-unknown-encoding")))
    }

    pub fn parse(text: &str) -> Option<Encoding> {
        match text.trim().to_ascii_lowercase().replace('_', "-").as_str() {
            "auto" | "detect" => Some(Encoding::Detect),
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "windows-1251" | "cp1251" | "win1251" => Some(Encoding::Windows1251),
            _ => None,
        }
    }
}

impl Format {
    pub fn of(bytes: &[u8]) -> Result<Format, DomainError> {
        let sniffed = if bytes.starts_with(b"PK\x03\x04") {
            // An OpenDocument file names its type first, uncompressed.
            let head = &bytes[..bytes.len().min(120)];
            Some(if contains(head, b"opendocument.spreadsheet") {
                Format::Ods
            } else {
                Format::Xlsx
            })
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            Some(Format::Xls)
        } else if looks_like_text(bytes) {
            Some(Format::Csv)
        } else {
            None
        };
        sniffed.ok_or_else(not_a_spreadsheet)
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Text has no NUL and few control characters; any byte sequence decodes
/// as Windows-1251, so this is what tells a CSV from an image or a PDF.
fn looks_like_text(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(64 * 1024)];
    !sample.is_empty()
        && !sample
            .iter()
            .any(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
}

fn not_a_spreadsheet() -> DomainError {
    DomainError::validation("file", msg!("import-not-a-spreadsheet"))
}

fn unreadable(detail: impl std::fmt::Display) -> DomainError {
    DomainError::validation(
        "file",
        msg!("import-unreadable", detail = detail.to_string()),
    )
}

/// Start reading `bytes`; rows arrive on the receiver in order, then the
/// channel closes. A file-level failure (unreadable, too wide, too long)
/// arrives as the last item.
pub fn read(
    bytes: Vec<u8>,
    format: Format,
    encoding: Encoding,
) -> mpsc::Receiver<Result<Row, DomainError>> {
    let (tx, rx) = mpsc::channel(512);
    tokio::task::spawn_blocking(move || {
        let sink = Sink { tx };
        let result = match format {
            Format::Xlsx => read_xlsx(bytes, &sink),
            Format::Xls | Format::Ods => read_whole(bytes, format, &sink),
            Format::Csv => read_csv(&bytes, encoding, &sink),
        };
        if let Err(err) = result {
            let _ = sink.tx.blocking_send(Err(err));
        }
    });
    rx
}

struct Sink {
    tx: mpsc::Sender<Result<Row, DomainError>>,
}

/// Why reading stopped early: the file is bad, or nobody listens any more.
enum Stop {
    Bad(DomainError),
    Closed,
}

impl From<DomainError> for Stop {
    fn from(err: DomainError) -> Self {
        Stop::Bad(err)
    }
}

impl Sink {
    fn send(&self, row: Row) -> Result<(), Stop> {
        if row.number > MAX_ROWS {
            return Err(Stop::Bad(DomainError::validation(
                "file",
                msg!("import-too-many-rows", max = MAX_ROWS),
            )));
        }
        if row.cells.iter().all(Cell::is_empty) {
            return Ok(());
        }
        self.tx.blocking_send(Ok(row)).map_err(|_| Stop::Closed)
    }
}

fn finish(result: Result<(), Stop>) -> Result<(), DomainError> {
    match result {
        Ok(()) | Err(Stop::Closed) => Ok(()),
        Err(Stop::Bad(err)) => Err(err),
    }
}

fn too_wide(row: u32, columns: usize) -> DomainError {
    DomainError::validation(
        "file",
        msg!(
            "import-too-many-columns",
            row = row,
            columns = columns,
            max = MAX_COLUMNS
        ),
    )
}

fn text_cell(text: String) -> Cell {
    if text.chars().count() > MAX_CELL_CHARS {
        Cell::Text(text.chars().take(MAX_CELL_CHARS + 1).collect())
    } else {
        Cell::Text(text)
    }
}

fn from_data_ref(value: &DataRef<'_>) -> Cell {
    match value {
        DataRef::Empty | DataRef::Error(_) => Cell::Empty,
        DataRef::String(s) => text_cell(s.clone()),
        DataRef::SharedString(s) => text_cell((*s).to_owned()),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Text(b.to_string()),
        DataRef::DateTime(dt) => dt
            .as_datetime()
            .map(Cell::DateTime)
            .unwrap_or(Cell::Number(dt.as_f64())),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s.clone()),
    }
}

fn from_data(value: &Data) -> Cell {
    match value {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) => text_cell(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(dt) => dt
            .as_datetime()
            .map(Cell::DateTime)
            .unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s.clone()),
    }
}

/// The first sheet of an `.xlsx` workbook, cell by cell.
fn read_xlsx(bytes: Vec<u8>, sink: &Sink) -> Result<(), DomainError> {
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(DomainError::validation("file", msg!("import-empty")));
    };
    let mut cells = book.worksheet_cells_reader(&name).map_err(unreadable)?;
    let mut current: Option<Row> = None;
    let result = (|| -> Result<(), Stop> {
        while let Some(cell) = cells
            .next_cell_with_formula_metadata()
            .map_err(|e| Stop::Bad(unreadable(e)))?
        {
            let (r, c) = cell.pos;
            let number = r + 1;
            if current.as_ref().is_some_and(|row| row.number != number)
                && let Some(done) = current.take()
            {
                sink.send(done)?;
            }
            let row = current.get_or_insert_with(|| Row {
                number,
                cells: Vec::new(),
            });
            let value = if cell.formula.is_some() {
                Cell::Formula
            } else {
                from_data_ref(&cell.value)
            };
            if value.is_empty() {
                continue;
            }
            let c = c as usize;
            if c >= MAX_COLUMNS {
                return Err(Stop::Bad(too_wide(number, c + 1)));
            }
            if row.cells.len() <= c {
                row.cells.resize(c + 1, Cell::Empty);
            }
            row.cells[c] = value;
        }
        if let Some(done) = current.take() {
            sink.send(done)?;
        }
        Ok(())
    })();
    finish(result)
}

/// The first sheet of an `.xls` or `.ods` workbook, read whole.
fn read_whole(bytes: Vec<u8>, format: Format, sink: &Sink) -> Result<(), DomainError> {
    let (values, formulas) = match format {
        Format::Xls => {
            let mut book: calamine::Xls<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
            first_sheet(&mut book)?
        }
        _ => {
            let mut book: calamine::Ods<_> =
                calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(unreadable)?;
            first_sheet(&mut book)?
        }
    };
    let Some((top, left)) = values.start() else {
        return Ok(());
    };
    if left as usize + values.width() > MAX_COLUMNS {
        return Err(too_wide(top + 1, left as usize + values.width()));
    }
    let result = (|| -> Result<(), Stop> {
        for (i, row) in values.rows().enumerate() {
            let number = top + i as u32 + 1;
            let mut cells = vec![Cell::Empty; left as usize];
            for (j, value) in row.iter().enumerate() {
                let at = (top + i as u32, left + j as u32);
                let formula = formulas.get_value(at).is_some_and(|f| !f.is_empty());
                cells.push(if formula {
                    Cell::Formula
                } else {
                    from_data(value)
                });
            }
            sink.send(Row { number, cells })?;
        }
        Ok(())
    })();
    finish(result)
}

type Sheet = (calamine::Range<Data>, calamine::Range<String>);

fn first_sheet<RS, R>(book: &mut R) -> Result<Sheet, DomainError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(DomainError::validation("file", msg!("import-empty")));
    };
    let values = book.worksheet_range(&name).map_err(unreadable)?;
    // Formulas are only looked for; a reader that cannot tell gives none.
    let formulas = book.worksheet_formula(&name).unwrap_or_default();
    Ok((values, formulas))
}

/// A CSV file: its encoding found (or as declared), its separator the
/// one of comma and semicolon its first lines use more.
fn read_csv(bytes: &[u8], encoding: Encoding, sink: &Sink) -> Result<(), DomainError> {
    let text = decode(bytes, encoding)?;
    // The first lines decide (a title line above the table has neither).
    let head: String = text.lines().take(10).collect();
    let separator = if head.matches(';').count() > head.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let result = (|| -> Result<(), Stop> {
        loop {
            match reader.read_record(&mut record) {
                Ok(false) => return Ok(()),
                Ok(true) => {}
                Err(err) => return Err(Stop::Bad(unreadable(err))),
            }
            // The line a spreadsheet would show the record on.
            let number = record.position().map_or(0, |p| p.line() as u32);
            if record.len() > MAX_COLUMNS {
                return Err(Stop::Bad(too_wide(number, record.len())));
            }
            let cells = record.iter().map(|v| text_cell(v.to_owned())).collect();
            sink.send(Row { number, cells })?;
        }
    })();
    finish(result)
}

/// The text of a CSV file. UTF-8 with or without a BOM, or Windows-1251:
/// detected when not declared; declared UTF-8 that is not UTF-8 is
/// refused with the line where it breaks, rather than read as mojibake.
fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, DomainError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match (encoding, std::str::from_utf8(bytes)) {
        (Encoding::Detect | Encoding::Utf8, Ok(text)) => Ok(text.to_owned()),
        (Encoding::Utf8, Err(err)) => {
            let line = bytes[..err.valid_up_to()]
                .iter()
                .filter(|&&b| b == b'\n')
                .count()
                + 1;
            Err(DomainError::validation(
                "file",
                msg!("import-not-utf8", line = line),
            ))
        }
        (Encoding::Detect | Encoding::Windows1251, _) => {
            let (text, _, _) = encoding_rs::WINDOWS_1251.decode(bytes);
            Ok(text.into_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_formats_by_content() {
        assert_eq!(Format::of(b"Name;Birth\n").ok(), Some(Format::Csv));
        assert_eq!(Format::of(b"PK\x03\x04....").ok(), Some(Format::Xlsx));
        assert!(Format::of(b"\x89PNG\r\n\x1a\n\0\0").is_err());
        assert!(Format::of(b"").is_err());
    }

    #[test]
    fn decodes_both_encodings() {
        let cp1251 = encoding_rs::WINDOWS_1251.encode("ФИО;Дата рождения").0;
        assert_eq!(
            decode(&cp1251, Encoding::Detect).ok().as_deref(),
            Some("ФИО;Дата рождения")
        );
        assert!(decode(&cp1251, Encoding::Utf8).is_err());
        let bom = [b"\xEF\xBB\xBF".as_slice(), "Аты-жөні".as_bytes()].concat();
        assert_eq!(
            decode(&bom, Encoding::Detect).ok().as_deref(),
            Some("Аты-жөні")
        );
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(
            Cell::Number(87011234567.0).text().as_deref(),
            Some("87011234567")
        );
        assert_eq!(Cell::Number(2.5).text().as_deref(), Some("2.5"));
    }
}
