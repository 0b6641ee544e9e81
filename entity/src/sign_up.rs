//! `sign_up`: a volunteer's own sign-up, kept beside its PENDING record
//! until a coordinator confirms it: the account it made, and for a minor
//! the guardian account asked to confirm the link or the legal
//! representative named for the coordinator to record.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sign_up")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub volunteer_id: i64,
    pub account_id: i64,
    pub signed_up_at: DateTimeUtc,
    /// The adult volunteer's account asked to confirm it is the minor's
    /// guardian (or that signed the child up itself).
    pub guardian_account_id: Option<i64>,
    /// When that account confirmed (the minor then joined its family).
    pub guardian_confirmed_at: Option<DateTimeUtc>,
    /// A legal representative named by the minor, for the coordinator to
    /// record with the consent's date.
    pub representative_name: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
