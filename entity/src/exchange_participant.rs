//! `exchange_participant`: registered volunteers taking part in an exchange.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "exchange_participant")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub exchange_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub volunteer_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
