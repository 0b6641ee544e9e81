//! Password hashing with argon2id (the library's defaults: 19 MiB, two
//! passes, one lane, as OWASP recommends). Only the PHC string is stored.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 8;

/// Hash a password for storage.
pub fn hash(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| format!("cannot hash the password: {e}"))
}

/// Whether `password` matches the stored `phc` hash.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_hash_verifies_its_password_only() {
        let phc = super::hash("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(super::verify("correct horse", &phc));
        assert!(!super::verify("wrong horse", &phc));
        assert!(!super::verify("correct horse", "not a hash"));
    }
}
