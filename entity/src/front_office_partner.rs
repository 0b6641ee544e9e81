//! `front_office_partner`: which organizations partner a front office, since when.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "front_office_partner")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub front_office_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organization_id: i64,
    pub since: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
