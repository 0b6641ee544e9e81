//! Reading an export's rows: its query run through the schema as the
//! caller, a page at a time for lists (pages of `EXPORT_PAGE_SIZE`, the
//! connection's own cursors), once for tables.

use crate::domain::caller::Caller;
use crate::error_code::ErrorCode;
use crate::export::catalogue::{Export, Shape};
use crate::export::cell::Cell;
use crate::graphql::api::Api;
use crate::graphql::connection::{EXPORT_PAGE_SIZE, ExportPaging};
use crate::graphql::context::RequestId;
use crate::i18n::Lang;
use crate::rate_limit::ClientAddr;
use async_graphql::Variables;
use serde_json::{Map, Value};

/// Why an export could not be read: the first error of the query.
#[derive(Debug)]
pub struct Refusal {
    pub code: ErrorCode,
    pub message: String,
}

/// Who reads, and with what.
#[derive(Clone)]
pub struct Reader {
    pub schema: Api,
    pub caller: Caller,
    pub lang: Lang,
    pub client: Option<ClientAddr>,
    pub request_id: RequestId,
}

/// The pages of one export.
pub struct Pages {
    export: &'static Export,
    variables: Map<String, Value>,
    reader: Reader,
    after: Option<String>,
    done: bool,
}

impl Pages {
    pub fn new(export: &'static Export, variables: Map<String, Value>, reader: Reader) -> Self {
        Pages {
            export,
            variables,
            reader,
            after: None,
            done: false,
        }
    }

    /// The next page's rows; `None` after the last.
    pub async fn next(&mut self) -> Result<Option<Vec<Value>>, Refusal> {
        if self.done {
            return Ok(None);
        }
        let mut variables = self.variables.clone();
        if let Shape::List { .. } = self.export.shape {
            variables.insert("first".into(), Value::from(EXPORT_PAGE_SIZE));
            if let Some(after) = &self.after {
                variables.insert("after".into(), Value::String(after.clone()));
            }
        }
        let mut request = async_graphql::Request::new(self.export.document)
            .variables(Variables::from_json(Value::Object(variables)))
            .data(self.reader.caller.clone())
            .data(self.reader.lang)
            .data(ExportPaging)
            .data(self.reader.request_id.clone());
        if let Some(client) = self.reader.client {
            request = request.data(client);
        }
        let mut response = self.reader.schema.execute(request).await.response;
        crate::graphql::error::localise(&mut response.errors, self.reader.lang);
        if let Some(first) = response.errors.first() {
            let code = first
                .extensions
                .as_ref()
                .and_then(|e| e.get("code"))
                .and_then(|v| match v {
                    async_graphql::Value::String(c) => c.parse().ok(),
                    _ => None,
                })
                .unwrap_or(ErrorCode::BadUserInput);
            return Err(Refusal {
                code,
                message: first.message.clone(),
            });
        }
        let data = response.data.into_json().unwrap_or_default();
        match self.export.shape {
            Shape::List { root } => {
                let connection = &data[root];
                let info = &connection["pageInfo"];
                self.after = info["endCursor"].as_str().map(str::to_owned);
                self.done = info["hasNextPage"] != Value::Bool(true) || self.after.is_none();
                Ok(Some(
                    connection["nodes"].as_array().cloned().unwrap_or_default(),
                ))
            }
            Shape::Table { rows } => {
                self.done = true;
                Ok(Some(rows(&data)))
            }
        }
    }
}

/// Where an export's rows come from: its GraphQL query, or for the long
/// lists the database directly (`direct`), the same rows either way.
pub enum Source {
    Graphql(Pages),
    Direct(Box<crate::export::direct::DirectPages>),
}

impl Source {
    /// The next page's rows as cells, in the export's column order.
    pub async fn next(&mut self, export: &Export) -> Result<Option<Vec<Vec<Cell>>>, Refusal> {
        match self {
            Source::Graphql(pages) => Ok(pages.next().await?.map(|nodes| {
                nodes
                    .iter()
                    .map(|node| {
                        export
                            .columns
                            .iter()
                            .map(|(_, path)| {
                                Cell::Json(Box::new(
                                    crate::export::catalogue::value_at(node, path).clone(),
                                ))
                            })
                            .collect()
                    })
                    .collect()
            })),
            Source::Direct(direct) => direct.next().await,
        }
    }
}
