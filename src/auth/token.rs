//! Signed bearer tokens (JWT, HS256).
//!
//! A token carries the account's id, role, regions, volunteer and token
//! version, so a request is authorised without reading them. Changing the
//! role or regions, disabling the account or resetting its password bumps
//! the account's version, and a token of an older version stops working at
//! the next request (`versions`).

use crate::domain::caller::{Caller, Principal};
use crate::i18n::Message;
use crate::msg;
use chrono::{DateTime, Utc};
use entity::Role;
use hmac::{Hmac, Mac};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Why a presented token was not accepted.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenError {
    /// Not `Bearer <token>`, or not a token at all.
    Malformed,
    /// Signed with another key, or altered.
    Invalid,
    /// Past its expiry.
    Expired,
    /// Its account was disabled (or its volunteer erased) since it was issued.
    Revoked,
    /// Its account's tokens were revoked since it was issued (role,
    /// regions or volunteer changed, disabled, password reset).
    Superseded,
}

impl TokenError {
    pub fn message(&self) -> Message {
        match self {
            TokenError::Malformed => msg!("token-malformed"),
            TokenError::Invalid => msg!("token-invalid"),
            TokenError::Expired => msg!("token-expired"),
            TokenError::Revoked => msg!("token-revoked"),
            TokenError::Superseded => msg!("token-superseded"),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    name: String,
    role: Role,
    #[serde(default)]
    regions: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    vid: Option<i64>,
    /// The account's token version (0 in tokens issued before versions).
    #[serde(default)]
    ver: i64,
    iat: i64,
    exp: i64,
}

/// The key tokens are signed and checked with, and their lifetime.
#[derive(Clone)]
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    /// HMAC-SHA256 keyed with the signing secret, for keys of other uses
    /// (`derive`), so the server has one secret to keep.
    derivation: Hmac<sha2::Sha256>,
    pub ttl: chrono::Duration,
}

impl TokenKeys {
    pub fn new(secret: &[u8], ttl: chrono::Duration) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = 30;
        validation.set_required_spec_claims(&["exp", "sub"]);
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            // HMAC takes keys of any length.
            derivation: <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret)
                .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length")),
            ttl,
        }
    }

    /// A 32-byte key for another use, named by `label`: HMAC-SHA256 of the
    /// label under the signing secret. Different labels give unrelated
    /// keys, and none of them reveals the secret.
    pub fn derive(&self, label: &[u8]) -> [u8; 32] {
        let mut mac = self.derivation.clone();
        mac.update(label);
        mac.finalize().into_bytes().into()
    }

    /// A token for `principal`, valid from now for the configured time.
    pub fn issue(&self, principal: &Principal) -> Result<(String, DateTime<Utc>), String> {
        let now = Utc::now();
        let expires = now + self.ttl;
        let claims = Claims {
            sub: principal.account_id.to_string(),
            name: principal.username.clone(),
            role: principal.role,
            regions: principal.regions.clone(),
            vid: principal.volunteer_id,
            ver: principal.token_version,
            iat: now.timestamp(),
            exp: expires.timestamp(),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map(|token| (token, expires))
            .map_err(|e| format!("cannot sign the token: {e}"))
    }

    /// The caller a token names.
    pub fn verify(&self, token: &str) -> Result<Caller, TokenError> {
        use jsonwebtoken::errors::ErrorKind;
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|e| match e.kind() {
                ErrorKind::ExpiredSignature => TokenError::Expired,
                ErrorKind::InvalidToken
                | ErrorKind::Base64(_)
                | ErrorKind::Json(_)
                | ErrorKind::Utf8(_) => TokenError::Malformed,
                _ => TokenError::Invalid,
            })?;
        let claims = data.claims;
        let account_id = claims.sub.parse().map_err(|_| TokenError::Invalid)?;
        Ok(Caller::User(Arc::new(Principal {
            account_id,
            username: claims.name,
            role: claims.role,
            regions: claims.regions,
            volunteer_id: claims.vid,
            token_version: claims.ver,
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal() -> Principal {
        Principal {
            account_id: 7,
            username: "aigul".into(),
            role: Role::Coordinator,
            regions: vec!["KZ-71".into()],
            volunteer_id: None,
            token_version: 3,
        }
    }

    #[test]
    fn a_token_names_its_account_and_nothing_else_verifies() {
        let keys = TokenKeys::new(b"0123456789abcdef", chrono::Duration::hours(1));
        let (token, _) = keys.issue(&principal()).unwrap();
        assert_eq!(keys.verify(&token), Ok(Caller::User(Arc::new(principal()))));
        let other = TokenKeys::new(b"another key entirely", chrono::Duration::hours(1));
        assert_eq!(other.verify(&token), Err(TokenError::Invalid));
        assert_eq!(keys.verify("garbage"), Err(TokenError::Malformed));
        let expired = TokenKeys::new(b"0123456789abcdef", chrono::Duration::hours(-1));
        let (old, _) = expired.issue(&principal()).unwrap();
        assert_eq!(keys.verify(&old), Err(TokenError::Expired));
    }
}
