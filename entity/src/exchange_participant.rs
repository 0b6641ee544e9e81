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
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::international_exchange::Entity",
        from = "Column::ExchangeId",
        to = "super::international_exchange::Column::Id"
    )]
    InternationalExchange,
    #[sea_orm(
        belongs_to = "super::volunteer::Entity",
        from = "Column::VolunteerId",
        to = "super::volunteer::Column::Id"
    )]
    Volunteer,
}

impl Related<super::international_exchange::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::InternationalExchange.def()
    }
}

impl Related<super::volunteer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Volunteer.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
