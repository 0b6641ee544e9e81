//! The one error type of the domain, with a stable machine-readable code per
//! variant. The GraphQL layer maps it to errors once (`graphql::error`);
//! nothing else invents codes.
//!
//! `DomainError` deliberately does not implement `Display`: async-graphql
//! converts any `Display` error with `?` into a GraphQL error *without*
//! extensions, which would silently drop the code. Without `Display`, the
//! only conversion is ours, which always sets `extensions.code`.

use crate::error_code::ErrorCode;
use crate::i18n::Message;
use crate::msg;
use sea_orm::DbErr;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Every refusal of the register, one variant per stable code.
///
/// `field`, where present, is the offending input path (e.g.
/// `input.birthDate`), so a form can put the message beside the field.
#[derive(Debug)]
pub enum DomainError {
    /// Input that can never be valid.
    Validation { field: String, message: Message },
    /// The object named by an id does not exist (or is not visible); the
    /// message says which.
    NotFound { message: Message },
    /// The write would duplicate something unique: the same person (IIN),
    /// the same volunteer at the same event, a second family, a check-in
    /// that is already done. `field` names the input that repeats, where
    /// one does.
    Conflict {
        field: Option<String>,
        message: Message,
    },
    /// A minor without the guardian or consent the rules require.
    GuardianRequired { message: Message },
    /// The volunteer's age does not allow it (minimum age, activities
    /// closed to minors).
    AgeRestricted { field: String, message: Message },
    /// The event has no free place left.
    CapacityReached { message: Message },
    /// The event is cancelled (or over) and takes no more of this change.
    EventClosed { message: Message },
    /// The object is not in a state that allows this change (e.g. checking
    /// out before checking in).
    InvalidState { message: Message },
    /// A volunteer's attended hours on one calendar day would exceed 24.
    HoursLimit { message: Message },
    /// The caller may not do this (or see this).
    Forbidden { message: Message },
    /// Sign-in failed, or a credential is not valid.
    Unauthenticated { message: Message },
    /// An idempotency key was reused with a different input.
    IdempotencyKeyReused { message: Message },
    /// A refusal stored with an idempotency key, replayed as it was.
    Replayed(StoredError),
    /// The database failed; the detail goes to the log, not to the caller.
    /// `UNAVAILABLE` when it could not be reached, `INTERNAL` otherwise.
    Database(DbErr),
    /// The service itself failed outside the database (signing a token,
    /// hashing a password, serialising a record): `INTERNAL`, with `what`
    /// and `detail` for the log only.
    Internal { what: &'static str, detail: String },
}

/// A domain error as kept with an idempotency key; the code is stored as
/// its string, as clients see it. `message` is the English text; `text`
/// the message itself, so a replay reads in the replaying request's
/// language (refusals kept before messages were translated have only the
/// English).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<Message>,
}

impl From<DbErr> for DomainError {
    /// A unique violation is a conflict (a race the write's own check
    /// could not see, see `unique`); anything else is the database failing.
    fn from(err: DbErr) -> Self {
        crate::domain::unique::conflict(&err).unwrap_or(DomainError::Database(err))
    }
}

impl DomainError {
    /// The message a person can act on, in any of the languages.
    pub fn message(&self) -> Message {
        match self {
            DomainError::Validation { message, .. }
            | DomainError::Conflict { message, .. }
            | DomainError::NotFound { message }
            | DomainError::GuardianRequired { message }
            | DomainError::AgeRestricted { message, .. }
            | DomainError::CapacityReached { message }
            | DomainError::EventClosed { message }
            | DomainError::InvalidState { message }
            | DomainError::HoursLimit { message }
            | DomainError::Forbidden { message }
            | DomainError::Unauthenticated { message }
            | DomainError::IdempotencyKeyReused { message } => message.clone(),
            DomainError::Replayed(stored) => stored
                .text
                .clone()
                .unwrap_or_else(|| msg!("verbatim", text = &stored.message)),
            DomainError::Database(err) if super::unavailable::is_outage(err) => msg!(
                "database-unreachable",
                seconds = super::unavailable::RETRY_AFTER_SECS
            ),
            DomainError::Database(_) | DomainError::Internal { .. } => msg!("internal-error"),
        }
    }

    /// The stable code clients switch on (`extensions.code`).
    pub fn code(&self) -> ErrorCode {
        match self {
            DomainError::Validation { .. } => ErrorCode::Validation,
            DomainError::NotFound { .. } => ErrorCode::NotFound,
            DomainError::Conflict { .. } => ErrorCode::Conflict,
            DomainError::GuardianRequired { .. } => ErrorCode::GuardianRequired,
            DomainError::AgeRestricted { .. } => ErrorCode::AgeRestricted,
            DomainError::CapacityReached { .. } => ErrorCode::CapacityReached,
            DomainError::EventClosed { .. } => ErrorCode::EventClosed,
            DomainError::InvalidState { .. } => ErrorCode::InvalidState,
            DomainError::HoursLimit { .. } => ErrorCode::HoursLimit,
            DomainError::Forbidden { .. } => ErrorCode::Forbidden,
            DomainError::Unauthenticated { .. } => ErrorCode::Unauthenticated,
            DomainError::IdempotencyKeyReused { .. } => ErrorCode::IdempotencyKeyReused,
            DomainError::Replayed(stored) => stored.code,
            DomainError::Database(err) if super::unavailable::is_outage(err) => {
                ErrorCode::Unavailable
            }
            DomainError::Database(_) | DomainError::Internal { .. } => ErrorCode::Internal,
        }
    }

    /// The offending input path, for errors about one field.
    pub fn field(&self) -> Option<&str> {
        match self {
            DomainError::Validation { field, .. } | DomainError::AgeRestricted { field, .. } => {
                Some(field)
            }
            DomainError::Conflict { field, .. } => field.as_deref(),
            DomainError::Replayed(stored) => stored.field.as_deref(),
            _ => None,
        }
    }

    /// A failure of the service (the database, or the server's own work)
    /// rather than a refusal of the input.
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            DomainError::Database(_) | DomainError::Internal { .. }
        )
    }

    /// The error as kept with an idempotency key; `None` for failures of
    /// the service itself, which a retry should run again rather than
    /// replay.
    pub fn to_stored(&self) -> Option<StoredError> {
        if self.is_failure() {
            return None;
        }
        let message = self.message();
        Some(StoredError {
            code: self.code(),
            message: message.english(),
            field: self.field().map(str::to_owned),
            text: Some(message),
        })
    }

    /// A failure of the service outside the database; `what` names the
    /// step that failed (e.g. "token signing").
    pub fn internal(what: &'static str, detail: impl fmt::Display) -> Self {
        DomainError::Internal {
            what,
            detail: detail.to_string(),
        }
    }

    pub fn validation(field: impl Into<String>, message: Message) -> Self {
        DomainError::Validation {
            field: field.into(),
            message,
        }
    }

    /// NOT_FOUND of a `thing` the message `not-found` names (`event`,
    /// `front-office`, …).
    pub fn not_found(thing: &'static str) -> Self {
        DomainError::NotFound {
            message: msg!("not-found", thing = thing),
        }
    }

    pub fn conflict(message: Message) -> Self {
        DomainError::Conflict {
            field: None,
            message,
        }
    }

    /// A conflict about one input field (the IIN, the username, the year).
    pub fn conflict_on(field: impl Into<String>, message: Message) -> Self {
        DomainError::Conflict {
            field: Some(field.into()),
            message,
        }
    }

    pub fn invalid_state(message: Message) -> Self {
        DomainError::InvalidState { message }
    }

    pub fn event_closed(message: Message) -> Self {
        DomainError::EventClosed { message }
    }

    pub fn forbidden(message: Message) -> Self {
        DomainError::Forbidden { message }
    }

    pub fn guardian_required(message: Message) -> Self {
        DomainError::GuardianRequired { message }
    }

    pub fn age_restricted(field: impl Into<String>, message: Message) -> Self {
        DomainError::AgeRestricted {
            field: field.into(),
            message,
        }
    }
}

pub type DomainResult<T> = Result<T, DomainError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_refusal_keeps_its_code_as_the_string_clients_saw() {
        let kept = r#"{"code":"CONFLICT","message":"taken","field":"input.username"}"#;
        let stored: StoredError = serde_json::from_str(kept).unwrap();
        assert_eq!(stored.code, ErrorCode::Conflict);
        assert_eq!(serde_json::to_string(&stored).unwrap(), kept);
        let replayed = DomainError::Replayed(stored);
        assert_eq!(replayed.code(), ErrorCode::Conflict);
        assert_eq!(replayed.field(), Some("input.username"));
    }

    #[test]
    fn an_internal_failure_tells_the_client_nothing_and_is_never_replayed() {
        let err = DomainError::internal("token signing", "the key is too short");
        assert_eq!(err.code(), ErrorCode::Internal);
        assert!(
            !err.message().to_string().contains("too short"),
            "{}",
            err.message()
        );
        assert_eq!(err.to_stored(), None);
    }
}
