//! Changing a password, and resetting a forgotten one with a one-time
//! code: e-mailed to the account's address, or issued by a coordinator for
//! a volunteer of its regions (or an admin) where there is no e-mail.
//!
//! A code is 80 random bits written as 16 characters of Crockford's
//! base32 (`7KQM-2X9D-…`: no I, L, O or U, so it reads out over a phone
//! call), works once, expires (`FRONTOFFICE_RESET_CODE_MINUTES`, 30), and
//! is kept only as a keyed hash. A reset sets the password, voids the
//! account's other codes and revokes all its tokens; the answer carries a
//! new one.

use crate::auth::{password, password_rules};
use crate::domain::account_admin;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::write::{Write, ensure};
use crate::msg;
use chrono::{DateTime, Utc};
use entity::{ResetKind, account, password_reset};
use hmac::{Hmac, Mac};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Crockford's base32 alphabet.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// A code just issued, to hand over once: it is never stored.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct IssuedCode {
    pub account_id: i64,
    pub username: String,
    pub email: Option<String>,
    pub code: String,
    pub expires_at: DateTime<Utc>,
}

/// Change the caller's own password, given the current one.
pub async fn change(w: &mut Write, current: &str, new: &str) -> DomainResult<i64> {
    let Some(principal) = w.caller().principal() else {
        return Err(DomainError::forbidden(msg!("sign-in-as-volunteer")));
    };
    let a =
        crate::domain::lookup::locked::<account::Entity>(&w.tx, principal.account_id, "account")
            .await?;
    let matches = password::verify(current, &a.password_hash)
        .await
        .map_err(|e| DomainError::internal("password verification", e))?;
    ensure(matches, || {
        DomainError::validation("input.currentPassword", msg!("wrong-current-password"))
    })?;
    password_rules::check(new, &a.username, "input.newPassword")?;
    account_admin::store_password(w, a, new).await
}

/// A coordinator (for a volunteer of its regions) or an admin issues a
/// code for the account named `username`.
pub async fn issue(w: &mut Write, username: &str) -> DomainResult<IssuedCode> {
    let a = account_admin::managed(w, username).await?;
    let issued = insert_code(w, &a, ResetKind::Coordinator).await?;
    w.audit(
        "Account",
        a.id,
        Some(serde_json::json!({ "kind": "COORDINATOR" })),
    )
    .await?;
    Ok(issued)
}

/// Codes for every enabled account whose e-mail is `email` (none for an
/// address that is no account's: the caller answers the same either way).
pub async fn request_by_email(w: &mut Write, email: &str) -> DomainResult<Vec<IssuedCode>> {
    let email = email.trim().to_lowercase();
    let accounts = account::Entity::find()
        .filter(account::Column::Email.eq(&email))
        .filter(account::Column::DisabledAt.is_null())
        .all(&w.tx)
        .await?;
    let mut issued = Vec::new();
    for a in accounts {
        issued.push(insert_code(w, &a, ResetKind::Email).await?);
        w.audit(
            "Account",
            a.id,
            Some(serde_json::json!({ "kind": "EMAIL" })),
        )
        .await?;
    }
    Ok(issued)
}

/// Set a new password with a code: single use, before it expires.
pub async fn redeem(w: &mut Write, code: &str, new: &str) -> DomainResult<i64> {
    let hash = code_hash(&w.rules.secret, &normalise(code));
    let found = password_reset::Entity::find()
        .filter(password_reset::Column::CodeHash.eq(hash))
        .one(&w.tx)
        .await?;
    let Some(reset) = found.filter(|r| r.used_at.is_none()) else {
        return Err(DomainError::validation(
            "input.code",
            msg!("reset-code-invalid"),
        ));
    };
    ensure(reset.expires_at > w.now, || {
        DomainError::invalid_state(msg!("reset-code-expired"))
    })?;
    let a = crate::domain::lookup::locked::<account::Entity>(&w.tx, reset.account_id, "account")
        .await?;
    ensure(a.disabled_at.is_none(), || {
        DomainError::validation("input.code", msg!("reset-code-invalid"))
    })?;
    password_rules::check(new, &a.username, "input.newPassword")?;
    // This code and every other outstanding code of the account.
    password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(w.now))
        .filter(password_reset::Column::AccountId.eq(a.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&w.tx)
        .await?;
    account_admin::store_password(w, a, new).await
}

/// How long the sign-in history keeps an attempt (client addresses are
/// personal data; a year of attempts serves every investigation the
/// history is for).
pub const SIGN_IN_HISTORY_DAYS: i64 = 365;

/// Forget sign-in attempts older than `SIGN_IN_HISTORY_DAYS` and reset
/// codes that expired more than a day ago (hourly, with the idempotency
/// keys). Locks look back minutes, so they lose nothing.
pub async fn sweep(db: &impl sea_orm::ConnectionTrait, now: DateTime<Utc>) -> DomainResult<u64> {
    let attempts = entity::sign_in::Entity::delete_many()
        .filter(entity::sign_in::Column::At.lt(now - chrono::Duration::days(SIGN_IN_HISTORY_DAYS)))
        .exec(db)
        .await?;
    let codes = password_reset::Entity::delete_many()
        .filter(password_reset::Column::ExpiresAt.lt(now - chrono::Duration::days(1)))
        .exec(db)
        .await?;
    Ok(attempts.rows_affected + codes.rows_affected)
}

async fn insert_code(w: &Write, a: &account::Model, kind: ResetKind) -> DomainResult<IssuedCode> {
    let code = new_code()?;
    let expires_at = w.now + w.rules.accounts.reset_code_ttl;
    password_reset::ActiveModel {
        account_id: Set(a.id),
        code_hash: Set(code_hash(&w.rules.secret, &code)),
        kind: Set(kind),
        issued_by: Set(w.caller().audit_name()),
        created_at: Set(w.now),
        expires_at: Set(expires_at),
        used_at: Set(None),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    Ok(IssuedCode {
        account_id: a.id,
        username: a.username.clone(),
        email: a.email.clone(),
        code: grouped(&code),
        expires_at,
    })
}

/// 16 characters of Crockford's base32 from 80 random bits.
fn new_code() -> DomainResult<String> {
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|e| DomainError::internal("a random code", e))?;
    let bits = bytes
        .iter()
        .fold(0u128, |acc, &b| (acc << 8) | u128::from(b));
    Ok((0..16)
        .rev()
        .map(|i| char::from(ALPHABET[((bits >> (i * 5)) & 31) as usize]))
        .collect())
}

/// `ABCD-EFGH-JKMN-PQRS`, as shown.
fn grouped(code: &str) -> String {
    code.as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join("-")
}

/// A code as typed: any case, dashes and spaces, and the letters people
/// take for digits (O, I, L) read as Crockford's base32 reads them.
fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// HMAC-SHA-256 of the code under the server's key, hex.
fn code_hash(secret: &[u8], code: &str) -> String {
    // HMAC takes keys of any length.
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(b"password-reset:");
    mac.update(code.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_reads_back_however_it_is_typed() {
        let code = new_code().unwrap();
        assert_eq!(code.len(), 16);
        assert!(code.bytes().all(|b| ALPHABET.contains(&b)));
        let shown = grouped(&code);
        assert_eq!(shown.len(), 19);
        assert_eq!(normalise(&shown.to_lowercase()), code);
        assert_eq!(normalise("o1l-I"), "0111");
        assert_ne!(new_code().unwrap(), code);
    }
}
