//! `password_reset`: a one-time code that sets an account's password,
//! sent by e-mail or issued by a coordinator. Only a keyed hash of the
//! code is kept; a code works once, before it expires.
use crate::enums::ResetKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "password_reset")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: i64,
    /// HMAC-SHA-256 of the code, hex.
    pub code_hash: String,
    pub kind: ResetKind,
    /// Who issued it (`user:<id>`, or `system:password-reset` for e-mail).
    pub issued_by: String,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
