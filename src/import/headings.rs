//! Which column holds which field: headings as the regions write them, in
//! Kazakh, Russian or English («Аты-жөні», «ФИО», "Full name"), compared
//! after folding case, spaces and punctuation; a mapping file names any
//! other heading's field (`{"Имя участника": "fullName"}`).
//!
//! The heading row is the first of a sheet's first rows in which at least
//! two headings are recognised, so a title above the table is passed over.

use crate::domain::error::{DomainError, DomainResult};
use crate::import::source::{Cell, Row};
use crate::msg;
use std::collections::HashMap;

/// How many rows from the top are searched for the heading row.
const HEADING_SEARCH_ROWS: usize = 10;

/// A field a file may hold: the API's name for it, whether a row needs
/// it, and the headings that mean it.
pub struct Field {
    pub name: &'static str,
    pub required: bool,
    pub headings: &'static [&'static str],
}

/// Where each field is: column indices by field name, and each column's
/// heading as the file writes it (for the report).
#[derive(Debug)]
pub struct Columns {
    at: HashMap<&'static str, usize>,
    headings: Vec<String>,
    pub heading_row: u32,
    /// Headings of columns no field was found for, which are not read.
    pub ignored: Vec<String>,
}

impl Columns {
    /// The cell of `field` in `row`.
    pub fn cell<'r>(&self, row: &'r Row, field: &str) -> Option<&'r Cell> {
        self.at.get(field).and_then(|&i| row.cells.get(i))
    }

    /// The text of `field` in `row`, trimmed; `None` when empty.
    pub fn text(&self, row: &Row, field: &str) -> Option<String> {
        self.cell(row, field).and_then(Cell::text)
    }

    pub fn has(&self, field: &str) -> bool {
        self.at.contains_key(field)
    }

    /// The heading of `field`'s column, else the field's name.
    pub fn heading(&self, field: &str) -> String {
        self.at
            .get(field)
            .and_then(|&i| self.headings.get(i))
            .cloned()
            .unwrap_or_else(|| field.to_owned())
    }

    /// The field read from column `index`, if any.
    pub fn field_at(&self, index: usize) -> Option<&'static str> {
        self.at.iter().find(|(_, i)| **i == index).map(|(f, _)| *f)
    }

    /// The fields found, in the order of `fields`.
    pub fn fields<'f>(&self, fields: &'f [Field]) -> impl Iterator<Item = &'f Field> {
        fields.iter().filter(|f| self.at.contains_key(f.name))
    }
}

/// A heading folded for comparison: lower case, letters and digits only,
/// «ё» as «е».
pub fn fold(heading: &str) -> String {
    heading
        .chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

/// A mapping file's contents: headings (folded) to field names, checked
/// against `fields`.
pub fn mapping(text: &str, fields: &[Field]) -> DomainResult<HashMap<String, &'static str>> {
    let parsed: HashMap<String, String> = serde_json::from_str(text).map_err(|err| {
        DomainError::validation(
            "mapping",
            msg!("import-mapping-unreadable", detail = err.to_string()),
        )
    })?;
    parsed
        .into_iter()
        .map(|(heading, field)| {
            let known = fields
                .iter()
                .find(|f| f.name == field.trim())
                .ok_or_else(|| {
                    DomainError::validation(
                        "mapping",
                        msg!(
                            "import-mapping-unknown-field",
                            field = field,
                            fields = names(fields.iter())
                        ),
                    )
                })?;
            Ok((fold(&heading), known.name))
        })
        .collect()
}

fn names<'f>(fields: impl Iterator<Item = &'f Field>) -> String {
    fields.map(|f| f.name).collect::<Vec<_>>().join(", ")
}

/// The field a heading names: the mapping first, then the known headings.
fn field_of(
    heading: &str,
    fields: &[Field],
    mapping: &HashMap<String, &'static str>,
) -> Option<&'static str> {
    let folded = fold(heading);
    if folded.is_empty() {
        return None;
    }
    mapping.get(&folded).copied().or_else(|| {
        fields
            .iter()
            .find(|f| fold(f.name) == folded || f.headings.iter().any(|h| fold(h) == folded))
            .map(|f| f.name)
    })
}

/// Looks for the heading row among the first rows: `Some` once found;
/// rows before it are passed over.
pub struct HeadingSearch<'f> {
    fields: &'f [Field],
    mapping: HashMap<String, &'static str>,
    seen: usize,
}

impl<'f> HeadingSearch<'f> {
    pub fn new(fields: &'f [Field], mapping: HashMap<String, &'static str>) -> Self {
        HeadingSearch {
            fields,
            mapping,
            seen: 0,
        }
    }

    /// Offer the next row: `Ok(Some)` when it is the heading row, `Ok(None)`
    /// to offer the next, an error when the search gives up or the
    /// headings are not usable.
    pub fn offer(&mut self, row: &Row) -> DomainResult<Option<Columns>> {
        self.seen += 1;
        let headings: Vec<String> = row
            .cells
            .iter()
            .map(|c| c.text().unwrap_or_default())
            .collect();
        let found: Vec<(usize, &'static str)> = headings
            .iter()
            .enumerate()
            .filter_map(|(i, h)| field_of(h, self.fields, &self.mapping).map(|f| (i, f)))
            .collect();
        if found.len() < 2.min(self.fields.len()) {
            if self.seen >= HEADING_SEARCH_ROWS {
                return Err(self.missing(&HashMap::new()));
            }
            return Ok(None);
        }
        let mut at = HashMap::new();
        for (i, field) in found {
            if let Some(first) = at.insert(field, i) {
                return Err(DomainError::validation(
                    "file",
                    msg!(
                        "import-column-twice",
                        field = field,
                        first = headings[first].clone(),
                        second = headings[i].clone()
                    ),
                ));
            }
        }
        if self
            .fields
            .iter()
            .any(|f| f.required && !at.contains_key(f.name))
        {
            return Err(self.missing(&at));
        }
        let ignored = headings
            .iter()
            .enumerate()
            .filter(|(i, h)| !h.is_empty() && !at.values().any(|v| v == i))
            .map(|(_, h)| h.clone())
            .collect();
        Ok(Some(Columns {
            at,
            headings,
            heading_row: row.number,
            ignored,
        }))
    }

    /// The sheet ended (or the search gave up) without a heading row.
    pub fn missing(&self, found: &HashMap<&'static str, usize>) -> DomainError {
        let wanted = self
            .fields
            .iter()
            .filter(|f| f.required && !found.contains_key(f.name))
            .map(|f| match f.headings.first() {
                Some(example) => format!("{} («{example}»)", f.name),
                None => f.name.to_owned(),
            })
            .collect::<Vec<_>>()
            .join(", ");
        DomainError::validation("file", msg!("import-missing-columns", columns = wanted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIELDS: &[Field] = &[
        Field {
            name: "fullName",
            required: true,
            headings: &["Аты-жөні", "ФИО", "Full name"],
        },
        Field {
            name: "birthDate",
            required: true,
            headings: &["Туған күні", "Дата рождения", "Birth date"],
        },
        Field {
            name: "phone",
            required: false,
            headings: &["Телефон", "Phone"],
        },
    ];

    fn row(number: u32, cells: &[&str]) -> Row {
        Row {
            number,
            cells: cells.iter().map(|c| Cell::Text((*c).to_owned())).collect(),
        }
    }

    #[test]
    fn finds_headings_in_any_language_below_a_title() {
        let mut search = HeadingSearch::new(FIELDS, HashMap::new());
        assert!(
            search
                .offer(&row(1, &["Список волонтёров"]))
                .unwrap()
                .is_none()
        );
        let columns = search
            .offer(&row(2, &["№", "Ф.И.О.", "ДАТА РОЖДЕНИЯ", "Примечание"]))
            .unwrap()
            .unwrap();
        assert_eq!(columns.heading_row, 2);
        assert_eq!(columns.heading("fullName"), "Ф.И.О.");
        assert!(columns.has("birthDate") && !columns.has("phone"));
        assert_eq!(columns.ignored, vec!["№", "Примечание"]);
    }

    #[test]
    fn a_mapping_names_other_headings() {
        let mapping = mapping(r#"{"Имя участника": "fullName"}"#, FIELDS).unwrap();
        let mut search = HeadingSearch::new(FIELDS, mapping);
        let columns = search
            .offer(&row(1, &["Имя участника", "Birth date"]))
            .unwrap()
            .unwrap();
        assert_eq!(columns.heading("fullName"), "Имя участника");
        assert!(super::mapping(r#"{"X": "shoeSize"}"#, FIELDS).is_err());
        assert!(super::mapping("not json", FIELDS).is_err());
    }

    #[test]
    fn refuses_missing_and_repeated_columns() {
        let mut search = HeadingSearch::new(FIELDS, HashMap::new());
        assert!(search.offer(&row(1, &["ФИО", "Phone"])).is_err());
        let mut search = HeadingSearch::new(FIELDS, HashMap::new());
        assert!(
            search
                .offer(&row(1, &["ФИО", "Full name", "Birth date"]))
                .is_err()
        );
    }
}
