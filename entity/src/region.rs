//! `region`: the 20 first-level units of Kazakhstan, keyed by ISO 3166-2:KZ code.
use crate::enums::RegionKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "region")]
pub struct Model {
    /// ISO 3166-2:KZ code, e.g. `KZ-71`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub code: String,
    pub kind: RegionKind,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::volunteer::Entity")]
    Volunteer,
    #[sea_orm(has_many = "super::event::Entity")]
    Event,
    #[sea_orm(has_many = "super::family::Entity")]
    Family,
    #[sea_orm(has_many = "super::front_office::Entity")]
    FrontOffice,
    #[sea_orm(has_many = "super::account_region::Entity")]
    AccountRegion,
}

impl Related<super::volunteer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Volunteer.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::family::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Family.def()
    }
}

impl Related<super::front_office::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FrontOffice.def()
    }
}

impl Related<super::account_region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AccountRegion.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}

/// The codes of the 20 regions (ISO 3166-2:KZ), as the migrations ship them.
pub const CODES: [&str; 20] = [
    "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35", "KZ-39",
    "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71", "KZ-75", "KZ-79",
];
