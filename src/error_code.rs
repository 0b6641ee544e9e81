//! Every `extensions.code` the service sends, spelled in one place.
//!
//! Clients switch on these strings, so they are part of the API: the
//! domain's refusals, the query limits, the HTTP layer's refusals of
//! requests that are not GraphQL requests, the rate limits and the
//! service's own failures all take their code from here. The README's
//! table of errors lists exactly these codes (a test compares them).
//!
//! The strings are also kept in the database with idempotency keys (a
//! replayed refusal carries its original code), so a code, once
//! published, keeps its spelling.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// Declares the enum, its strings and `ALL` from one list, so no code
/// can be missing from any of them.
macro_rules! error_codes {
    ($($(#[$doc:meta])* $variant:ident => $code:literal,)+) => {
        /// A stable machine-readable error code (`extensions.code`).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[$doc])* $variant,)+
        }

        impl ErrorCode {
            /// Every code.
            pub const ALL: &[ErrorCode] = &[$(ErrorCode::$variant,)+];

            /// The code as clients see it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$variant => $code,)+
                }
            }
        }
    };
}

error_codes! {
    /// Input that can never be valid.
    Validation => "VALIDATION",
    /// The object named does not exist (or is not visible).
    NotFound => "NOT_FOUND",
    /// The write would duplicate something unique.
    Conflict => "CONFLICT",
    /// A minor without the guardian or consent the rules require.
    GuardianRequired => "GUARDIAN_REQUIRED",
    /// The volunteer's age does not allow it.
    AgeRestricted => "AGE_RESTRICTED",
    /// The event has no free place left.
    CapacityReached => "CAPACITY_REACHED",
    /// The event is cancelled or over for this change.
    EventClosed => "EVENT_CLOSED",
    /// Not allowed from the object's current state.
    InvalidState => "INVALID_STATE",
    /// A volunteer's attended hours on one day would exceed 24.
    HoursLimit => "HOURS_LIMIT",
    /// Sign-in failed, or a credential is not valid.
    Unauthenticated => "UNAUTHENTICATED",
    /// The caller may not do this.
    Forbidden => "FORBIDDEN",
    /// An idempotency key was reused with a different input.
    IdempotencyKeyReused => "IDEMPOTENCY_KEY_REUSED",
    /// The HTTP request is not a GraphQL request.
    BadRequest => "BAD_REQUEST",
    /// A `POST` body not declared as JSON.
    UnsupportedMediaType => "UNSUPPORTED_MEDIA_TYPE",
    /// A mutation sent with `GET`.
    MethodNotAllowed => "METHOD_NOT_ALLOWED",
    /// The document does not parse or does not validate.
    InvalidQuery => "INVALID_QUERY",
    /// An argument value could not be read during execution.
    BadUserInput => "BAD_USER_INPUT",
    /// The document's text is too long.
    QueryTooLarge => "QUERY_TOO_LARGE",
    /// The document nests too deeply.
    QueryTooDeep => "QUERY_TOO_DEEP",
    /// The document's cost is too high.
    QueryTooComplex => "QUERY_TOO_COMPLEX",
    /// The document uses too many aliases.
    TooManyAliases => "TOO_MANY_ALIASES",
    /// The document uses too many directives.
    TooManyDirectives => "TOO_MANY_DIRECTIVES",
    /// The document signs in more than once.
    TooManyLogins => "TOO_MANY_LOGINS",
    /// Introspection is turned off.
    IntrospectionDisabled => "INTROSPECTION_DISABLED",
    /// Too many attempts in a short time.
    RateLimited => "RATE_LIMITED",
    /// The request took longer than the request timeout.
    Timeout => "TIMEOUT",
    /// An uploaded file is larger than the server accepts.
    PayloadTooLarge => "PAYLOAD_TOO_LARGE",
    /// The request body did not arrive in time.
    BodyTimeout => "BODY_TIMEOUT",
    /// The database cannot be reached right now.
    Unavailable => "UNAVAILABLE",
    /// The server failed.
    Internal => "INTERNAL",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that is not one of the codes.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an error code")]
pub struct UnknownCode(pub String);

impl FromStr for ErrorCode {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ErrorCode::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == s)
            .ok_or_else(|| UnknownCode(s.to_owned()))
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_code_round_trips_through_its_string() {
        for code in ErrorCode::ALL {
            assert_eq!(code.as_str().parse::<ErrorCode>(), Ok(*code));
            let json = serde_json::to_string(code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            assert_eq!(serde_json::from_str::<ErrorCode>(&json).unwrap(), *code);
        }
        let spelled: BTreeSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            spelled.len(),
            ErrorCode::ALL.len(),
            "two codes share a string"
        );
    }

    #[test]
    fn strings_that_are_not_codes_are_refused() {
        assert_eq!(
            "validation".parse::<ErrorCode>(),
            Err(UnknownCode("validation".into()))
        );
        assert!(serde_json::from_str::<ErrorCode>("\"NOPE\"").is_err());
    }

    /// The codes in the first column of the README's table of errors.
    fn readme_codes() -> Vec<String> {
        let readme = include_str!("../README.md");
        let section = readme
            .split("\n### Errors\n")
            .nth(1)
            .expect("the README has an Errors section");
        let section = section.split("\n#").next().unwrap_or(section);
        section
            .lines()
            .filter(|line| line.starts_with("| `"))
            .filter_map(|line| line.split('|').nth(1))
            .map(|code| code.trim().trim_matches('`').to_owned())
            .collect()
    }

    #[test]
    fn the_readme_lists_exactly_the_codes() {
        let listed = readme_codes();
        let unique: BTreeSet<&str> = listed.iter().map(String::as_str).collect();
        assert_eq!(
            unique.len(),
            listed.len(),
            "a code is listed twice: {listed:?}"
        );
        let codes: BTreeSet<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(unique, codes);
    }
}
