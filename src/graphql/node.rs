//! Global object identification (Relay): the `Node` interface and the
//! `node(id:)` / `nodes(ids:)` root fields that resolve any object from its
//! global id, through the same batching loaders as everything else.

use crate::domain::error::DomainError;
use crate::graphql::events::{Event, event_by_id};
use crate::graphql::exchanges::{InternationalExchange, exchange_by_id};
use crate::graphql::families::{Family, family_by_id};
use crate::graphql::front_offices::{
    FrontOffice, Organization, front_office_by_id, organization_by_id,
};
use crate::graphql::hours_entry::{HoursEntry, hours_entry_by_id};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::participations::{Participation, participation_by_id};
use crate::graphql::projects::{Project, project_by_id};
use crate::graphql::regions::{Region, region_by_code};
use crate::graphql::volunteers::{Volunteer, volunteer_by_id};
use crate::msg;
use async_graphql::{Context, ID, Interface, Object, Result};
use futures_util::future::try_join_all;

/// Most ids `nodes` resolves in one call.
const MAX_NODES: usize = 100;

/// An object with a global id.
#[derive(Interface)]
#[graphql(field(
    name = "id",
    ty = "ID",
    desc = "Global id: opaque, and valid for this type only."
))]
pub enum Node {
    Region(Region),
    FrontOffice(FrontOffice),
    Organization(Organization),
    Volunteer(Volunteer),
    Family(Family),
    Project(Project),
    Event(Event),
    Participation(Participation),
    InternationalExchange(InternationalExchange),
    HoursEntry(HoursEntry),
}

async fn load(ctx: &Context<'_>, id: &ID) -> Result<Option<Node>> {
    let (ty, key) = ids::decode_any(id)?;
    if matches!(
        ty,
        NodeType::Volunteer | NodeType::Family | NodeType::Participation | NodeType::HoursEntry
    ) {
        crate::graphql::access::require_signed_in(
            ctx,
            crate::msg!("see-people-and-their-participations"),
        )?;
    }
    let int = || {
        key.parse::<i64>()
            .map_err(|_| DomainError::validation("id", msg!("not-an-id", id = id.as_str())))
    };
    Ok(match ty {
        NodeType::Region => region_by_code(ctx, &key).await?.map(Node::Region),
        NodeType::FrontOffice => front_office_by_id(ctx, int()?)
            .await?
            .map(Node::FrontOffice),
        NodeType::Organization => organization_by_id(ctx, int()?)
            .await?
            .map(Node::Organization),
        NodeType::Volunteer => volunteer_by_id(ctx, int()?).await?.map(Node::Volunteer),
        NodeType::Family => family_by_id(ctx, int()?).await?.map(Node::Family),
        NodeType::Project => project_by_id(ctx, int()?).await?.map(Node::Project),
        NodeType::Event => event_by_id(ctx, int()?).await?.map(Node::Event),
        NodeType::Participation => participation_by_id(ctx, int()?)
            .await?
            .map(Node::Participation),
        NodeType::InternationalExchange => exchange_by_id(ctx, int()?)
            .await?
            .map(Node::InternationalExchange),
        NodeType::HoursEntry => hours_entry_by_id(ctx, int()?).await?.map(Node::HoursEntry),
    })
}

#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Any object by its global id; null if it does not exist.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Node>> {
        load(ctx, &id).await
    }

    /// Several objects by global id, in the order given (at most 100); null
    /// for each that does not exist.
    #[graphql(complexity = "ids.len().max(1) * child_complexity + 1")]
    async fn nodes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Global ids, at most 100; null in place of each that names nothing.")] ids: Vec<ID>,
    ) -> Result<Vec<Option<Node>>> {
        if ids.len() > MAX_NODES {
            return Err(DomainError::validation(
                "ids",
                msg!("too-many-ids", max = MAX_NODES, count = ids.len()),
            )
            .into());
        }
        try_join_all(ids.iter().map(|id| load(ctx, id))).await
    }
}
