//! Telling a database outage from other database failures.
//!
//! While the database is down, restarting or refusing connections, a
//! request is not wrong and the server is not broken: the client should try
//! again shortly. Such failures get the code `UNAVAILABLE` (and, over HTTP,
//! a `Retry-After`), everything else stays `INTERNAL`.

use sea_orm::sqlx;
use sea_orm::{DbErr, RuntimeErr};

/// Seconds a client is asked to wait before retrying during an outage.
pub const RETRY_AFTER_SECS: u64 = 5;

/// Did this fail because the database could not be reached?
pub fn is_outage(err: &DbErr) -> bool {
    match err {
        // The pool timed out waiting for a connection, or was closed.
        DbErr::ConnectionAcquire(_) => true,
        // Opening a connection failed: whatever the server said, it took
        // no connection.
        DbErr::Conn(RuntimeErr::SqlxError(err)) => is_sqlx_outage(err, true),
        DbErr::Exec(RuntimeErr::SqlxError(err)) | DbErr::Query(RuntimeErr::SqlxError(err)) => {
            is_sqlx_outage(err, false)
        }
        _ => false,
    }
}

fn is_sqlx_outage(err: &sqlx::Error, connecting: bool) -> bool {
    match err {
        // The socket failed or was closed under a statement.
        sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(db) => db
            .code()
            .is_some_and(|code| is_outage_sqlstate(&code, connecting)),
        _ => false,
    }
}

/// PostgreSQL's codes for a server that is going away or not taking
/// connections.
fn is_outage_sqlstate(code: &str, connecting: bool) -> bool {
    // Class 08: connection exception.
    code.starts_with("08")
        // admin_shutdown (pg_terminate_backend, a fast shutdown),
        // crash_shutdown, cannot_connect_now (starting up or in recovery).
        || matches!(code, "57P01" | "57P02" | "57P03")
        // too_many_connections
        || code == "53300"
        // object_not_in_prerequisite_state: at connection time, a database
        // that does not accept connections (`ALLOW_CONNECTIONS false`).
        || (connecting && code == "55000")
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::ConnAcquireErr;
    use std::sync::Arc;

    #[test]
    fn pool_timeouts_and_broken_sockets_are_outages() {
        assert!(is_outage(&DbErr::ConnectionAcquire(
            ConnAcquireErr::Timeout
        )));
        let reset = sqlx::Error::Io(std::io::Error::from(std::io::ErrorKind::ConnectionReset));
        assert!(is_outage(&DbErr::Query(RuntimeErr::SqlxError(Arc::new(
            reset
        )))));
    }

    #[test]
    fn other_failures_are_not() {
        assert!(!is_outage(&DbErr::Custom("a bug".into())));
        assert!(!is_outage(&DbErr::Query(RuntimeErr::SqlxError(Arc::new(
            sqlx::Error::RowNotFound
        )))));
        assert!(!is_outage_sqlstate("23505", true));
        assert!(!is_outage_sqlstate("55000", false));
        assert!(is_outage_sqlstate("08006", false));
    }
}
