//! Revocation by Bitstring Status List (W3C Recommendation): each
//! credential holds a position in a list of 131,072 bits; the list is
//! published, GZIP-compressed and base64url-encoded, in a credential signed
//! like the certificates, at a stable URL (`/credentials/status/{n}`). A set
//! bit is a revoked credential.
//!
//! Positions are drawn at random in the list being filled (the spec's
//! advice: the position then says nothing of when a credential was
//! issued), and a list takes new credentials until half its bits are
//! used, so a free position is found in a draw or two; then the next list
//! opens.

use crate::credentials::Issuer;
use crate::credentials::jws;
use crate::credentials::keys::Signer;
use crate::domain::error::{DomainError, DomainResult};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{DateTime, SecondsFormat, Utc};
use entity::credential;
use flate2::Compression;
use flate2::write::GzEncoder;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DbErr, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use serde_json::{Value, json};
use std::io::Write as _;

/// Bits in a list: the specification's minimum, for group privacy.
pub const LIST_BITS: i32 = 131_072;

/// A list takes credentials until this many of its bits are used.
const FILL: u64 = (LIST_BITS / 2) as u64;

/// The `encodedList` of a list whose set bits are `revoked`: multibase
/// (`u`, base64url without padding) of the GZIP of the bits, the first
/// index being the most significant bit of the first byte.
pub fn encode(revoked: impl IntoIterator<Item = i32>) -> String {
    let mut bits = vec![0u8; (LIST_BITS / 8) as usize];
    for index in revoked {
        if (0..LIST_BITS).contains(&index) {
            bits[(index / 8) as usize] |= 0x80 >> (index % 8);
        }
    }
    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    // Writing to a vector cannot fail.
    let _ = gz.write_all(&bits);
    let zipped = gz.finish().unwrap_or_default();
    format!("u{}", B64.encode(zipped))
}

/// A free position for a new credential, in a transaction that keeps
/// concurrent issuers from drawing the same one (SQLite: the write lock;
/// PostgreSQL: an advisory lock held to commit).
pub async fn allocate(tx: &impl ConnectionTrait) -> DomainResult<(i32, i32)> {
    if tx.get_database_backend() == DatabaseBackend::Postgres {
        tx.execute_unprepared("SELECT pg_advisory_xact_lock(1668441972)")
            .await?;
    }
    let last = credential::Entity::find()
        .order_by_desc(credential::Column::StatusList)
        .one(tx)
        .await?;
    let mut list = last.map_or(1, |c| c.status_list);
    let used = credential::Entity::find()
        .filter(credential::Column::StatusList.eq(list))
        .count(tx)
        .await?;
    if used >= FILL {
        list += 1;
    }
    for _ in 0..64 {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes)
            .map_err(|e| DomainError::internal("drawing a status position", e))?;
        let index = (u32::from_le_bytes(bytes) % LIST_BITS as u32) as i32;
        let taken = credential::Entity::find()
            .filter(credential::Column::StatusList.eq(list))
            .filter(credential::Column::StatusIndex.eq(index))
            .count(tx)
            .await?;
        if taken == 0 {
            return Ok((list, index));
        }
    }
    // At most half the bits are used: 64 misses in a row do not happen.
    Err(DomainError::internal(
        "drawing a status position",
        "no free position in 64 draws",
    ))
}

/// Whether list `n` exists (holds at least one credential).
pub async fn exists(db: &impl ConnectionTrait, n: i32) -> Result<bool, DbErr> {
    Ok(credential::Entity::find()
        .filter(credential::Column::StatusList.eq(n))
        .count(db)
        .await?
        > 0)
}

/// The revoked positions of list `n`.
pub async fn revoked(db: &impl ConnectionTrait, n: i32) -> Result<Vec<i32>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        status_index: i32,
    }
    Ok(credential::Entity::find()
        .select_only()
        .column(credential::Column::StatusIndex)
        .filter(credential::Column::StatusList.eq(n))
        .filter(credential::Column::RevokedAt.is_not_null())
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.status_index)
        .collect())
}

/// The status list credential of list `n` as it is `now`, signed.
pub async fn signed(
    db: &impl ConnectionTrait,
    issuer: &Issuer,
    signer: &Signer,
    n: i32,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let url = issuer.status_list_url(n);
    let valid_from = now.to_rfc3339_opts(SecondsFormat::Secs, true);
    let document = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer.did,
        "validFrom": valid_from,
        "credentialSubject": {
            "id": format!("{url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked(db, n).await?),
        },
    });
    Ok(jws::sign(
        &header(issuer, signer),
        &claims(document, issuer, &url, now, None),
        &signer.key,
    ))
}

/// The JOSE header of everything the issuer signs.
pub fn header(issuer: &Issuer, signer: &Signer) -> Value {
    json!({ "alg": "EdDSA", "typ": "JWT", "kid": issuer.kid(&signer.thumbprint) })
}

/// `document` with the JWT claims Open Badges 3.0 asks beside it: `iss`,
/// `jti`, `nbf`, `iat` and, when it expires, `exp`.
pub fn claims(
    document: Value,
    issuer: &Issuer,
    id: &str,
    issued: DateTime<Utc>,
    expires: Option<DateTime<Utc>>,
) -> Value {
    let mut claims = document;
    if let Some(map) = claims.as_object_mut() {
        map.insert("iss".into(), issuer.did.clone().into());
        map.insert("jti".into(), id.into());
        map.insert("nbf".into(), issued.timestamp().into());
        map.insert("iat".into(), issued.timestamp().into());
        if let Some(exp) = expires {
            map.insert("exp".into(), exp.timestamp().into());
        }
    }
    claims
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::read::GzDecoder;
    use std::io::Read;

    #[test]
    fn revoked_positions_are_the_set_bits_from_the_left() {
        let encoded = encode([0, 9, LIST_BITS - 1]);
        let zipped = B64.decode(encoded.strip_prefix('u').unwrap()).unwrap();
        let mut bits = Vec::new();
        GzDecoder::new(zipped.as_slice())
            .read_to_end(&mut bits)
            .unwrap();
        assert_eq!(bits.len(), 16_384);
        assert_eq!(bits[0], 0b1000_0000);
        assert_eq!(bits[1], 0b0100_0000);
        assert_eq!(bits[16_383], 0b0000_0001);
        assert_eq!(bits.iter().map(|b| b.count_ones()).sum::<u32>(), 3);
    }
}
