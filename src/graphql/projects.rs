//! Projects: programs in the law's terms, such as «Жеңіс» (since 2015).

use crate::graphql::connection::{
    Conn, PageArgs, ParentKey, SortKey, nested_connection, root_connection,
};
use crate::graphql::context::ContextExt;
use crate::graphql::context::reference_tables;
use crate::graphql::enums::BeneficiaryCategory;
use crate::graphql::events::{Event, EventFilter, EventOrder, EventsOfProject};
use crate::graphql::filtering;
use crate::graphql::front_offices::{FrontOffice, front_office_by_id};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::scalars::Date;
use async_graphql::{Context, ID, Object, Result};
use entity::project;
use sea_orm::EntityTrait;

/// A program of the network, with the front office that owns it.
pub struct Project(pub project::Model);

/// A program of the network, with the front office that owns it.
#[Object]
impl Project {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Project, self.0.id)
    }

    /// The project's name, e.g. «Жеңіс».
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What the project is about.
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }

    /// The day the project started.
    async fn started_on(&self) -> Date {
        self.0.started_on.into()
    }

    /// The front office that runs the project.
    async fn owner(&self, ctx: &Context<'_>) -> Result<Option<FrontOffice>> {
        front_office_by_id(ctx, self.0.owner_front_office_id).await
    }

    /// The categories of people the project serves.
    async fn beneficiary_categories(&self, ctx: &Context<'_>) -> Result<Vec<BeneficiaryCategory>> {
        let tables = reference_tables(ctx).await?;
        Ok(tables
            .categories(self.0.id)
            .iter()
            .map(|c| c.category.into())
            .collect())
    }

    /// The project's events, filtered and ordered.
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
        nested_connection::<EventsOfProject, _>(
            ctx,
            ParentKey::Id(self.0.id),
            filtering::condition(filter.as_ref(), ctx.clock().now())?,
            filtering::filter_key(filter.as_ref()),
            EventOrder::sort_key(order_by),
            &PageArgs::new(after, before, first, last),
            |item| Event(item.row),
        )
        .await
    }
}

pub async fn project_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<Project>> {
    let tables = reference_tables(ctx).await?;
    Ok(tables.project(id).cloned().map(Project))
}

#[derive(Default)]
pub struct ProjectQuery;

#[Object]
impl ProjectQuery {
    /// A project by id; null if there is none.
    async fn project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Project>> {
        project_by_id(ctx, ids::decode_int(&id, NodeType::Project, "id")?).await
    }

    /// Projects, in the order they were recorded.
    async fn projects(
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
    ) -> Result<Conn<Project>> {
        root_connection(
            ctx,
            project::Entity::find(),
            &SortKey::by_key(),
            &PageArgs::new(after, before, first, last),
            Project,
        )
        .await
    }
}
