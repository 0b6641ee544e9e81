//! `idempotency_key`: stored first results of keyed mutations.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idempotency_key")]
pub struct Model {
    /// The caller the key belongs to (audit name).
    #[sea_orm(primary_key, auto_increment = false)]
    pub caller: String,
    /// The client's key (`clientMutationId`), at most 255 characters.
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    /// The mutation's name.
    pub operation: String,
    /// SHA-256 of the mutation's input, to refuse a reused key.
    pub request_hash: String,
    /// The first result as JSON (payload or error).
    pub response: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
