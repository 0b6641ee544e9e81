//! The single mapping from domain errors to GraphQL errors.
//!
//! Every error a client sees carries `extensions.code`; errors about one
//! input also carry `extensions.field`, the offending input path. Database
//! errors are logged in full and reach the client only as `UNAVAILABLE`
//! (the database cannot be reached) or `INTERNAL`.

use crate::domain::error::DomainError;
use async_graphql::{Error, ErrorExtensions};

impl From<DomainError> for Error {
    fn from(err: DomainError) -> Self {
        if let DomainError::Database(db) = &err {
            if crate::domain::unavailable::is_outage(db) {
                // Expected while the database restarts; clients retry.
                tracing::warn!(error = %db, "database unreachable");
            } else {
                tracing::error!(error = %db, "database error");
            }
        }
        Error::new(err.message()).extend_with(|_, ext| {
            ext.set("code", err.code());
            if let Some(field) = err.field() {
                ext.set("field", field);
            }
        })
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
