//! Committed changes crossing between server processes through PostgreSQL
//! itself (LISTEN/NOTIFY), so several stateless processes on one database
//! keep every live subscription current without another service.
//!
//! A writer adds `pg_notify` to its transaction (delivered on commit only),
//! in the statement of its last audit entry when it has one (`write`);
//! each process listens on the channel and republishes what other processes
//! committed onto its own change bus. Notifications are small (ids only)
//! and batched per transaction; one larger than PostgreSQL's 8000-byte
//! payload limit is cut to a bare "something changed", which is all a live
//! statistic needs. With SQLite (one process) there is nothing to do.
//!
//! A change that revokes tokens (`Subject::Account`) must hold in every
//! process at the revoking request's answer, not a notification later. Its
//! writer listens for acknowledgements before it commits (`Acks`), and
//! after the commit waits until every process listening on the database
//! (their notification sessions, named `frontoffice-changes` in
//! `pg_stat_activity`) has acknowledged it, each after dropping what it
//! kept of the account; at most `ACK_WAIT`, for a process that hangs.

use crate::domain::changes::{Change, ChangeBus, Subject};
use crate::domain::error::{DomainError, DomainResult};
use sea_orm::sqlx::postgres::{PgListener, PgPoolOptions};
use sea_orm::{DatabaseBackend, DatabaseConnection};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// The channel changes are announced on.
pub const CHANNEL: &str = "frontoffice_changes";
const ACKS: &str = "frontoffice_acks";
/// The `application_name` of the listening sessions, which a revoking
/// writer counts.
const LISTENER_NAME: &str = "frontoffice-changes";
const MAX_PAYLOAD: usize = 7900;
/// Longest a revoking write waits for the other processes.
const ACK_WAIT: Duration = Duration::from_secs(3);

#[derive(Serialize, Deserialize)]
struct Notice {
    origin: u64,
    /// Set when the changes revoke tokens: the acknowledgement to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nonce: Option<u64>,
    changes: Vec<Change>,
}

/// The notification announcing `changes` to the other processes, which
/// the writer sends in its transaction (`pg_notify(CHANNEL, payload)`,
/// delivered on commit only); none on SQLite or without changes.
pub fn announcement(
    backend: DatabaseBackend,
    origin: u64,
    acks: Option<&Acks>,
    changes: &[Change],
) -> DomainResult<Option<String>> {
    let nonce = acks.map(|a| a.nonce);
    if backend != DatabaseBackend::Postgres || changes.is_empty() {
        return Ok(None);
    }
    let mut payload = serde_json::to_string(&Notice {
        origin,
        nonce,
        changes: changes.to_vec(),
    })
    .map_err(|e| DomainError::internal("writing a change announcement", e))?;
    if payload.len() > MAX_PAYLOAD {
        // Not one of the changes: a statistic that catches up on the
        // participations named would miss the others. A change no cache
        // can catch up on makes them compute anew.
        let mut something = vec![Change {
            subject: Subject::Event,
            id: 0,
            action: "many".into(),
            at: changes[0].at,
        }];
        if nonce.is_some() {
            // Everything kept of accounts and reference tables is dropped
            // instead.
            for subject in [Subject::Account, Subject::Reference] {
                something.push(Change {
                    subject,
                    id: 0,
                    action: "many".into(),
                    at: changes[0].at,
                });
            }
        }
        payload = serde_json::to_string(&Notice {
            origin,
            nonce,
            changes: something,
        })
        .map_err(|e| DomainError::internal("writing a change announcement", e))?;
    }
    Ok(Some(payload))
}

/// A connection of its own (not a slot of the request pool, which may be
/// a single one), for a session that holds it.
fn own_connection(db: &DatabaseConnection) -> sea_orm::sqlx::PgPool {
    let options = db.get_postgres_connection_pool().connect_options();
    PgPoolOptions::new()
        .max_connections(1)
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_lazy_with((*options).clone())
}

/// Whether this process hears the other processes' changes, told to what
/// keeps copies that only hold while it does (token versions, reference
/// tables).
pub type Listening = Arc<dyn Fn(bool) + Send + Sync>;

/// Listen for other processes' changes until shutdown, reconnecting after a
/// lost connection; acknowledge the changes of what every process keeps
/// once the bus's observers have forgotten it.
pub async fn listen(
    db: DatabaseConnection,
    bus: ChangeBus,
    listening: Listening,
    mut stopping: watch::Receiver<bool>,
) {
    if db.get_database_backend() != DatabaseBackend::Postgres {
        return;
    }
    let own = own_connection(&db);
    loop {
        let session = async {
            let mut listener = PgListener::connect_with(&own).await?;
            listener.listen(CHANNEL).await?;
            // Named once listening, so a revoking writer that counts it
            // can count on its acknowledgement.
            sea_orm::sqlx::query("SELECT set_config('application_name', $1, false)")
                .bind(LISTENER_NAME)
                .execute(&mut listener)
                .await?;
            listening(true);
            tracing::debug!("listening for changes of other processes");
            loop {
                let notification = listener.recv().await?;
                match serde_json::from_str::<Notice>(notification.payload()) {
                    Ok(notice) => {
                        if notice.origin != bus.origin() {
                            bus.publish(notice.changes);
                        }
                        if let Some(nonce) = notice.nonce {
                            sea_orm::sqlx::query("SELECT pg_notify($1, $2)")
                                .bind(ACKS)
                                .bind(format!("{nonce}:{}", bus.origin()))
                                .execute(&mut listener)
                                .await?;
                        }
                    }
                    Err(err) => tracing::warn!(error = %err, "unreadable change notification"),
                }
            }
            #[allow(unreachable_code)]
            Ok::<(), sea_orm::sqlx::Error>(())
        };
        tokio::select! {
            result = session => {
                listening(false);
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

/// The acknowledgements of one revoking write, listened for before it
/// commits.
pub struct Acks {
    nonce: u64,
    listener: PgListener,
}

impl Acks {
    /// Listen for the acknowledgements of a write about to revoke tokens;
    /// none on SQLite, or when listening fails (the write goes on; other
    /// processes still hear of it, a notification later).
    pub async fn prepare(db: &DatabaseConnection) -> Option<Acks> {
        if db.get_database_backend() != DatabaseBackend::Postgres {
            return None;
        }
        let listening = async {
            let mut listener = PgListener::connect_with(&own_connection(db)).await?;
            listener.listen(ACKS).await?;
            Ok::<_, sea_orm::sqlx::Error>(listener)
        };
        match listening.await {
            Ok(listener) => Some(Acks {
                nonce: random_nonce(),
                listener,
            }),
            Err(err) => {
                tracing::warn!(error = %err, "cannot listen for acknowledgements of a revocation");
                None
            }
        }
    }

    /// Wait, after the commit, until every listening process has
    /// acknowledged, or `ACK_WAIT` has passed.
    pub async fn wait(mut self, db: &DatabaseConnection) {
        let pool = db.get_postgres_connection_pool();
        let expected: i64 = match sea_orm::sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
        )
        .bind(LISTENER_NAME)
        .fetch_one(pool)
        .await
        {
            Ok(n) => n,
            Err(err) => {
                tracing::warn!(error = %err, "cannot count the processes to acknowledge a revocation");
                return;
            }
        };
        let prefix = format!("{}:", self.nonce);
        let mut heard = HashSet::new();
        let all = async {
            while (heard.len() as i64) < expected {
                let Ok(notification) = self.listener.recv().await else {
                    return;
                };
                if let Some(origin) = notification.payload().strip_prefix(&prefix) {
                    heard.insert(origin.to_owned());
                }
            }
        };
        if tokio::time::timeout(ACK_WAIT, all).await.is_err() {
            tracing::warn!(
                expected,
                "not every server process acknowledged a revocation in time"
            );
        }
    }
}

fn random_nonce() -> u64 {
    let mut bytes = [0u8; 8];
    // Without the system's generator, a clock's nanoseconds still tell
    // two writes apart.
    if getrandom::fill(&mut bytes).is_err() {
        return chrono::Utc::now()
            .timestamp_nanos_opt()
            .unwrap_or_default()
            .unsigned_abs();
    }
    u64::from_le_bytes(bytes)
}
