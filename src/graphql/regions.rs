//! Regions: the 20 first-level units of Kazakhstan, reference data shipped
//! by a migration.

use crate::graphql::connection::{
    Conn, PageArgs, ParentKey, SortKey, nested_connection, root_connection,
};
use crate::graphql::context::ContextExt;
use crate::graphql::context::reference_tables;
use crate::graphql::enums::RegionKind;
use crate::graphql::events::{Event, EventFilter, EventOrder, EventsOfRegion};
use crate::graphql::filtering;
use crate::graphql::front_offices::FrontOffice;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::volunteers::{Volunteer, VolunteerFilter, VolunteerOrder, VolunteersOfRegion};
use async_graphql::{Context, ID, Object, Result};
use entity::region;
use sea_orm::EntityTrait;

/// One of Kazakhstan's 17 regions or 3 cities of republican significance.
pub struct Region(pub region::Model);

/// One of Kazakhstan's 17 regions or 3 cities of republican significance.
#[Object]
impl Region {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Region, &self.0.code)
    }

    /// ISO 3166-2:KZ code, e.g. `KZ-71` for Astana.
    async fn code(&self) -> &str {
        &self.0.code
    }

    /// Region or city.
    async fn kind(&self) -> RegionKind {
        self.0.kind.into()
    }

    /// Name in Kazakh.
    async fn name_kk(&self) -> &str {
        &self.0.name_kk
    }

    /// Name in Russian.
    async fn name_ru(&self) -> &str {
        &self.0.name_ru
    }

    /// Name in English.
    async fn name_en(&self) -> &str {
        &self.0.name_en
    }

    /// The region's front office, once one is open.
    async fn front_office(&self, ctx: &Context<'_>) -> Result<Option<FrontOffice>> {
        let tables = reference_tables(ctx).await?;
        Ok(tables
            .front_office_of_region(&self.0.code)
            .cloned()
            .map(FrontOffice))
    }

    /// Volunteers whose home is this region, filtered and ordered.
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn volunteers(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items matching this filter.")] filter: Option<VolunteerFilter>,
        #[graphql(desc = "The order of the items; by id when omitted. Ties are broken by id.")]
        order_by: Option<VolunteerOrder>,
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
    ) -> Result<Conn<Volunteer>> {
        crate::graphql::access::require_signed_in(ctx, crate::msg!("see-volunteers"))?;
        crate::graphql::volunteers::check_name_search(ctx, filter.as_ref())?;
        nested_connection::<VolunteersOfRegion, _>(
            ctx,
            ParentKey::Code(self.0.code.clone()),
            filtering::condition(filter.as_ref(), ctx.clock().now())?,
            filtering::filter_key(filter.as_ref()),
            VolunteerOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            |item| Volunteer(item.row),
        )
        .await
    }

    /// Events this region hosts, filtered and ordered.
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
        nested_connection::<EventsOfRegion, _>(
            ctx,
            ParentKey::Code(self.0.code.clone()),
            filtering::condition(filter.as_ref(), ctx.clock().now())?,
            filtering::filter_key(filter.as_ref()),
            EventOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            |item| Event(item.row),
        )
        .await
    }
}

/// A region by code, from the reference tables in memory.
pub async fn region_by_code(ctx: &Context<'_>, code: &str) -> Result<Option<Region>> {
    let tables = reference_tables(ctx).await?;
    Ok(tables.region(code).cloned().map(Region))
}

#[derive(Default)]
pub struct RegionQuery;

#[Object]
impl RegionQuery {
    /// A region by its ISO 3166-2:KZ code (e.g. `KZ-75`); null if there is none.
    async fn region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "An ISO 3166-2:KZ code, e.g. `KZ-71`.")] code: String,
    ) -> Result<Option<Region>> {
        region_by_code(ctx, code.trim()).await
    }

    /// The 20 regions, ordered by code (all on the first page by default).
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    async fn regions(
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
    ) -> Result<Conn<Region>> {
        root_connection(
            ctx,
            region::Entity::find(),
            &SortKey::by_key(),
            &PageArgs::new(after, before, first, last),
            Region,
        )
        .await
    }
}
