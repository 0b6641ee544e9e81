//! Accounts and sign-in: password hashes, signed tokens, and turning a
//! request's `Authorization: Bearer …` into its `Caller`.

pub mod password;
pub mod password_rules;
pub mod revocation;
pub mod token;
pub mod versions;

pub use token::{TokenError, TokenKeys};

use crate::domain::caller::Caller;

/// The caller a bearer credential names: anonymous without one, an error
/// for one that is not a valid, unexpired token of ours.
pub fn caller_from_bearer(keys: &TokenKeys, header: Option<&str>) -> Result<Caller, TokenError> {
    let Some(value) = header.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(Caller::Anonymous);
    };
    let token = value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("bearer "))
        .ok_or(TokenError::Malformed)?;
    keys.verify(token.trim())
}

/// The caller a bearer credential names, as `caller_from_bearer`, whose
/// token must also still be its account's (`versions`).
pub async fn signed_in_caller(
    keys: &TokenKeys,
    versions: &versions::TokenVersions,
    db: &sea_orm::DatabaseConnection,
    header: Option<&str>,
) -> Result<Caller, revocation::Refusal> {
    let caller = caller_from_bearer(keys, header)?;
    versions.check(db, caller).await
}

/// Whether `message` is one of our refusals of a credential, as written
/// in `lang`.
pub fn is_refusal(message: &str, lang: crate::i18n::Lang) -> bool {
    [
        TokenError::Malformed,
        TokenError::Invalid,
        TokenError::Expired,
        TokenError::Revoked,
        TokenError::Superseded,
    ]
    .iter()
    .any(|e| e.message().render(lang) == message)
}
