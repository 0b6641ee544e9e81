//! Idempotency keys for retried writes (mobile clients on flaky networks).
//!
//! A client may send a key with a write. The first result under that key,
//! success or refusal, is kept for a configurable time; a retry with the
//! same key and the same input gets that result again without writing, and
//! the same key with another input is refused. Keys belong to a caller, so
//! two callers cannot collide.
//!
//! A success is kept in the write's own transaction, so the key exists iff
//! the write committed. The result kept is the operation's return value
//! (ids of what it changed); the payload is read afresh from those ids.

use crate::domain::caller::Caller;
use crate::domain::error::{DomainError, DomainResult, StoredError};
use crate::domain::write::Write;
use crate::msg;
use chrono::{DateTime, Utc};
use entity::idempotency_key;
use hmac::{Hmac, Mac};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// Longest key accepted, in characters.
pub const MAX_KEY_CHARS: usize = 255;

/// A client's key with the fingerprint of the input it came with.
#[derive(Clone, Debug)]
pub struct IdempotencyKey {
    pub key: String,
    pub operation: &'static str,
    pub fingerprint: String,
}

impl IdempotencyKey {
    /// Check the key and fingerprint the operation and its input (keyed,
    /// as the input may hold personal data).
    pub fn new(
        key: &str,
        operation: &'static str,
        input: &serde_json::Value,
        secret: &[u8],
        field: &str,
    ) -> DomainResult<Self> {
        if key.trim().is_empty() || key.chars().count() > MAX_KEY_CHARS {
            return Err(DomainError::validation(
                field,
                msg!("idempotency-key-length", max = MAX_KEY_CHARS),
            ));
        }
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
        mac.update(operation.as_bytes());
        mac.update(b"\0");
        mac.update(input.to_string().as_bytes());
        Ok(IdempotencyKey {
            key: key.to_owned(),
            operation,
            fingerprint: hex::encode(mac.finalize().into_bytes()),
        })
    }
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
enum Kept<R> {
    Ok(R),
    Refused(StoredError),
}

/// The result kept under `key`, if any and not expired; an error if the key
/// was used for another input.
pub async fn find<R: DeserializeOwned>(
    db: &impl ConnectionTrait,
    caller: &Caller,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> DomainResult<Option<DomainResult<R>>> {
    let row = idempotency_key::Entity::find()
        .filter(idempotency_key::Column::Caller.eq(caller.audit_name()))
        .filter(idempotency_key::Column::Key.eq(&key.key))
        .one(db)
        .await?;
    let Some(row) = row else { return Ok(None) };
    if row.expires_at <= now {
        idempotency_key::Entity::delete_many()
            .filter(idempotency_key::Column::Caller.eq(&row.caller))
            .filter(idempotency_key::Column::Key.eq(&row.key))
            .exec(db)
            .await?;
        return Ok(None);
    }
    if row.request_hash != key.fingerprint {
        return Ok(Some(Err(DomainError::IdempotencyKeyReused {
            message: msg!(
                "idempotency-key-reused",
                key = &key.key,
                operation = &row.operation
            ),
        })));
    }
    let kept: Kept<R> = serde_json::from_str(&row.response)
        .map_err(|e| DomainError::internal("reading an idempotency record", e))?;
    Ok(Some(match kept {
        Kept::Ok(result) => Ok(result),
        Kept::Refused(stored) => Err(DomainError::Replayed(stored)),
    }))
}

/// Keep the result under `key` within `write`'s transaction. False when the
/// key was taken meanwhile by a concurrent request.
pub async fn keep<R: Serialize>(
    write: &Write,
    key: &IdempotencyKey,
    result: Result<&R, &StoredError>,
) -> DomainResult<bool> {
    let kept = match result {
        Ok(r) => serde_json::to_string(&Kept::Ok(r)),
        Err(e) => serde_json::to_string(&Kept::<&R>::Refused(e.clone())),
    }
    .map_err(|e| DomainError::internal("keeping a result with its idempotency key", e))?;
    let row = idempotency_key::ActiveModel {
        caller: Set(write.caller().audit_name()),
        key: Set(key.key.clone()),
        operation: Set(key.operation.to_owned()),
        request_hash: Set(key.fingerprint.clone()),
        response: Set(kept),
        created_at: Set(write.now),
        expires_at: Set(write.now + write.rules.idempotency_ttl),
    };
    let inserted = idempotency_key::Entity::insert(row)
        .on_conflict(
            OnConflict::columns([
                idempotency_key::Column::Caller,
                idempotency_key::Column::Key,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(&write.tx)
        .await?;
    Ok(inserted == 1)
}

/// The result a concurrent request committed under `key`.
pub async fn replay_committed<R: DeserializeOwned>(
    db: &impl ConnectionTrait,
    caller: &Caller,
    key: &IdempotencyKey,
    now: DateTime<Utc>,
) -> DomainResult<R> {
    match find(db, caller, key, now).await? {
        Some(result) => result,
        None => Err(DomainError::conflict(msg!(
            "idempotency-key-in-progress",
            key = &key.key
        ))),
    }
}

/// Forget expired keys; run periodically.
pub async fn sweep(db: &impl ConnectionTrait, now: DateTime<Utc>) -> DomainResult<u64> {
    let deleted = idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}
