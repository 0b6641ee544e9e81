//! The schema as every request meets it, over HTTP, over WebSocket and
//! from the exports: the limits' checks before a document runs
//! (`QueryLimits::admit`), the schema's own refusals given our codes after
//! (`QueryLimits::explain`), and whether the request got as far as running
//! (GraphQL over HTTP answers a request that never ran with 400 and no
//! `data`).

use crate::graphql::AppSchema;
use crate::graphql::context::RequestId;
use crate::graphql::limits::{Admitted, QueryLimits};
use async_graphql::{Data, Request, Response, ServerError};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use std::any::TypeId;
use std::sync::Arc;

/// The schema behind every request.
#[derive(Clone)]
pub struct Api {
    schema: AppSchema,
    /// The same schema built with the depth introspection-only documents
    /// may reach (GraphiQL's schema query).
    introspection: AppSchema,
    limits: QueryLimits,
}

/// A response, and whether its request ran (rather than being refused as
/// a whole before any field was resolved).
pub struct Outcome {
    pub response: Response,
    pub executed: bool,
}

impl Api {
    pub fn new(schema: AppSchema, introspection: AppSchema, limits: QueryLimits) -> Self {
        Api {
            schema,
            introspection,
            limits,
        }
    }

    /// Check `request`, and pick the schema that runs it.
    fn admit(&self, request: &mut Request) -> Result<(&AppSchema, usize), ServerError> {
        let admitted = self.limits.admit(request)?;
        Ok((self.schema_for(&admitted), self.limits.depth_for(&admitted)))
    }

    fn schema_for(&self, admitted: &Admitted) -> &AppSchema {
        if admitted.introspection_only {
            &self.introspection
        } else {
            &self.schema
        }
    }

    pub async fn execute(&self, mut request: Request) -> Outcome {
        let request_id = request_id(&request.data);
        let (schema, depth) = match self.admit(&mut request) {
            Ok(admitted) => admitted,
            Err(error) => {
                return Outcome {
                    response: Response::from_errors(vec![error]),
                    executed: false,
                };
            }
        };
        let mut response = schema.execute(request).await;
        let executed = ran(&response);
        if !executed {
            self.limits
                .explain(&mut response.errors, depth, &request_id);
        }
        Outcome { response, executed }
    }

    /// The responses of a subscription (or of a query or mutation sent
    /// over WebSocket).
    pub fn execute_stream(
        &self,
        mut request: Request,
        session_data: Option<Arc<Data>>,
    ) -> BoxStream<'static, Response> {
        let request_id = request_id(&request.data);
        let (schema, depth) = match self.admit(&mut request) {
            Ok(admitted) => admitted,
            Err(error) => {
                let response = Response::from_errors(vec![error]);
                return futures_util::stream::once(async { response }).boxed();
            }
        };
        let limits = self.limits;
        schema
            .execute_stream_with_session_data(request, session_data.unwrap_or_default())
            .map(move |mut response| {
                if !ran(&response) {
                    limits.explain(&mut response.errors, depth, &request_id);
                }
                response
            })
            .boxed()
    }
}

/// Whether a response comes from running its document: it has data, or
/// an error raised by a field (which has a path). A document refused by
/// parsing or validation gets errors with no path and no data.
fn ran(response: &Response) -> bool {
    response.data != async_graphql::Value::Null
        || response.errors.is_empty()
        || response.errors.iter().any(|e| !e.path.is_empty())
}

fn request_id(data: &Data) -> String {
    data.get(&TypeId::of::<RequestId>())
        .and_then(|d| d.downcast_ref::<RequestId>())
        .map(|id| id.0.clone())
        .unwrap_or_default()
}
