//! The single mapping from domain errors to GraphQL errors.
//!
//! Every error a client sees carries `extensions.code`; errors about one
//! input also carry `extensions.field`, the offending input path. Database
//! errors and the service's own failures are logged in full and reach the
//! client only as `UNAVAILABLE` (the database cannot be reached) or
//! `INTERNAL`.

use crate::domain::error::DomainError;
use crate::i18n::{Lang, Message};
use async_graphql::{Error, ErrorExtensions, ServerError};
use std::sync::Arc;

impl From<DomainError> for Error {
    fn from(err: DomainError) -> Self {
        match &err {
            // Expected while the database restarts; clients retry.
            DomainError::Database(db) if crate::domain::unavailable::is_outage(db) => {
                tracing::warn!(error = %db, "database unreachable");
            }
            DomainError::Database(db) => tracing::error!(error = %db, "database error"),
            DomainError::Internal { what, detail } => {
                tracing::error!(what, error = %detail, "internal failure");
            }
            _ => {}
        }
        translatable(err.message()).extend_with(|_, ext| {
            ext.set("code", err.code().as_str());
            if let Some(field) = err.field() {
                ext.set("field", field);
            }
        })
    }
}

/// An error reading `message` in English, carrying the message so the
/// response can be put into the reader's language (`localise`).
pub fn translatable(message: Message) -> Error {
    let mut err = Error::new(message.english());
    err.source = Some(Arc::new(message));
    err
}

/// A `ServerError` of `message`, the same way.
pub fn translatable_server_error(message: Message) -> ServerError {
    let mut err = ServerError::new(message.english(), None);
    err.source = Some(Arc::new(message));
    err
}

/// Put the messages of `errors` into `lang`; errors without a message of
/// the catalogues (the GraphQL library's own, about a document's syntax)
/// stay as written.
pub fn localise(errors: &mut [ServerError], lang: Lang) {
    if lang == Lang::En {
        return;
    }
    for err in errors {
        if let Some(message) = err.source::<Message>() {
            err.message = message.render(lang);
        }
    }
}

/// Turn a database error into the masked `UNAVAILABLE` or `INTERNAL`
/// GraphQL error.
pub fn db_error(err: impl Into<sea_orm::DbErr>) -> Error {
    DomainError::Database(err.into()).into()
}

/// A loader's shared error, masked the same way.
pub fn loader_error(err: std::sync::Arc<sea_orm::DbErr>) -> Error {
    db_error((*err).clone())
}
