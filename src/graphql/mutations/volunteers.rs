//! Mutations on volunteers: registration, record changes, guardian and
//! consents.

use super::{key, maybe, optional_key, payload, run, written};
use crate::domain::volunteers::{self as domain, LegalGuardian, NewVolunteer, VolunteerChanges};
use crate::graphql::enums::FamilyRole;
use crate::graphql::ids::NodeType;
use crate::graphql::scalars::Date;
use crate::graphql::volunteers::{Volunteer, volunteer_by_id};
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// A legal representative of a minor who is not in the register.
#[derive(InputObject, Clone)]
pub struct LegalGuardianInput {
    /// The representative's full name.
    #[graphql(secret)]
    pub name: String,
    /// The day the representative consented to the minor volunteering.
    #[graphql(secret)]
    pub consent_on: Date,
}

impl From<LegalGuardianInput> for LegalGuardian {
    fn from(g: LegalGuardianInput) -> Self {
        LegalGuardian {
            name: g.name,
            consent_on: g.consent_on.0,
        }
    }
}

/// Register a person as a volunteer.
#[derive(InputObject)]
pub struct RegisterVolunteerInput {
    /// Idempotency key: a retry with the same key and input returns the
    /// first result without registering twice.
    pub client_mutation_id: Option<String>,
    /// Full name, in Kazakh or Russian Cyrillic as written.
    #[graphql(secret)]
    pub full_name: String,
    /// The name in Latin letters.
    #[graphql(secret)]
    pub latin_name: Option<String>,
    /// Date of birth; at registration the person must be at least the
    /// minimum age (7 by default).
    #[graphql(secret)]
    pub birth_date: Date,
    /// Home region, e.g. `KZ-71`.
    pub region_code: String,
    /// Day of registration; today when omitted.
    pub registered_on: Option<Date>,
    /// Phone with the country code, e.g. `+7 701 123 45 67`.
    #[graphql(secret)]
    pub phone: Option<String>,
    /// E-mail address.
    #[graphql(secret)]
    pub email: Option<String>,
    /// National ID (12 digits). Validated against the birth date, kept only
    /// as a keyed hash, never returned; refuses a second registration of
    /// the same person.
    #[graphql(secret)]
    pub iin: Option<String>,
    /// Skills, e.g. `first_aid`.
    #[graphql(default, secret)]
    pub skills: Vec<String>,
    /// Languages, e.g. `kk`, `ru`, `en`.
    #[graphql(default, secret)]
    pub languages: Vec<String>,
    /// For a minor: the legal representative, unless an adult GUARDIAN of
    /// the family given in `familyId` is on record.
    #[graphql(secret)]
    pub guardian: Option<LegalGuardianInput>,
    /// For a child under 14: the day written consent to attend events
    /// without the guardian was given.
    #[graphql(secret)]
    pub unaccompanied_consent_on: Option<Date>,
    /// Join this family at once.
    pub family_id: Option<ID>,
    /// Role in `familyId`'s family (default CHILD).
    #[graphql(secret)]
    pub family_role: Option<FamilyRole>,
}

/// Change a volunteer's record; fields left out stay as they are, `null`
/// clears an optional one.
#[derive(InputObject)]
pub struct UpdateVolunteerInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The volunteer's id.
    pub volunteer_id: ID,
    /// Full name, in Kazakh or Russian Cyrillic as written.
    #[graphql(secret)]
    pub full_name: Option<String>,
    /// The name in Latin letters.
    #[graphql(secret)]
    pub latin_name: MaybeUndefined<String>,
    /// Region code (ISO 3166-2:KZ), e.g. `KZ-71`.
    pub region_code: Option<String>,
    /// Phone with the country code, e.g. `+7 701 123 45 67`.
    #[graphql(secret)]
    pub phone: MaybeUndefined<String>,
    /// E-mail address.
    #[graphql(secret)]
    pub email: MaybeUndefined<String>,
    /// Replaces all skills.
    #[graphql(secret)]
    pub skills: Option<Vec<String>>,
    /// Replaces all languages.
    #[graphql(secret)]
    pub languages: Option<Vec<String>>,
}

/// Set or clear a volunteer's legal representative and consent to attend
/// unaccompanied. Both are set to exactly what is given.
#[derive(InputObject)]
pub struct SetGuardianInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The volunteer's id.
    pub volunteer_id: ID,
    /// The legal representative; null or omitted clears it (refused while
    /// the minor would have no guardian at all).
    #[graphql(secret)]
    pub guardian: Option<LegalGuardianInput>,
    /// Day of written consent to attend without the guardian; null clears.
    #[graphql(secret)]
    pub unaccompanied_consent_on: Option<Date>,
}

payload!(
    /// The volunteer a mutation changed.
    VolunteerPayload { volunteer: Volunteer }
);

async fn payload(ctx: &Context<'_>, cmid: Option<String>, id: i64) -> Result<VolunteerPayload> {
    Ok(VolunteerPayload {
        client_mutation_id: cmid,
        volunteer: written(volunteer_by_id(ctx, id).await?, "volunteer")?,
    })
}

#[derive(Default)]
pub struct VolunteerMutation;

/// Volunteers.
#[Object]
impl VolunteerMutation {
    /// Register a volunteer. Minors need a guardian on record (a legal
    /// representative here, or an adult GUARDIAN of the family joined).
    async fn register_volunteer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: RegisterVolunteerInput,
    ) -> Result<VolunteerPayload> {
        let family = optional_key(input.family_id.as_ref(), NodeType::Family, "input.familyId")?
            .map(|f| (f, input.family_role.unwrap_or(FamilyRole::Child).into()));
        let new = NewVolunteer {
            full_name: input.full_name.clone(),
            latin_name: input.latin_name.clone(),
            birth_date: input.birth_date.0,
            region_code: input.region_code.clone(),
            registered_on: input.registered_on.map(|d| d.0),
            phone: input.phone.clone(),
            email: input.email.clone(),
            iin: input.iin.clone(),
            skills: input.skills.clone(),
            languages: input.languages.clone(),
            guardian: input.guardian.clone().map(Into::into),
            unaccompanied_consent_on: input.unaccompanied_consent_on.map(|d| d.0),
            family,
            pending: false,
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "registerVolunteer", &input, cmid.as_deref(), |w| {
            Box::pin(domain::register(w, new))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Change a volunteer's names, region, contacts, skills or languages.
    async fn update_volunteer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: UpdateVolunteerInput,
    ) -> Result<VolunteerPayload> {
        let id = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let changes = VolunteerChanges {
            full_name: input.full_name.clone(),
            latin_name: maybe(&input.latin_name),
            region_code: input.region_code.clone(),
            phone: maybe(&input.phone),
            email: maybe(&input.email),
            skills: input.skills.clone(),
            languages: input.languages.clone(),
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "updateVolunteer", &input, cmid.as_deref(), |w| {
            Box::pin(domain::update(w, id, changes))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Set or clear a minor's legal representative and the consent to
    /// attend without the guardian.
    async fn set_guardian(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: SetGuardianInput,
    ) -> Result<VolunteerPayload> {
        let id = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let guardian = input.guardian.clone().map(Into::into);
        let consent = input.unaccompanied_consent_on.map(|d| d.0);
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "setGuardian", &input, cmid.as_deref(), |w| {
            Box::pin(domain::set_guardian(w, id, guardian, consent))
        })
        .await?;
        payload(ctx, cmid, id).await
    }
}
