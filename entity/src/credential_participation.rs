//! `credential_participation`: a participation a credential certifies and
//! the minutes it certified of it.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "credential_participation")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub credential_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub participation_id: i64,
    pub minutes: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
