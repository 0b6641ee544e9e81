//! Filtering and ordering participations, and the nested lists of them
//! under a volunteer and under an event.

use crate::domain::error::DomainError;
use crate::graphql::connection::{
    Direction, KeyKind, KeyValue, Nested, ParentKey, SortKey, by_column,
};
use crate::graphql::enums::{HoursSource, ParticipationStatus};
use crate::graphql::filtering::{FilterInput, check_order};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::scalars::Date;
use async_graphql::{Enum, ID, InputObject};
use chrono::{DateTime, Utc};
use entity::{event, hours_entry, participation};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Query};
use serde::Serialize;

/// Which participations to list. Every condition given must hold; `and`
/// and `or` combine further filters.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
pub struct ParticipationFilter {
    /// Any of these statuses.
    pub statuses: Option<Vec<ParticipationStatus>>,
    /// Verified by a coordinator (true) or not yet (false).
    pub verified: Option<bool>,
    /// Dated on or after this day (the participation's date, UTC+5).
    pub date_from: Option<Date>,
    /// Dated on or before this day.
    pub date_to: Option<Date>,
    /// At this event.
    pub event_id: Option<ID>,
    /// Of this volunteer.
    pub volunteer_id: Option<ID>,
    /// At events hosted by any of these regions (ISO 3166-2:KZ codes), e.g.
    /// a coordinator's own.
    pub region_codes: Option<Vec<String>>,
    /// Whose minutes come from any of these sources.
    pub sources: Option<Vec<HoursSource>>,
    /// Whose minutes are the server's estimate for a missed check-out
    /// (true), or are not (false).
    pub estimated: Option<bool>,
    /// With a self-report waiting for a coordinator (true), or without
    /// (false).
    pub pending_report: Option<bool>,
    /// Every one of these filters must hold too.
    pub and: Option<Vec<ParticipationFilter>>,
    /// At least one of these filters must hold too.
    pub or: Option<Vec<ParticipationFilter>>,
}

impl FilterInput for ParticipationFilter {
    fn own(&self, _now: DateTime<Utc>) -> Result<Condition, DomainError> {
        let mut c = Condition::all();
        if let Some(statuses) = &self.statuses {
            let statuses = statuses
                .iter()
                .map(|s| entity::ParticipationStatus::from(*s).as_str());
            c = c.add(participation::Column::Status.is_in(statuses));
        }
        match self.verified {
            Some(true) => c = c.add(participation::Column::VerifiedAt.is_not_null()),
            Some(false) => c = c.add(participation::Column::VerifiedAt.is_null()),
            None => {}
        }
        let (from, to) = (self.date_from.map(|d| d.0), self.date_to.map(|d| d.0));
        check_order(from, to, "filter.dateTo")?;
        if let Some(from) = from {
            c = c.add(participation::Column::OnDate.gte(from));
        }
        if let Some(to) = to {
            c = c.add(participation::Column::OnDate.lte(to));
        }
        if let Some(event) = &self.event_id {
            c = c.add(participation::Column::EventId.eq(ids::decode_int(
                event,
                NodeType::Event,
                "filter.eventId",
            )?));
        }
        if let Some(volunteer) = &self.volunteer_id {
            let id = ids::decode_int(volunteer, NodeType::Volunteer, "filter.volunteerId")?;
            c = c.add(participation::Column::VolunteerId.eq(id));
        }
        if let Some(codes) = &self.region_codes {
            let codes: Vec<String> = codes.iter().map(|c| c.trim().to_uppercase()).collect();
            let hosted = Query::select()
                .column(event::Column::Id)
                .from(event::Entity)
                .and_where(event::Column::RegionCode.is_in(codes))
                .to_owned();
            c = c.add(participation::Column::EventId.in_subquery(hosted));
        }
        if let Some(sources) = &self.sources {
            let sources = sources
                .iter()
                .map(|s| entity::HoursSource::from(*s).as_str());
            c = c.add(participation::Column::MinutesSource.is_in(sources));
        }
        let estimate = entity::HoursSource::AutoClose;
        match self.estimated {
            Some(true) => c = c.add(participation::Column::MinutesSource.eq(estimate)),
            Some(false) => {
                c = c.add(
                    Condition::any()
                        .add(participation::Column::MinutesSource.is_null())
                        .add(participation::Column::MinutesSource.ne(estimate)),
                )
            }
            None => {}
        }
        if let Some(pending) = self.pending_report {
            let reported = Query::select()
                .column(hours_entry::Column::ParticipationId)
                .from(hours_entry::Entity)
                .and_where(hours_entry::Column::Review.eq(entity::HoursReview::Pending))
                .to_owned();
            c = c.add(if pending {
                participation::Column::Id.in_subquery(reported)
            } else {
                participation::Column::Id.not_in_subquery(reported)
            });
        }
        Ok(c)
    }

    fn and(&self) -> Option<&[Self]> {
        self.and.as_deref()
    }

    fn or(&self) -> Option<&[Self]> {
        self.or.as_deref()
    }
}

/// Fields participations can be ordered by.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub enum ParticipationOrderField {
    /// The order they were recorded in.
    #[default]
    Id,
    /// The participation's date.
    Date,
    /// When the volunteer signed up.
    RegisteredAt,
    /// Minutes worked (none counts as 0).
    Minutes,
}

/// How to order participations; ties are broken by id.
#[derive(InputObject, Clone, Copy, Debug, Default, Serialize)]
pub struct ParticipationOrder {
    /// The field to order by.
    pub field: ParticipationOrderField,
    /// Ascending (default) or descending.
    #[graphql(default)]
    pub direction: Direction,
}

impl ParticipationOrder {
    pub fn sort_key(order: Option<ParticipationOrder>) -> SortKey<participation::Model> {
        let order = order.unwrap_or_default();
        let d = order.direction;
        let f = order.field;
        match f {
            ParticipationOrderField::Id => SortKey::by_id(f, d),
            ParticipationOrderField::Date => by_column!(f, d, participation.on_date: Date),
            ParticipationOrderField::RegisteredAt => {
                by_column!(f, d, participation.registered_at: Instant)
            }
            ParticipationOrderField::Minutes => SortKey::new(
                f,
                "coalesce(minutes, 0)",
                KeyKind::Int,
                d,
                |m: &participation::Model| KeyValue::Int(i64::from(m.minutes.unwrap_or(0))),
            ),
        }
    }
}

/// A volunteer's participations.
pub struct ParticipationsOfVolunteer;

impl Nested for ParticipationsOfVolunteer {
    type Entity = participation::Entity;
    type Model = participation::Model;
    const PARENT_SQL: &'static str = "volunteer_id";
    const EVENT_SQL: Option<&'static str> = Some("event_id");
    fn parent_of(row: &participation::Model) -> ParentKey {
        ParentKey::Id(row.volunteer_id)
    }
}

/// An event's participations.
pub struct ParticipationsOfEvent;

impl Nested for ParticipationsOfEvent {
    type Entity = participation::Entity;
    type Model = participation::Model;
    const PARENT_SQL: &'static str = "event_id";
    const VOLUNTEER_SQL: Option<&'static str> = Some("volunteer_id");
    fn parent_of(row: &participation::Model) -> ParentKey {
        ParentKey::Id(row.event_id)
    }
}
