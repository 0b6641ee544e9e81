//! What every resolver takes from the request context: the database, the
//! batching loader, the caller, the clock and the key cursors are sealed
//! with.

use crate::domain::caller::Caller;
use crate::domain::clock::Clock;
use crate::domain::write::Writer;
use crate::graphql::batch::Batcher;
use crate::graphql::connection::CursorKey;
use crate::graphql::loaders::AppLoader;
use crate::statistics::live::LiveFigures;
use async_graphql::Context;
use sea_orm::DatabaseConnection;

pub trait ContextExt {
    fn db(&self) -> &DatabaseConnection;
    fn loader(&self) -> &Batcher<AppLoader>;
    fn caller(&self) -> &Caller;
    fn writer(&self) -> &Writer;
    /// The application's clock: what "now" and "today" mean for reads.
    fn clock(&self) -> &Clock;
    fn live(&self) -> &LiveFigures;
    fn live_settings(&self) -> &LiveSettings;
    fn cursor_key(&self) -> &CursorKey;
}

/// Settings of statistics and live subscriptions.
#[derive(Clone, Copy, Debug)]
pub struct LiveSettings {
    /// Shortest time between two messages of one subscription.
    pub interval: std::time::Duration,
    /// Smallest group of people shown to anonymous callers.
    pub anonymous_min_group: i64,
}

/// The id of the HTTP request, kept with audit records so a write can be
/// traced to its log lines.
#[derive(Clone, Debug)]
pub struct RequestId(pub String);

impl ContextExt for Context<'_> {
    fn db(&self) -> &DatabaseConnection {
        // The schema is always built with its data (`graphql::build`); a
        // missing entry is a programming error caught by every test.
        self.data_unchecked::<DatabaseConnection>()
    }

    fn loader(&self) -> &Batcher<AppLoader> {
        self.data_unchecked::<Batcher<AppLoader>>()
    }

    fn caller(&self) -> &Caller {
        // Requests that reached us without identity act as anonymous.
        self.data_opt::<Caller>().unwrap_or(&Caller::Anonymous)
    }

    fn writer(&self) -> &Writer {
        self.data_unchecked::<Writer>()
    }

    fn clock(&self) -> &Clock {
        self.writer().clock()
    }

    fn live(&self) -> &LiveFigures {
        self.data_unchecked::<LiveFigures>()
    }

    fn live_settings(&self) -> &LiveSettings {
        self.data_unchecked::<LiveSettings>()
    }

    fn cursor_key(&self) -> &CursorKey {
        self.data_unchecked::<CursorKey>()
    }
}

/// The reference tables as they are now (`reference`): in memory, read
/// from the database only after one of them changed.
pub async fn reference_tables(
    ctx: &Context<'_>,
) -> async_graphql::Result<std::sync::Arc<crate::reference::Tables>> {
    ctx.data_unchecked::<std::sync::Arc<crate::reference::Reference>>()
        .get(ctx.db())
        .await
        .map_err(crate::graphql::error::db_error)
}
