//! `front_office`: the republican office (exactly one) and one per region.
use crate::enums::FrontOfficeKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "front_office")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: FrontOfficeKind,
    /// NULL exactly for the republican office.
    pub region_code: Option<String>,
    pub name: String,
    pub opened_on: Date,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
