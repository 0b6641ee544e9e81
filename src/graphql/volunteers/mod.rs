//! Volunteers: the people of the register.

mod filter;
mod query;

pub use filter::{VolunteerFilter, VolunteerOrder, VolunteersOfRegion, mentions_statuses};
pub use query::VolunteerQuery;

use crate::domain::hours::hours;
use crate::domain::time::age_on;
use crate::graphql::access::may_see_person;
use crate::graphql::aggregates::{MinutesOfVolunteer, Period};
use crate::graphql::connection::{Conn, PageArgs, ParentKey, nested_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::FamilyRole;
use crate::graphql::error::loader_error;
use crate::graphql::families::Family;
use crate::graphql::filtering;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::loaders::{
    FamilyOfVolunteer, MembershipByVolunteer, TagsByVolunteer, VolunteerById,
};
use crate::graphql::participations::{
    Participation, ParticipationFilter, ParticipationOrder, ParticipationsOfVolunteer,
};
use crate::graphql::regions::{Region, region_by_code};
use crate::graphql::scalars::Date;
use async_graphql::{Context, ID, Object, Result};
use entity::{TagKind, volunteer};

/// A person registered as a volunteer.
pub struct Volunteer(pub volunteer::Model);

impl Volunteer {
    /// `value` if the caller may see this volunteer's personal data.
    async fn personal<T>(&self, ctx: &Context<'_>, value: Option<T>) -> Result<Option<T>> {
        // Erased volunteers' remaining personal data (the birth date kept
        // for statistics) is shown to nobody.
        let visible = self.0.erased_at.is_none() && may_see_person(ctx, &self.0).await?;
        Ok(if visible { value } else { None })
    }

    async fn tags(&self, ctx: &Context<'_>, kind: TagKind) -> Result<Vec<String>> {
        let tags = ctx
            .loader()
            .load_one(TagsByVolunteer(self.0.id))
            .await
            .map_err(loader_error)?
            .unwrap_or_default();
        Ok(tags
            .into_iter()
            .filter(|t| t.kind == kind)
            .map(|t| t.tag)
            .collect())
    }
}

impl Volunteer {
    /// Minutes worked within the period (`totalHours`, `totalMinutes`).
    async fn minutes_in(
        &self,
        ctx: &Context<'_>,
        from: Option<Date>,
        to: Option<Date>,
    ) -> Result<i64> {
        let key = MinutesOfVolunteer {
            volunteer_id: self.0.id,
            period: Period::of_arguments(from, to)?,
        };
        let minutes = ctx.loader().load_one(key).await.map_err(loader_error)?;
        Ok(minutes.unwrap_or(0))
    }
}

/// A person registered as a volunteer.
#[Object]
impl Volunteer {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        ids::encode(NodeType::Volunteer, self.0.id)
    }

    /// Whether the personal fields of this volunteer are shown to the
    /// caller (when false, they are null whatever they hold).
    async fn personal_data_visible(&self, ctx: &Context<'_>) -> Result<bool> {
        may_see_person(ctx, &self.0).await
    }

    /// Full name as written, in Kazakh or Russian Cyrillic; null once erased.
    /// Personal.
    async fn full_name(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        self.personal(ctx, self.0.full_name.as_deref()).await
    }

    /// The name in Latin letters, if recorded. Personal.
    async fn latin_name(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        self.personal(ctx, self.0.latin_name.as_deref()).await
    }

    /// Date of birth. Personal.
    async fn birth_date(&self, ctx: &Context<'_>) -> Result<Option<Date>> {
        self.personal(ctx, Some(self.0.birth_date.into())).await
    }

    /// Age in whole years on a day (default: today in Kazakhstan). Personal.
    /// Null on a day before the volunteer's birth, as for a person one may
    /// not see: an error there would tell the birth date to anyone.
    async fn age(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The day to compute the age on; today when omitted.")] on: Option<Date>,
    ) -> Result<Option<i32>> {
        let on = on.map(|d| d.0).unwrap_or_else(|| ctx.clock().today());
        let age = (on >= self.0.birth_date).then(|| age_on(self.0.birth_date, on));
        self.personal(ctx, age).await
    }

    /// Home region.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        region_by_code(ctx, &self.0.region_code).await
    }

    /// The day the volunteer was registered (for a PENDING sign-up, the
    /// day it signed up; confirming registers it that day).
    async fn registered_on(&self) -> Date {
        self.0.registered_on.into()
    }

    /// ACTIVE, or PENDING: signed up and waiting for a coordinator.
    async fn status(&self) -> crate::graphql::enums::VolunteerStatus {
        self.0.status.into()
    }

    /// The sign-up of a PENDING volunteer, for those entitled to the
    /// person; null otherwise, and once confirmed.
    async fn sign_up(&self, ctx: &Context<'_>) -> Result<Option<SignUp>> {
        if self.0.status != entity::VolunteerStatus::Pending
            || !may_see_person(ctx, &self.0).await?
        {
            return Ok(None);
        }
        let found = crate::domain::sign_up::of_volunteer(ctx.db(), self.0.id).await?;
        Ok(found.map(SignUp))
    }

    /// Phone number, if given. Personal.
    async fn phone(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        self.personal(ctx, self.0.phone.as_deref()).await
    }

    /// E-mail address, if given. Personal.
    async fn email(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        self.personal(ctx, self.0.email.as_deref()).await
    }

    /// Skills, lower-case tags such as `first_aid`. Personal.
    async fn skills(&self, ctx: &Context<'_>) -> Result<Option<Vec<String>>> {
        if !may_see_person(ctx, &self.0).await? {
            return Ok(None);
        }
        self.tags(ctx, TagKind::Skill).await.map(Some)
    }

    /// Languages spoken, ISO 639-1 codes such as `kk`, `ru`. Personal.
    async fn languages(&self, ctx: &Context<'_>) -> Result<Option<Vec<String>>> {
        if !may_see_person(ctx, &self.0).await? {
            return Ok(None);
        }
        self.tags(ctx, TagKind::Language).await.map(Some)
    }

    /// The family the volunteer belongs to, if any. Personal.
    async fn family(&self, ctx: &Context<'_>) -> Result<Option<Family>> {
        if !may_see_person(ctx, &self.0).await? {
            return Ok(None);
        }
        let family = ctx
            .loader()
            .load_one(FamilyOfVolunteer(self.0.id))
            .await
            .map_err(loader_error)?;
        Ok(family.map(Family))
    }

    /// The volunteer's role in their family, if in one. Personal.
    async fn family_role(&self, ctx: &Context<'_>) -> Result<Option<FamilyRole>> {
        if !may_see_person(ctx, &self.0).await? {
            return Ok(None);
        }
        let membership = ctx
            .loader()
            .load_one(MembershipByVolunteer(self.0.id))
            .await
            .map_err(loader_error)?;
        Ok(membership.map(|m| m.role.into()))
    }

    /// Name of the legal representative on record for a minor, if any.
    /// Personal.
    async fn guardian_name(&self, ctx: &Context<'_>) -> Result<Option<&str>> {
        self.personal(ctx, self.0.guardian_name.as_deref()).await
    }

    /// The day the legal representative consented, if any. Personal.
    async fn guardian_consent_on(&self, ctx: &Context<'_>) -> Result<Option<Date>> {
        self.personal(ctx, self.0.guardian_consent_on.map(Date))
            .await
    }

    /// The day written consent was given for a child under 14 to attend
    /// without the guardian, if any. Personal.
    async fn unaccompanied_consent_on(&self, ctx: &Context<'_>) -> Result<Option<Date>> {
        self.personal(ctx, self.0.unaccompanied_consent_on.map(Date))
            .await
    }

    /// Whether the volunteer's personal data has been erased.
    async fn erased(&self) -> bool {
        self.0.erased_at.is_some()
    }

    /// Hours worked: attended participations, events cancelled excluded,
    /// dated within the period (all time when omitted).
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

    /// The volunteer's participations, filtered and ordered (by id unless
    /// told otherwise).
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
        nested_connection::<ParticipationsOfVolunteer, _>(
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

pub async fn volunteer_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<Volunteer>> {
    let row = ctx
        .loader()
        .load_one(VolunteerById(id))
        .await
        .map_err(loader_error)?;
    match row {
        Some(row) => visible_volunteer(ctx, row).await,
        None => Ok(None),
    }
}

/// A volunteer's row as the caller may see it: a pending sign-up is not in
/// the register yet, so only those entitled to the person (the volunteer,
/// its guardian, its coordinators) see it.
pub async fn visible_volunteer(
    ctx: &Context<'_>,
    row: volunteer::Model,
) -> Result<Option<Volunteer>> {
    if row.status == entity::VolunteerStatus::Pending && !may_see_person(ctx, &row).await? {
        return Ok(None);
    }
    Ok(Some(Volunteer(row)))
}

/// A volunteer's own sign-up, waiting for a coordinator.
pub struct SignUp(entity::sign_up::Model);

/// A volunteer's own sign-up, waiting for a coordinator (and, for a
/// minor, for its guardian).
#[Object]
impl SignUp {
    /// When the person signed up.
    async fn signed_up_at(&self) -> chrono::DateTime<chrono::Utc> {
        self.0.signed_up_at
    }

    /// Whether a guardian's account was named and is to confirm the link.
    async fn guardian_requested(&self) -> bool {
        self.0.guardian_account_id.is_some()
    }

    /// When the guardian's account confirmed the link (the minor is then
    /// in the guardian's family).
    async fn guardian_confirmed_at(&self) -> Option<chrono::DateTime<chrono::Utc>> {
        self.0.guardian_confirmed_at
    }

    /// The legal representative the minor named, for the coordinator to
    /// record with the consent's date (`confirmVolunteer`).
    async fn legal_representative(&self) -> Option<&str> {
        self.0.representative_name.as_deref()
    }
}

/// Whether a filter searches by name anywhere in it.
pub fn mentions_name(f: &VolunteerFilter) -> bool {
    f.name.is_some()
        || f.and.iter().flatten().any(mentions_name)
        || f.or.iter().flatten().any(mentions_name)
}

/// Refuse a name search to callers who may not search people by name,
/// and a list of statuses (pending sign-ups) to callers other than admins
/// and coordinators.
pub fn check_name_search(ctx: &Context<'_>, filter: Option<&VolunteerFilter>) -> Result<()> {
    if filter.is_some_and(mentions_name) {
        crate::graphql::access::require_name_search(ctx)?;
    }
    if filter.is_some_and(filter::mentions_statuses) {
        crate::graphql::access::require_status_filter(ctx)?;
    }
    Ok(())
}
