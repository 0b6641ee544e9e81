//! `issuer_key`: an Ed25519 key that signs credentials. The public key is
//! published (JWK set, DID document) for as long as the row exists, so
//! credentials signed before a rotation stay verifiable; the newest key
//! signs. The private key is kept sealed (XChaCha20-Poly1305 under a key
//! the database does not hold on PostgreSQL).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "issuer_key")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The key's id: its JWK thumbprint (RFC 7638).
    pub kid: String,
    /// The 32-byte public key, base64url.
    pub public_key: String,
    /// The 32-byte private key, sealed: base64url of nonce and ciphertext.
    pub sealed_secret: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
