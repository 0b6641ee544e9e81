//! Front offices and organizations: who runs the network and who partners it.

use crate::graphql::connection::{Conn, PageArgs, SortKey, root_connection};
use crate::graphql::context::reference_tables;
use crate::graphql::enums::{FrontOfficeKind, OrganizationKind};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::regions::{Region, region_by_code};
use crate::graphql::scalars::Date;
use async_graphql::{Context, ID, Object, Result};
use entity::{front_office, front_office_partner, organization};
use sea_orm::EntityTrait;

/// The republican front office or a regional one.
pub struct FrontOffice(pub front_office::Model);

/// The republican front office or a regional one.
#[Object]
impl FrontOffice {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::FrontOffice, self.0.id)
    }

    /// Republican or regional.
    async fn kind(&self) -> FrontOfficeKind {
        self.0.kind.into()
    }

    /// The office's name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// The day the office opened.
    async fn opened_on(&self) -> Date {
        self.0.opened_on.into()
    }

    /// The region a regional office serves; null for the republican office.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        match &self.0.region_code {
            Some(code) => region_by_code(ctx, code).await,
            None => Ok(None),
        }
    }

    /// Partner organizations, oldest partnership first.
    async fn partners(&self, ctx: &Context<'_>) -> Result<Vec<Partnership>> {
        let tables = reference_tables(ctx).await?;
        Ok(tables
            .partners(self.0.id)
            .iter()
            .cloned()
            .map(Partnership)
            .collect())
    }
}

/// An organization's partnership with a front office.
pub struct Partnership(front_office_partner::Model);

/// An organization's partnership with a front office.
#[Object]
impl Partnership {
    /// The partner.
    async fn organization(&self, ctx: &Context<'_>) -> Result<Option<Organization>> {
        organization_by_id(ctx, self.0.organization_id).await
    }

    /// Partner since this day.
    async fn since(&self) -> Date {
        self.0.since.into()
    }
}

/// A partner or volunteer organization, domestic or foreign.
pub struct Organization(pub organization::Model);

/// A partner or volunteer organization, domestic or foreign.
#[Object]
impl Organization {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Organization, self.0.id)
    }

    /// The organization's name.
    async fn name(&self) -> &str {
        &self.0.name
    }

    /// What kind of body it is.
    async fn kind(&self) -> OrganizationKind {
        self.0.kind.into()
    }

    /// Its country, ISO 3166-1 alpha-2 (e.g. `KZ`, `TR`).
    async fn country_code(&self) -> &str {
        &self.0.country_code
    }
}

pub async fn front_office_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<FrontOffice>> {
    let tables = reference_tables(ctx).await?;
    Ok(tables.front_office(id).cloned().map(FrontOffice))
}

pub async fn organization_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<Organization>> {
    let tables = reference_tables(ctx).await?;
    Ok(tables.organization(id).cloned().map(Organization))
}

#[derive(Default)]
pub struct FrontOfficeQuery;

#[Object]
impl FrontOfficeQuery {
    /// A front office by id; null if there is none.
    async fn front_office(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<FrontOffice>> {
        front_office_by_id(ctx, ids::decode_int(&id, NodeType::FrontOffice, "id")?).await
    }

    /// Front offices, in the order they were recorded.
    async fn front_offices(
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
    ) -> Result<Conn<FrontOffice>> {
        root_connection(
            ctx,
            front_office::Entity::find(),
            &SortKey::by_key(),
            &PageArgs::new(after, before, first, last),
            FrontOffice,
        )
        .await
    }

    /// An organization by id; null if there is none.
    async fn organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Organization>> {
        organization_by_id(ctx, ids::decode_int(&id, NodeType::Organization, "id")?).await
    }

    /// Organizations, in the order they were recorded.
    async fn organizations(
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
    ) -> Result<Conn<Organization>> {
        root_connection(
            ctx,
            organization::Entity::find(),
            &SortKey::by_key(),
            &PageArgs::new(after, before, first, last),
            Organization,
        )
        .await
    }
}
