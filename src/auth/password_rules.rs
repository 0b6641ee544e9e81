//! What a new password must be: at least `MIN_LENGTH` characters, and none
//! of the most common passwords (a list shipped in the binary:
//! `common_passwords.txt`, with its source and licence in its header), nor
//! the account's own name. Case does not save a common password:
//! `Qwertyuiop` is refused like `qwertyuiop`.
//!
//! The password itself is never logged nor written anywhere but into its
//! argon2id hash; a refusal says which rule it broke, never the password.

use crate::domain::error::DomainError;
use crate::msg;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Shortest password accepted.
pub const MIN_LENGTH: usize = 10;

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("common_passwords.txt")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .collect()
});

/// Refuse `password` for the account named `username` unless it keeps
/// every rule; `field` names the input in the refusal.
pub fn check(password: &str, username: &str, field: &str) -> Result<(), DomainError> {
    if password.chars().count() < MIN_LENGTH {
        return Err(DomainError::validation(
            field,
            msg!("password-too-short", min = MIN_LENGTH),
        ));
    }
    let folded = password.to_lowercase();
    if COMMON.contains(folded.trim()) {
        return Err(DomainError::validation(field, msg!("password-common")));
    }
    let name = username.trim().to_lowercase();
    if !name.is_empty() && folded.contains(&name) {
        return Err(DomainError::validation(
            field,
            msg!("password-has-username"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(password: &str) -> Option<String> {
        check(password, "aigerim", "input.password")
            .err()
            .map(|e| e.message().english())
    }

    #[test]
    fn short_common_and_named_passwords_are_refused() {
        assert!(code("short").is_some_and(|m| m.contains("10")));
        assert!(code("1234567890").is_some());
        assert!(code("Qwertyuiop").is_some(), "case does not help");
        assert!(code("Password123").is_some());
        assert!(code("aigerim-2026!").is_some(), "the username inside");
        assert_eq!(code("жылы қыс келеді"), None);
        assert_eq!(code("correct horse battery"), None);
    }

    #[test]
    fn the_shipped_list_is_read_without_its_header() {
        assert!(COMMON.len() > 1000);
        assert!(
            COMMON
                .iter()
                .all(|p| !p.starts_with('#') && p.len() >= MIN_LENGTH)
        );
    }
}
