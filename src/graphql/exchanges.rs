//! International exchanges: volunteers coming to or going from Kazakhstan.

use crate::domain::error::DomainError;
use crate::graphql::connection::{
    Conn, Direction, Nested, PageArgs, ParentKey, SortKey, by_column, nested_connection,
    root_connection,
};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::ExchangeDirection;
use crate::graphql::error::loader_error;
use crate::graphql::events::{Event, event_by_id};
use crate::graphql::filtering::{self, FilterInput};
use crate::graphql::front_offices::{Organization, organization_by_id};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::loaders::ExchangeById;
use crate::graphql::scalars::Date;
use crate::graphql::volunteers::{Volunteer, volunteer_by_id};
use async_graphql::{Context, Enum, ID, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use entity::{exchange_participant, international_exchange};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;

/// An international exchange of volunteers.
pub struct InternationalExchange(pub international_exchange::Model);

/// An international exchange of volunteers.
#[Object]
impl InternationalExchange {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::InternationalExchange, self.0.id)
    }

    /// The exchange's title.
    async fn title(&self) -> &str {
        &self.0.title
    }

    /// Inbound (to Kazakhstan) or outbound (from Kazakhstan).
    async fn direction(&self) -> ExchangeDirection {
        self.0.direction.into()
    }

    /// The partner country, ISO 3166-1 alpha-2.
    async fn country_code(&self) -> &str {
        &self.0.country_code
    }

    /// The partner organization, if any.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        match self.0.organization_id {
            Some(id) => organization_by_id(ctx, id).await,
            None => Ok(None),
        }
    }

    /// The event the exchange is part of, if any.
    async fn event(&self, ctx: &Context<'_>) -> Result<Option<Event>> {
        match self.0.event_id {
            Some(id) => event_by_id(ctx, id).await,
            None => Ok(None),
        }
    }

    /// First day.
    async fn starts_on(&self) -> Date {
        self.0.starts_on.into()
    }

    /// Last day (inclusive).
    async fn ends_on(&self) -> Date {
        self.0.ends_on.into()
    }

    /// Number of foreign volunteers taking part.
    async fn foreign_participants(&self) -> i32 {
        self.0.foreign_participants
    }

    /// Registered volunteers of Kazakhstan taking part.
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    async fn participants(
        &self,
        ctx: &Context<'_>,
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
    ) -> Result<Conn<ExchangeParticipant>> {
        crate::graphql::access::require_signed_in(
            ctx,
            crate::msg!("see-the-participants-of-exchanges"),
        )?;
        nested_connection::<ParticipantsOfExchange, _>(
            ctx,
            ParentKey::Id(self.0.id),
            Condition::all(),
            String::new(),
            SortKey::by_key(),
            &PageArgs::new(after, before, first, last),
            |item| ExchangeParticipant(item.row),
        )
        .await
    }
}

/// A registered volunteer taking part in an exchange.
pub struct ExchangeParticipant(pub exchange_participant::Model);

/// A registered volunteer taking part in an exchange.
#[Object]
impl ExchangeParticipant {
    /// The volunteer.
    async fn volunteer(&self, ctx: &Context<'_>) -> Result<Option<Volunteer>> {
        volunteer_by_id(ctx, self.0.volunteer_id).await
    }
}

/// The participants of an exchange.
pub struct ParticipantsOfExchange;

impl Nested for ParticipantsOfExchange {
    type Entity = exchange_participant::Entity;
    type Model = exchange_participant::Model;
    const PARENT_SQL: &'static str = "exchange_id";
    fn parent_of(row: &exchange_participant::Model) -> ParentKey {
        ParentKey::Id(row.exchange_id)
    }
}

/// Which exchanges to list. Every condition given must hold.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
pub struct ExchangeFilter {
    /// Inbound or outbound.
    pub direction: Option<ExchangeDirection>,
    /// Partner country, ISO 3166-1 alpha-2.
    pub country_code: Option<String>,
    /// Taking place (at least partly) on or after this day.
    pub from: Option<Date>,
    /// Taking place (at least partly) on or before this day.
    pub to: Option<Date>,
    /// At least one of these filters must hold too.
    pub or: Option<Vec<ExchangeFilter>>,
}

impl FilterInput for ExchangeFilter {
    fn own(&self, _now: DateTime<Utc>) -> Result<Condition, DomainError> {
        let mut c = Condition::all();
        if let Some(direction) = self.direction {
            c = c.add(
                international_exchange::Column::Direction
                    .eq(entity::ExchangeDirection::from(direction).as_str()),
            );
        }
        if let Some(country) = &self.country_code {
            c = c
                .add(international_exchange::Column::CountryCode.eq(country.trim().to_uppercase()));
        }
        let (from, to) = (self.from.map(|d| d.0), self.to.map(|d| d.0));
        filtering::check_order(from, to, "filter.to")?;
        // Overlapping the period: ends on or after its start, starts on or
        // before its end.
        if let Some(from) = from {
            c = c.add(international_exchange::Column::EndsOn.gte(from));
        }
        if let Some(to) = to {
            c = c.add(international_exchange::Column::StartsOn.lte(to));
        }
        Ok(c)
    }

    fn and(&self) -> Option<&[Self]> {
        None
    }

    fn or(&self) -> Option<&[Self]> {
        self.or.as_deref()
    }
}

/// How exchanges can be ordered.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq)]
pub enum ExchangeOrderField {
    /// The order they were recorded in.
    #[default]
    Id,
    /// First day.
    StartsOn,
}

/// How to order exchanges; ties are broken by id.
#[derive(InputObject, Clone, Copy, Debug, Default)]
pub struct ExchangeOrder {
    /// The field to order by.
    pub field: ExchangeOrderField,
    /// Ascending (default) or descending.
    #[graphql(default)]
    pub direction: Direction,
}

impl ExchangeOrder {
    fn sort_key(order: Option<ExchangeOrder>) -> SortKey<international_exchange::Model> {
        let order = order.unwrap_or_default();
        let (f, d) = (order.field, order.direction);
        match f {
            ExchangeOrderField::Id => SortKey::by_id(f, d),
            ExchangeOrderField::StartsOn => {
                by_column!(f, d, international_exchange.starts_on: Date)
            }
        }
    }
}

pub async fn exchange_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<InternationalExchange>> {
    let row = ctx
        .loader()
        .load_one(ExchangeById(id))
        .await
        .map_err(loader_error)?;
    Ok(row.map(InternationalExchange))
}

#[derive(Default)]
pub struct ExchangeQuery;

#[Object]
impl ExchangeQuery {
    /// An international exchange by id; null if there is none.
    async fn international_exchange(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<InternationalExchange>> {
        exchange_by_id(
            ctx,
            ids::decode_int(&id, NodeType::InternationalExchange, "id")?,
        )
        .await
    }

    /// International exchanges, filtered and ordered (by id unless told
    /// otherwise).
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn international_exchanges(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items matching this filter.")] filter: Option<ExchangeFilter>,
        #[graphql(desc = "The order of the items; by id when omitted. Ties are broken by id.")]
        order_by: Option<ExchangeOrder>,
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
    ) -> Result<Conn<InternationalExchange>> {
        let condition = filtering::condition(filter.as_ref(), ctx.clock().now())?;
        root_connection(
            ctx,
            international_exchange::Entity::find().filter(condition),
            &ExchangeOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            InternationalExchange,
        )
        .await
    }
}
