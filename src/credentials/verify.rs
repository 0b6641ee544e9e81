//! What a pasted credential is: valid, revoked, expired, or not ours to
//! vouch for (forged, of another issuer, signed by a key we never
//! published, not a credential at all). `/verify` and `verifyCredential`
//! answer with this.
//!
//! The checks, in order: the text is a compact JWS of at most
//! `jws::MAX_BYTES`; its issuer (`iss` and `issuer.id`) is this service's
//! DID; its `kid` names a published key; that key made the signature
//! (any change to the document, such as a higher hours figure, breaks it);
//! its status bit is not set; it has not expired. Only a credential whose
//! signature holds is described: the words of a forged one are never
//! shown as if they were the register's.

use crate::credentials::Issuer;
use crate::credentials::jws::{self, Malformed};
use crate::credentials::keys;
use chrono::{DateTime, Utc};
use entity::credential;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use serde_json::Value;

/// The verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, async_graphql::Enum)]
pub enum VerificationStatus {
    /// Signed by this register, not revoked, not expired.
    Valid,
    /// Signed by this register and revoked since (hours corrected, or the
    /// volunteer's data erased).
    Revoked,
    /// Signed by this register; its validity has ended.
    Expired,
    /// Claims to be this register's but the signature does not hold: the
    /// text was changed, or never signed here.
    Forged,
    /// Names another issuer: this register cannot vouch for it.
    OtherIssuer,
    /// Names a key this register never published.
    UnknownKey,
    /// Not a signed credential (a JWT) at all.
    Malformed,
    /// Longer than any credential.
    TooLarge,
}

/// What a credential whose signature holds says.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Described {
    pub title: Option<String>,
    pub subject: Option<String>,
    pub hours: Option<String>,
    pub issuer_name: Option<String>,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
    pub activity_from: Option<String>,
    pub activity_to: Option<String>,
    pub id: Option<String>,
}

/// The verdict on a text and, when signed here, what it says.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    pub status: VerificationStatus,
    pub credential: Option<Described>,
}

fn verdict(status: VerificationStatus) -> Verification {
    Verification {
        status,
        credential: None,
    }
}

/// Verify `text` as a credential of `issuer` at `now`.
pub async fn verify(
    db: &impl ConnectionTrait,
    issuer: &Issuer,
    text: &str,
    now: DateTime<Utc>,
) -> Result<Verification, DbErr> {
    let parsed = match jws::parse(text) {
        Ok(parsed) => parsed,
        Err(Malformed::TooLarge) => return Ok(verdict(VerificationStatus::TooLarge)),
        Err(Malformed::NotAJws) => return Ok(verdict(VerificationStatus::Malformed)),
    };
    let payload = &parsed.payload;
    let issuer_id = match payload.get("issuer") {
        Some(Value::String(id)) => Some(id.as_str()),
        Some(Value::Object(profile)) => profile.get("id").and_then(Value::as_str),
        _ => None,
    };
    let iss = payload.get("iss").and_then(Value::as_str);
    if issuer_id.or(iss) != Some(issuer.did.as_str()) || iss.is_some_and(|i| i != issuer.did) {
        return Ok(verdict(VerificationStatus::OtherIssuer));
    }
    let Some(thumbprint) = parsed
        .header_str("kid")
        .and_then(|k| issuer.thumbprint_of(k))
    else {
        return Ok(verdict(VerificationStatus::UnknownKey));
    };
    let published = keys::published(db).await?;
    let Some(key) = published.iter().find(|k| k.thumbprint == thumbprint) else {
        return Ok(verdict(VerificationStatus::UnknownKey));
    };
    if parsed.header_str("alg") != Some("EdDSA") || !parsed.signed_by(&key.key) {
        return Ok(verdict(VerificationStatus::Forged));
    }
    let described = Some(describe(payload));
    let status = if revoked(db, payload).await? {
        VerificationStatus::Revoked
    } else if expired(payload, now) {
        VerificationStatus::Expired
    } else {
        VerificationStatus::Valid
    };
    Ok(Verification {
        status,
        credential: described,
    })
}

/// Whether the status bit the credential names is set.
async fn revoked(
    db: &impl ConnectionTrait,
    payload: &serde_json::Map<String, Value>,
) -> Result<bool, DbErr> {
    let status = payload.get("credentialStatus");
    let index = status
        .and_then(|s| s.get("statusListIndex"))
        .and_then(Value::as_str)
        .and_then(|i| i.parse::<i32>().ok());
    let list = status
        .and_then(|s| s.get("statusListCredential"))
        .and_then(Value::as_str)
        .and_then(|url| url.rsplit('/').next())
        .and_then(|n| n.parse::<i32>().ok());
    let (Some(list), Some(index)) = (list, index) else {
        return Ok(false);
    };
    Ok(credential::Entity::find()
        .filter(credential::Column::StatusList.eq(list))
        .filter(credential::Column::StatusIndex.eq(index))
        .filter(credential::Column::RevokedAt.is_not_null())
        .one(db)
        .await?
        .is_some())
}

fn expired(payload: &serde_json::Map<String, Value>, now: DateTime<Utc>) -> bool {
    let until = payload
        .get("validUntil")
        .and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.with_timezone(&Utc));
    let exp = payload
        .get("exp")
        .and_then(Value::as_i64)
        .and_then(|t| DateTime::from_timestamp(t, 0));
    until.or(exp).is_some_and(|end| end < now)
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_owned)
}

/// What the credential says, for people.
pub fn describe(payload: &serde_json::Map<String, Value>) -> Described {
    let subject = payload.get("credentialSubject");
    let shown_name = subject
        .and_then(|s| s.get("identifier"))
        .and_then(Value::as_array)
        .and_then(|ids| {
            ids.iter().find(|id| {
                id.get("hashed") == Some(&Value::Bool(false))
                    && matches!(
                        id.get("identityType").and_then(Value::as_str),
                        Some("name" | "ext:displayName")
                    )
            })
        })
        .and_then(|id| text(id.get("identityHash")));
    Described {
        title: text(payload.get("name")),
        subject: shown_name,
        hours: subject
            .and_then(|s| s.get("result"))
            .and_then(|r| r.get(0))
            .and_then(|r| text(r.get("value"))),
        issuer_name: payload
            .get("issuer")
            .and_then(|i| i.get("name"))
            .and_then(Value::as_str)
            .map(str::to_owned),
        valid_from: text(payload.get("validFrom")),
        valid_until: text(payload.get("validUntil")),
        activity_from: subject.and_then(|s| text(s.get("activityStartDate"))),
        activity_to: subject.and_then(|s| text(s.get("activityEndDate"))),
        id: text(payload.get("id")),
    }
}
