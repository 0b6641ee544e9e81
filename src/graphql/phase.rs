//! Tells the HTTP layer whether a request got as far as execution.
//!
//! GraphQL over HTTP distinguishes *request errors* (the document did not
//! parse or validate, or a limit refused it: no `data` entry, status 400
//! with `application/graphql-response+json`) from *field errors* raised
//! during execution (`data` present, status 200). async-graphql's response
//! does not say which happened, so this extension raises a flag the handler
//! passed in when the execute phase begins.

use async_graphql::Response;
use async_graphql::extensions::{Extension, ExtensionContext, ExtensionFactory, NextExecute};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Request data: set to `true` once execution starts.
#[derive(Clone, Default)]
pub struct ExecutionStarted(Arc<AtomicBool>);

impl ExecutionStarted {
    pub fn get(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// The extension that sets [`ExecutionStarted`].
pub struct TrackExecution;

impl ExtensionFactory for TrackExecution {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(TrackExecution)
    }
}

#[async_trait::async_trait]
impl Extension for TrackExecution {
    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        if let Ok(flag) = ctx.data::<ExecutionStarted>() {
            flag.0.store(true, Ordering::Release);
        }
        next.run(ctx, operation_name).await
    }
}
