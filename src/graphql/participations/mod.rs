//! Participations: one volunteer at one event, with status, times and hours.

mod filter;

pub use filter::{
    ParticipationFilter, ParticipationOrder, ParticipationsOfEvent, ParticipationsOfVolunteer,
};

use crate::domain::hours::hours;
use crate::graphql::connection::{Brought, Conn, Item, PageArgs, root_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::ParticipationStatus;
use crate::graphql::error::loader_error;
use crate::graphql::events::{Event, event_by_id};
use crate::graphql::filtering;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::loaders::ParticipationById;
use crate::graphql::scalars::Date;
use crate::graphql::volunteers::{Volunteer, visible_volunteer, volunteer_by_id};
use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::participation;
use sea_orm::{EntityTrait, QueryFilter};

/// One volunteer's participation in one event, with its event and
/// volunteer when a list brought them (`connection::Brought`).
pub struct Participation(pub participation::Model, pub Brought);

impl Participation {
    pub fn new(row: participation::Model) -> Self {
        Participation(row, Brought::default())
    }

    pub fn from_item(item: Item<participation::Model>) -> Self {
        Participation(item.row, item.brought)
    }
}

/// One volunteer's participation in one event.
#[Object]
impl Participation {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Participation, self.0.id)
    }

    /// The volunteer.
    async fn volunteer(&self, ctx: &Context<'_>) -> Result<Option<Volunteer>> {
        match &self.1.volunteer {
            Some(row) => visible_volunteer(ctx, (**row).clone()).await,
            None => volunteer_by_id(ctx, self.0.volunteer_id).await,
        }
    }

    /// The event.
    async fn event(&self, ctx: &Context<'_>) -> Result<Option<Event>> {
        match &self.1.event {
            Some(row) => Ok(Some(Event((**row).clone()))),
            None => event_by_id(ctx, self.0.event_id).await,
        }
    }

    /// Registered, attended, no-show or cancelled.
    async fn status(&self) -> ParticipationStatus {
        self.0.status.into()
    }

    /// When the volunteer signed up.
    async fn registered_at(&self) -> DateTime<Utc> {
        self.0.registered_at
    }

    /// When the volunteer checked in, if they did.
    async fn checked_in_at(&self) -> Option<DateTime<Utc>> {
        self.0.checked_in_at
    }

    /// When the volunteer checked out, if they did.
    async fn checked_out_at(&self) -> Option<DateTime<Utc>> {
        self.0.checked_out_at
    }

    /// Time worked in whole minutes, once logged.
    async fn minutes(&self) -> Option<i32> {
        self.0.minutes
    }

    /// Time worked in hours, once logged: `minutes` ÷ 60 rounded to two
    /// decimals.
    async fn hours(&self) -> Option<f64> {
        self.0.minutes.map(|m| hours(i64::from(m)))
    }

    /// Where the minutes come from (the source of the ledger entry that
    /// set them), once logged.
    async fn minutes_source(&self) -> Option<crate::graphql::enums::HoursSource> {
        self.0.minutes_source.map(Into::into)
    }

    /// Whether the minutes are the server's estimate for a check-out that
    /// never came, waiting for a coordinator to confirm or correct them
    /// (`logHours`). Estimated minutes are never verified.
    async fn estimated(&self) -> bool {
        self.0.minutes_source == Some(entity::HoursSource::AutoClose)
    }

    /// Every change of the minutes, oldest first: the hours ledger. Null
    /// for callers who may not see the volunteer's personal data, unless
    /// they coordinate the event's region.
    async fn hours_history(
        &self,
        ctx: &Context<'_>,
    ) -> Result<Option<Vec<crate::graphql::hours_entry::HoursEntry>>> {
        crate::graphql::hours_entry::history(ctx, &self.0).await
    }

    /// The participation's date in Kazakhstan (UTC+5): the day of check-in,
    /// or of the event's start before check-in. Statistics count by it.
    async fn date(&self) -> Date {
        self.0.on_date.into()
    }

    /// Whether a coordinator verified the hours.
    async fn verified(&self) -> bool {
        self.0.verified_at.is_some()
    }

    /// When the hours were verified, if they were.
    async fn verified_at(&self) -> Option<DateTime<Utc>> {
        self.0.verified_at
    }
}

pub async fn participation_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<Participation>> {
    let row = ctx
        .loader()
        .load_one(ParticipationById(id))
        .await
        .map_err(loader_error)?;
    Ok(row.map(Participation::new))
}

#[derive(Default)]
pub struct ParticipationQuery;

#[Object]
impl ParticipationQuery {
    /// A participation by id; null if there is none.
    async fn participation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Participation>> {
        crate::graphql::access::require_signed_in(ctx, crate::msg!("see-participations"))?;
        participation_by_id(ctx, ids::decode_int(&id, NodeType::Participation, "id")?).await
    }

    /// Participations, filtered and ordered (by id unless told otherwise).
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
        let condition = filtering::condition(filter.as_ref(), ctx.clock().now())?;
        root_connection(
            ctx,
            participation::Entity::find().filter(condition),
            &ParticipationOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            Participation::new,
        )
        .await
    }
}
