//! Families: groups of volunteers who volunteer together.

use crate::domain::hours::hours;
use crate::graphql::access::may_see_family;
use crate::graphql::aggregates::{MinutesOfFamily, Period};
use crate::graphql::connection::{
    Brought, Conn, Nested, PageArgs, ParentKey, SortKey, nested_connection, root_connection,
};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::FamilyRole;
use crate::graphql::error::loader_error;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::loaders::FamilyById;
use crate::graphql::regions::{Region, region_by_code};
use crate::graphql::scalars::Date;
use crate::graphql::volunteers::{Volunteer, visible_volunteer, volunteer_by_id};
use async_graphql::{Context, ID, Object, Result};
use entity::{family, family_member};
use sea_orm::EntityTrait;
use sea_orm::sea_query::Condition;

pub struct Family(pub family::Model);

impl Family {
    /// Minutes worked within the period (`totalHours`, `totalMinutes`).
    async fn minutes_in(
        &self,
        ctx: &Context<'_>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<i64> {
        let key = MinutesOfFamily {
            family_id: self.0.id,
            period: Period::of_arguments(from, to)?,
        };
        let minutes = ctx.loader().load_one(key).await.map_err(loader_error)?;
        Ok(minutes.unwrap_or(0))
    }
}

/// A family: a group of volunteers (the law's term) with guardians and children.
#[Object]
impl Family {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Family, self.0.id)
    }

    /// The family's name, e.g. «Ахметовтар отбасы». Personal: null for
    /// callers who may not see this family.
    async fn name(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        Ok(if may_see_family(ctx, &self.0).await? {
            Some(&self.0.name)
        } else {
            None
        })
    }

    /// Home region.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        region_by_code(ctx, &self.0.region_code).await
    }

    /// The day the family was recorded.
    async fn created_on(&self) -> Date {
        self.0.created_on.into()
    }

    /// The family's members with their roles, in the order they joined
    /// the register. Personal: null for callers who may not see this
    /// family.
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    async fn members(
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
    ) -> Result<Option<Conn<FamilyMember>>> {
        if !may_see_family(ctx, &self.0).await? {
            return Ok(None);
        }
        nested_connection::<MembersOfFamily, _>(
            ctx,
            ParentKey::Id(self.0.id),
            Condition::all(),
            String::new(),
            SortKey::by_key(),
            &PageArgs::new(after, before, first, last),
            |item| FamilyMember(item.row, item.brought),
        )
        .await
        .map(Some)
    }

    /// Hours worked by the family's members: attended participations,
    /// events cancelled excluded, dated within the period (all time when
    /// omitted).
    async fn total_hours(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day counted (included).")] from: Option<Date>,
        #[graphql(desc = "Last day counted (included).")] to: Option<Date>,
    ) -> Result<f64> {
        Ok(hours(self.minutes_in(ctx, from, to).await?))
    }

    /// The same time worked, in whole minutes (the exact figure).
    async fn total_minutes(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day counted (included).")] from: Option<Date>,
        #[graphql(desc = "Last day counted (included).")] to: Option<Date>,
    ) -> Result<i64> {
        self.minutes_in(ctx, from, to).await
    }
}

/// The members of a family.
pub struct MembersOfFamily;

impl Nested for MembersOfFamily {
    type Entity = family_member::Entity;
    type Model = family_member::Model;
    const PARENT_SQL: &'static str = "family_id";
    const VOLUNTEER_SQL: Option<&'static str> = Some("volunteer_id");
    fn parent_of(row: &family_member::Model) -> ParentKey {
        ParentKey::Id(row.family_id)
    }
}

/// A volunteer's membership in a family, with the volunteer when the
/// family's list of members brought it.
pub struct FamilyMember(pub family_member::Model, pub Brought);

/// A volunteer's membership in a family.
#[Object]
impl FamilyMember {
    /// The member.
    async fn volunteer(&self, ctx: &Context<'_>) -> Result<Option<Volunteer>> {
        match &self.1.volunteer {
            Some(row) => visible_volunteer(ctx, (**row).clone()).await,
            None => volunteer_by_id(ctx, self.0.volunteer_id).await,
        }
    }

    /// Guardian, child or other.
    async fn role(&self) -> FamilyRole {
        self.0.role.into()
    }

    /// The day the member joined the family.
    async fn joined_on(&self) -> Date {
        self.0.joined_on.into()
    }
}

pub async fn family_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<Family>> {
    let row = ctx
        .loader()
        .load_one(FamilyById(id))
        .await
        .map_err(loader_error)?;
    Ok(row.map(Family))
}

#[derive(Default)]
pub struct FamilyQuery;

#[Object]
impl FamilyQuery {
    /// A family by id; null if there is none.
    async fn family(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A global id.")] id: ID,
    ) -> Result<Option<Family>> {
        crate::graphql::access::require_signed_in(ctx, crate::msg!("see-families"))?;
        family_by_id(ctx, ids::decode_int(&id, NodeType::Family, "id")?).await
    }

    /// Families, in the order they were recorded.
    async fn families(
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
    ) -> Result<Conn<Family>> {
        crate::graphql::access::require_signed_in(ctx, crate::msg!("see-families"))?;
        root_connection(
            ctx,
            family::Entity::find(),
            &SortKey::by_key(),
            &PageArgs::new(after, before, first, last),
            Family,
        )
        .await
    }
}
