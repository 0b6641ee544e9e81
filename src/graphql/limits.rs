//! Limits that keep one query from hurting the service.
//!
//! async-graphql measures depth and complexity as it validates, against
//! the limits the schema is built with; `explain` gives its refusals our
//! stable `extensions.code`. Before that, `admit` makes the checks
//! async-graphql lacks: the size of the document, how deeply its brackets
//! nest (before the parser, whose recursion it bounds), the number of
//! aliases and of directives, at most one `login` per document (each runs
//! a deliberately slow password hash; with aliases one request could ask
//! for many), and the text of every argument (`text_guard`). The
//! per-request timeout and the body size are enforced by the HTTP layer.
//!
//! These run around the schema, not as its extensions: with any extension
//! registered, async-graphql sends every field of every response through
//! the extensions' chain, a cost paid ~1,250 times by a page of results
//! for hooks that run once per request.
//!
//! Introspection-only operations (GraphiQL's schema query nests `ofType`
//! eight levels deep) are held to a larger depth limit of their own instead
//! of the data limit, so the playground keeps working with a strict limit
//! (`graphql::api` runs them on a schema built with it).
//!
//! With introspection off the schema is not for strangers to read, and
//! validation messages would tell it piece by piece ("Unknown field",
//! "expected type"): every validation failure then gets one message, and
//! the details go to the server log under the request id.

use crate::error_code::ErrorCode;
use crate::graphql::error::translatable_server_error;
use crate::graphql::{nesting, text_guard};
use crate::i18n::Message;
use crate::msg;
use async_graphql::parser::types::{ExecutableDocument, Selection, SelectionSet};
use async_graphql::{Request, ServerError};

/// Depth allowed to operations that select only introspection fields.
pub const INTROSPECTION_MAX_DEPTH: usize = 20;

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

/// What `QueryLimits::admit` found of a document it let through.
pub struct Admitted {
    /// The document selects introspection fields only (GraphiQL's schema
    /// query), which runs under `INTROSPECTION_MAX_DEPTH`.
    pub introspection_only: bool,
}

/// async-graphql's own words for the limits it was built with
/// (`SchemaBuilder::limit_complexity`, `limit_depth`); `explain` gives
/// them our codes. The limits tests fail if an upgrade changes them.
const TOO_COMPLEX: &str = "Query is too complex.";
const TOO_DEEP: &str = "Query is nested too deep.";

impl QueryLimits {
    /// Check `request` before it runs: its size, its brackets' nesting
    /// (before the parser, whose recursion it bounds), then, parsed once
    /// for good (the schema runs the parsed document), its aliases,
    /// directives, logins, introspection and text. Depth and cost are the
    /// schema's own limits, measured as it validates.
    pub fn admit(&self, request: &mut Request) -> Result<Admitted, ServerError> {
        let size = request.query.len();
        if size > self.max_query_bytes {
            return Err(limit_error(
                ErrorCode::QueryTooLarge,
                msg!("query-too-large", size = size, max = self.max_query_bytes),
            ));
        }
        if nesting::exceeds(&request.query, self.max_nesting) {
            return Err(limit_error(
                ErrorCode::QueryTooDeep,
                msg!("query-nests-too-deep", max = self.max_nesting),
            ));
        }
        let variables = request.variables.clone();
        let document = request.parsed_query()?;
        let counts = Counts::of(document);
        if counts.aliases > self.max_aliases {
            return Err(limit_error(
                ErrorCode::TooManyAliases,
                msg!(
                    "too-many-aliases",
                    count = counts.aliases,
                    max = self.max_aliases
                ),
            ));
        }
        if counts.directives > self.max_directives {
            return Err(limit_error(
                ErrorCode::TooManyDirectives,
                msg!(
                    "too-many-directives",
                    count = counts.directives,
                    max = self.max_directives
                ),
            ));
        }
        if counts.logins > 1 {
            return Err(limit_error(
                ErrorCode::TooManyLogins,
                msg!("too-many-logins", count = counts.logins),
            ));
        }
        if counts.introspects && !self.introspection {
            return Err(limit_error(
                ErrorCode::IntrospectionDisabled,
                msg!("introspection-off"),
            ));
        }
        text_guard::check(document, &variables)?;
        Ok(Admitted {
            introspection_only: counts.introspection_only,
        })
    }

    /// The depth a document may reach in the schema that runs it.
    pub fn depth_for(&self, admitted: &Admitted) -> usize {
        if admitted.introspection_only {
            INTROSPECTION_MAX_DEPTH
        } else {
            self.max_depth
        }
    }

    /// The errors of a request the schema refused before running it, given
    /// our codes: its own limits by theirs, and, when the schema is not
    /// public, every other validation failure as one message with no
    /// detail (the details go to the log under `request_id`), as messages
    /// like "Unknown field" would tell the schema piece by piece.
    pub fn explain(&self, errors: &mut Vec<ServerError>, depth: usize, request_id: &str) {
        for error in errors.iter_mut() {
            if error.message == TOO_COMPLEX {
                *error = limit_error(
                    ErrorCode::QueryTooComplex,
                    msg!("query-too-complex", max = self.max_complexity),
                );
            } else if error.message == TOO_DEEP {
                *error = limit_error(ErrorCode::QueryTooDeep, msg!("query-too-deep", max = depth));
            }
        }
        if self.introspection {
            return;
        }
        let coded = |e: &ServerError| {
            e.extensions
                .as_ref()
                .is_some_and(|x| x.get("code").is_some())
        };
        if errors.iter().all(coded) {
            return;
        }
        for error in errors.iter().filter(|e| !coded(e)) {
            tracing::info!(request_id, error = %error.message, "query refused by validation");
        }
        // The one message validation failures get when the schema is not public.
        *errors = vec![limit_error(
            ErrorCode::InvalidQuery,
            msg!("query-not-valid"),
        )];
    }
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
