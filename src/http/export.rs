//! `GET /export/{name}.{csv|xlsx}`: a list or a figure table as a file,
//! with the list's filter (or the table's arguments) as query parameters
//! and the caller's bearer token, so a spreadsheet can pull it
//! (`IMPORTDATA`, Power Query). `GET /export` lists what there is.
//!
//! A CSV file is streamed page by page as it is read: memory holds one
//! page whatever the list's size. An XLSX workbook is assembled in a
//! temporary file (constant memory) and then sent. The first page is read
//! before answering, so a bad filter or a refusal gets its status and
//! code; a failure later can only cut the file short.

use crate::domain::caller::Caller;
use crate::error_code::ErrorCode;
use crate::export::audit::{self, Exported};
use crate::export::catalogue::{self, EXPORTS, Export, Shape};
use crate::export::cell::Cell;
use crate::export::direct::DirectPages;
use crate::export::files::{CHUNK, CsvFile, XlsxFile};
use crate::export::headings::heading;
use crate::export::pages::{Pages, Reader, Refusal, Source};
use crate::export::params;
use crate::http::AppState;
use crate::http::graphql::{caller, refused, request_id};
use crate::http::negotiation::{ResponseType, file_refusal};
use crate::i18n::Lang;
use crate::msg;
use crate::rate_limit::ClientAddr;
use axum::body::{Body, Bytes};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use serde_json::{Map, Value, json};

/// `GET /export`: every export, its formats and parameters.
pub async fn index() -> Response {
    let list: Vec<Value> = EXPORTS
        .iter()
        .map(|e| {
            json!({
                "name": e.name,
                "csv": format!("/export/{}.csv", e.name),
                "xlsx": format!("/export/{}.xlsx", e.name),
                "kind": match e.shape { Shape::List { .. } => "list", Shape::Table { .. } => "table" },
                "parameters": match e.shape {
                    Shape::List { .. } => json!(["the fields of the list's GraphQL filter, or filter=JSON"]),
                    Shape::Table { .. } => json!(e.arguments.iter().map(|(n, _)| *n).collect::<Vec<_>>()),
                },
                "personal": e.personal,
            })
        })
        .collect();
    ResponseType::Json.respond(StatusCode::OK, &json!({ "exports": list }))
}

pub async fn get(
    State(state): State<AppState>,
    Path(file): Path<String>,
    client: ClientAddr,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let lang = Lang::of_headers(&headers);
    let Ok(Query(pairs)) = query else {
        return refusal(
            ErrorCode::BadRequest,
            &msg!("query-string-malformed").render(lang),
            false,
        );
    };
    let asked = pairs
        .iter()
        .find(|(k, _)| k == "lang")
        .map(|(_, v)| v.as_str());
    let lang = Lang::negotiate(asked, &headers, Lang::En);
    let named = match file.rsplit_once('.') {
        Some((name, "csv")) => catalogue::named(name).map(|e| (e, Format::Csv)),
        Some((name, "xlsx")) => catalogue::named(name).map(|e| (e, Format::Xlsx)),
        _ => None,
    };
    let Some((export, format)) = named else {
        return refusal(
            ErrorCode::NotFound,
            &msg!("export-unknown", name = file.clone()).render(lang),
            false,
        );
    };
    let caller = match caller(&state, &headers).await {
        Ok(caller) => caller,
        Err(refusal) => return refused(&state, ResponseType::Json, refusal, lang),
    };
    let variables = match params::variables(export, &pairs) {
        Ok(v) => v,
        Err(err) => return refusal(err.code(), &err.message().render(lang), false),
    };
    let bom = pairs.iter().all(|(k, v)| k != "bom" || v != "false");
    let anonymous = matches!(caller, Caller::Anonymous);
    let reader = Reader {
        schema: state.schema.clone(),
        caller,
        lang,
        client: Some(client),
        request_id: request_id(&headers),
    };
    let now = state.writer.clock().now();
    let direct = match DirectPages::of(
        export.name,
        &state.db,
        &reader.caller,
        lang,
        &variables,
        now,
    )
    .await
    {
        Ok(direct) => direct,
        Err(Refusal { code, message }) => return refusal(code, &message, anonymous),
    };
    let caller = reader.caller.clone();
    let mut pages = match direct {
        Some(direct) => Source::Direct(Box::new(direct)),
        None => Source::Graphql(Pages::new(export, variables.clone(), reader)),
    };
    let first = match pages.next(export).await {
        Ok(rows) => rows.unwrap_or_default(),
        Err(Refusal { code, message }) => return refusal(code, &message, anonymous),
    };
    let headings: Vec<&str> = export
        .columns
        .iter()
        .map(|(key, _)| heading(key, lang))
        .collect();
    let audit = Audit {
        caller,
        db: state.db.clone(),
        variables,
        request_id: Some(request_id(&headers).0).filter(|id| !id.is_empty()),
    };
    match format {
        Format::Csv => csv_response(export, pages, first, &headings, bom, audit),
        Format::Xlsx => xlsx_response(export, pages, first, &headings, audit).await,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Csv,
    Xlsx,
}

/// What the audit entry of a personal export needs.
struct Audit {
    caller: Caller,
    db: DatabaseConnection,
    variables: Map<String, Value>,
    request_id: Option<String>,
}

impl Audit {
    async fn record(
        self,
        export: &'static Export,
        format: &'static str,
        rows: u64,
        complete: bool,
    ) {
        if !export.personal || rows == 0 || matches!(self.caller, Caller::Anonymous) {
            return;
        }
        let entry = Exported {
            export,
            caller: &self.caller,
            format,
            rows,
            complete,
            variables: &self.variables,
            request_id: self.request_id.clone(),
        };
        if let Err(err) = audit::record(&self.db, entry).await {
            tracing::error!(error = %err, export = export.name, "cannot record an export in the audit log");
        }
    }
}

fn csv_response(
    export: &'static Export,
    pages: Source,
    first: Vec<Vec<Cell>>,
    headings: &[&str],
    bom: bool,
    audit: Audit,
) -> Response {
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let mut file = CsvFile::new(headings, bom);
    tokio::spawn(async move {
        let mut ahead = read_ahead(export, pages);
        // Rows handed to the client, and rows written so far.
        let (mut rows, mut written): (u64, u64) = (0, 0);
        let mut page = Some(first);
        let mut complete = true;
        while let Some(items) = page.take() {
            for item in &items {
                file.row(item);
                written += 1;
                if file.pending() >= CHUNK {
                    if tx.send(Ok(Bytes::from(file.take()))).await.is_err() {
                        complete = false;
                        break;
                    }
                    rows = written;
                }
            }
            if !complete || tx.send(Ok(Bytes::from(file.take()))).await.is_err() {
                complete = false;
                break;
            }
            rows = written;
            match ahead.recv().await {
                Some(Ok(next)) => page = next,
                Some(Err(refusal)) => {
                    tracing::warn!(code = %refusal.code, export = export.name, "an export stopped after its first page");
                    let _ = tx.send(Err(std::io::Error::other(refusal.message))).await;
                    complete = false;
                }
                // The reader ended without saying so: it failed.
                None => complete = false,
            }
        }
        // Recorded before the body ends, so a client holding the whole file
        // finds the entry in the log.
        audit.record(export, "csv", rows, complete).await;
        drop(tx);
        crate::memory::release_free();
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|chunk| (chunk, rx))
    });
    let mut response = Body::from_stream(stream).into_response();
    set_file_headers(&mut response, export, "csv", "text/csv; charset=utf-8");
    response
}

/// The pages after the first, each read while the one before it is being
/// written: the database and the file's writer work side by side. Dropping
/// the receiver (a client gone) stops the reading.
fn read_ahead(
    export: &'static Export,
    mut pages: Source,
) -> tokio::sync::mpsc::Receiver<Result<Option<Vec<Vec<Cell>>>, Refusal>> {
    let (tx, rx) = tokio::sync::mpsc::channel(1);
    tokio::spawn(async move {
        loop {
            let next = pages.next(export).await;
            let last = !matches!(next, Ok(Some(_)));
            if tx.send(next).await.is_err() || last {
                break;
            }
        }
    });
    rx
}

async fn xlsx_response(
    export: &'static Export,
    pages: Source,
    first: Vec<Vec<Cell>>,
    headings: &[&str],
    audit: Audit,
) -> Response {
    let failed = |err: &dyn std::fmt::Display| {
        tracing::error!(error = %err, export = export.name, "cannot write an .xlsx export");
        refusal(ErrorCode::Internal, &msg!("server-failed").english(), false)
    };
    let mut book = match XlsxFile::new(headings) {
        Ok(book) => book,
        Err(err) => return failed(&err),
    };
    let mut ahead = read_ahead(export, pages);
    let mut rows: u64 = 0;
    let mut page = Some(first);
    while let Some(items) = page.take() {
        for item in &items {
            if let Err(err) = book.row(item) {
                return failed(&err);
            }
        }
        rows += items.len() as u64;
        page = match ahead.recv().await {
            Some(Ok(next)) => next,
            Some(Err(Refusal { code, message })) => return refusal(code, &message, false),
            None => return failed(&"the pages' reader ended early"),
        };
    }
    let file = match tokio::task::spawn_blocking(move || book.finish()).await {
        Ok(Ok(file)) => file,
        Ok(Err(err)) => return failed(&err),
        Err(err) => return failed(&err),
    };
    audit.record(export, "xlsx", rows, true).await;
    crate::memory::release_free();
    // The open file outlives its name: the temporary file is removed when
    // `file` drops, while the stream still reads it.
    let opened = match file.reopen() {
        Ok(f) => tokio::fs::File::from_std(f),
        Err(err) => return failed(&err),
    };
    drop(file);
    let mut response = Body::from_stream(tokio_util::io::ReaderStream::new(opened)).into_response();
    set_file_headers(
        &mut response,
        export,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    response
}

fn set_file_headers(
    response: &mut Response,
    export: &Export,
    extension: &str,
    media: &'static str,
) {
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    if let Ok(value) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{}.{extension}\"",
        export.name
    )) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    // Figures change with every write; a spreadsheet asks again.
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
}

/// A refusal before any row was sent. An anonymous caller refused is told
/// to sign in (401), as the list needs an account.
fn refusal(code: ErrorCode, message: &str, anonymous: bool) -> Response {
    let code = if anonymous && code == ErrorCode::Forbidden {
        ErrorCode::Unauthenticated
    } else {
        code
    };
    file_refusal(code, message, None)
}
