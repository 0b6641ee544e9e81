//! `event`: an event, action or raid, with its level, place and time.
use crate::enums::{ActivityType, EventKind, EventLevel, EventStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    pub kind: EventKind,
    pub level: EventLevel,
    pub activity_type: ActivityType,
    /// Hazardous work: closed to volunteers under 18 whatever the activity.
    pub hazardous: bool,
    pub project_id: Option<i64>,
    pub region_code: String,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub capacity: Option<i32>,
    pub status: EventStatus,
    /// The title case-folded for search (see `fold` in the server).
    pub search_title: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::project::Entity",
        from = "Column::ProjectId",
        to = "super::project::Column::Id"
    )]
    Project,
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionCode",
        to = "super::region::Column::Code"
    )]
    Region,
    #[sea_orm(has_many = "super::participation::Entity")]
    Participation,
    #[sea_orm(has_many = "super::beneficiaries_served::Entity")]
    BeneficiariesServed,
}

impl Related<super::project::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Project.def()
    }
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl Related<super::participation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Participation.def()
    }
}

impl Related<super::beneficiaries_served::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::BeneficiariesServed.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
