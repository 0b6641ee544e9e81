//! A download's query parameters read into the GraphQL query's variables:
//! a list's filter from its fields given one by one
//! (`?regionCode=KZ-75&ageMin=18`, `region` for `regionCode`), or whole as
//! JSON (`?filter={"or":[…]}`); a table's arguments (`?from=…&to=…`).

use crate::domain::error::DomainError;
use crate::export::catalogue::{Export, Shape};
use crate::msg;
use serde_json::{Map, Value};

/// Filter fields that are whole numbers, booleans, or lists (given as
/// repeated parameters or separated by commas); the rest are text.
const NUMBERS: &[&str] = &["ageMin", "ageMax"];
const BOOLEANS: &[&str] = &["hasFamily", "verified", "estimated", "pendingReport"];
const LISTS: &[&str] = &[
    "skills",
    "languages",
    "statuses",
    "regionCodes",
    "sources",
    "kinds",
    "levels",
];

/// Parameters that are not the query's: the headings' language and
/// whether a CSV file starts with a byte-order mark.
pub const OWN: &[&str] = &["lang", "bom"];

fn typed(key: &str, text: &str, number: bool) -> Value {
    if (number || NUMBERS.contains(&key))
        && let Ok(n) = text.trim().parse::<i64>()
    {
        return Value::from(n);
    }
    if BOOLEANS.contains(&key) {
        match text.trim() {
            "true" => return Value::Bool(true),
            "false" => return Value::Bool(false),
            _ => {}
        }
    }
    Value::String(text.to_owned())
}

/// The variables of `export`'s query from the request's parameters.
pub fn variables(
    export: &Export,
    pairs: &[(String, String)],
) -> Result<Map<String, Value>, DomainError> {
    let mut fields = Map::new();
    let mut filter: Option<Value> = None;
    for (key, text) in pairs {
        if OWN.contains(&key.as_str()) {
            continue;
        }
        let key = if key == "region" {
            "regionCode"
        } else {
            key.as_str()
        };
        if key == "filter" {
            let parsed = serde_json::from_str(text).map_err(|err| {
                DomainError::validation(
                    "filter",
                    msg!("export-filter-not-json", detail = err.to_string()),
                )
            })?;
            filter = Some(parsed);
            continue;
        }
        let number = match export.shape {
            Shape::Table { .. } => match export.arguments.iter().find(|(name, _)| *name == key) {
                Some((_, number)) => *number,
                None => {
                    return Err(DomainError::validation(
                        key,
                        msg!(
                            "export-unknown-parameter",
                            name = key,
                            names = export
                                .arguments
                                .iter()
                                .map(|(n, _)| *n)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    ));
                }
            },
            Shape::List { .. } => false,
        };
        if LISTS.contains(&key) {
            let items = text
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| Value::String(t.to_owned()));
            match fields
                .entry(key.to_owned())
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(list) => list.extend(items),
                _ => unreachable!("list fields are arrays"),
            }
        } else {
            fields.insert(key.to_owned(), typed(key, text, number));
        }
    }
    match export.shape {
        Shape::Table { .. } => Ok(fields),
        Shape::List { .. } => {
            let filter = match (filter, fields.is_empty()) {
                (Some(Value::Object(mut given)), _) => {
                    given.extend(fields);
                    Value::Object(given)
                }
                (Some(other), true) => other,
                (Some(_), false) => {
                    return Err(DomainError::validation(
                        "filter",
                        msg!(
                            "export-filter-not-json",
                            detail = "not an object".to_owned()
                        ),
                    ));
                }
                (None, true) => Value::Null,
                (None, false) => Value::Object(fields),
            };
            let mut variables = Map::new();
            if !filter.is_null() {
                variables.insert("filter".into(), filter);
            }
            Ok(variables)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::catalogue::named;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn fields_one_by_one_make_the_filter() {
        let volunteers = named("volunteers").unwrap();
        let vars = variables(
            volunteers,
            &pairs(&[
                ("region", "KZ-75"),
                ("ageMin", "18"),
                ("skills", "first_aid,driving"),
                ("hasFamily", "true"),
                ("lang", "kk"),
            ]),
        )
        .unwrap();
        assert_eq!(
            Value::Object(vars),
            serde_json::json!({ "filter": { "regionCode": "KZ-75", "ageMin": 18, "skills": ["first_aid", "driving"], "hasFamily": true } })
        );
        let none = variables(volunteers, &[]).unwrap();
        assert!(none.is_empty());
    }

    #[test]
    fn tables_take_their_arguments_only() {
        let report = named("annual-report").unwrap();
        let vars = variables(report, &pairs(&[("year", "2025")])).unwrap();
        assert_eq!(vars["year"], 2025);
        assert!(variables(report, &pairs(&[("colour", "red")])).is_err());
        let stats = named("statistics").unwrap();
        let vars = variables(
            stats,
            &pairs(&[("from", "2025-01-01"), ("region", "KZ-75")]),
        )
        .unwrap();
        assert_eq!(vars["regionCode"], "KZ-75");
        assert!(variables(named("volunteers").unwrap(), &pairs(&[("filter", "{oops")])).is_err());
    }
}
