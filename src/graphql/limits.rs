//! Limits that keep one query from hurting the service.
//!
//! async-graphql measures depth and complexity during validation; this
//! extension compares them with our limits so that every refusal carries a
//! stable `extensions.code`, and adds the checks async-graphql lacks: the
//! size of the document, how deeply its brackets nest (before the parser,
//! whose recursion it bounds), the number of aliases and of directives, and
//! at most one `login` per document (each runs a deliberately slow password
//! hash; with aliases one request could ask for many). The per-request
//! timeout and the body size are enforced by the HTTP layer.
//!
//! Introspection-only operations (GraphiQL's schema query nests `ofType`
//! eight levels deep) are held to a larger depth limit of their own instead
//! of the data limit, so the playground keeps working with a strict limit.
//!
//! With introspection off the schema is not for strangers to read, and
//! validation messages would tell it piece by piece ("Unknown field",
//! "expected type"): every validation failure then gets one message, and
//! the details go to the server log under the request id.

use crate::error_code::ErrorCode;
use crate::graphql::context::RequestId;
use crate::graphql::error::translatable_server_error;
use crate::graphql::nesting;
use crate::i18n::Message;
use crate::msg;
use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextPrepareRequest,
    NextValidation,
};
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Request, ServerError, ServerResult, ValidationResult, Variables};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Depth allowed to operations that select only introspection fields.
const INTROSPECTION_MAX_DEPTH: usize = 20;

/// The limits a query must stay within.
#[derive(Clone, Copy, Debug)]
pub struct QueryLimits {
    pub max_depth: usize,
    pub max_complexity: usize,
    pub max_aliases: usize,
    pub max_directives: usize,
    pub max_query_bytes: usize,
    /// Deepest nesting of brackets (`{`, `[`, `(`) in the document text.
    pub max_nesting: usize,
    /// Whether `__schema` and `__type` may be queried; when not, validation
    /// errors say no more than that the query is invalid.
    pub introspection: bool,
}

impl Default for QueryLimits {
    fn default() -> Self {
        QueryLimits {
            max_depth: 10,
            max_complexity: 50_000,
            max_aliases: 15,
            max_directives: 50,
            max_query_bytes: 15_000,
            max_nesting: 64,
            introspection: true,
        }
    }
}

/// A refusal with its code.
pub fn limit_error(code: ErrorCode, message: Message) -> ServerError {
    let mut err = translatable_server_error(message);
    let mut ext = async_graphql::ErrorExtensionValues::default();
    ext.set("code", code.as_str());
    err.extensions = Some(ext);
    err
}

impl ExtensionFactory for QueryLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LimitsForRequest {
            limits: *self,
            introspection_only: AtomicBool::new(false),
        })
    }
}

/// One request's view of the limits (extensions are created per request).
struct LimitsForRequest {
    limits: QueryLimits,
    introspection_only: AtomicBool,
}

#[async_trait::async_trait]
impl Extension for LimitsForRequest {
    async fn prepare_request(
        &self,
        ctx: &ExtensionContext<'_>,
        request: Request,
        next: NextPrepareRequest<'_>,
    ) -> ServerResult<Request> {
        let size = request.query.len();
        if size > self.limits.max_query_bytes {
            return Err(limit_error(
                ErrorCode::QueryTooLarge,
                msg!(
                    "query-too-large",
                    size = size,
                    max = self.limits.max_query_bytes
                ),
            ));
        }
        if nesting::exceeds(&request.query, self.limits.max_nesting) {
            return Err(limit_error(
                ErrorCode::QueryTooDeep,
                msg!("query-nests-too-deep", max = self.limits.max_nesting),
            ));
        }
        next.run(ctx, request).await
    }

    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let counts = Counts::of(&document);
        if counts.aliases > self.limits.max_aliases {
            return Err(limit_error(
                ErrorCode::TooManyAliases,
                msg!(
                    "too-many-aliases",
                    count = counts.aliases,
                    max = self.limits.max_aliases
                ),
            ));
        }
        if counts.directives > self.limits.max_directives {
            return Err(limit_error(
                ErrorCode::TooManyDirectives,
                msg!(
                    "too-many-directives",
                    count = counts.directives,
                    max = self.limits.max_directives
                ),
            ));
        }
        if counts.logins > 1 {
            return Err(limit_error(
                ErrorCode::TooManyLogins,
                msg!("too-many-logins", count = counts.logins),
            ));
        }
        if counts.introspects && !self.limits.introspection {
            return Err(limit_error(
                ErrorCode::IntrospectionDisabled,
                msg!("introspection-off"),
            ));
        }
        self.introspection_only
            .store(counts.introspection_only, Ordering::Relaxed);
        Ok(document)
    }

    async fn validation(
        &self,
        ctx: &ExtensionContext<'_>,
        next: NextValidation<'_>,
    ) -> Result<ValidationResult, Vec<ServerError>> {
        let result = match next.run(ctx).await {
            Ok(result) => result,
            Err(errors) if !self.limits.introspection => return Err(vec![opaque(ctx, errors)]),
            Err(errors) => return Err(errors),
        };
        let max_depth = if self.introspection_only.load(Ordering::Relaxed) {
            INTROSPECTION_MAX_DEPTH
        } else {
            self.limits.max_depth
        };
        if result.depth > max_depth {
            return Err(vec![limit_error(
                ErrorCode::QueryTooDeep,
                msg!("query-too-deep", depth = result.depth, max = max_depth),
            )]);
        }
        if result.complexity > self.limits.max_complexity {
            return Err(vec![limit_error(
                ErrorCode::QueryTooComplex,
                msg!(
                    "query-too-complex",
                    cost = result.complexity,
                    max = self.limits.max_complexity
                ),
            )]);
        }
        Ok(result)
    }
}

/// One error standing for `errors`, which only the log sees: no message
/// and no location tells which names exist.
fn opaque(ctx: &ExtensionContext<'_>, errors: Vec<ServerError>) -> ServerError {
    let request_id = ctx
        .data_opt::<RequestId>()
        .map(|id| id.0.as_str())
        .unwrap_or_default();
    for error in &errors {
        tracing::info!(request_id, error = %error.message, "query refused by validation");
    }
    // The one message validation failures get when the schema is not public.
    limit_error(ErrorCode::InvalidQuery, msg!("query-not-valid"))
}

/// What the limits count in a document, as written (each fragment once).
#[derive(Default)]
struct Counts {
    aliases: usize,
    directives: usize,
    /// `login` fields, the only field of that name (a mutation).
    logins: usize,
    introspection_only: bool,
    /// Selects `__schema` or `__type` somewhere.
    introspects: bool,
}

impl Counts {
    fn of(document: &ExecutableDocument) -> Counts {
        let mut counts = Counts {
            introspection_only: true,
            ..Counts::default()
        };
        for (_, operation) in document.operations.iter() {
            counts.directives += operation.node.directives.len();
            for selection in &operation.node.selection_set.node.items {
                match &selection.node {
                    Selection::Field(field) if field.node.name.node.starts_with("__") => {}
                    _ => counts.introspection_only = false,
                }
            }
            counts.walk(&operation.node.selection_set.node);
        }
        for fragment in document.fragments.values() {
            counts.directives += fragment.node.directives.len();
            counts.walk(&fragment.node.selection_set.node);
        }
        counts
    }

    fn walk(&mut self, set: &SelectionSet) {
        for selection in &set.items {
            self.directives += selection.node.directives().len();
            match &selection.node {
                Selection::Field(field) => {
                    if field.node.alias.is_some() {
                        self.aliases += 1;
                    }
                    match field.node.name.node.as_str() {
                        "__schema" | "__type" => self.introspects = true,
                        "login" => self.logins += 1,
                        _ => {}
                    }
                    self.walk(&field.node.selection_set.node);
                }
                Selection::InlineFragment(fragment) => self.walk(&fragment.node.selection_set.node),
                Selection::FragmentSpread(_) => {}
            }
        }
    }
}
