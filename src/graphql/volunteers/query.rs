//! The root fields for volunteers.

use super::{Volunteer, VolunteerFilter, VolunteerOrder, volunteer_by_id};
use crate::graphql::connection::{Conn, PageArgs, root_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::filtering;
use crate::graphql::ids::{self, NodeType};
use async_graphql::{Context, ID, Object, Result};
use entity::volunteer;
use sea_orm::{EntityTrait, QueryFilter};

#[derive(Default)]
pub struct VolunteerQuery;

#[Object]
impl VolunteerQuery {
    /// A volunteer by id; null if there is none.
    async fn volunteer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Volunteer>> {
        crate::graphql::access::require_signed_in(ctx, crate::msg!("see-volunteers"))?;
        volunteer_by_id(ctx, ids::decode_int(&id, NodeType::Volunteer, "id")?).await
    }

    /// Volunteers, filtered and ordered (by id unless told otherwise).
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
        let condition = filtering::condition(filter.as_ref(), ctx.clock().now())?;
        root_connection(
            ctx,
            volunteer::Entity::find().filter(condition),
            &VolunteerOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            Volunteer,
        )
        .await
    }
}
