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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionCode",
        to = "super::region::Column::Code"
    )]
    Region,
    #[sea_orm(has_many = "super::project::Entity")]
    Project,
    #[sea_orm(has_many = "super::front_office_partner::Entity")]
    FrontOfficePartner,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::front_office_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FrontOfficePartner.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
