//! One cell of an exported row, and the text a spreadsheet gets from it.
//!
//! The long lists read straight from the database give their cells as the
//! values they are (a number, a moment, an id's key) and the files write
//! them from those values: no JSON value and no string is made per cell of
//! five million rows. Rows read through GraphQL give their JSON values.
//! Either way a cell is written as the API shows it: ids as global ids,
//! moments as RFC 3339, hours as `hours` computes them (the tests compare
//! both ways byte by byte).
//!
//! Text starting with `=`, `+`, `-` or `@` (or a tab or carriage return)
//! would be read by a spreadsheet as a formula, so such a value is written
//! with a leading apostrophe, which spreadsheets show as text (OWASP's
//! advice on CSV injection). Numbers are written as numbers and need none
//! of this, and neither does text of digits, spaces and `+-().` alone (a
//! phone number such as `+7 701 123 45 67`): arithmetic on numbers runs
//! nothing.

use crate::graphql::ids::NodeType;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::format::{Fixed, Item};
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt::Write;
use std::sync::Arc;

/// A cell as read.
#[derive(Clone, Debug)]
pub enum Cell {
    Null,
    /// A value of a GraphQL response (boxed: the other cells are smaller).
    Json(Box<Value>),
    Text(String),
    /// Text met once per export and shown on many rows (a region code).
    Shared(Arc<str>),
    /// Bytes `start..start + len` of a shared block of text (a name or a
    /// title among those one statement read; see `export::met`).
    Slice(Arc<str>, u32, u32),
    Static(&'static str),
    Int(i64),
    /// Minutes, shown as hours (`domain::hours::hours`).
    Hours(i64),
    Bool(bool),
    Date(NaiveDate),
    Moment(DateTime<Utc>),
    /// The global id of object `key` of a type.
    Id(NodeType, i64),
}

// Pages of cells are what an export holds while it streams.
const _: () = assert!(std::mem::size_of::<Cell>() <= 32);

/// What a spreadsheet gets from a cell.
pub enum Written<'a> {
    Empty,
    Number(f64),
    /// A whole number (CSV writes its digits; XLSX a number).
    Whole(i64),
    Bool(bool),
    Text(&'a str),
}

/// RFC 3339 with the seconds' fraction only where there is one: what
/// `DateTime::to_rfc3339` writes and so the API's `DateTime` scalar.
const RFC3339: [Item<'static>; 1] = [Item::Fixed(Fixed::RFC3339)];

impl Cell {
    /// The cell as a spreadsheet takes it; text that has to be made is
    /// made in `scratch`, which the caller keeps from cell to cell.
    pub fn written<'a>(&'a self, scratch: &'a mut String) -> Written<'a> {
        scratch.clear();
        match self {
            Cell::Null => Written::Empty,
            Cell::Json(value) => json(value, scratch),
            Cell::Text(text) => Written::Text(text),
            Cell::Shared(text) => Written::Text(text),
            Cell::Slice(block, start, len) => {
                let (start, len) = (*start as usize, *len as usize);
                Written::Text(block.get(start..start + len).unwrap_or_default())
            }
            Cell::Static(text) => Written::Text(text),
            Cell::Int(n) => Written::Whole(*n),
            Cell::Hours(minutes) => Written::Number(crate::domain::hours::hours(*minutes)),
            Cell::Bool(b) => Written::Bool(*b),
            Cell::Date(day) => {
                let _ = write!(scratch, "{day}");
                Written::Text(scratch)
            }
            Cell::Moment(at) => {
                let _ = write!(scratch, "{}", at.format_with_items(RFC3339.iter()));
                Written::Text(scratch)
            }
            Cell::Id(ty, key) => {
                let mut raw = [0u8; 64];
                let mut plain = std::io::Cursor::new(&mut raw[..]);
                let _ = std::io::Write::write_fmt(&mut plain, format_args!("{}:{key}", ty.name()));
                let len = plain.position() as usize;
                URL_SAFE_NO_PAD.encode_string(&raw[..len], scratch);
                Written::Text(scratch)
            }
        }
    }
}

/// A JSON value as a spreadsheet takes it: lists joined with commas,
/// objects (an audit summary) as JSON.
fn json<'a>(value: &'a Value, scratch: &'a mut String) -> Written<'a> {
    match value {
        Value::Null => Written::Empty,
        Value::String(text) => Written::Text(text),
        Value::Bool(b) => Written::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Written::Whole(i),
            None => Written::Number(n.as_f64().unwrap_or_default()),
        },
        Value::Array(items) => {
            for item in items {
                let text = match item {
                    Value::Null => continue,
                    Value::String(s) => Cow::Borrowed(s.as_str()),
                    Value::Array(_) | Value::Object(_) => Cow::Owned(item.to_string()),
                    other => Cow::Owned(other.to_string()),
                };
                if !scratch.is_empty() {
                    scratch.push_str(", ");
                }
                scratch.push_str(&text);
            }
            Written::Text(scratch)
        }
        Value::Object(_) => {
            let _ = write!(scratch, "{value}");
            Written::Text(scratch)
        }
    }
}

/// A fraction as JSON writes it (`31.22`, `3.0`), so a file says what
/// the API's response says.
pub fn write_decimal(f: f64, out: &mut String) {
    let _ = match serde_json::Number::from_f64(f) {
        Some(n) => write!(out, "{n}"),
        None => write!(out, "{f}"),
    };
}

/// `text` safe to put in a cell: borrowed as it is, unless it needs the
/// apostrophe (a few cells of millions).
pub fn neutralised(text: &str) -> Cow<'_, str> {
    if !text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        return Cow::Borrowed(text);
    }
    let numeric = text
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.'));
    if numeric {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("'{text}"))
    }
}

#[cfg(test)]
mod tests {
    use super::{Cell, Written, neutralised};
    use crate::graphql::ids::{NodeType, encode};
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};
    use serde_json::json;

    fn text(cell: &Cell) -> String {
        let mut scratch = String::new();
        match cell.written(&mut scratch) {
            Written::Text(t) => t.to_owned(),
            Written::Whole(n) => n.to_string(),
            Written::Number(f) => {
                let mut out = String::new();
                super::write_decimal(f, &mut out);
                out
            }
            Written::Bool(b) => b.to_string(),
            Written::Empty => String::new(),
        }
    }

    #[test]
    fn cells_are_written_as_the_api_shows_them() {
        let at = Utc.with_ymd_and_hms(2026, 3, 8, 5, 30, 0).unwrap();
        for moment in [
            at,
            at + chrono::Duration::milliseconds(250),
            at + chrono::Duration::microseconds(1),
            at + chrono::Duration::nanoseconds(7),
        ] {
            let moment: DateTime<Utc> = moment;
            assert_eq!(text(&Cell::Moment(moment)), moment.to_rfc3339());
        }
        for key in [1, 42, 4_929_589, i64::MAX] {
            for ty in NodeType::ALL {
                assert_eq!(text(&Cell::Id(ty, key)), encode(ty, key).0);
            }
        }
        let day = NaiveDate::from_ymd_opt(2026, 1, 9).unwrap();
        assert_eq!(text(&Cell::Date(day)), "2026-01-09");
        for minutes in [0, 1, 59, 60, 61, 90, 1873] {
            assert_eq!(
                text(&Cell::Hours(minutes)),
                json!(crate::domain::hours::hours(minutes)).to_string()
            );
        }
        assert_eq!(
            text(&Cell::Json(Box::new(json!(["a", "b", null, 3])))),
            "a, b, 3"
        );
        assert_eq!(text(&Cell::Json(Box::new(json!({ "k": 1 })))), "{\"k\":1}");
    }

    #[test]
    fn formulas_become_text() {
        assert_eq!(neutralised("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(neutralised("+1+cmd|' /C calc'!A0"), "'+1+cmd|' /C calc'!A0");
        assert_eq!(neutralised("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralised("-2+3+cmd|x"), "'-2+3+cmd|x");
        assert_eq!(neutralised("\t=1"), "'\t=1");
        // A phone number is left as it is.
        assert_eq!(neutralised("+7 (701) 123-45-67"), "+7 (701) 123-45-67");
        assert_eq!(neutralised("Әлихан"), "Әлихан");
    }
}
