//! How every change to the register is made: one transaction per
//! operation, an audit record in that same transaction, domain events
//! published after commit, and idempotent replays of keyed retries.
//!
//! Concurrency: on SQLite a write transaction starts `IMMEDIATE`, taking the
//! database's single write lock before its first read, so two writers can
//! never both read "one place left" and both take it. On PostgreSQL
//! transactions run at READ COMMITTED and each operation locks the rows its
//! decision depends on (`SELECT … FOR UPDATE`: the volunteer, the event, the
//! participation), always in that order so two writers cannot deadlock.

use crate::domain::caller::Caller;
use crate::domain::changes::{Change, ChangeBus, Subject};
use crate::domain::clock::Clock;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::idempotency::{self, IdempotencyKey};
use crate::domain::time::kz_date;
use crate::fanout::announcer::Announcer;
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};
use entity::audit_log;
use futures_util::future::BoxFuture;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryTrait, Set, SqliteTransactionMode, Statement, TransactionOptions,
    TransactionTrait, Value, Values,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::sync::Arc;

/// The tunable rules of the register, from configuration.
#[derive(Clone, Debug)]
pub struct Rules {
    /// Youngest age, in whole years on the registration date.
    pub min_age: i32,
    /// Key of the IIN hash (and of idempotency fingerprints).
    pub secret: Vec<u8>,
    /// How long an idempotency key keeps its first result.
    pub idempotency_ttl: chrono::Duration,
    /// How far before an event's start a check-in, and after its end a
    /// check-out, is still accepted (volunteers arrive early to set up).
    pub attendance_grace: chrono::Duration,
    /// Password-reset codes and sign-in locks.
    pub accounts: AccountRules,
}

/// The tunable rules of accounts.
#[derive(Clone, Debug)]
pub struct AccountRules {
    /// How long a password-reset code works.
    pub reset_code_ttl: chrono::Duration,
    /// Failed sign-ins for one name within `lock_for` that lock it.
    pub lock_after: u32,
    /// How long failures count, and a locked name stays locked after its
    /// last failure.
    pub lock_for: chrono::Duration,
}

impl Default for AccountRules {
    fn default() -> Self {
        AccountRules {
            reset_code_ttl: chrono::Duration::minutes(30),
            lock_after: 10,
            lock_for: chrono::Duration::minutes(15),
        }
    }
}

/// Starts write operations; one per server, shared by all requests.
#[derive(Clone)]
pub struct Writer {
    db: DatabaseConnection,
    bus: ChangeBus,
    rules: Arc<Rules>,
    clock: Clock,
    /// The server's sender of changes to the other processes, after the
    /// commit; without one (a command-line run, which ends with its write)
    /// the changes are announced inside the transaction.
    announcer: Option<Announcer>,
}

/// Who asks for a write and how it is labelled in the audit log.
pub struct Operation {
    pub caller: Caller,
    /// The mutation's name, e.g. `registerVolunteer`.
    pub name: &'static str,
    /// Summary of the input for the audit log, personal values masked.
    pub summary: serde_json::Value,
    pub request_id: Option<String>,
    /// The client's idempotency key and the fingerprint of its input.
    pub idempotency: Option<IdempotencyKey>,
}

/// One write in progress: its transaction and what it will announce.
pub struct Write {
    pub tx: DatabaseTransaction,
    pub now: DateTime<Utc>,
    pub rules: Arc<Rules>,
    caller: Caller,
    operation: &'static str,
    summary: serde_json::Value,
    request_id: Option<String>,
    changes: Vec<Change>,
    /// Audit entries written at commit (`record_last`).
    last: Vec<audit_log::ActiveModel>,
}

impl Writer {
    pub fn new(db: DatabaseConnection, bus: ChangeBus, rules: Rules, clock: Clock) -> Self {
        Writer {
            db,
            bus,
            rules: Arc::new(rules),
            clock,
            announcer: None,
        }
    }

    /// Announce changes to the other processes through `announcer`, after
    /// the commit, except those that must hold everywhere before the write
    /// answers (`commit`).
    pub fn announcing_through(mut self, announcer: Option<Announcer>) -> Self {
        self.announcer = announcer;
        self
    }

    /// The application's clock, which reads use too.
    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn bus(&self) -> &ChangeBus {
        &self.bus
    }

    /// Run `work` as one transaction. On success the audit record, the
    /// idempotency record and the changes are committed together; on any
    /// error nothing is written (except a refusal kept for its idempotency
    /// key, so a retry gets the same answer).
    pub async fn run<R, F>(&self, op: Operation, work: F) -> DomainResult<R>
    where
        R: Serialize + DeserializeOwned + Send,
        F: for<'w> FnOnce(&'w mut Write) -> BoxFuture<'w, DomainResult<R>>,
    {
        ensure_may_write(&op)?;
        let mut write = self.begin(&op).await?;
        if let Some(key) = &op.idempotency
            && let Some(replayed) = idempotency::find(&write.tx, &op.caller, key, write.now).await?
        {
            write.tx.rollback().await?;
            return replayed;
        }
        match work(&mut write).await {
            Ok(result) => {
                if let Some(key) = &op.idempotency {
                    let kept = idempotency::keep(&write, key, Ok(&result)).await?;
                    if !kept {
                        // A concurrent request with the same key committed
                        // first: answer as it did.
                        write.tx.rollback().await?;
                        return idempotency::replay_committed(&self.db, &op.caller, key, write.now)
                            .await;
                    }
                }
                self.commit(write).await?;
                Ok(result)
            }
            Err(err) => {
                write.tx.rollback().await?;
                if let (Some(key), Some(stored)) = (&op.idempotency, err.to_stored()) {
                    let keep_refusal = self.begin(&op).await?;
                    if idempotency::keep::<R>(&keep_refusal, key, Err(&stored)).await? {
                        keep_refusal.tx.commit().await?;
                    }
                }
                Err(err)
            }
        }
    }

    /// Run `work` as one transaction that `work` itself decides to keep
    /// or discard (a dry run, a file refused as a whole), answering its
    /// result either way. No idempotency: such work is repeatable by what
    /// it writes (an import's row fingerprints).
    pub async fn run_or_discard<R, F>(&self, op: Operation, work: F) -> DomainResult<R>
    where
        R: Send,
        F: for<'w> FnOnce(&'w mut Write) -> BoxFuture<'w, DomainResult<Kept<R>>>,
    {
        ensure_may_write(&op)?;
        let mut write = self.begin(&op).await?;
        match work(&mut write).await {
            Ok(Kept::Commit(result)) => {
                self.commit(write).await?;
                Ok(result)
            }
            Ok(Kept::Discard(result)) => {
                write.tx.rollback().await?;
                Ok(result)
            }
            Err(err) => {
                write.tx.rollback().await?;
                Err(err)
            }
        }
    }

    /// Commit `write` and announce its changes.
    async fn commit(&self, mut write: Write) -> DomainResult<()> {
        let changes = std::mem::take(&mut write.changes);
        // On PostgreSQL the changes also go to the other server processes.
        // A revocation, or a change of the reference tables, holds in every
        // process before the write answers: it is announced in the
        // transaction (NOTIFY is delivered only if it commits) and
        // acknowledged (`fanout::Acks`). Any other change goes to the
        // process's sender after the commit, which keeps notifying writes
        // from committing one at a time (`fanout::announcer`), unless this
        // process does not listen: the others would not notice it go with
        // changes unsent (`fanout::departures`).
        let revoking = changes.iter().any(|c| c.subject.kept_in_memory());
        if let Some(announcer) =
            (self.announcer.as_ref()).filter(|announcer| !revoking && announcer.is_listening())
        {
            let last = std::mem::take(&mut write.last);
            write_last(&write.tx, last, None).await?;
            write.tx.commit().await?;
            self.bus.publish(changes.clone());
            announcer.announce(changes);
            return Ok(());
        }
        let acks = if revoking {
            crate::fanout::Acks::prepare(&self.db).await
        } else {
            None
        };
        let announcement = crate::fanout::announcement(
            write.tx.get_database_backend(),
            self.bus.origin(),
            acks.as_ref(),
            &changes,
        )?;
        let last = std::mem::take(&mut write.last);
        write_last(&write.tx, last, announcement).await?;
        write.tx.commit().await?;
        self.bus.publish(changes);
        if let Some(acks) = acks {
            acks.wait(&self.db).await;
        }
        Ok(())
    }

    async fn begin(&self, op: &Operation) -> DomainResult<Write> {
        let tx = self
            .db
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await?;
        Ok(Write {
            tx,
            now: self.clock.now(),
            rules: self.rules.clone(),
            caller: op.caller.clone(),
            operation: op.name,
            summary: op.summary.clone(),
            request_id: op.request_id.clone(),
            changes: Vec::new(),
            last: Vec::new(),
        })
    }
}

/// The audit entries of `record_last` and the announcement to the other
/// processes when it is sent in the transaction, in one statement when
/// there are both: on PostgreSQL the INSERT runs in a `WITH` whose query
/// sends the notification.
async fn write_last(
    tx: &DatabaseTransaction,
    entries: Vec<audit_log::ActiveModel>,
    announcement: Option<String>,
) -> DomainResult<()> {
    let notify =
        |payload: String| -> Vec<Value> { vec![crate::fanout::CHANNEL.into(), payload.into()] };
    if entries.is_empty() {
        if let Some(payload) = announcement {
            tx.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                notify(payload),
            ))
            .await?;
        }
        return Ok(());
    }
    let mut insert = audit_log::Entity::insert_many(entries).build(tx.get_database_backend());
    if let Some(payload) = announcement {
        let values = &mut insert.values.get_or_insert_with(|| Values(Vec::new())).0;
        let n = values.len();
        insert.sql = format!(
            "WITH audit AS ({}) SELECT pg_notify(${}, ${})",
            insert.sql,
            n + 1,
            n + 2
        );
        values.extend(notify(payload));
    }
    tx.execute_raw(insert).await?;
    Ok(())
}

/// Whether `run_or_discard` commits the work's changes.
pub enum Kept<R> {
    Commit(R),
    Discard(R),
}

/// Anonymous callers and analysts change nothing, but analysts change their
/// own password.
fn ensure_may_write(op: &Operation) -> DomainResult<()> {
    let caller = &op.caller;
    if op.name == "changePassword" && caller.is_signed_in() {
        return Ok(());
    }
    if !caller.is_signed_in() {
        return Err(DomainError::forbidden(msg!("sign-in-to-change")));
    }
    if caller.role() == Some(entity::Role::Analyst) {
        return Err(DomainError::forbidden(msg!("analysts-read-only")));
    }
    Ok(())
}

impl Write {
    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// The operation's date in Kazakhstan.
    pub fn today(&self) -> NaiveDate {
        kz_date(self.now)
    }

    /// Record in the audit log that this operation changed `entity` number
    /// `id`; `detail` adds what the input does not say (e.g. a status
    /// before and after).
    pub async fn audit(
        &self,
        entity: &str,
        id: i64,
        detail: Option<serde_json::Value>,
    ) -> DomainResult<()> {
        self.audit_entry(entity, id, detail)
            .insert(&self.tx)
            .await?;
        Ok(())
    }

    /// The audit log's entry of this operation's change to `entity` number
    /// `id`.
    fn audit_entry(
        &self,
        entity: &str,
        id: i64,
        detail: Option<serde_json::Value>,
    ) -> audit_log::ActiveModel {
        let mut summary = self.summary.clone();
        if let (Some(map), Some(detail)) = (summary.as_object_mut(), detail) {
            map.insert("detail".into(), detail);
        }
        audit_log::ActiveModel {
            at: Set(self.now),
            actor: Set(self.caller.audit_name()),
            action: Set(self.operation.to_owned()),
            entity: Set(entity.to_owned()),
            entity_id: Set(Some(id.to_string())),
            summary: Set(summary.to_string()),
            request_id: Set(self.request_id.clone()),
            ..Default::default()
        }
    }

    /// Announce, once committed, that `subject` number `id` changed.
    pub fn changed(&mut self, subject: Subject, id: i64) {
        self.changes.push(Change {
            subject,
            id,
            action: self.operation.to_owned(),
            at: self.now,
        });
    }

    /// Audit and announce in one call, for the common case.
    pub async fn record(
        &mut self,
        subject: Subject,
        entity: &str,
        id: i64,
        detail: Option<serde_json::Value>,
    ) -> DomainResult<()> {
        self.audit(entity, id, detail).await?;
        self.changed(subject, id);
        Ok(())
    }

    /// Audit and announce like `record`, the audit entry written at commit
    /// (in one statement with the announcement to the other processes when
    /// that is sent in the transaction). For
    /// a write's last change only: nothing after it in the transaction may
    /// read the audit log or roll back to a savepoint.
    pub fn record_last(
        &mut self,
        subject: Subject,
        entity: &str,
        id: i64,
        detail: Option<serde_json::Value>,
    ) {
        let entry = self.audit_entry(entity, id, detail);
        self.last.push(entry);
        self.changed(subject, id);
    }

    /// `record` for many records at once: one statement for their audit
    /// entries (an import's rows).
    pub async fn record_many(
        &mut self,
        subject: Subject,
        entity: &str,
        ids: &[i64],
    ) -> DomainResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        audit_log::Entity::insert_many(ids.iter().map(|&id| self.audit_entry(entity, id, None)))
            .exec(&self.tx)
            .await?;
        for &id in ids {
            self.changed(subject, id);
        }
        Ok(())
    }
}

/// Refuse when `condition` does not hold.
pub fn ensure(condition: bool, err: impl FnOnce() -> DomainError) -> DomainResult<()> {
    if condition { Ok(()) } else { Err(err()) }
}
