//! Reading the rows a rule depends on, inside a write's transaction.
//!
//! `locked` reads take the row lock (`FOR UPDATE`) on PostgreSQL, so the
//! decision made on them still holds at commit; SQLite's `IMMEDIATE`
//! transactions already hold the whole database (see `write`).

use crate::domain::error::{DomainError, DomainResult};
use crate::msg;
use entity::region;
use sea_orm::{ConnectionTrait, EntityTrait, PrimaryKeyTrait, QuerySelect};

/// The row `id` of `E`, or NOT_FOUND naming `what`.
pub async fn get<E>(
    db: &impl ConnectionTrait,
    id: i64,
    what: &'static str,
) -> DomainResult<E::Model>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i64>,
{
    E::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found(what))
}

/// Like `get`, holding the row until the transaction ends.
pub async fn locked<E>(
    db: &impl ConnectionTrait,
    id: i64,
    what: &'static str,
) -> DomainResult<E::Model>
where
    E: EntityTrait,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i64>,
{
    E::find_by_id(id)
        .lock_exclusive()
        .one(db)
        .await?
        .ok_or_else(|| DomainError::not_found(what))
}

/// A region code that exists, or VALIDATION on `field`.
pub async fn region_code(
    db: &impl ConnectionTrait,
    code: &str,
    field: &str,
) -> DomainResult<String> {
    let code = code.trim().to_uppercase();
    match region::Entity::find_by_id(code.clone()).one(db).await? {
        Some(_) => Ok(code),
        None => Err(DomainError::validation(
            field,
            msg!("not-a-region", code = &code),
        )),
    }
}
