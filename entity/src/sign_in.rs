//! `sign_in`: one sign-in attempt: when, which account (none when the
//! name is no account's), from which client address, and its outcome.
//! The name tried is kept only as a keyed hash, so failures count per
//! name, existing or not, without keeping what was typed.
use crate::enums::SignInOutcome;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_in")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    pub account_id: Option<i64>,
    /// HMAC-SHA-256 of the lower-cased name tried, hex.
    pub name_key: String,
    pub client_address: Option<String>,
    pub outcome: SignInOutcome,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
