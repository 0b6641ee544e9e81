//! Signing up from the mobile app (`signUp`, `signUpChild`) and the steps
//! that bring a sign-up into the register (`confirmGuardianship`,
//! `confirmVolunteer`); the rules are in `domain::sign_up`.

use super::volunteers::LegalGuardianInput;
use super::{key, payload, run, run_as, written};
use crate::domain::accounts;
use crate::domain::caller::Caller;
use crate::domain::error::DomainError;
use crate::domain::sign_up::{self as domain, NewSignUp, SignedUp};
use crate::graphql::accounts::Account;
use crate::graphql::context::ContextExt;
use crate::graphql::ids::NodeType;
use crate::graphql::scalars::Date;
use crate::graphql::volunteers::{Volunteer, volunteer_by_id};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;
use std::sync::Arc;

/// A person signing up: the account and the volunteer record to be.
#[derive(InputObject)]
pub struct SignUpInput {
    /// Echoed in the payload. Not an idempotency key here: a sign-up has
    /// no account yet to keep one for; a retry of a sign-up that went
    /// through is refused with CONFLICT on the username.
    pub client_mutation_id: Option<String>,
    /// Login name: 3 to 64 letters, digits, `.`, `_`, `-` or `@`.
    #[graphql(secret)]
    pub username: String,
    /// At least 10 characters, not one of the most common passwords, not
    /// containing the username; kept only as an argon2id hash.
    #[graphql(secret)]
    pub password: String,
    /// Full name, in Kazakh or Russian Cyrillic as written.
    #[graphql(secret)]
    pub full_name: String,
    /// The name in Latin letters.
    #[graphql(secret)]
    pub latin_name: Option<String>,
    /// Date of birth: at least 14 years ago to sign up oneself (a younger
    /// child is signed up by its guardian, `signUpChild`), and the minimum
    /// age (7) in any case.
    #[graphql(secret)]
    pub birth_date: Date,
    /// Home region, e.g. `KZ-71`; a coordinator of it confirms the sign-up.
    pub region_code: String,
    /// Phone with the country code; a phone or an e-mail is required.
    #[graphql(secret)]
    pub phone: Option<String>,
    /// E-mail address; also where password-reset codes are sent.
    #[graphql(secret)]
    pub email: Option<String>,
    /// National ID (12 digits), kept only as a keyed hash; a person already
    /// in the register is refused with CONFLICT.
    #[graphql(secret)]
    pub iin: Option<String>,
    /// Skills, e.g. `first_aid`.
    #[graphql(default, secret)]
    pub skills: Vec<String>,
    /// Languages, e.g. `kk`, `ru`, `en`.
    #[graphql(default, secret)]
    pub languages: Vec<String>,
    /// Under 18: the login name of the guardian's own account (an adult
    /// volunteer), who confirms the link (`confirmGuardianship`).
    #[graphql(secret)]
    pub guardian_username: Option<String>,
    /// Under 18, instead of a guardian's account: the legal
    /// representative's name, for the coordinator to record with the
    /// consent's date when confirming.
    #[graphql(secret)]
    pub legal_representative: Option<String>,
}

/// A guardian signing up a child of its own.
#[derive(InputObject)]
pub struct SignUpChildInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The child's login name.
    #[graphql(secret)]
    pub username: String,
    /// The child's password (the rules of `signUp`).
    #[graphql(secret)]
    pub password: String,
    /// The child's full name.
    #[graphql(secret)]
    pub full_name: String,
    /// The name in Latin letters.
    #[graphql(secret)]
    pub latin_name: Option<String>,
    /// Date of birth: under 18, at least the minimum age (7).
    #[graphql(secret)]
    pub birth_date: Date,
    /// Home region; the guardian's when omitted.
    pub region_code: Option<String>,
    /// The child's phone, if it has one.
    #[graphql(secret)]
    pub phone: Option<String>,
    /// The child's e-mail, if it has one.
    #[graphql(secret)]
    pub email: Option<String>,
    /// The child's national ID (12 digits).
    #[graphql(secret)]
    pub iin: Option<String>,
    /// Skills.
    #[graphql(default, secret)]
    pub skills: Vec<String>,
    /// Languages.
    #[graphql(default, secret)]
    pub languages: Vec<String>,
}

/// A pending volunteer: the minor whose guardian confirms the link
/// (`confirmGuardianship`), or a sign-up declined (`declineSignUp`).
#[derive(InputObject)]
pub struct PendingVolunteerInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The minor's volunteer id.
    pub volunteer_id: ID,
}

/// A coordinator confirms a sign-up.
#[derive(InputObject)]
pub struct ConfirmVolunteerInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The pending volunteer.
    pub volunteer_id: ID,
    /// For a minor without a guardian in its family: the legal
    /// representative and the day they consented.
    #[graphql(secret)]
    pub guardian: Option<LegalGuardianInput>,
    /// For a child under 14: the day written consent to attend without the
    /// guardian was given.
    #[graphql(secret)]
    pub unaccompanied_consent_on: Option<Date>,
}

/// A new account and its volunteer, signed in.
#[derive(SimpleObject)]
pub struct SignUpPayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// A sign-in token of the new account (for `signUp`; `signUpChild`
    /// gives none: the child signs in itself).
    pub token: Option<String>,
    /// When the token stops working.
    pub expires_at: Option<DateTime<Utc>>,
    /// The account made.
    pub account: Account,
    /// The volunteer, PENDING until a coordinator confirms it.
    pub volunteer: Volunteer,
}

payload!(
    /// The volunteer whose sign-up moved on.
    ConfirmPayload { volunteer: Volunteer }
);

#[derive(Default)]
pub struct SignUpMutation;

/// Signing up.
#[Object]
impl SignUpMutation {
    /// Sign up from the app, without an account: an account and a PENDING
    /// volunteer, which a coordinator of its region confirms. Signed in at
    /// once (the payload's token) to see its own record. Limited per client
    /// address (RATE_LIMITED).
    async fn sign_up(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Who signs up.")] input: SignUpInput,
    ) -> Result<SignUpPayload> {
        crate::graphql::throttle::sign_up(ctx)?;
        let new = NewSignUp {
            username: input.username.clone(),
            password: input.password.clone(),
            full_name: input.full_name.clone(),
            latin_name: input.latin_name.clone(),
            birth_date: input.birth_date.0,
            region_code: Some(input.region_code.clone()),
            phone: input.phone.clone(),
            email: input.email.clone(),
            iin: input.iin.clone(),
            skills: input.skills.clone(),
            languages: input.languages.clone(),
            guardian_username: input.guardian_username.clone(),
            representative_name: input.legal_representative.clone(),
        };
        let cmid = input.client_mutation_id.clone();
        let made = run_as(
            ctx,
            Caller::System("sign-up"),
            "signUp",
            &input,
            None,
            |w| Box::pin(domain::sign_up(w, new)),
        )
        .await?;
        signed_up(ctx, cmid, made, true).await
    }

    /// An adult volunteer signs up a child of its own (under 18; under 14
    /// only this way): the child's account and PENDING volunteer, in the
    /// guardian's family as a CHILD (a family is made for the guardian if
    /// it has none). A coordinator confirms it as any sign-up.
    async fn sign_up_child(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The child.")] input: SignUpChildInput,
    ) -> Result<SignUpPayload> {
        let new = NewSignUp {
            username: input.username.clone(),
            password: input.password.clone(),
            full_name: input.full_name.clone(),
            latin_name: input.latin_name.clone(),
            birth_date: input.birth_date.0,
            region_code: input.region_code.clone(),
            phone: input.phone.clone(),
            email: input.email.clone(),
            iin: input.iin.clone(),
            skills: input.skills.clone(),
            languages: input.languages.clone(),
            guardian_username: None,
            representative_name: None,
        };
        let cmid = input.client_mutation_id.clone();
        let made = run(ctx, "signUpChild", &input, cmid.as_deref(), |w| {
            Box::pin(domain::sign_up_child(w, new))
        })
        .await?;
        signed_up(ctx, cmid, made, false).await
    }

    /// The guardian a minor named at sign-up confirms the link (signed in
    /// as that adult volunteer): the minor joins its family as a CHILD.
    async fn confirm_guardianship(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The minor.")] input: PendingVolunteerInput,
    ) -> Result<ConfirmPayload> {
        let id = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "confirmGuardianship", &input, cmid.as_deref(), |w| {
            Box::pin(domain::confirm_guardianship(w, id))
        })
        .await?;
        confirmed(ctx, cmid, id).await
    }

    /// Decline a sign-up (coordinators of the volunteer's region, admins):
    /// one that is no real person's, or a duplicate. Its personal data is
    /// erased and its account disabled, as `eraseVolunteer` does.
    async fn decline_sign_up(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The sign-up.")] input: PendingVolunteerInput,
    ) -> Result<ConfirmPayload> {
        let id = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "declineSignUp", &input, cmid.as_deref(), |w| {
            Box::pin(domain::decline(w, id))
        })
        .await?;
        confirmed(ctx, cmid, id).await
    }

    /// Confirm a sign-up (coordinators of the volunteer's region, admins):
    /// the volunteer is ACTIVE, registered today, once the rules for
    /// minors hold (a guardian in its family, or the legal representative
    /// given here).
    async fn confirm_volunteer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The sign-up.")] input: ConfirmVolunteerInput,
    ) -> Result<ConfirmPayload> {
        let id = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let guardian = input.guardian.clone().map(Into::into);
        let consent = input.unaccompanied_consent_on.map(|d| d.0);
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "confirmVolunteer", &input, cmid.as_deref(), |w| {
            Box::pin(domain::confirm(w, id, guardian, consent))
        })
        .await?;
        confirmed(ctx, cmid, id).await
    }
}

async fn confirmed(ctx: &Context<'_>, cmid: Option<String>, id: i64) -> Result<ConfirmPayload> {
    Ok(ConfirmPayload {
        client_mutation_id: cmid,
        volunteer: written(volunteer_by_id(ctx, id).await?, "volunteer")?,
    })
}

/// The payload of a sign-up: the account, its volunteer (read as the new
/// account, which may see it), and for `signUp` a token.
async fn signed_up(
    ctx: &Context<'_>,
    cmid: Option<String>,
    made: SignedUp,
    with_token: bool,
) -> Result<SignUpPayload> {
    let row = entity::account::Entity::find_by_id(made.account_id)
        .one(ctx.db())
        .await
        .map_err(crate::graphql::error::db_error)?;
    let row = written(row, "account")?;
    let principal = accounts::principal(ctx.db(), &row).await?;
    let (token, expires_at) = if with_token {
        let tokens = ctx.data_unchecked::<crate::auth::TokenKeys>();
        let (token, expires) = tokens
            .issue(&principal)
            .map_err(|e| DomainError::internal("token signing", e))?;
        (Some(token), Some(expires))
    } else {
        (None, None)
    };
    let volunteer = entity::volunteer::Entity::find_by_id(made.volunteer_id)
        .one(ctx.db())
        .await
        .map_err(crate::graphql::error::db_error)?;
    let caller = Caller::User(Arc::new(principal));
    Ok(SignUpPayload {
        client_mutation_id: cmid,
        token,
        expires_at,
        account: written(Account::of(&caller), "account")?,
        volunteer: Volunteer(written(volunteer, "volunteer")?),
    })
}
