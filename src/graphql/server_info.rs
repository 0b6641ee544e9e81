//! What the service is and which version answers.

use crate::graphql::context::ContextExt;
use crate::graphql::scalars::Date;
use async_graphql::{Context, Object, SimpleObject};
use sea_orm::DatabaseBackend;

/// The running server.
#[derive(SimpleObject)]
pub struct ServerInfo {
    /// Name of the service.
    pub name: &'static str,
    /// Version of the server (semantic versioning).
    pub version: &'static str,
    /// The database engine in use: `sqlite` or `postgres`.
    pub database: &'static str,
    /// Today's date in Kazakhstan (UTC+5), the default for date arguments.
    pub today: Date,
}

#[derive(Default)]
pub struct ServerInfoQuery;

#[Object]
impl ServerInfoQuery {
    /// The version of the server and the engine behind it.
    async fn server_info(&self, ctx: &Context<'_>) -> ServerInfo {
        let database = match ctx.db().get_database_backend() {
            DatabaseBackend::Postgres => "postgres",
            DatabaseBackend::Sqlite => "sqlite",
            _ => "other",
        };
        ServerInfo {
            name: env!("CARGO_PKG_NAME"),
            version: env!("CARGO_PKG_VERSION"),
            database,
            today: ctx.clock().today().into(),
        }
    }

    /// The server's version, e.g. `0.1.0`.
    async fn version(&self) -> &'static str {
        env!("CARGO_PKG_VERSION")
    }
}
