//! Writing millions of rows quickly, in one transaction on one connection
//! of the pool: PostgreSQL gets `COPY ... FROM STDIN` (text format),
//! SQLite multi-row `INSERT` statements of a few hundred kilobytes each.
//!
//! Values are written as text the way SeaORM's own writes store them, so
//! the server reads and compares them exactly as if the API had written
//! them: on SQLite instants are RFC 3339 text with `+00:00` and whole
//! seconds (what sqlx writes for a `DateTime<Utc>` without fraction), days
//! are `YYYY-MM-DD`, booleans 0 and 1.
//!
//! The connection is closed, never returned to the pool, when the load
//! ends: its session settings (and, after a failure, its unfinished
//! transaction) go with it.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use sea_orm::sqlx::pool::PoolConnection;
use sea_orm::sqlx::postgres::{PgConnection, PgCopyIn};
use sea_orm::sqlx::sqlite::SqliteConnection;
use sea_orm::sqlx::{self, AssertSqlSafe, Postgres, Sqlite};
use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr, RuntimeErr};
use std::fmt::Write as _;
use std::sync::Arc;

/// Buffered text sent to the database at once.
const FLUSH_BYTES: usize = 512 * 1024;

pub fn sqlx_err(err: sqlx::Error) -> DbErr {
    DbErr::Exec(RuntimeErr::SqlxError(Arc::new(err)))
}

enum Conn {
    Postgres(PoolConnection<Postgres>),
    Sqlite(PoolConnection<Sqlite>),
}

/// One connection in one open transaction.
pub struct Bulk {
    conn: Conn,
}

/// Indexes and constraints taken off a table while it is filled, and the
/// statements that put them back.
pub struct Deferred {
    restore: Vec<String>,
}

impl Bulk {
    /// Take a connection of `db`'s pool and begin the load's transaction.
    pub async fn begin(db: &DatabaseConnection) -> Result<Bulk, DbErr> {
        let mut bulk = match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                let mut conn = db
                    .get_postgres_connection_pool()
                    .acquire()
                    .await
                    .map_err(sqlx_err)?;
                conn.close_on_drop();
                Bulk {
                    conn: Conn::Postgres(conn),
                }
            }
            DatabaseBackend::Sqlite => {
                let mut conn = db
                    .get_sqlite_connection_pool()
                    .acquire()
                    .await
                    .map_err(sqlx_err)?;
                conn.close_on_drop();
                Bulk {
                    conn: Conn::Sqlite(conn),
                }
            }
            other => {
                return Err(DbErr::Custom(format!(
                    "the national data set loads into PostgreSQL or SQLite, not {other:?}"
                )));
            }
        };
        match bulk.conn {
            // Index builds get memory; the commit need not wait for the
            // disk, as a failed load is simply run again.
            Conn::Postgres(_) => {
                bulk.execute(
                    "BEGIN; SET LOCAL maintenance_work_mem = '256MB'; SET LOCAL synchronous_commit = off",
                )
                .await?
            }
            // A larger page cache keeps the unique index of participations
            // (filled in random order) in memory; syncing is left to the
            // checkpoint at the end.
            Conn::Sqlite(_) => {
                bulk.execute("PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; BEGIN IMMEDIATE")
                    .await?
            }
        }
        Ok(bulk)
    }

    pub fn backend(&self) -> DatabaseBackend {
        match self.conn {
            Conn::Postgres(_) => DatabaseBackend::Postgres,
            Conn::Sqlite(_) => DatabaseBackend::Sqlite,
        }
    }

    /// Run SQL text (one or more statements) on the load's connection.
    pub async fn execute(&mut self, sql: &str) -> Result<(), DbErr> {
        let sql = AssertSqlSafe(sql.to_owned());
        match &mut self.conn {
            Conn::Postgres(c) => sqlx::raw_sql(sql).execute(&mut **c).await.map(|_| ()),
            Conn::Sqlite(c) => sqlx::raw_sql(sql).execute(&mut **c).await.map(|_| ()),
        }
        .map_err(sqlx_err)
    }

    /// Start writing rows of `table` with these columns, in this order.
    pub async fn table(&mut self, table: &str, columns: &[&str]) -> Result<Table<'_>, DbErr> {
        let list = columns.join(", ");
        let (sink, head) = match &mut self.conn {
            Conn::Postgres(c) => {
                let copy = c
                    .copy_in_raw(&format!("COPY {table} ({list}) FROM STDIN"))
                    .await
                    .map_err(sqlx_err)?;
                (Sink::Postgres(copy), String::new())
            }
            Conn::Sqlite(c) => (
                Sink::Sqlite(c),
                format!("INSERT INTO {table} ({list}) VALUES "),
            ),
        };
        Ok(Table {
            sink,
            head,
            buf: String::with_capacity(FLUSH_BYTES + 4096),
            columns: columns.len(),
            col: 0,
            buffered: 0,
            rows: 0,
        })
    }

    /// Take the secondary indexes, unique constraints and foreign keys off
    /// `table` so it fills without maintaining them row by row; `restore`
    /// rebuilds them in bulk, checking every row as it does. SQLite keeps
    /// its foreign keys and the unique constraints declared with the table.
    pub async fn defer_indexes(&mut self, table: &str) -> Result<Deferred, DbErr> {
        let mut drop = Vec::new();
        let mut restore = Vec::new();
        match &mut self.conn {
            Conn::Postgres(c) => {
                let constraints: Vec<(String, String)> = sqlx::query_as(
                    "SELECT conname::text, pg_get_constraintdef(oid) FROM pg_constraint \
                     WHERE conrelid = $1::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname",
                )
                .bind(table)
                .fetch_all(&mut **c)
                .await
                .map_err(sqlx_err)?;
                let indexes: Vec<(String, String)> = sqlx::query_as(
                    "SELECT indexname::text, indexdef FROM pg_indexes \
                     WHERE schemaname = current_schema() AND tablename = $1 \
                     AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = $1::regclass) \
                     ORDER BY indexname",
                )
                .bind(table)
                .fetch_all(&mut **c)
                .await
                .map_err(sqlx_err)?;
                for (name, def) in constraints {
                    drop.push(format!("ALTER TABLE {table} DROP CONSTRAINT \"{name}\""));
                    restore.push(format!(
                        "ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {def}"
                    ));
                }
                for (name, def) in indexes {
                    drop.push(format!("DROP INDEX \"{name}\""));
                    restore.insert(0, def);
                }
            }
            Conn::Sqlite(c) => {
                let indexes: Vec<(String, String)> = sqlx::query_as(
                    "SELECT name, sql FROM sqlite_master \
                     WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name",
                )
                .bind(table)
                .fetch_all(&mut **c)
                .await
                .map_err(sqlx_err)?;
                for (name, def) in indexes {
                    drop.push(format!("DROP INDEX \"{name}\""));
                    restore.push(def);
                }
            }
        }
        for sql in &drop {
            self.execute(sql).await?;
        }
        Ok(Deferred { restore })
    }

    pub async fn restore(&mut self, deferred: Deferred) -> Result<(), DbErr> {
        for sql in &deferred.restore {
            self.execute(sql).await?;
        }
        Ok(())
    }

    /// Commit, give the planner statistics of the new rows, and close the
    /// connection.
    pub async fn commit(mut self) -> Result<(), DbErr> {
        self.execute("COMMIT").await?;
        match self.conn {
            // VACUUM as well: it marks the new pages all-visible, which lets
            // index-only scans (a page of volunteers' minutes) skip the rows,
            // as autovacuum would some time after such a load.
            Conn::Postgres(_) => self.execute("VACUUM ANALYZE").await?,
            // A full ANALYZE (about a second at national size): a sampled
            // one misjudged how selective a volunteer's participations are
            // against a date range, and the planner then read a whole year
            // to find one volunteer's rows. The checkpoint folds the load
            // out of the WAL file.
            Conn::Sqlite(_) => {
                self.execute("ANALYZE; PRAGMA wal_checkpoint(TRUNCATE)")
                    .await?
            }
        }
        match self.conn {
            Conn::Postgres(c) => c.close().await.map_err(sqlx_err),
            Conn::Sqlite(c) => c.close().await.map_err(sqlx_err),
        }
    }
}

enum Sink<'c> {
    Postgres(PgCopyIn<&'c mut PgConnection>),
    Sqlite(&'c mut SqliteConnection),
}

/// Rows of one table on their way: values are appended to a text buffer
/// (`int`, `text`, ... in column order, then `end_row`), which goes to the
/// database whenever it is large.
pub struct Table<'c> {
    sink: Sink<'c>,
    head: String,
    buf: String,
    columns: usize,
    col: usize,
    buffered: usize,
    rows: u64,
}

impl Table<'_> {
    fn postgres(&self) -> bool {
        matches!(self.sink, Sink::Postgres(_))
    }

    /// Start a value: the row's opening or the separator.
    fn next(&mut self) {
        if self.col == 0 {
            if !self.postgres() {
                if self.buffered == 0 {
                    self.buf.push_str(&self.head);
                } else {
                    self.buf.push(',');
                }
                self.buf.push('(');
            }
        } else {
            self.buf.push(if self.postgres() { '\t' } else { ',' });
        }
        self.col += 1;
    }

    pub fn null(&mut self) -> &mut Self {
        self.next();
        let null = if self.postgres() { "\\N" } else { "NULL" };
        self.buf.push_str(null);
        self
    }

    pub fn int(&mut self, value: i64) -> &mut Self {
        self.next();
        let _ = write!(self.buf, "{value}");
        self
    }

    pub fn opt_int(&mut self, value: Option<i64>) -> &mut Self {
        match value {
            Some(v) => self.int(v),
            None => self.null(),
        }
    }

    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.next();
        let text = match (self.postgres(), value) {
            (true, true) => "t",
            (true, false) => "f",
            (false, true) => "1",
            (false, false) => "0",
        };
        self.buf.push_str(text);
        self
    }

    pub fn text(&mut self, value: &str) -> &mut Self {
        self.next();
        if self.postgres() {
            for c in value.chars() {
                match c {
                    '\\' => self.buf.push_str("\\\\"),
                    '\t' => self.buf.push_str("\\t"),
                    '\n' => self.buf.push_str("\\n"),
                    '\r' => self.buf.push_str("\\r"),
                    c => self.buf.push(c),
                }
            }
        } else {
            self.buf.push('\'');
            for c in value.chars() {
                if c == '\'' {
                    self.buf.push('\'');
                }
                self.buf.push(c);
            }
            self.buf.push('\'');
        }
        self
    }

    /// Bytes (`bytea`, `BLOB`), written in hex: `\\x…` in PostgreSQL's
    /// COPY text (the backslash escaped), `X'…'` in SQLite.
    pub fn bytes(&mut self, value: &[u8]) -> &mut Self {
        self.next();
        let prefix = if self.postgres() { "\\\\x" } else { "X'" };
        self.buf.push_str(prefix);
        for byte in value {
            let _ = write!(self.buf, "{byte:02x}");
        }
        if !self.postgres() {
            self.buf.push('\'');
        }
        self
    }

    pub fn opt_text(&mut self, value: Option<&str>) -> &mut Self {
        match value {
            Some(v) => self.text(v),
            None => self.null(),
        }
    }

    pub fn date(&mut self, value: NaiveDate) -> &mut Self {
        self.next();
        self.quote();
        push_date(&mut self.buf, value);
        self.quote();
        self
    }

    pub fn opt_date(&mut self, value: Option<NaiveDate>) -> &mut Self {
        match value {
            Some(v) => self.date(v),
            None => self.null(),
        }
    }

    /// An instant, to the second.
    pub fn time(&mut self, value: DateTime<Utc>) -> &mut Self {
        self.next();
        self.quote();
        push_time(&mut self.buf, value);
        self.quote();
        self
    }

    pub fn opt_time(&mut self, value: Option<DateTime<Utc>>) -> &mut Self {
        match value {
            Some(v) => self.time(v),
            None => self.null(),
        }
    }

    fn quote(&mut self) {
        if !self.postgres() {
            self.buf.push('\'');
        }
    }

    /// Close the row; send the buffer when it is large.
    pub async fn end_row(&mut self) -> Result<(), DbErr> {
        if self.col != self.columns {
            return Err(DbErr::Custom(format!(
                "a bulk row has {} values for {} columns",
                self.col, self.columns
            )));
        }
        self.buf.push(if self.postgres() { '\n' } else { ')' });
        self.col = 0;
        self.buffered += 1;
        self.rows += 1;
        if self.buf.len() >= FLUSH_BYTES {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), DbErr> {
        if self.buffered == 0 {
            return Ok(());
        }
        match &mut self.sink {
            Sink::Postgres(copy) => {
                copy.send(self.buf.as_bytes()).await.map_err(sqlx_err)?;
                self.buf.clear();
            }
            Sink::Sqlite(conn) => {
                let sql =
                    std::mem::replace(&mut self.buf, String::with_capacity(FLUSH_BYTES + 4096));
                sqlx::raw_sql(AssertSqlSafe(sql))
                    .execute(&mut **conn)
                    .await
                    .map_err(sqlx_err)?;
            }
        }
        self.buffered = 0;
        Ok(())
    }

    /// Send what is left; returns the number of rows written.
    pub async fn finish(mut self) -> Result<u64, DbErr> {
        self.flush().await?;
        if let Sink::Postgres(copy) = self.sink {
            copy.finish().await.map_err(sqlx_err)?;
        }
        Ok(self.rows)
    }
}

fn push_digits(buf: &mut String, value: u32, width: usize) {
    let mut digits = [b'0'; 4];
    let mut v = value;
    for d in digits[..width].iter_mut().rev() {
        *d = b'0' + (v % 10) as u8;
        v /= 10;
    }
    for d in &digits[..width] {
        buf.push(char::from(*d));
    }
}

/// `YYYY-MM-DD` (years 0 to 9999).
fn push_date(buf: &mut String, d: NaiveDate) {
    push_digits(buf, d.year().clamp(0, 9999) as u32, 4);
    buf.push('-');
    push_digits(buf, d.month(), 2);
    buf.push('-');
    push_digits(buf, d.day(), 2);
}

/// `YYYY-MM-DDTHH:MM:SS+00:00`, what sqlx writes on SQLite for an instant
/// in whole seconds, and what PostgreSQL reads as `timestamptz`.
fn push_time(buf: &mut String, t: DateTime<Utc>) {
    let n = t.naive_utc();
    push_date(buf, n.date());
    buf.push('T');
    push_digits(buf, n.hour(), 2);
    buf.push(':');
    push_digits(buf, n.minute(), 2);
    buf.push(':');
    push_digits(buf, n.second(), 2);
    buf.push_str("+00:00");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{SecondsFormat, TimeZone};

    #[test]
    fn instants_are_written_as_sqlx_writes_them() {
        for t in [
            Utc.with_ymd_and_hms(2024, 12, 31, 19, 30, 0),
            Utc.with_ymd_and_hms(2016, 1, 1, 0, 0, 5),
            Utc.with_ymd_and_hms(2026, 11, 1, 23, 59, 59),
        ]
        .into_iter()
        .flat_map(|t| t.single())
        {
            let mut ours = String::new();
            push_time(&mut ours, t);
            assert_eq!(ours, t.to_rfc3339_opts(SecondsFormat::AutoSi, false));
        }
        let mut day = String::new();
        push_date(
            &mut day,
            NaiveDate::from_ymd_opt(2019, 3, 1).unwrap_or_default(),
        );
        assert_eq!(day, "2019-03-01");
    }
}
