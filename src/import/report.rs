//! What an import did, or would do: counts, the refused rows with their
//! row number, column, code and message, and the probable duplicates with
//! the record each seems to repeat. The same report is printed by the
//! CLI, answered as JSON over HTTP, and written as a CSV of problems.

use crate::domain::error::DomainError;
use crate::error_code::ErrorCode;
use crate::i18n::{Lang, Message};
use serde::{Deserialize, Serialize};

/// Most problems and duplicates listed; the counts go on past it, so a
/// file of garbage gives a report of bounded size.
pub const MAX_LISTED: usize = 1_000;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub kind: String,
    pub file_name: String,
    pub file_sha256: String,
    pub dry_run: bool,
    /// Whether the rows counted as created were written: false for a dry
    /// run, for a file with refused rows imported without `acceptValid`,
    /// and when no row was new.
    pub written: bool,
    /// The import's number in the provenance of its records, when written.
    pub batch: Option<i64>,
    pub heading_row: u32,
    pub rows_read: u32,
    pub created: u32,
    pub unchanged: u32,
    pub refused: u32,
    pub probable_duplicates: u32,
    /// Columns whose heading names no field: not read.
    pub ignored_columns: Vec<String>,
    pub problems: Vec<Problem>,
    pub duplicates: Vec<Duplicate>,
    /// More problems or duplicates than are listed.
    pub truncated: bool,
}

/// A refused row.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Problem {
    pub row: u32,
    /// The column's heading as the file writes it, when one column is at fault.
    pub column: Option<String>,
    pub code: ErrorCode,
    pub message: Message,
}

/// A row not imported because it seems to be someone already registered.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Duplicate {
    pub row: u32,
    /// The existing record's global id and number.
    pub existing_id: String,
    pub existing_number: i64,
    /// The earlier row of the same file that created it, if one did.
    pub same_as_row: Option<u32>,
}

impl Report {
    pub fn refuse(&mut self, row: u32, column: Option<String>, err: &DomainError) {
        self.refused += 1;
        if self.problems.len() < MAX_LISTED {
            self.problems.push(Problem {
                row,
                column,
                code: err.code(),
                message: err.message(),
            });
        } else {
            self.truncated = true;
        }
    }

    pub fn duplicate(&mut self, duplicate: Duplicate) {
        self.probable_duplicates += 1;
        if self.duplicates.len() < MAX_LISTED {
            self.duplicates.push(duplicate);
        } else {
            self.truncated = true;
        }
    }

    /// The report as JSON with its messages in `lang`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        let mut value = serde_json::to_value(self).unwrap_or_default();
        if let Some(problems) = value.get_mut("problems").and_then(|p| p.as_array_mut()) {
            for (json, problem) in problems.iter_mut().zip(&self.problems) {
                json["message"] = serde_json::Value::String(problem.message.render(lang));
            }
        }
        value
    }

    /// The refused rows as CSV (row, column, code, message), headings in
    /// `lang`, for a spreadsheet beside the file.
    pub fn problems_csv(&self, lang: Lang) -> Vec<u8> {
        let mut out = csv::Writer::from_writer(Vec::new());
        let headings = match lang {
            Lang::Kk => ["Жол", "Баған", "Код", "Хабарлама"],
            Lang::Ru => ["Строка", "Столбец", "Код", "Сообщение"],
            Lang::En => ["Row", "Column", "Code", "Message"],
        };
        // Writing to memory cannot fail.
        let _ = out.write_record(headings);
        for p in &self.problems {
            let _ = out.write_record([
                p.row.to_string(),
                crate::export::cell::neutralised(p.column.as_deref().unwrap_or_default())
                    .into_owned(),
                p.code.as_str().to_owned(),
                crate::export::cell::neutralised(&p.message.render(lang)).into_owned(),
            ]);
        }
        out.into_inner().unwrap_or_default()
    }

    /// The report for a terminal: the counts, then a table of problems.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        let verb = if self.written {
            "imported"
        } else if self.dry_run {
            "dry run, nothing written"
        } else if self.refused > 0 {
            "refused, nothing written"
        } else {
            "nothing new, nothing written"
        };
        out.push_str(&format!(
            "{} ({}): {verb}\n  rows read            {:>8}\n  {:<20} {:>8}\n  unchanged            {:>8}\n  refused              {:>8}\n  probable duplicates  {:>8}\n",
            self.file_name,
            self.kind,
            self.rows_read,
            if self.written { "created" } else { "would be created" },
            self.created,
            self.unchanged,
            self.refused,
            self.probable_duplicates,
        ));
        if !self.ignored_columns.is_empty() {
            out.push_str(&format!(
                "  columns not read: {}\n",
                self.ignored_columns.join(", ")
            ));
        }
        if !self.problems.is_empty() {
            out.push_str(&format!(
                "\n{:>6}  {:<24} {:<18} message\n",
                "row", "column", "code"
            ));
            for p in &self.problems {
                out.push_str(&format!(
                    "{:>6}  {:<24} {:<18} {}\n",
                    p.row,
                    p.column.as_deref().unwrap_or("-"),
                    p.code.as_str(),
                    p.message.render(lang)
                ));
            }
        }
        if !self.duplicates.is_empty() {
            out.push_str(&format!("\n{:>6}  probable duplicate of\n", "row"));
            for d in &self.duplicates {
                let earlier = d
                    .same_as_row
                    .map(|r| format!(" (row {r} of this file)"))
                    .unwrap_or_default();
                out.push_str(&format!(
                    "{:>6}  volunteer {} ({}){earlier}\n",
                    d.row, d.existing_number, d.existing_id
                ));
            }
        }
        if self.truncated {
            out.push_str(&format!("\n(only the first {MAX_LISTED} are listed)\n"));
        }
        out
    }
}
