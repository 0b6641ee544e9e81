//! `POST /import/{volunteers|families|events|participations}`: a
//! spreadsheet uploaded as the request body (any media type; the content
//! tells the format), imported as the signed-in coordinator or admin.
//!
//! Query parameters: `fileName` (kept in the provenance; else `upload`),
//! `dryRun`, `acceptValid`, `region`, `encoding` (`auto`, `utf-8`,
//! `windows-1251`) and `mapping` (a JSON object of headings and fields).
//! The answer is the report as JSON (messages in the caller's language),
//! or, with `Accept: text/csv`, the refused rows as CSV. A file refused as
//! a whole gets the error shape of the GraphQL endpoint with its code.

use crate::domain::caller::Caller;
use crate::domain::error::DomainError;
use crate::error_code::ErrorCode;
use crate::http::AppState;
use crate::http::graphql::{caller, refused, request_id};
use crate::http::negotiation::{ResponseType, file_refusal, http_error};
use crate::i18n::Lang;
use crate::import::{self, Request, source::Encoding};
use crate::msg;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use std::sync::Arc;

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
pub struct Params {
    file_name: Option<String>,
    dry_run: bool,
    accept_valid: bool,
    region: Option<String>,
    encoding: Option<String>,
    mapping: Option<String>,
    lang: Option<String>,
}

pub async fn post(
    State(state): State<AppState>,
    Path(what): Path<String>,
    params: Result<Query<Params>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let Ok(Query(params)) = params else {
        let lang = Lang::of_headers(&headers);
        return http_error(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            &msg!("query-string-malformed").render(lang),
        );
    };
    let lang = Lang::negotiate(params.lang.as_deref(), &headers, Lang::En);
    let Some(kind) = import::kind_named(&what) else {
        return http_error(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            &msg!("import-unknown-kind", what = what).render(lang),
        );
    };
    let caller = match caller(&state, &headers).await {
        Ok(Caller::Anonymous) => {
            return refusal(
                &DomainError::Unauthenticated {
                    message: msg!("sign-in-to", action = msg!("to-import")),
                },
                lang,
            );
        }
        Ok(caller) => caller,
        Err(refusal) => return refused(&state, ResponseType::Json, refusal, lang),
    };
    let encoding = match Encoding::named(params.encoding.as_deref(), "encoding") {
        Ok(encoding) => encoding,
        Err(err) => return refusal(&err, lang),
    };
    let bytes = match axum::body::to_bytes(body, state.max_import_bytes).await {
        Ok(bytes) => bytes.to_vec(),
        Err(_) => {
            return http_error(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                &msg!(
                    "import-too-large",
                    megabytes = state.max_import_bytes / (1024 * 1024)
                )
                .render(lang),
            );
        }
    };
    let request = Request {
        kind,
        file_name: params
            .file_name
            .filter(|n| !n.trim().is_empty())
            .unwrap_or_else(|| "upload".to_owned()),
        bytes,
        encoding,
        mapping: params.mapping,
        region: params.region,
        dry_run: params.dry_run,
        accept_valid: params.accept_valid,
    };
    let request_id = Some(request_id(&headers).0).filter(|id| !id.is_empty());
    match import::run(&state.writer, caller, request_id, request, Arc::new(|_| {})).await {
        Ok(report) if wants_csv(&headers) => {
            let mut response = report.problems_csv(lang).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            response
        }
        Ok(report) => ResponseType::Json.respond(StatusCode::OK, &report.to_json(lang)),
        Err(err) => refusal(&err, lang),
    }
}

fn wants_csv(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/csv"))
}

/// A file refused as a whole: the status its code means, and the error.
fn refusal(err: &DomainError, lang: Lang) -> Response {
    if err.is_failure() {
        tracing::error!(error = ?err, "an import failed");
    }
    file_refusal(err.code(), &err.message().render(lang), err.field())
}
