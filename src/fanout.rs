//! Committed changes crossing between server processes through PostgreSQL
//! itself (LISTEN/NOTIFY), so several stateless processes on one database
//! keep every live subscription current without another service.
//!
//! A writer adds `pg_notify` to its transaction (delivered on commit only);
//! each process listens on the channel and republishes what other processes
//! committed onto its own change bus. Notifications are small (ids only)
//! and batched per transaction; one larger than PostgreSQL's 8000-byte
//! payload limit is cut to a bare "something changed", which is all a live
//! statistic needs. With SQLite (one process) there is nothing to do.

use crate::domain::changes::{Change, ChangeBus, Subject};
use crate::domain::error::{DomainError, DomainResult};
use sea_orm::sqlx::postgres::{PgListener, PgPoolOptions};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tokio::sync::watch;

const CHANNEL: &str = "frontoffice_changes";
const MAX_PAYLOAD: usize = 7900;

#[derive(Serialize, Deserialize)]
struct Notice {
    origin: u64,
    changes: Vec<Change>,
}

/// Queue `changes` for the other processes, in the caller's transaction.
pub async fn notify(
    db: &impl ConnectionTrait,
    origin: u64,
    changes: &[Change],
) -> DomainResult<()> {
    if db.get_database_backend() != DatabaseBackend::Postgres || changes.is_empty() {
        return Ok(());
    }
    let mut payload = serde_json::to_string(&Notice {
        origin,
        changes: changes.to_vec(),
    })
    .map_err(|e| DomainError::internal("writing a change announcement", e))?;
    if payload.len() > MAX_PAYLOAD {
        // Not one of the changes: a statistic that catches up on the
        // participations named would miss the others. A change no cache
        // can catch up on makes them compute anew.
        let something = vec![Change {
            subject: Subject::Event,
            id: 0,
            action: "many".into(),
            at: changes[0].at,
        }];
        payload = serde_json::to_string(&Notice {
            origin,
            changes: something,
        })
        .map_err(|e| DomainError::internal("writing a change announcement", e))?;
    }
    db.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [CHANNEL.into(), payload.into()],
    ))
    .await?;
    Ok(())
}

/// Listen for other processes' changes until shutdown, reconnecting after a
/// lost connection.
pub async fn listen(db: DatabaseConnection, bus: ChangeBus, mut stopping: watch::Receiver<bool>) {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return;
    }
    // The listener holds its connection for good, so it gets one of its own
    // rather than a slot of the request pool (which may be a single one).
    let options = db.get_postgres_connection_pool().connect_options();
    let own = PgPoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_lazy_with((*options).clone());
    loop {
        let session = async {
            let mut listener = PgListener::connect_with(&own).await?;
            listener.listen(CHANNEL).await?;
            tracing::debug!("listening for changes of other processes");
            loop {
                let notification = listener.recv().await?;
                match serde_json::from_str::<Notice>(notification.payload()) {
                    Ok(notice) if notice.origin != bus.origin() => bus.publish(notice.changes),
                    Ok(_) => {}
                    Err(err) => tracing::warn!(error = %err, "unreadable change notification"),
                }
            }
            #[allow(unreachable_code)]
            Ok::<(), sea_orm::sqlx::Error>(())
        };
        tokio::select! {
            result = session => {
                if let Err(err) = result {
                    tracing::warn!(error = %err, "lost the change notifications; reconnecting");
                    // Something may have changed meanwhile: tell listeners.
                    bus.publish([Change { subject: Subject::Event, id: 0, action: "reconnected".into(), at: chrono::Utc::now() }]);
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            _ = async { let _ = stopping.wait_for(|s| *s).await; } => return,
        }
    }
}
