//! Which tokens still work: every account has a token version, carried by
//! the tokens it is issued; changing its role, regions or volunteer,
//! disabling it or resetting its password bumps the version, and a token
//! of an older version (or of a disabled account) is refused at the next
//! request.
//!
//! Checking costs no statement per request: the versions of the accounts
//! seen lately are kept in memory (`moka`, bounded), and kept exact by the
//! change bus. A write that revokes tokens announces an `Account` change
//! after it commits; `forget` drops the account's entry synchronously,
//! before the writer's request answers, so this process's next request
//! reads the account anew. Other processes on the same PostgreSQL
//! database hear the change through `fanout` (LISTEN/NOTIFY), and the
//! revoking write waits until each of them has dropped the entry
//! (`fanout::Acks`), so the next request anywhere is refused. While a
//! process is not listening (starting, or its notification connection
//! lost) it trusts nothing it keeps and reads the account on every
//! request, which is exact too.
//!
//! On SQLite the server is the only process serving the file, but the
//! command line (`frontoffice user disable` …) may write to it meanwhile:
//! a background task reads the greatest token version of all accounts
//! every second (an indexed read; versions only grow, see
//! `domain::accounts::revoke_tokens`) and forgets everything when it moved.
//!
//! A miss reads the account by primary key. A read that a change overtook
//! is used for its request but not kept (`generation`), so a stale version
//! is never cached.

use crate::auth::TokenError;
use crate::auth::revocation::Refusal;
use crate::domain::caller::Caller;
use crate::domain::changes::{Change, Subject};
use entity::account;
use sea_orm::{DatabaseBackend, DatabaseConnection, EntityTrait, QuerySelect};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::watch;

/// Accounts whose versions are kept; beyond it the least used go first.
const CAPACITY: u64 = 100_000;

/// What a request needs of its account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct State {
    version: i64,
    disabled: bool,
}

/// The token versions of the accounts seen lately, shared by the requests
/// of one server process.
pub struct TokenVersions {
    kept: moka::sync::Cache<i64, State>,
    /// Bumped by every `forget`, under its lock with the keeping of a read,
    /// so a read overtaken by a change is not kept.
    generation: Mutex<u64>,
    /// Whether what is kept can be trusted: always on SQLite; on
    /// PostgreSQL while this process listens for other processes' changes.
    trusted: AtomicBool,
}

impl TokenVersions {
    /// The versions of a server on `backend`.
    pub fn new(backend: DatabaseBackend) -> Arc<Self> {
        Arc::new(TokenVersions {
            kept: moka::sync::Cache::new(CAPACITY),
            generation: Mutex::new(0),
            trusted: AtomicBool::new(backend != DatabaseBackend::Postgres),
        })
    }

    fn generation(&self) -> std::sync::MutexGuard<'_, u64> {
        self.generation
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `caller` if its token is still its account's; refused otherwise.
    pub async fn check(&self, db: &DatabaseConnection, caller: Caller) -> Result<Caller, Refusal> {
        let Some(principal) = caller.principal() else {
            return Ok(caller);
        };
        let id = principal.account_id;
        let trusted = self.trusted.load(Ordering::Acquire);
        let state = match self.kept.get(&id).filter(|_| trusted) {
            Some(state) => state,
            None => {
                let seen = *self.generation();
                let state = read(db, id).await.map_err(Refusal::Unchecked)?;
                let generation = self.generation();
                if *generation == seen && self.trusted.load(Ordering::Acquire) {
                    self.kept.insert(id, state);
                }
                state
            }
        };
        if state.disabled {
            Err(Refusal::Token(TokenError::Revoked))
        } else if state.version != principal.token_version {
            Err(Refusal::Token(TokenError::Superseded))
        } else {
            Ok(caller)
        }
    }

    /// Drop what is kept of the accounts `changes` name (id 0: all).
    pub fn forget(&self, changes: &[Change]) {
        let accounts: Vec<i64> = changes
            .iter()
            .filter(|c| c.subject == Subject::Account)
            .map(|c| c.id)
            .collect();
        if accounts.is_empty() {
            return;
        }
        let mut generation = self.generation();
        *generation += 1;
        if accounts.contains(&0) {
            self.kept.invalidate_all();
        } else {
            for id in accounts {
                self.kept.invalidate(&id);
            }
        }
    }

    /// Whether this process hears every change of the other processes now
    /// (PostgreSQL's notifications); what was kept before is forgotten
    /// either way, as changes may have been missed.
    pub fn set_listening(&self, listening: bool) {
        let mut generation = self.generation();
        *generation += 1;
        self.kept.invalidate_all();
        self.trusted.store(listening, Ordering::Release);
    }
}

/// The account's version and state; an account that does not exist (a
/// token signed with our key names accounts that exist: accounts are never
/// deleted) is taken as enabled at version 0.
async fn read(db: &DatabaseConnection, id: i64) -> Result<State, sea_orm::DbErr> {
    let row: Option<(i64, Option<chrono::DateTime<chrono::Utc>>)> = account::Entity::find_by_id(id)
        .select_only()
        .column(account::Column::TokenVersion)
        .column(account::Column::DisabledAt)
        .into_tuple()
        .one(db)
        .await?;
    Ok(match row {
        Some((version, disabled)) => State {
            version,
            disabled: disabled.is_some(),
        },
        None => State {
            version: 0,
            disabled: false,
        },
    })
}

/// On SQLite, forget everything whenever the greatest token version moved
/// (a revocation by another process on the file: the command line), every
/// second until shutdown. Read on the pool directly, outside the statement
/// count of requests.
pub async fn follow_sqlite(
    db: DatabaseConnection,
    versions: Arc<TokenVersions>,
    mut stopping: watch::Receiver<bool>,
) {
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return;
    }
    let pool = db.get_sqlite_connection_pool().clone();
    let greatest = || async {
        sea_orm::sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(token_version) FROM account")
            .fetch_one(&pool)
            .await
            .ok()
            .flatten()
    };
    let mut last = greatest().await;
    let mut every = tokio::time::interval(Duration::from_secs(1));
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = every.tick() => {
                let now = greatest().await;
                if now != last {
                    last = now;
                    versions.forget(&[Change {
                        subject: Subject::Account,
                        id: 0,
                        action: "revoked-elsewhere".into(),
                        at: chrono::Utc::now(),
                    }]);
                }
            }
            _ = async { let _ = stopping.wait_for(|s| *s).await; } => return,
        }
    }
}
