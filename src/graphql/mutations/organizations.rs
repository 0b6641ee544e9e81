//! Mutations on organizations and front offices.

use super::{key, payload, run, written};
use crate::domain::organizations as domain;
use crate::graphql::enums::{FrontOfficeKind, OrganizationKind};
use crate::graphql::front_offices::{
    FrontOffice, Organization, front_office_by_id, organization_by_id,
};
use crate::graphql::ids::NodeType;
use crate::graphql::scalars::Date;
use async_graphql::{Context, ID, InputObject, Object, Result};

/// Record a partner or volunteer organization.
#[derive(InputObject)]
pub struct CreateOrganizationInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The name.
    pub name: String,
    /// The kind.
    pub kind: OrganizationKind,
    /// ISO 3166-1 alpha-2, e.g. `KZ`, `DE`.
    pub country_code: String,
}

/// Open a front office.
#[derive(InputObject)]
pub struct CreateFrontOfficeInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The kind.
    pub kind: FrontOfficeKind,
    /// The region of a REGIONAL office; none for the REPUBLICAN one.
    pub region_code: Option<String>,
    /// The name.
    pub name: String,
    /// The day it opened.
    pub opened_on: Date,
}

/// Record an organization as a front office's partner.
#[derive(InputObject)]
pub struct AddPartnerInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The front office's id.
    pub front_office_id: ID,
    /// The organization's id.
    pub organization_id: ID,
    /// Partner since this day.
    pub since: Date,
}

payload!(
    /// The organization a mutation created.
    OrganizationPayload { organization: Organization }
);

payload!(
    /// The front office a mutation changed.
    FrontOfficePayload { front_office: FrontOffice }
);

async fn office_payload(
    ctx: &Context<'_>,
    cmid: Option<String>,
    id: i64,
) -> Result<FrontOfficePayload> {
    Ok(FrontOfficePayload {
        client_mutation_id: cmid,
        front_office: written(front_office_by_id(ctx, id).await?, "front-office")?,
    })
}

#[derive(Default)]
pub struct OrganizationMutation;

/// Organizations and front offices.
#[Object]
impl OrganizationMutation {
    /// Record an organization (names are unique).
    async fn create_organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: CreateOrganizationInput,
    ) -> Result<OrganizationPayload> {
        let (name, kind, country) = (
            input.name.clone(),
            input.kind.into(),
            input.country_code.clone(),
        );
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "createOrganization", &input, cmid.as_deref(), |w| {
            Box::pin(async move { domain::create_organization(w, &name, kind, &country).await })
        })
        .await?;
        Ok(OrganizationPayload {
            client_mutation_id: cmid,
            organization: written(organization_by_id(ctx, id).await?, "organization")?,
        })
    }

    /// Open the republican front office or a region's (one each).
    async fn create_front_office(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: CreateFrontOfficeInput,
    ) -> Result<FrontOfficePayload> {
        let (kind, region, name, opened) = (
            input.kind.into(),
            input.region_code.clone(),
            input.name.clone(),
            input.opened_on.0,
        );
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "createFrontOffice", &input, cmid.as_deref(), |w| {
            Box::pin(async move {
                domain::create_front_office(w, kind, region.as_deref(), &name, opened).await
            })
        })
        .await?;
        office_payload(ctx, cmid, id).await
    }

    /// Record a partnership of a front office with an organization.
    async fn add_front_office_partner(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: AddPartnerInput,
    ) -> Result<FrontOfficePayload> {
        let office = key(
            &input.front_office_id,
            NodeType::FrontOffice,
            "input.frontOfficeId",
        )?;
        let org = key(
            &input.organization_id,
            NodeType::Organization,
            "input.organizationId",
        )?;
        let since = input.since.0;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "addFrontOfficePartner", &input, cmid.as_deref(), |w| {
            Box::pin(domain::add_partner(w, office, org, since))
        })
        .await?;
        office_payload(ctx, cmid, id).await
    }
}
