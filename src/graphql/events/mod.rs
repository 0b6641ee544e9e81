//! Events, actions and raids, with the beneficiaries they served.

mod filter;

pub use filter::{EventFilter, EventOrder, EventsOfProject, EventsOfRegion};

use crate::domain::event_status;
use crate::domain::hours::hours;
use crate::graphql::aggregates::TotalsOfEvent;
use crate::graphql::connection::{Conn, PageArgs, ParentKey, nested_connection, root_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::{
    ActivityType, BeneficiaryCategory, EventKind, EventLevel, EventStatus,
};
use crate::graphql::error::loader_error;
use crate::graphql::filtering;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::loaders::{BeneficiariesByEvent, EventById};
use crate::graphql::participations::{
    Participation, ParticipationFilter, ParticipationOrder, ParticipationsOfEvent,
};
use crate::graphql::projects::{Project, project_by_id};
use crate::graphql::regions::{Region, region_by_code};
use async_graphql::{Context, ID, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use entity::event;
use sea_orm::{EntityTrait, QueryFilter};

/// An event (мероприятие), action (акция) or raid (рейд).
pub struct Event(pub event::Model);

/// An event (мероприятие), action (акция) or raid (рейд).
#[Object]
impl Event {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Event, self.0.id)
    }

    /// The event's title.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Event, action or raid.
    async fn kind(&self) -> EventKind {
        self.0.kind.into()
    }

    /// Regional, republican or international.
    async fn level(&self) -> EventLevel {
        self.0.level.into()
    }

    /// What volunteers do there.
    async fn activity_type(&self) -> ActivityType {
        self.0.activity_type.into()
    }

    /// Hazardous work: closed to volunteers under 18.
    async fn hazardous(&self) -> bool {
        self.0.hazardous
    }

    /// The project the event belongs to, if any.
    async fn project(&self, ctx: &Context<'_>) -> Result<Option<Project>> {
        match self.0.project_id {
            Some(id) => project_by_id(ctx, id).await,
            None => Ok(None),
        }
    }

    /// The host region.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        region_by_code(ctx, &self.0.region_code).await
    }

    /// When the event starts.
    async fn starts_at(&self) -> DateTime<Utc> {
        self.0.starts_at
    }

    /// When the event ends (always after it starts).
    async fn ends_at(&self) -> DateTime<Utc> {
        self.0.ends_at
    }

    /// Most participants accepted; null when unlimited.
    async fn capacity(&self) -> Option<i32> {
        self.0.capacity
    }

    /// Planned until it starts, ongoing until it ends, then completed;
    /// cancelled, or completed early, when a coordinator decides so.
    async fn status(&self, ctx: &Context<'_>) -> EventStatus {
        event_status::status_at(&self.0, ctx.clock().now()).into()
    }

    /// People helped, counted per category.
    async fn beneficiaries_served(&self, ctx: &Context<'_>) -> Result<Vec<BeneficiaryCount>> {
        let rows = ctx
            .loader()
            .load_one(BeneficiariesByEvent(self.0.id))
            .await
            .map_err(loader_error)?;
        Ok(rows
            .unwrap_or_default()
            .into_iter()
            .map(|r| BeneficiaryCount {
                category: r.category.into(),
                count: r.count,
            })
            .collect())
    }

    /// Volunteers who attended.
    async fn participant_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(self.totals(ctx).await?.attended)
    }

    /// Registrations not cancelled (registered, attended or no-show).
    async fn registered_count(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(self.totals(ctx).await?.registered)
    }

    /// Hours worked by the volunteers who attended: `minutes` ÷ 60 rounded
    /// to two decimals.
    async fn hours(&self, ctx: &Context<'_>) -> Result<f64> {
        Ok(hours(self.totals(ctx).await?.minutes))
    }

    /// The same time worked, in whole minutes.
    async fn minutes(&self, ctx: &Context<'_>) -> Result<i64> {
        Ok(self.totals(ctx).await?.minutes)
    }

    /// The event's participations, filtered and ordered (by id unless told
    /// otherwise).
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn participations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items matching this filter.")] filter: Option<
            ParticipationFilter,
        >,
        #[graphql(desc = "The order of the items; by id when omitted. Ties are broken by id.")]
        order_by: Option<ParticipationOrder>,
        #[graphql(desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor`).")]
        after: Option<String>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor`)."
        )]
        before: Option<String>,
        #[graphql(
            desc = "How many items from the start, 0 to 100 (20 when neither `first` nor `last` is given); 0 returns no items, only `totalCount` and `pageInfo`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "How many items from the end, 0 to 100; 0 returns no items, only `totalCount` and `pageInfo`."
        )]
        last: Option<i32>,
    ) -> Result<Conn<Participation>> {
        crate::graphql::access::require_signed_in(ctx, crate::msg!("see-participations"))?;
        nested_connection::<ParticipationsOfEvent, _>(
            ctx,
            ParentKey::Id(self.0.id),
            filtering::condition(filter.as_ref(), ctx.clock().now())?,
            filtering::filter_key(filter.as_ref()),
            ParticipationOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            Participation::from_item,
        )
        .await
    }
}

impl Event {
    async fn totals(&self, ctx: &Context<'_>) -> Result<crate::graphql::aggregates::EventTotals> {
        let totals = ctx
            .loader()
            .load_one(TotalsOfEvent(self.0.id))
            .await
            .map_err(loader_error)?;
        Ok(totals.unwrap_or_default())
    }
}

/// How many people of one category an event helped.
#[derive(SimpleObject)]
pub struct BeneficiaryCount {
    /// The category of people.
    pub category: BeneficiaryCategory,
    /// How many were helped.
    pub count: i32,
}

pub async fn event_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<Event>> {
    let row = ctx
        .loader()
        .load_one(EventById(id))
        .await
        .map_err(loader_error)?;
    Ok(row.map(Event))
}

#[derive(Default)]
pub struct EventQuery;

#[Object]
impl EventQuery {
    /// An event by id; null if there is none.
    async fn event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Event>> {
        event_by_id(ctx, ids::decode_int(&id, NodeType::Event, "id")?).await
    }

    /// Events, actions and raids, filtered and ordered (by id unless told
    /// otherwise).
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn events(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items matching this filter.")] filter: Option<EventFilter>,
        #[graphql(desc = "The order of the items; by id when omitted. Ties are broken by id.")]
        order_by: Option<EventOrder>,
        #[graphql(desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor`).")]
        after: Option<String>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor`)."
        )]
        before: Option<String>,
        #[graphql(
            desc = "How many items from the start, 0 to 100 (20 when neither `first` nor `last` is given); 0 returns no items, only `totalCount` and `pageInfo`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "How many items from the end, 0 to 100; 0 returns no items, only `totalCount` and `pageInfo`."
        )]
        last: Option<i32>,
    ) -> Result<Conn<Event>> {
        let condition = filtering::condition(filter.as_ref(), ctx.clock().now())?;
        root_connection(
            ctx,
            event::Entity::find().filter(condition),
            &EventOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            Event,
        )
        .await
    }
}
