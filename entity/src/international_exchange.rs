//! `international_exchange`: volunteers coming to or going from Kazakhstan.
use crate::enums::ExchangeDirection;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "international_exchange")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub direction: ExchangeDirection,
    /// Partner country, ISO 3166-1 alpha-2 (never `KZ`).
    pub country_code: String,
    pub organization_id: Option<i64>,
    pub event_id: Option<i64>,
    pub starts_on: Date,
    pub ends_on: Date,
    pub foreign_participants: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::organization::Entity",
        from = "Column::OrganizationId",
        to = "super::organization::Column::Id"
    )]
    Organization,
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
    #[sea_orm(has_many = "super::exchange_participant::Entity")]
    ExchangeParticipant,
}

impl Related<super::organization::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Organization.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::exchange_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ExchangeParticipant.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
