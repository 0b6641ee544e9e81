//! Mutations on families and their members.

use super::{key, payload, run, written};
use crate::domain::families as domain;
use crate::graphql::enums::FamilyRole;
use crate::graphql::families::{Family, family_by_id};
use crate::graphql::ids::NodeType;
use async_graphql::{Context, ID, InputObject, Object, Result};

/// Create a family.
#[derive(InputObject)]
pub struct CreateFamilyInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The family's name, e.g. «Сейітовтер отбасы».
    #[graphql(secret)]
    pub name: String,
    /// Home region, e.g. `KZ-75`.
    pub region_code: String,
}

/// Rename a family or move it to another region.
#[derive(InputObject)]
pub struct UpdateFamilyInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The family's id.
    pub family_id: ID,
    /// The name.
    #[graphql(secret)]
    pub name: Option<String>,
    /// Region code (ISO 3166-2:KZ), e.g. `KZ-71`.
    pub region_code: Option<String>,
}

/// Add a volunteer to a family (a volunteer belongs to at most one).
#[derive(InputObject)]
pub struct AddFamilyMemberInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The family's id.
    pub family_id: ID,
    /// The volunteer's id.
    pub volunteer_id: ID,
    /// The member's role in the family.
    #[graphql(secret)]
    pub role: FamilyRole,
}

/// Remove a volunteer from a family.
#[derive(InputObject)]
pub struct RemoveFamilyMemberInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The family's id.
    pub family_id: ID,
    /// The volunteer's id.
    pub volunteer_id: ID,
}

payload!(
    /// The family a mutation changed.
    FamilyPayload { family: Family }
);

async fn payload(ctx: &Context<'_>, cmid: Option<String>, id: i64) -> Result<FamilyPayload> {
    Ok(FamilyPayload {
        client_mutation_id: cmid,
        family: written(family_by_id(ctx, id).await?, "family")?,
    })
}

#[derive(Default)]
pub struct FamilyMutation;

/// Families.
#[Object]
impl FamilyMutation {
    /// Create a family (a group of volunteers in the law's terms).
    async fn create_family(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: CreateFamilyInput,
    ) -> Result<FamilyPayload> {
        let (name, region) = (input.name.clone(), input.region_code.clone());
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "createFamily", &input, cmid.as_deref(), |w| {
            Box::pin(async move { domain::create(w, &name, &region).await })
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Rename a family or change its home region.
    async fn update_family(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: UpdateFamilyInput,
    ) -> Result<FamilyPayload> {
        let id = key(&input.family_id, NodeType::Family, "input.familyId")?;
        let (name, region) = (input.name.clone(), input.region_code.clone());
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "updateFamily", &input, cmid.as_deref(), |w| {
            Box::pin(async move { domain::update(w, id, name.as_deref(), region.as_deref()).await })
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Add a volunteer to a family in a role.
    async fn add_family_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: AddFamilyMemberInput,
    ) -> Result<FamilyPayload> {
        let family = key(&input.family_id, NodeType::Family, "input.familyId")?;
        let volunteer = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let role = input.role.into();
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "addFamilyMember", &input, cmid.as_deref(), |w| {
            Box::pin(domain::add_member(w, family, volunteer, role))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Remove a volunteer from a family; refused while it would leave a
    /// minor without a guardian on record.
    async fn remove_family_member(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: RemoveFamilyMemberInput,
    ) -> Result<FamilyPayload> {
        let family = key(&input.family_id, NodeType::Family, "input.familyId")?;
        let volunteer = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "removeFamilyMember", &input, cmid.as_deref(), |w| {
            Box::pin(domain::remove_member(w, family, volunteer))
        })
        .await?;
        payload(ctx, cmid, id).await
    }
}
