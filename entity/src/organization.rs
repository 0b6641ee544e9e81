//! `organization`: partner and volunteer organizations, domestic or foreign.
use crate::enums::OrganizationKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organization")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub kind: OrganizationKind,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::front_office_partner::Entity")]
    FrontOfficePartner,
    #[sea_orm(has_many = "super::international_exchange::Entity")]
    InternationalExchange,
}

impl Related<super::front_office_partner::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FrontOfficePartner.def()
    }
}

impl Related<super::international_exchange::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InternationalExchange.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
