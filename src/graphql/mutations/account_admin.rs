//! Managing accounts (`disableAccount`, `enableAccount`, `setAccountRole`,
//! `linkAccountVolunteer`) and passwords (`changePassword`,
//! `requestPasswordReset`, `issuePasswordResetCode`, `resetPassword`); the
//! rules are in `domain::account_admin` and `domain::passwords`.

use super::{maybe_key, payload, run, run_as, written};
use crate::domain::account_admin as domain;
use crate::domain::caller::Caller;
use crate::domain::error::DomainError;
use crate::domain::passwords::{self, IssuedCode};
use crate::graphql::accounts::Account;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::Role;
use crate::graphql::ids::NodeType;
use crate::i18n::Lang;
use crate::mail::Mailer;
use crate::msg;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};
use sea_orm::EntityTrait;

/// An account, by its login name.
#[derive(InputObject)]
pub struct AccountInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The account's login name.
    #[graphql(secret)]
    pub username: String,
}

/// A new role (and regions) for an account.
#[derive(InputObject)]
pub struct SetAccountRoleInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The account's login name.
    #[graphql(secret)]
    pub username: String,
    /// The new role.
    pub role: Role,
    /// A coordinator's regions (at least one); none for other roles.
    #[graphql(default)]
    pub region_codes: Vec<String>,
}

/// The volunteer an account is.
#[derive(InputObject)]
pub struct LinkAccountVolunteerInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The account's login name.
    #[graphql(secret)]
    pub username: String,
    /// The volunteer; null unlinks (not for a volunteer's account).
    pub volunteer_id: MaybeUndefined<ID>,
}

/// A new password for the signed-in account.
#[derive(InputObject)]
pub struct ChangePasswordInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The password now.
    #[graphql(secret)]
    pub current_password: String,
    /// The new password (at least 10 characters, not a common one, not
    /// containing the username).
    #[graphql(secret)]
    pub new_password: String,
}

/// Where to send a reset code.
#[derive(InputObject)]
pub struct RequestPasswordResetInput {
    /// Echoed; not an idempotency key (no account is signed in).
    pub client_mutation_id: Option<String>,
    /// The account's e-mail address.
    #[graphql(secret)]
    pub email: String,
}

/// A reset code and the new password.
#[derive(InputObject)]
pub struct ResetPasswordInput {
    /// Echoed; not an idempotency key (no account is signed in).
    pub client_mutation_id: Option<String>,
    /// The code, as e-mailed or given by a coordinator (case, dashes and
    /// spaces do not matter).
    #[graphql(secret)]
    pub code: String,
    /// The new password.
    #[graphql(secret)]
    pub new_password: String,
}

payload!(
    /// The account as it is after the change.
    ManagedAccountPayload { account: Account }
);

/// A fresh sign-in after a password was set: every earlier token of the
/// account has stopped working.
#[derive(SimpleObject)]
pub struct PasswordPayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// A token of the account (the only one that works now).
    pub token: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// The account.
    pub account: Account,
}

/// A reset request's answer: the same whether or not an account has the
/// address.
#[derive(SimpleObject)]
pub struct RequestPasswordResetPayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// What happened, for people: a code was sent if an account has it.
    pub message: String,
}

/// A code a coordinator hands to the volunteer; shown only once.
#[derive(SimpleObject)]
pub struct ResetCodePayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// The one-time code (`resetPassword`).
    pub code: String,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
}

#[derive(Default)]
pub struct AccountAdminMutation;

/// Managing accounts and passwords.
#[Object]
impl AccountAdminMutation {
    /// Disable an account (admins; coordinators for the volunteers'
    /// accounts of their regions): it cannot sign in, and its tokens stop
    /// working at the next request on every server process.
    async fn disable_account(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account.")] input: AccountInput,
    ) -> Result<ManagedAccountPayload> {
        let name = input.username.clone();
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "disableAccount", &input, cmid.as_deref(), |w| {
            Box::pin(async move { domain::disable(w, &name).await })
        })
        .await?;
        managed(ctx, cmid, id).await
    }

    /// Enable a disabled account (as `disableAccount`); its earlier tokens
    /// stay revoked.
    async fn enable_account(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account.")] input: AccountInput,
    ) -> Result<ManagedAccountPayload> {
        let name = input.username.clone();
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "enableAccount", &input, cmid.as_deref(), |w| {
            Box::pin(async move { domain::enable(w, &name).await })
        })
        .await?;
        managed(ctx, cmid, id).await
    }

    /// Change an account's role and regions (admins); its tokens stop
    /// working at the next request, so it signs in again with the new role.
    async fn set_account_role(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account and its new role.")] input: SetAccountRoleInput,
    ) -> Result<ManagedAccountPayload> {
        let name = input.username.clone();
        let role = input.role.into();
        let regions = input.region_codes.clone();
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "setAccountRole", &input, cmid.as_deref(), |w| {
            Box::pin(async move { domain::set_role(w, &name, role, &regions).await })
        })
        .await?;
        managed(ctx, cmid, id).await
    }

    /// Link an account to its volunteer (admins; coordinators for
    /// volunteers of their regions), or unlink it.
    async fn link_account_volunteer(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account and the volunteer.")] input: LinkAccountVolunteerInput,
    ) -> Result<ManagedAccountPayload> {
        let volunteer = maybe_key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?
        .ok_or_else(|| DomainError::validation("input.volunteerId", msg!("is-required")))?;
        let name = input.username.clone();
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "linkAccountVolunteer", &input, cmid.as_deref(), |w| {
            Box::pin(async move { domain::link_volunteer(w, &name, volunteer).await })
        })
        .await?;
        managed(ctx, cmid, id).await
    }

    /// Change the signed-in account's password, given the current one.
    /// Every token of the account stops working; the payload carries a new
    /// one.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The passwords.")] input: ChangePasswordInput,
    ) -> Result<PasswordPayload> {
        let (current, new) = (input.current_password.clone(), input.new_password.clone());
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "changePassword", &input, cmid.as_deref(), |w| {
            Box::pin(async move { passwords::change(w, &current, &new).await })
        })
        .await?;
        signed_in(ctx, cmid, id).await
    }

    /// Ask for a reset code by e-mail. The answer is the same whether or
    /// not an account has the address; the code is sent (through the
    /// configured SMTP relay) only if one has. Limited per client address
    /// and per e-mail address (RATE_LIMITED).
    async fn request_password_reset(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The address.")] input: RequestPasswordResetInput,
    ) -> Result<RequestPasswordResetPayload> {
        let mailer = ctx.data_unchecked::<Mailer>().clone();
        if !mailer.configured() {
            return Err(DomainError::invalid_state(msg!("mail-not-configured")).into());
        }
        crate::graphql::throttle::password_reset(ctx, Some(&input.email))?;
        let email = input.email.clone();
        let issued = run_as(
            ctx,
            Caller::System("password-reset"),
            "requestPasswordReset",
            &input,
            None,
            |w| Box::pin(async move { passwords::request_by_email(w, &email).await }),
        )
        .await?;
        let lang = ctx.data_opt::<Lang>().copied().unwrap_or(Lang::En);
        // Sent after the answer, so the answer takes as long for an
        // address that is no account's.
        tokio::spawn(send_codes(mailer, issued, lang));
        Ok(RequestPasswordResetPayload {
            client_mutation_id: input.client_mutation_id.clone(),
            message: msg!("reset-requested").render(lang),
        })
    }

    /// Issue a reset code for an account without e-mail (coordinators for
    /// the volunteers of their regions, admins), to hand over in person or
    /// by phone. Shown once.
    async fn issue_password_reset_code(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The account.")] input: AccountInput,
    ) -> Result<ResetCodePayload> {
        let name = input.username.clone();
        let cmid = input.client_mutation_id.clone();
        // No idempotency key: a replay would have to show the code again,
        // and codes are never kept.
        let issued = run(ctx, "issuePasswordResetCode", &input, None, |w| {
            Box::pin(async move { passwords::issue(w, &name).await })
        })
        .await?;
        Ok(ResetCodePayload {
            client_mutation_id: cmid,
            code: issued.code,
            expires_at: issued.expires_at,
        })
    }

    /// Set a new password with a reset code (single use, before it
    /// expires). Every token of the account stops working; the payload
    /// signs it in. Limited per client address (RATE_LIMITED).
    async fn reset_password(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The code and the new password.")] input: ResetPasswordInput,
    ) -> Result<PasswordPayload> {
        crate::graphql::throttle::password_reset(ctx, None)?;
        let (code, new) = (input.code.clone(), input.new_password.clone());
        let id = run_as(
            ctx,
            Caller::System("password-reset"),
            "resetPassword",
            &input,
            None,
            |w| Box::pin(async move { passwords::redeem(w, &code, &new).await }),
        )
        .await?;
        signed_in(ctx, input.client_mutation_id.clone(), id).await
    }
}

async fn send_codes(mailer: Mailer, issued: Vec<IssuedCode>, lang: Lang) {
    for code in issued {
        let Some(to) = code.email.as_deref() else {
            continue;
        };
        let minutes = (code.expires_at - Utc::now()).num_minutes().max(1);
        let subject = msg!("reset-mail-subject").render(lang);
        let body = msg!(
            "reset-mail-body",
            username = code.username.as_str(),
            code = code.code.as_str(),
            minutes = minutes
        )
        .render(lang);
        if let Err(err) = mailer.send(to, &subject, body).await {
            // The account, never the address or the code.
            tracing::warn!(account = code.account_id, error = %err, "a reset code was not sent");
        }
    }
}

async fn account_row(ctx: &Context<'_>, id: i64) -> Result<entity::account::Model> {
    let row = entity::account::Entity::find_by_id(id)
        .one(ctx.db())
        .await
        .map_err(crate::graphql::error::db_error)?;
    written(row, "account")
}

async fn managed(
    ctx: &Context<'_>,
    cmid: Option<String>,
    id: i64,
) -> Result<ManagedAccountPayload> {
    Ok(ManagedAccountPayload {
        client_mutation_id: cmid,
        account: Account::from_row(account_row(ctx, id).await?),
    })
}

/// A token of account `id` at its new version.
async fn signed_in(ctx: &Context<'_>, cmid: Option<String>, id: i64) -> Result<PasswordPayload> {
    let row = account_row(ctx, id).await?;
    let principal = crate::domain::accounts::principal(ctx.db(), &row).await?;
    let tokens = ctx.data_unchecked::<crate::auth::TokenKeys>();
    let (token, expires_at) = tokens
        .issue(&principal)
        .map_err(|e| DomainError::internal("token signing", e))?;
    Ok(PasswordPayload {
        client_mutation_id: cmid,
        token,
        expires_at,
        account: Account::from_row(row),
    })
}
