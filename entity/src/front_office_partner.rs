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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::front_office::Entity",
        from = "Column::FrontOfficeId",
        to = "super::front_office::Column::Id"
    )]
    FrontOffice,
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
}

impl Related<super::front_office::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FrontOffice.def()
    }
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
