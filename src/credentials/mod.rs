//! The digital volunteer passport: certificates of a volunteer's verified
//! hours as Open Badges 3.0 credentials (W3C Verifiable Credentials, data
//! model 2.0), signed with Ed25519 as JWTs, revocable through a Bitstring
//! Status List, verifiable by anyone offline against the published keys.
//!
//! - `issuer`: who signs (a `did:web` of the service's public URL) and the
//!   URLs credentials name;
//! - `keys`: the signing keys, generated on the command line, sealed in
//!   the database, published while they exist (rotation keeps old
//!   credentials verifiable);
//! - `jws`: the compact JWS the credentials travel in;
//! - `document`: the Open Badges document of a certificate;
//! - `issue`: who may ask for which certificate, and what it certifies;
//! - `revocation`: credentials revoked by a lowering correction or an
//!   erasure;
//! - `status_list`: the Bitstring Status List credential;
//! - `pdf`: the printed certificate, with the QR code of its verification
//!   link;
//! - `verify`: what `/verify` and `verifyCredential` answer about a pasted
//!   credential.
//!
//! docs/credentials.md is the design in full.

pub mod document;
pub mod issue;
pub mod issuer;
pub mod jws;
pub mod keys;
pub mod pdf;
pub mod revocation;
pub mod status_list;
pub mod verify;

pub use issuer::Issuer;

/// A random (version 4) UUID, as credentials and presentations are named.
pub fn new_uuid() -> crate::domain::error::DomainResult<String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|e| crate::domain::error::DomainError::internal("drawing random bytes", e))?;
    Ok(uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string())
}
