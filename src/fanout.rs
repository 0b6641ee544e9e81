//! Committed changes crossing between server processes through PostgreSQL
//! itself (LISTEN/NOTIFY), so several stateless processes on one database
//! keep every live subscription current without another service.
//!
//! Each process listens on the channel and republishes what other
//! processes committed onto its own change bus. A write announces its
//! changes after its commit, through the process's one sender
//! (`announcer`), which packs the changes of many commits into few
//! notifications: PostgreSQL commits notifying transactions one at a time,
//! so a `pg_notify` in every write would hold all writes to one commit at a
//! time. Notifications are small (ids only); one change too large for
//! PostgreSQL's 8000-byte payload limit, or a backlog too large to name,
//! is announced as a bare "something changed", which is all a live
//! statistic needs. A process that goes away between a commit and its
//! announcement is noticed by the others, which then compute their figures
//! anew (`departures`: within two seconds of its session's end). With
//! SQLite (one process) there is nothing to do.
//!
//! A change that revokes tokens (`Subject::Account`), or changes the
//! reference tables every process keeps, must hold in every process at the
//! writing request's answer, not a notification later. Its writer adds
//! `pg_notify` to its transaction (delivered on commit only), in the
//! statement of its last audit entry when it has one (`write`), listens for
//! acknowledgements before it commits (`Acks`), and after the commit waits
//! until every process listening on the database (their notification
//! sessions, named `frontoffice-changes` in `pg_stat_activity`) has
//! acknowledged it, each after dropping what it kept of the account; at
//! most `ACK_WAIT`, for a process that hangs.

pub mod announcer;
pub mod departures;

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
/// writer counts and every listener watches for departures.
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

/// A notice of no changes from `origin`, as JSON: the hello a listening
/// session introduces itself with (`departures`), and the frame the sender
/// fills with changes (`announcer::notifications`).
fn empty_notice(origin: u64) -> String {
    serde_json::to_string(&Notice {
        origin,
        nonce: None,
        changes: Vec::new(),
    })
    .expect("a number and an empty list always serialize")
}

/// The notification announcing `changes` to the other processes from
/// inside the writer's transaction (a revoking write's, or a write of a
/// command-line run, which has no sender of its own), sent as
/// `pg_notify(CHANNEL, payload)` and so delivered on commit only; none on
/// SQLite or without changes.
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
        let mut something = vec![something_changed("many", changes[0].at)];
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

/// The change that names nothing: every cache that catches up with changes
/// computes anew instead (`statistics::changed`), every live subscription
/// reads again.
fn something_changed(action: &str, at: chrono::DateTime<chrono::Utc>) -> Change {
    Change {
        subject: Subject::Event,
        id: 0,
        action: action.into(),
        at,
    }
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

/// Listen for other processes' changes until `stopping` (at shutdown, once
/// this process's own announcements are out), reconnecting after a lost
/// connection; acknowledge the changes of what every process keeps once the
/// bus's observers have forgotten it; watch for processes that go away
/// (`departures`).
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
    // Whether a session was lost: its notifications, and processes that
    // went away meanwhile, went unheard.
    let mut lost = false;
    loop {
        let session = async {
            let mut listener = PgListener::connect_with(&own).await?;
            // A lost connection ends the session (below) rather than being
            // replaced unnamed behind its back.
            listener.eager_reconnect(false);
            listener.listen(CHANNEL).await?;
            // Named once listening, so a revoking writer that counts it
            // can count on its acknowledgement.
            sea_orm::sqlx::query("SELECT set_config('application_name', $1, false)")
                .bind(LISTENER_NAME)
                .execute(&mut listener)
                .await?;
            // Introduce the session to the other processes, which then
            // notice its end even if it comes before they next look
            // (`departures`).
            sea_orm::sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(empty_notice(bus.origin()))
                .execute(&mut listener)
                .await?;
            let mut sessions = departures::Sessions::default();
            sessions.departed(departures::listening(&mut listener).await?);
            if lost {
                // What other processes announced meanwhile, or took with
                // them, is committed by now: computing anew catches up.
                bus.publish([something_changed("reconnected", chrono::Utc::now())]);
            }
            listening(true);
            tracing::debug!("listening for changes of other processes");
            let mut look = tokio::time::interval(departures::EVERY);
            look.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            look.reset();
            loop {
                // `try_recv` keeps no half-read message when the look comes
                // first (it takes whole messages only). Unlike `recv`, it
                // tells of a lost connection, after which the session is
                // set up anew (named, introduced), not silently.
                let notification = tokio::select! {
                    notification = listener.try_recv() => match notification? {
                        Some(notification) => notification,
                        None => return Err(sea_orm::sqlx::Error::Io(std::io::ErrorKind::ConnectionAborted.into())),
                    },
                    _ = look.tick() => {
                        let now = departures::listening(&mut listener).await?;
                        if sessions.departed(now) {
                            tracing::info!("a server process stopped listening; computing cached figures anew");
                            bus.publish([something_changed("departed", chrono::Utc::now())]);
                        }
                        continue;
                    }
                };
                match serde_json::from_str::<Notice>(notification.payload()) {
                    Ok(notice) => {
                        if notice.origin != bus.origin() {
                            if notice.changes.is_empty() {
                                sessions.heard(notification.process_id());
                            } else {
                                bus.publish(notice.changes);
                            }
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
                    // Something may have changed meanwhile: tell listeners
                    // now, and again once listening (above).
                    bus.publish([something_changed("reconnected", chrono::Utc::now())]);
                    lost = true;
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
