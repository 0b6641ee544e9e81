//! The long lists read from an SQLite file by a connection of the export's
//! own (rusqlite), on a blocking thread, rather than through the pool.
//!
//! sqlx's SQLite driver runs each statement on a worker thread, copies
//! every value of every row (one `malloc` per value) and hands the rows
//! over one at a time: the five million participations of the national
//! data set took 13 µs of CPU a row that way, a quarter of it in the C
//! allocator, where rusqlite reads the columns in place. The statements
//! are the same ones, built by sea-query with the list's condition, and
//! the rows are decoded by the same functions (`positional`), so
//! everything after the read is shared with PostgreSQL. BENCHMARKS.md has
//! the figures.

use chrono::SecondsFormat;
use rusqlite::types::Value as Sqlite;
use rusqlite::{Connection, OpenFlags};
use sea_orm::sea_query::{SelectStatement, SqliteQueryBuilder, Value};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement};
use std::sync::{Arc, Mutex};

/// A read-only connection to the database file the pool serves.
#[derive(Clone)]
pub struct Reader(Arc<Mutex<Connection>>);

fn failed(err: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("reading the SQLite file: {err}"))
}

impl Reader {
    /// A reader of `db`'s file; `None` unless `db` is SQLite on a file.
    pub async fn open(db: &DatabaseConnection) -> Result<Option<Reader>, DbErr> {
        if db.get_database_backend() != DatabaseBackend::Sqlite {
            return Ok(None);
        }
        let Some(row) = db
            .query_one_raw(Statement::from_string(
                DatabaseBackend::Sqlite,
                "SELECT file FROM pragma_database_list WHERE name = 'main'",
            ))
            .await?
        else {
            return Ok(None);
        };
        let file: String = row.try_get("", "file")?;
        // An in-memory database has no file to open a second time.
        if file.is_empty() {
            return Ok(None);
        }
        let connection = tokio::task::spawn_blocking(move || {
            Connection::open_with_flags(
                &file,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        })
        .await
        .map_err(failed)?
        .map_err(failed)?;
        Ok(Some(Reader(Arc::new(Mutex::new(connection)))))
    }

    /// The rows of `query`, each decoded by `decode`. A statement of the
    /// same text for every page is kept prepared; one whose text changes
    /// (a list of ids) is not, as keeping it would only hold memory.
    pub async fn rows<T: Send + 'static>(
        &self,
        query: &SelectStatement,
        repeats: bool,
        decode: fn(&rusqlite::Row<'_>) -> Result<T, DbErr>,
    ) -> Result<Vec<T>, DbErr> {
        let (sql, values) = query.build(SqliteQueryBuilder);
        let params = values
            .into_iter()
            .map(parameter)
            .collect::<Result<Vec<_>, _>>()?;
        let connection = self.0.clone();
        tokio::task::spawn_blocking(move || {
            let connection = connection.lock().map_err(failed)?;
            let mut once;
            let mut kept;
            let statement = if repeats {
                kept = connection.prepare_cached(&sql).map_err(failed)?;
                &mut *kept
            } else {
                once = connection.prepare(&sql).map_err(failed)?;
                &mut once
            };
            let mut rows = statement
                .query(rusqlite::params_from_iter(params))
                .map_err(failed)?;
            let mut page = Vec::new();
            while let Some(row) = rows.next().map_err(failed)? {
                page.push(decode(row)?);
            }
            Ok(page)
        })
        .await
        .map_err(failed)?
    }
}

fn parameter(value: Value) -> Result<Sqlite, DbErr> {
    let text = |t: Option<String>| t.map_or(Sqlite::Null, Sqlite::Text);
    Ok(match value {
        Value::Bool(b) => b.map_or(Sqlite::Null, |b| Sqlite::Integer(i64::from(b))),
        Value::TinyInt(i) => i.map_or(Sqlite::Null, |i| Sqlite::Integer(i64::from(i))),
        Value::SmallInt(i) => i.map_or(Sqlite::Null, |i| Sqlite::Integer(i64::from(i))),
        Value::Int(i) => i.map_or(Sqlite::Null, |i| Sqlite::Integer(i64::from(i))),
        Value::BigInt(i) => i.map_or(Sqlite::Null, Sqlite::Integer),
        Value::TinyUnsigned(i) => i.map_or(Sqlite::Null, |i| Sqlite::Integer(i64::from(i))),
        Value::SmallUnsigned(i) => i.map_or(Sqlite::Null, |i| Sqlite::Integer(i64::from(i))),
        Value::Unsigned(i) => i.map_or(Sqlite::Null, |i| Sqlite::Integer(i64::from(i))),
        Value::BigUnsigned(Some(i)) => Sqlite::Integer(i64::try_from(i).map_err(failed)?),
        Value::BigUnsigned(None) => Sqlite::Null,
        Value::Float(f) => f.map_or(Sqlite::Null, |f| Sqlite::Real(f64::from(f))),
        Value::Double(f) => f.map_or(Sqlite::Null, Sqlite::Real),
        Value::String(s) => text(s),
        Value::Char(c) => text(c.map(String::from)),
        Value::Enum(e) => match e {
            sea_orm::sea_query::OptionEnum::Some(e) => Sqlite::Text(e.value.into_owned()),
            sea_orm::sea_query::OptionEnum::None(_) => Sqlite::Null,
        },
        Value::ChronoDate(d) => text(d.map(|d| d.format("%Y-%m-%d").to_string())),
        Value::ChronoDateTimeUtc(t) => {
            text(t.map(|t| t.to_rfc3339_opts(SecondsFormat::AutoSi, false)))
        }
        other => {
            return Err(failed(format!(
                "a value of a kind the export does not bind: {other:?}"
            )));
        }
    })
}
