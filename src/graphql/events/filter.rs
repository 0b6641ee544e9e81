//! Filtering and ordering events, and the nested lists of them under a
//! project and under a region.

use crate::domain::error::DomainError;
use crate::domain::event_status;
use crate::domain::search::contains_pattern;
use crate::graphql::connection::{Direction, Nested, ParentKey, SortKey, by_column};
use crate::graphql::enums::{EventKind, EventLevel, EventStatus};
use crate::graphql::filtering::{FilterInput, instant_range};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::scalars::Date;
use async_graphql::{Enum, ID, InputObject};
use chrono::{DateTime, Utc};
use entity::event;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr};
use serde::Serialize;

/// Which events to list. Every condition given must hold; `and` and `or`
/// combine further filters.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
pub struct EventFilter {
    /// Any of these kinds.
    pub kinds: Option<Vec<EventKind>>,
    /// Any of these levels.
    pub levels: Option<Vec<EventLevel>>,
    /// Any of these statuses, as the `status` field reads now (from the
    /// clock unless cancelled or completed early).
    pub statuses: Option<Vec<EventStatus>>,
    /// Of this project.
    pub project_id: Option<ID>,
    /// Hosted in this region (ISO 3166-2:KZ code).
    pub region_code: Option<String>,
    /// Starting on or after this day (Kazakhstan's calendar).
    pub starts_from: Option<Date>,
    /// Starting on or before this day (Kazakhstan's calendar).
    pub starts_to: Option<Date>,
    /// Title contains this text, in Cyrillic or Latin, ignoring case
    /// (including Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І; `ё` matches `е`).
    pub title: Option<String>,
    /// Every one of these filters must hold too.
    pub and: Option<Vec<EventFilter>>,
    /// At least one of these filters must hold too.
    pub or: Option<Vec<EventFilter>>,
}

impl FilterInput for EventFilter {
    fn own(&self, now: DateTime<Utc>) -> Result<Condition, DomainError> {
        let mut c = Condition::all();
        if let Some(kinds) = &self.kinds {
            c = c.add(
                event::Column::Kind
                    .is_in(kinds.iter().map(|k| entity::EventKind::from(*k).as_str())),
            );
        }
        if let Some(levels) = &self.levels {
            c = c.add(
                event::Column::Level
                    .is_in(levels.iter().map(|l| entity::EventLevel::from(*l).as_str())),
            );
        }
        if let Some(statuses) = &self.statuses {
            let statuses: Vec<entity::EventStatus> = statuses.iter().map(|s| (*s).into()).collect();
            c = c.add(event_status::condition(&statuses, now));
        }
        if let Some(project) = &self.project_id {
            let id = ids::decode_int(project, NodeType::Project, "filter.projectId")?;
            c = c.add(event::Column::ProjectId.eq(id));
        }
        if let Some(code) = &self.region_code {
            c = c.add(event::Column::RegionCode.eq(code.trim()));
        }
        let (from, until) = instant_range(
            self.starts_from.map(|d| d.0),
            self.starts_to.map(|d| d.0),
            "filter.startsTo",
        )?;
        if let Some(from) = from {
            c = c.add(event::Column::StartsAt.gte(from));
        }
        if let Some(until) = until {
            c = c.add(event::Column::StartsAt.lt(until));
        }
        if let Some(title) = self.title.as_deref().filter(|t| !t.trim().is_empty()) {
            c = c.add(
                Expr::col(event::Column::SearchTitle)
                    .like(LikeExpr::new(contains_pattern(title)).escape('\\')),
            );
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

/// Fields events can be ordered by.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub enum EventOrderField {
    /// The order they were recorded in.
    #[default]
    Id,
    /// Start time.
    StartsAt,
    /// Title.
    Title,
}

/// How to order events; ties are broken by id.
#[derive(InputObject, Clone, Copy, Debug, Default, Serialize)]
pub struct EventOrder {
    /// The field to order by.
    pub field: EventOrderField,
    /// Ascending (default) or descending.
    #[graphql(default)]
    pub direction: Direction,
}

impl EventOrder {
    pub fn sort_key(order: Option<EventOrder>) -> SortKey<event::Model> {
        let order = order.unwrap_or_default();
        let d = order.direction;
        let f = order.field;
        match f {
            EventOrderField::Id => SortKey::by_id(f, d),
            EventOrderField::StartsAt => by_column!(f, d, event.starts_at: Instant),
            EventOrderField::Title => by_column!(f, d, event.title: Text),
        }
    }
}

/// A project's events.
pub struct EventsOfProject;

impl Nested for EventsOfProject {
    type Entity = event::Entity;
    type Model = event::Model;
    const PARENT_SQL: &'static str = "project_id";
    fn parent_of(row: &event::Model) -> ParentKey {
        ParentKey::Id(row.project_id.unwrap_or_default())
    }
}

/// The events a region hosts.
pub struct EventsOfRegion;

impl Nested for EventsOfRegion {
    type Entity = event::Entity;
    type Model = event::Model;
    const PARENT_SQL: &'static str = "region_code";
    fn parent_of(row: &event::Model) -> ParentKey {
        ParentKey::Code(row.region_code.clone())
    }
}
