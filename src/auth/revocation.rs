//! Why a request's credential was refused: tokens of disabled accounts,
//! and tokens older than their account's token version, stop working at
//! the next request (`versions`).

use crate::auth::TokenError;
use sea_orm::DbErr;

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
