//! Tokens of disabled accounts stop working at once.
//!
//! A token is valid for hours, but an account is disabled (or its volunteer
//! erased) from one moment to the next; the token must not outlive that.
//! Each signed-in request therefore reads its account's `disabled_at` by
//! primary key: one indexed read, exact across every server process, where
//! an in-memory list of revoked accounts fed by change announcements would
//! lag behind another process's write by the time its notification takes.

use crate::auth::TokenError;
use crate::domain::caller::Caller;
use entity::account;
use sea_orm::{DatabaseConnection, DbErr, EntityTrait, QuerySelect};

/// `caller` if its account is still enabled; `Revoked` if it was disabled
/// since the token was issued. Tokens name accounts that exist: accounts are
/// disabled, never deleted.
pub async fn still_enabled(db: &DatabaseConnection, caller: Caller) -> Result<Caller, Refusal> {
    let Some(principal) = caller.principal() else {
        return Ok(caller);
    };
    let disabled: Option<Option<chrono::DateTime<chrono::Utc>>> =
        account::Entity::find_by_id(principal.account_id)
            .select_only()
            .column(account::Column::DisabledAt)
            .into_tuple()
            .one(db)
            .await
            .map_err(Refusal::Unchecked)?;
    match disabled {
        Some(Some(_)) => Err(Refusal::Token(TokenError::Revoked)),
        _ => Ok(caller),
    }
}

/// Why a request's credential was not accepted.
#[derive(Debug)]
pub enum Refusal {
    /// The token itself, or its account, is not valid: 401.
    Token(TokenError),
    /// The account could not be read (the database failed).
    Unchecked(DbErr),
    /// The account was not read within the request's time.
    TimedOut,
}

impl From<TokenError> for Refusal {
    fn from(err: TokenError) -> Self {
        Refusal::Token(err)
    }
}
