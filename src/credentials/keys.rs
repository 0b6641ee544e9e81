//! The issuer's Ed25519 keys.
//!
//! A key is made by `frontoffice issuer-key new` (and, on SQLite only, on
//! the first start when there is none, so `cargo run` alone can issue
//! credentials). The newest key signs; every key stays published in the JWK
//! set and the DID document for as long as its row exists, so rotating (a
//! new key) keeps every credential signed before verifiable.
//!
//! The private key is sealed with XChaCha20-Poly1305 under a key derived
//! from the IIN key (`FRONTOFFICE_IIN_SECRET`, which is kept for the life
//! of the database anyway and, on PostgreSQL, lives in the operator's
//! secret store, never in the database): a dump, a replica or a backup
//! alone cannot sign. On SQLite the IIN key is generated and kept in the
//! same file, as the server's other keys are (see `crate::keys`).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use chrono::Utc;
use ed25519_dalek::{SigningKey, VerifyingKey};
use entity::issuer_key;
use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

/// The key that signs, with its thumbprint.
pub struct Signer {
    pub thumbprint: String,
    pub key: SigningKey,
}

/// A published key.
#[derive(Clone, Debug)]
pub struct Published {
    pub thumbprint: String,
    pub key: VerifyingKey,
}

/// Why a key cannot be made or read.
#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("database: {0}")]
    Database(#[from] DbErr),
    #[error("the operating system's random generator failed: {0}")]
    Random(String),
    #[error(
        "the issuer key {0} cannot be unsealed: the IIN key (FRONTOFFICE_IIN_SECRET) is not the one it was sealed under"
    )]
    Unseal(String),
    #[error("the issuer key {0} is damaged")]
    Damaged(String),
}

/// The JWK thumbprint (RFC 7638) of an Ed25519 public key: the key's id.
pub fn thumbprint(key: &VerifyingKey) -> String {
    let canonical = format!(
        r#"{{"crv":"Ed25519","kty":"OKP","x":"{}"}}"#,
        B64.encode(key.as_bytes())
    );
    B64.encode(Sha256::digest(canonical.as_bytes()))
}

/// The public JWK of `key`, named `kid`.
pub fn jwk(key: &VerifyingKey, kid: &str) -> serde_json::Value {
    serde_json::json!({
        "kty": "OKP",
        "crv": "Ed25519",
        "x": B64.encode(key.as_bytes()),
        "kid": kid,
        "alg": "EdDSA",
        "use": "sig",
    })
}

/// The sealing key: HMAC-SHA-256 of a label under the IIN key.
fn sealing_cipher(secret: &[u8]) -> XChaCha20Poly1305 {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"));
    mac.update(b"frontoffice issuer-key sealing v1");
    XChaCha20Poly1305::new(&mac.finalize().into_bytes())
}

fn random<const N: usize>() -> Result<[u8; N], KeyError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(|e| KeyError::Random(e.to_string()))?;
    Ok(bytes)
}

/// Make a new key, which signs from now on; its thumbprint.
pub async fn generate(db: &impl ConnectionTrait, secret: &[u8]) -> Result<String, KeyError> {
    // A key sealed under another IIN key than the others would be the
    // newest, and no server could sign with it: refused.
    signer(db, secret).await?;
    let key = SigningKey::from_bytes(&random::<32>()?);
    let thumb = thumbprint(&key.verifying_key());
    let nonce = random::<24>()?;
    let sealed = sealing_cipher(secret)
        .encrypt(
            &XNonce::from(nonce),
            Payload {
                msg: key.as_bytes(),
                aad: thumb.as_bytes(),
            },
        )
        .map_err(|_| KeyError::Damaged(thumb.clone()))?;
    let mut stored = nonce.to_vec();
    stored.extend(sealed);
    issuer_key::ActiveModel {
        kid: Set(thumb.clone()),
        public_key: Set(B64.encode(key.verifying_key().as_bytes())),
        sealed_secret: Set(B64.encode(stored)),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(thumb)
}

/// On SQLite, a first key when there is none (the zero-set-up start);
/// whether one was made.
pub async fn ensure_one(db: &impl ConnectionTrait, secret: &[u8]) -> Result<bool, KeyError> {
    if issuer_key::Entity::find().count(db).await? > 0 {
        return Ok(false);
    }
    generate(db, secret).await?;
    Ok(true)
}

/// The key that signs: the newest.
pub async fn signer(db: &impl ConnectionTrait, secret: &[u8]) -> Result<Option<Signer>, KeyError> {
    let Some(row) = issuer_key::Entity::find()
        .order_by_desc(issuer_key::Column::Id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let stored = B64
        .decode(&row.sealed_secret)
        .map_err(|_| KeyError::Damaged(row.kid.clone()))?;
    if stored.len() < 24 {
        return Err(KeyError::Damaged(row.kid));
    }
    let (nonce, sealed) = stored.split_at(24);
    let nonce: [u8; 24] = nonce
        .try_into()
        .map_err(|_| KeyError::Damaged(row.kid.clone()))?;
    let bytes = sealing_cipher(secret)
        .decrypt(
            &XNonce::from(nonce),
            Payload {
                msg: sealed,
                aad: row.kid.as_bytes(),
            },
        )
        .map_err(|_| KeyError::Unseal(row.kid.clone()))?;
    let bytes: [u8; 32] = bytes
        .try_into()
        .map_err(|_| KeyError::Damaged(row.kid.clone()))?;
    Ok(Some(Signer {
        thumbprint: row.kid,
        key: SigningKey::from_bytes(&bytes),
    }))
}

/// Every published key, oldest first.
pub async fn published(db: &impl ConnectionTrait) -> Result<Vec<Published>, DbErr> {
    let rows = issuer_key::Entity::find()
        .order_by_asc(issuer_key::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let bytes: [u8; 32] = B64.decode(&row.public_key).ok()?.try_into().ok()?;
            Some(Published {
                thumbprint: row.kid,
                key: VerifyingKey::from_bytes(&bytes).ok()?,
            })
        })
        .collect())
}

/// Every key as `frontoffice issuer-key list` prints them.
pub async fn listing(db: &impl ConnectionTrait) -> Result<Vec<issuer_key::Model>, DbErr> {
    issuer_key::Entity::find()
        .order_by_asc(issuer_key::Column::Id)
        .all(db)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbprints_follow_rfc_7638() {
        // RFC 8037, appendix A.3: the thumbprint of its example key.
        let x = B64
            .decode("11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo")
            .unwrap();
        let key = VerifyingKey::from_bytes(&x.try_into().unwrap()).unwrap();
        assert_eq!(
            thumbprint(&key),
            "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
        );
    }
}
