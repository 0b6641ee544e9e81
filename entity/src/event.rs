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
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
