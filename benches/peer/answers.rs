//! Before anything is timed: both servers must answer the same rows, and
//! the floor's SQL must find them too.
//!
//! Answers are compared after putting them in one form: frontoffice's
//! global ids (base64url of `Type:key`) become their keys, PostGraphile's
//! `rowId`s (bigints, sent as strings) stay as they are, and moments are
//! compared as instants (the servers write time zones differently).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, QueryResult, Statement};
use serde_json::{Map, Value};

/// frontoffice's global id of a row.
pub fn global_id(ty: &str, key: impl std::fmt::Display) -> String {
    URL_SAFE_NO_PAD.encode(format!("{ty}:{key}"))
}

/// The key inside one of frontoffice's global ids (`Type:key`, the type a
/// name in ASCII letters: a PostGraphile row id such as "2746" is also
/// valid base64).
pub fn key_of(id: &str) -> Option<String> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(id).ok()?).ok()?;
    let (ty, key) = text.split_once(':')?;
    (!ty.is_empty() && ty.bytes().all(|b| b.is_ascii_alphabetic())).then(|| key.to_owned())
}

/// An answer in the form both servers' answers are compared in.
pub fn normal(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .map(|(name, v)| {
                    let v = match v {
                        Value::String(id) if name == "id" => {
                            Value::String(key_of(id).unwrap_or_else(|| id.clone()))
                        }
                        other => normal(other),
                    };
                    (name.clone(), v)
                })
                .collect::<Map<_, _>>(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(normal).collect()),
        Value::String(text) => match chrono::DateTime::parse_from_rfc3339(text) {
            Ok(at) => Value::String(at.to_utc().to_rfc3339()),
            Err(_) => value.clone(),
        },
        other => other.clone(),
    }
}

/// Replace every `{outer: {inner: x}}` by `{inner: x}`: a to-one relation
/// PostGraphile reaches through a row in between (the family through the
/// volunteer's `family_member`).
pub fn lift(value: &mut Value, outer: &str, inner: &str) {
    match value {
        Value::Object(fields) => {
            if let Some(wrapper) = fields.remove(outer) {
                let lifted = match wrapper {
                    Value::Object(mut w) => w.remove(inner).unwrap_or(Value::Null),
                    _ => Value::Null,
                };
                fields.insert(inner.to_owned(), lifted);
            }
            for v in fields.values_mut() {
                lift(v, outer, inner);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| lift(v, outer, inner)),
        _ => {}
    }
}

/// The first place two answers differ, if any.
pub fn difference(a: &Value, b: &Value, path: &str) -> Option<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let mut names: Vec<&String> = x.keys().chain(y.keys()).collect();
            names.sort();
            names.dedup();
            names.into_iter().find_map(|name| {
                let (u, v) = (
                    x.get(name).unwrap_or(&Value::Null),
                    y.get(name).unwrap_or(&Value::Null),
                );
                difference(u, v, &format!("{path}.{name}"))
            })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (u, v))| difference(u, v, &format!("{path}[{i}]"))),
        _ if a == b => None,
        _ => Some(format!("at {path}: {a} against {b}")),
    }
}

/// Fail unless `other`'s answer (PostGraphile's, or frontoffice's on
/// SQLite) agrees with frontoffice's on PostgreSQL.
pub fn same(
    scenario: &str,
    other: &str,
    frontoffice: &Value,
    answer: &Value,
) -> Result<(), String> {
    match difference(&normal(frontoffice), &normal(answer), "") {
        None => Ok(()),
        Some(diff) => Err(format!(
            "{scenario}: frontoffice and {other} answer differently {diff}"
        )),
    }
}

/// The values of every `id` under `path` (a list of field names walked
/// through objects and lists), in order.
pub fn ids_at(value: &Value, path: &[&str]) -> Vec<String> {
    match path.split_first() {
        None => match value {
            Value::Array(items) => items.iter().flat_map(|v| ids_at(v, path)).collect(),
            Value::Object(fields) => fields
                .get("id")
                .and_then(Value::as_str)
                .map(|id| vec![key_of(id).unwrap_or_else(|| id.to_owned())])
                .unwrap_or_default(),
            _ => vec![],
        },
        Some((first, rest)) => match value {
            Value::Array(items) => items.iter().flat_map(|v| ids_at(v, path)).collect(),
            Value::Object(fields) => fields
                .get(*first)
                .map(|v| ids_at(v, rest))
                .unwrap_or_default(),
            _ => vec![],
        },
    }
}

/// A floor script as one statement: its `\set` lines dropped and each
/// `:name` replaced by the value given (quoted as a literal).
pub fn floor_sql(script: &str, values: &[(&str, String)]) -> String {
    let mut sql: String = script
        .lines()
        .filter(|l| !l.trim_start().starts_with('\\') && !l.trim_start().starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    // Longest names first, so `:id` does not eat the start of `:idx`.
    let mut values = values.to_vec();
    values.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    for (name, value) in values {
        sql = sql.replace(
            &format!(":{name}"),
            &format!("'{}'", value.replace('\'', "''")),
        );
    }
    sql.trim().trim_end_matches(';').to_owned()
}

/// The rows of a floor script run once with `values`.
pub async fn floor_rows(
    db: &DatabaseConnection,
    script: &str,
    values: &[(&str, String)],
) -> Result<Vec<QueryResult>, String> {
    db.query_all_raw(Statement::from_string(
        DbBackend::Postgres,
        floor_sql(script, values),
    ))
    .await
    .map_err(|e| format!("the floor's SQL: {e}"))
}

/// Column `name` (a bigint, possibly NULL) of each row, as text; NULLs left
/// out.
pub fn column(rows: &[QueryResult], name: &str) -> Result<Vec<String>, String> {
    let mut values = Vec::new();
    for row in rows {
        let value: Option<i64> = row.try_get("", name).map_err(|e| e.to_string())?;
        values.extend(value.map(|v| v.to_string()));
    }
    Ok(values)
}

/// Fail unless the floor found the rows the servers answered.
pub fn same_rows(scenario: &str, servers: &[String], floor: &[String]) -> Result<(), String> {
    if servers == floor {
        Ok(())
    } else {
        Err(format!(
            "{scenario}: the floor's SQL finds other rows than the servers: {floor:?} against {servers:?}"
        ))
    }
}
