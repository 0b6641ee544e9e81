//! The server's two secret keys: the one that signs sign-in tokens and the
//! one the IIN hash is keyed with.
//!
//! A configured key (`FRONTOFFICE_JWT_SECRET`, `FRONTOFFICE_IIN_SECRET`) is
//! used as given. Without one, the embedded SQLite default stays zero
//! set-up: on first start 32 bytes from the operating system's random
//! generator become the key, kept in the database's `server_key` table, so
//! the key travels with the data it protects (the same file, which holds
//! personal data and is guarded as such) and every later start and every
//! command (`frontoffice token`, `frontoffice user create`) on that database
//! uses the same key. Two processes starting at once agree: each inserts
//! only if no key is there yet and then reads back the one that won.
//!
//! PostgreSQL, the production store, keeps requiring configured keys:
//! production keys belong to the operator's secret store, and a key kept in
//! the same database as the IIN hashes would leave with every dump,
//! replica and backup, where the small space of IINs makes them guessable.
//!
//! Earlier versions fell back to development keys written in the source;
//! anyone could mint an admin's token with them. Configuring either of them
//! is refused everywhere (only their SHA-256 digests are kept here).

use chrono::Utc;
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict, Query};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection};
use sha2::{Digest, Sha256};

/// Shortest configured secret accepted, in characters.
pub const MIN_SECRET_CHARS: usize = 16;

/// Bytes of a generated key: HS256's and HMAC-SHA256's full strength.
const GENERATED_BYTES: usize = 32;

/// SHA-256 of the development keys earlier versions published in their
/// source (`frontoffice-development-key-not-for-production` and
/// `frontoffice-development-token-key-not-for-production`).
const PUBLISHED_KEY_DIGESTS: [&str; 2] = [
    "5ef28f51225e872e8eb84808556fcba64cb4d68b92ec1eb916cd58b5157a8a7b",
    "449f773b56462fcf9b8ccea096bf86206e3312dd081831cd85a9db40656b9b55",
];

/// Which of the server's keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Signs and checks sign-in tokens (HS256).
    TokenSigning,
    /// Keys the IIN hash and the fingerprints of idempotency keys.
    IinHash,
}

impl Key {
    /// The environment variable that configures it.
    pub fn variable(self) -> &'static str {
        match self {
            Key::TokenSigning => "FRONTOFFICE_JWT_SECRET",
            Key::IinHash => "FRONTOFFICE_IIN_SECRET",
        }
    }

    /// Its row in `server_key` when generated.
    fn stored_name(self) -> &'static str {
        match self {
            Key::TokenSigning => "token-signing",
            Key::IinHash => "iin-hash",
        }
    }
}

/// A configured secret, checked: long enough and not a published key.
/// `None` when none is configured.
pub fn configured(key: Key, given: Option<&str>) -> Result<Option<Vec<u8>>, String> {
    let Some(secret) = given else { return Ok(None) };
    let variable = key.variable();
    if is_published(secret) {
        return Err(format!(
            "{variable} is a development key published in earlier versions' source code, with which anyone can forge tokens or match IIN hashes: \
             set a long random secret of your own (on SQLite, leave it unset and the server generates one and keeps it in the database)"
        ));
    }
    if secret.chars().count() < MIN_SECRET_CHARS {
        return Err(format!(
            "{variable} must have at least {MIN_SECRET_CHARS} characters"
        ));
    }
    Ok(Some(secret.as_bytes().to_vec()))
}

/// The key to use on `db`: the configured one, or on SQLite the one kept in
/// the database (generated now if there is none yet). Run after the
/// migrations.
pub async fn resolve(
    db: &DatabaseConnection,
    key: Key,
    given: Option<&str>,
) -> Result<Vec<u8>, String> {
    if let Some(secret) = configured(key, given)? {
        return Ok(secret);
    }
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return Err(format!(
            "set {} (at least {MIN_SECRET_CHARS} characters) when using PostgreSQL",
            key.variable()
        ));
    }
    stored_or_generated(db, key)
        .await
        .map_err(|err| format!("cannot keep the server's {} key: {err}", key.stored_name()))
}

fn is_published(secret: &str) -> bool {
    let digest = hex::encode(Sha256::digest(secret.as_bytes()));
    PUBLISHED_KEY_DIGESTS.contains(&digest.as_str())
}

async fn stored_or_generated(db: &DatabaseConnection, key: Key) -> Result<Vec<u8>, String> {
    if let Some(kept) = stored(db, key).await? {
        return Ok(kept);
    }
    let mut fresh = [0u8; GENERATED_BYTES];
    getrandom::fill(&mut fresh)
        .map_err(|err| format!("the operating system's random generator failed: {err}"))?;
    let insert = Query::insert()
        .into_table("server_key")
        .columns(["name", "secret", "created_at"])
        .values_panic([
            key.stored_name().into(),
            hex::encode(fresh).into(),
            Utc::now().into(),
        ])
        .on_conflict(OnConflict::column("name").do_nothing().to_owned())
        .to_owned();
    let inserted = db
        .execute(&insert)
        .await
        .map_err(|e| e.to_string())?
        .rows_affected();
    // Read back rather than use `fresh`: a process starting at the same
    // moment may have inserted its key first, and both must use that one.
    let kept = stored(db, key)
        .await?
        .ok_or_else(|| "the key just stored cannot be read back".to_owned())?;
    if inserted == 1 {
        tracing::info!(
            key = key.stored_name(),
            "{} is not set: generated a random key and keep it in the database (table server_key)",
            key.variable()
        );
    }
    Ok(kept)
}

async fn stored(db: &DatabaseConnection, key: Key) -> Result<Option<Vec<u8>>, String> {
    let select = Query::select()
        .column("secret")
        .from("server_key")
        .and_where(Expr::col("name").eq(key.stored_name()))
        .to_owned();
    let Some(row) = db.query_one(&select).await.map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    let secret: String = row.try_get("", "secret").map_err(|e| e.to_string())?;
    hex::decode(&secret)
        .ok()
        .filter(|bytes| bytes.len() == GENERATED_BYTES)
        .map(Some)
        .ok_or_else(|| "the key kept in table server_key is damaged".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_development_keys_are_refused_and_others_kept() {
        for published in [
            "frontoffice-development-key-not-for-production",
            "frontoffice-development-token-key-not-for-production",
        ] {
            for key in [Key::TokenSigning, Key::IinHash] {
                let err = configured(key, Some(published)).expect_err("refused");
                assert!(
                    err.contains(key.variable()) && err.contains("published"),
                    "{err}"
                );
            }
        }
        assert_eq!(
            configured(Key::TokenSigning, Some("a-secret-of-my-own-0123")),
            Ok(Some(b"a-secret-of-my-own-0123".to_vec()))
        );
        assert!(configured(Key::IinHash, Some("short")).is_err());
        assert_eq!(configured(Key::IinHash, None), Ok(None));
    }
}
