//! Signing in, creating accounts, and erasing a volunteer's personal data.

use super::{key, optional_key, payload, run, written};
use crate::domain::accounts::{self as domain, NewAccount};
use crate::domain::error::DomainError;
use crate::domain::volunteers;
use crate::graphql::accounts::Account;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::Role;
use crate::graphql::ids::NodeType;
use crate::graphql::volunteers::{Volunteer, volunteer_by_id};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;

/// A username and password.
#[derive(InputObject)]
pub struct LoginInput {
    /// Login name (case does not matter).
    #[graphql(secret)]
    pub username: String,
    /// The password.
    #[graphql(secret)]
    pub password: String,
}

/// A signed-in session.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Send as `Authorization: Bearer <token>` (HTTP) or in the WebSocket
    /// `connection_init` payload as `{"Authorization": "Bearer <token>"}`.
    pub token: String,
    /// When the token stops working.
    pub expires_at: DateTime<Utc>,
    /// The account signed in.
    pub account: Account,
}

/// Create an account (admins only).
#[derive(InputObject)]
pub struct CreateAccountInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// Login name: 3 to 64 letters, digits, `.`, `_`, `-` or `@`.
    #[graphql(secret)]
    pub username: String,
    /// At least 10 characters, not one of the most common passwords, not
    /// containing the username; kept only as an argon2id hash.
    #[graphql(secret)]
    pub password: String,
    /// What the account may do.
    pub role: Role,
    /// A coordinator's regions (at least one); none for other roles.
    #[graphql(default)]
    pub region_codes: Vec<String>,
    /// The volunteer the account is (required for VOLUNTEER).
    pub volunteer_id: Option<ID>,
}

/// Erase a volunteer's personal data.
#[derive(InputObject)]
pub struct EraseVolunteerInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The volunteer's id.
    pub volunteer_id: ID,
}

payload!(
    /// The account a mutation created.
    AccountPayload { account: Account }
);

payload!(
    /// The volunteer erased: personal fields are null from now on.
    EraseVolunteerPayload { volunteer: Volunteer }
);

#[derive(Default)]
pub struct AccountMutation;

/// Accounts and personal data.
#[Object]
impl AccountMutation {
    /// Sign in: a token for the account, valid 12 hours (configurable).
    /// Wrong credentials are refused with UNAUTHENTICATED, the same for an
    /// unknown name as for a wrong password. One `login` per request;
    /// attempts are limited per client address and per account
    /// (RATE_LIMITED).
    async fn login(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The credentials.")] input: LoginInput,
    ) -> Result<LoginPayload> {
        crate::graphql::throttle::sign_in(ctx, &input.username)?;
        let attempt = domain::Attempt {
            client_address: crate::graphql::throttle::client_address(ctx),
            rules: ctx.writer().rules(),
            now: ctx.clock().now(),
        };
        let principal = domain::authenticate(ctx.db(), &input.username, &input.password, attempt)
            .await
            .map_err(|refusal| match refusal {
                domain::SignInRefusal::Refused(err) => async_graphql::Error::from(err),
                domain::SignInRefusal::Locked(wait) => crate::rate_limit::RateLimited {
                    what: "sign-in-locked",
                    retry_after: wait.to_std().unwrap_or_default(),
                }
                .into(),
            })?;
        let tokens = ctx.data_unchecked::<crate::auth::TokenKeys>();
        let (token, expires_at) = tokens
            .issue(&principal)
            .map_err(|e| DomainError::internal("token signing", e))?;
        let caller = crate::domain::caller::Caller::User(std::sync::Arc::new(principal));
        Ok(LoginPayload {
            token,
            expires_at,
            account: Account::of(&caller).ok_or_else(|| async_graphql::Error::new("no account"))?,
        })
    }

    /// Create an account (admins only).
    async fn create_account(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: CreateAccountInput,
    ) -> Result<AccountPayload> {
        let new = NewAccount {
            username: input.username.clone(),
            password: input.password.clone(),
            role: input.role.into(),
            regions: input.region_codes.clone(),
            volunteer_id: optional_key(
                input.volunteer_id.as_ref(),
                NodeType::Volunteer,
                "input.volunteerId",
            )?,
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "createAccount", &input, cmid.as_deref(), |w| {
            Box::pin(domain::create(w, new))
        })
        .await?;
        let account = entity::account::Entity::find_by_id(id)
            .one(ctx.db())
            .await
            .map_err(crate::graphql::error::db_error)?;
        let account = written(account, "account")?;
        let principal = domain::principal(ctx.db(), &account).await?;
        let caller = crate::domain::caller::Caller::User(std::sync::Arc::new(principal));
        Ok(AccountPayload {
            client_mutation_id: cmid,
            account: written(Account::of(&caller), "account")?,
        })
    }

    /// Erase a volunteer's personal data, irreversibly; participations,
    /// hours and age group stay for statistics. Admins, the volunteer, and
    /// the guardian of a minor.
    async fn erase_volunteer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: EraseVolunteerInput,
    ) -> Result<EraseVolunteerPayload> {
        let id = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "eraseVolunteer", &input, cmid.as_deref(), |w| {
            Box::pin(volunteers::erase(w, id))
        })
        .await?;
        Ok(EraseVolunteerPayload {
            client_mutation_id: cmid,
            volunteer: written(volunteer_by_id(ctx, id).await?, "volunteer")?,
        })
    }
}
