//! Opening the database and keeping its schema current.
//!
//! Failures here are the ones an operator meets first (a typo in
//! `DATABASE_URL`, a database that is down), so they become one readable
//! line naming the database without its password, never a panic trace.

use crate::config::GlobalArgs;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseBackend, DatabaseConnection};
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Why the database could not be used, for the operator.
#[derive(Debug)]
pub struct DbSetupError(pub String);

impl fmt::Display for DbSetupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DbSetupError {}

/// The URL with any password replaced, safe for logs and messages.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return url.to_owned();
    };
    match userinfo.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

/// Counts the SQL statements a connection has run since it was opened.
///
/// Fed by SeaORM's metric callback, which sees every statement on every
/// pooled connection; the tests read it around a request to show that the
/// number of statements does not grow with the page size, and the
/// `frontoffice::sql` debug log shows each statement with its duration.
#[derive(Clone, Debug, Default)]
pub struct StatementCounter(Arc<AtomicU64>);

impl StatementCounter {
    /// Statements run so far.
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Connect to `DATABASE_URL`, refusing unknown schemes before trying.
pub async fn connect(args: &GlobalArgs) -> Result<DatabaseConnection, DbSetupError> {
    connect_counted(args).await.map(|(db, _)| db)
}

/// Connect, and count the statements the connection runs.
pub async fn connect_counted(
    args: &GlobalArgs,
) -> Result<(DatabaseConnection, StatementCounter), DbSetupError> {
    let url = args.database_url.trim();
    let shown = redact(url);
    let known = ["sqlite:", "postgres://", "postgresql://"];
    if !known.iter().any(|scheme| url.starts_with(scheme)) {
        return Err(DbSetupError(format!(
            "DATABASE_URL `{shown}` is not supported: use sqlite://PATH?mode=rwc or postgres://USER@HOST:PORT/DB"
        )));
    }
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .max_connections(args.db_pool.max(1))
        .min_connections(1)
        .connect_timeout(args.db_timeout())
        .acquire_timeout(args.db_timeout())
        // Statements are traced by our own layers; sqlx's per-statement
        // INFO lines would drown the request log.
        .sqlx_logging(false);
    let mut db = Database::connect(options).await.map_err(|err| {
        DbSetupError(format!(
            "cannot open the database at `{shown}`: {}",
            one_line(&err)
        ))
    })?;
    if db.get_database_backend() == DatabaseBackend::Sqlite {
        // WAL lets readers proceed while a write commits; it is a property of
        // the file, so setting it once per start is enough.
        db.execute_unprepared("PRAGMA journal_mode = WAL")
            .await
            .map_err(|err| {
                DbSetupError(format!(
                    "cannot configure SQLite at `{shown}`: {}",
                    one_line(&err)
                ))
            })?;
    }
    let counter = StatementCounter::default();
    let count = counter.0.clone();
    db.set_metric_callback(move |info| {
        count.fetch_add(1, Ordering::Relaxed);
        tracing::debug!(
            target: "frontoffice::sql",
            elapsed_us = info.elapsed.as_micros() as u64,
            failed = info.failed,
            sql = %info.statement.sql,
        );
    });
    Ok((db, counter))
}

/// Apply every pending migration.
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbSetupError> {
    Migrator::up(db, None)
        .await
        .map_err(|err| DbSetupError(format!("migration failed: {}", one_line(&err))))
}

/// Is the database reachable now? For `/readyz`.
pub async fn ping(db: &DatabaseConnection) -> bool {
    db.ping().await.is_ok()
}

fn one_line(err: &dyn fmt::Display) -> String {
    err.to_string().replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://app:s3cret@db:5432/fo"),
            "postgres://app:***@db:5432/fo"
        );
        assert_eq!(redact("postgres://app@db/fo"), "postgres://app@db/fo");
        assert_eq!(
            redact("sqlite://frontoffice.db?mode=rwc"),
            "sqlite://frontoffice.db?mode=rwc"
        );
    }
}
