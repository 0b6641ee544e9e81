//! `participation`: one volunteer at one event (unique pair).
//!
//! `on_date` is the participation's calendar date in Kazakhstan's time
//! (UTC+5): the date of check-in, or of the event's start before check-in.
//! Statistics group by it, so it is stored rather than recomputed.
use crate::enums::{HoursSource, ParticipationStatus};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "participation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub volunteer_id: i64,
    pub event_id: i64,
    pub status: ParticipationStatus,
    pub registered_at: DateTimeUtc,
    pub checked_in_at: Option<DateTimeUtc>,
    pub checked_out_at: Option<DateTimeUtc>,
    /// Hours worked, in whole minutes (1..=1440): the sum of the counted
    /// entries of the hours ledger (`hours_entry`), kept here for speed.
    pub minutes: Option<i32>,
    /// The source of the ledger entry that set `minutes`; AUTO_CLOSE means
    /// the minutes are an estimate waiting for a coordinator.
    pub minutes_source: Option<HoursSource>,
    pub on_date: Date,
    pub verified_at: Option<DateTimeUtc>,
    /// Who verified (caller identity); present iff `verified_at` is.
    pub verified_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::volunteer::Entity",
        from = "Column::VolunteerId",
        to = "super::volunteer::Column::Id"
    )]
    Volunteer,
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
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

impl ActiveModelBehavior for ActiveModel {}
