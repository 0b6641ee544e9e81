//! GraphQL over HTTP (`POST` and `GET /graphql`, following the GraphQL over
//! HTTP specification), the GraphiQL playground (`GET /graphql` from a
//! browser) and subscriptions over WebSocket (`/graphql/ws`,
//! graphql-transport-ws).
//!
//! This is where a request gets its `Caller`: every operation executes with
//! one in its context data, anonymous until credentials are supported.

use crate::auth;
use crate::domain::caller::Caller;
use crate::error_code::ErrorCode;
use crate::graphql::context::RequestId;
use crate::graphql::throttle;
use crate::http::AppState;
use crate::http::negotiation::{ResponseType, error_body, http_error, is_json_body, is_multipart};
use crate::http::params;
use crate::http::ws_connection;
use crate::i18n::Lang;
use crate::msg;
use crate::rate_limit::ClientAddr;
use async_graphql::http::{ALL_WEBSOCKET_PROTOCOLS, WebSocketProtocols};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use axum::extract::ws::WebSocketUpgrade;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// `POST /graphql`: any operation as a JSON body; and, from signed-in
/// callers, a file upload as the GraphQL multipart request specification
/// says (`importFile`). Multipart bodies need the `Authorization` header:
/// a cross-site form can send a multipart body but never that header, so
/// no page elsewhere can make a browser run a mutation here.
pub async fn post(
    State(state): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    body: axum::body::Body,
) -> Response {
    let request_id = request_id(&headers);
    let response_type = ResponseType::negotiate(&headers);
    let lang = Lang::of_headers(&headers);
    let caller = match caller(&state, &headers).await {
        Ok(caller) => caller,
        Err(refusal) => return refused(&state, response_type, refusal, lang),
    };
    let multipart = is_multipart(&headers) && headers.contains_key(header::AUTHORIZATION);
    if !is_json_body(&headers) && !multipart {
        return http_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            &msg!("json-body-only").render(lang),
        );
    }
    // An upload may be as large as an import; anything else as a request.
    let limit = if multipart {
        state.max_import_bytes.saturating_add(64 * 1024)
    } else {
        state.max_message_bytes
    };
    let Ok(body) = axum::body::to_bytes(body, limit).await else {
        return http_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::PayloadTooLarge,
            &msg!("body-too-large", bytes = limit).render(lang),
        );
    };
    if multipart {
        let content_type = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok());
        let options = async_graphql::http::MultipartOptions::default()
            .max_file_size(state.max_import_bytes)
            .max_num_files(1);
        return match async_graphql::http::receive_body(content_type, body.as_ref(), options).await {
            Ok(request) => {
                let request = request.data(request_id).data(client);
                execute(&state, request, caller, response_type, lang).await
            }
            Err(err) => response_type.request_error(
                ErrorCode::BadRequest,
                &msg!("multipart-unreadable", detail = err.to_string()).render(lang),
            ),
        };
    }
    match params::from_json_body(&body) {
        Ok(request) => {
            let request = request.data(request_id).data(client);
            execute(&state, request, caller, response_type, lang).await
        }
        Err(err) => response_type.request_error(ErrorCode::BadRequest, &err.0.render(lang)),
    }
}

/// `GET /graphql`: the playground for browsers, queries (never mutations)
/// for everyone else.
pub async fn get(
    State(state): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    query: Result<Query<Vec<(String, String)>>, axum::extract::rejection::QueryRejection>,
) -> Response {
    let response_type = ResponseType::negotiate(&headers);
    let lang = Lang::of_headers(&headers);
    let Ok(Query(pairs)) = query else {
        return response_type.request_error(
            ErrorCode::BadRequest,
            &msg!("query-string-malformed").render(lang),
        );
    };
    if !pairs.iter().any(|(k, _)| k == "query") && accepts_html(&headers) {
        return crate::web::pages::playground(&headers);
    }
    let request = match params::from_query_string(pairs) {
        Ok(request) => request,
        Err(err) => {
            return response_type.request_error(ErrorCode::BadRequest, &err.0.render(lang));
        }
    };
    if !is_query_operation(&request, state.max_nesting) {
        let mut response = http_error(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorCode::MethodNotAllowed,
            &msg!("get-queries-only").render(lang),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("POST"));
        return response;
    }
    let caller = match caller(&state, &headers).await {
        Ok(caller) => caller,
        Err(refusal) => return refused(&state, response_type, refusal, lang),
    };
    let request = request.data(request_id(&headers)).data(client);
    execute(&state, request, caller, response_type, lang).await
}

/// The caller the request's `Authorization` header names; a header that is
/// not a valid token is refused with 401 rather than treated as anonymous,
/// so an expired session is noticed; so is a token of a disabled account.
pub(crate) async fn caller(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Caller, auth::revocation::Refusal> {
    // A header that is not visible ASCII holds no token of ours: refused,
    // never read as no header at all.
    let header = match headers.get(header::AUTHORIZATION) {
        Some(value) => Some(
            value
                .to_str()
                .map_err(|_| auth::revocation::Refusal::Token(auth::TokenError::Malformed))?,
        ),
        None => None,
    };
    // The account check is database work of the request: it counts
    // against the request's time like the rest.
    tokio::time::timeout(
        state.request_timeout,
        auth::signed_in_caller(&state.tokens, &state.versions, &state.db, header),
    )
    .await
    .unwrap_or(Err(auth::revocation::Refusal::TimedOut))
}

pub(crate) fn refused(
    state: &AppState,
    response_type: ResponseType,
    refusal: auth::revocation::Refusal,
    lang: Lang,
) -> Response {
    match refusal {
        auth::revocation::Refusal::TimedOut => timed_out(state, response_type, lang),
        auth::revocation::Refusal::Token(err) => unauthenticated(response_type, &err, lang),
        auth::revocation::Refusal::Unchecked(err) => {
            tracing::error!(error = %err, "cannot check the account of a token");
            response_type.respond(
                StatusCode::INTERNAL_SERVER_ERROR,
                &error_body(ErrorCode::Internal, &msg!("server-failed").render(lang)),
            )
        }
    }
}

pub(crate) fn unauthenticated(
    response_type: ResponseType,
    err: &auth::TokenError,
    lang: Lang,
) -> Response {
    let mut response = response_type.respond(
        StatusCode::UNAUTHORIZED,
        &error_body(ErrorCode::Unauthenticated, &err.message().render(lang)),
    );
    response
        .headers_mut()
        .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    response
}

/// The id the request-id layer gave this request, for the audit log.
pub(crate) fn request_id(headers: &HeaderMap) -> RequestId {
    RequestId(
        headers
            .get(super::REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
    )
}

fn timed_out(state: &AppState, response_type: ResponseType, lang: Lang) -> Response {
    tracing::warn!(timeout = ?state.request_timeout, "request timed out");
    let status = match response_type {
        ResponseType::GraphQLResponse => StatusCode::GATEWAY_TIMEOUT,
        ResponseType::Json => StatusCode::OK,
    };
    let message = msg!(
        "request-timed-out",
        seconds = format!("{}", state.request_timeout.as_secs_f32())
    )
    .render(lang);
    response_type.respond(status, &error_body(ErrorCode::Timeout, &message))
}

async fn execute(
    state: &AppState,
    request: async_graphql::Request,
    caller: Caller,
    response_type: ResponseType,
    lang: Lang,
) -> Response {
    // The reader's language: labels answer in it, errors are put into it.
    let request = request.data(caller).data(lang);
    let Ok(outcome) =
        tokio::time::timeout(state.request_timeout, state.schema.execute(request)).await
    else {
        return timed_out(state, response_type, lang);
    };
    let (response, executed) = (outcome.response, outcome.executed);
    let mut response = with_codes(response, executed);
    crate::graphql::error::localise(&mut response.errors, lang);
    let retry_after = retry_after(&response);
    let status = match (response_type, executed) {
        (ResponseType::GraphQLResponse, false) => StatusCode::BAD_REQUEST,
        _ => StatusCode::OK,
    };
    // Written straight from the response: a page of results is not built
    // again as a JSON tree first.
    let mut http = if executed {
        response_type.respond(status, &response)
    } else {
        // A request error: the spec says no `data` entry at all.
        response_type.respond(
            status,
            &RequestErrors {
                errors: &response.errors,
            },
        )
    };
    // A database out of reach, or a rate limit: tell clients when to try again.
    let wait = if has_code(&response, ErrorCode::Unavailable) {
        Some(crate::domain::unavailable::RETRY_AFTER_SECS)
    } else {
        None
    };
    if let Some(secs) = wait.max(retry_after) {
        http.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(secs));
    }
    http
}

/// The body of a request that never ran: its errors alone.
#[derive(serde::Serialize)]
struct RequestErrors<'a> {
    errors: &'a [async_graphql::ServerError],
}

fn has_code(response: &async_graphql::Response, code: ErrorCode) -> bool {
    response.errors.iter().any(|error| {
        error
            .extensions
            .as_ref()
            .and_then(|extensions| extensions.get("code"))
            .is_some_and(
                |value| matches!(value, async_graphql::Value::String(c) if c == code.as_str()),
            )
    })
}

/// The longest wait a rate-limit refusal of the response asks for, which
/// HTTP clients get as `Retry-After`.
fn retry_after(response: &async_graphql::Response) -> Option<u64> {
    response
        .errors
        .iter()
        .filter_map(|e| e.extensions.as_ref()?.get(throttle::RETRY_AFTER))
        .filter_map(|v| match v {
            async_graphql::Value::Number(n) => n.as_u64(),
            _ => None,
        })
        .max()
}

/// Give every error a code: ours carry theirs; async-graphql's own are
/// `INVALID_QUERY` when the document did not parse or validate (nothing
/// ran), `BAD_USER_INPUT` when an argument failed to parse during execution.
fn with_codes(mut response: async_graphql::Response, executed: bool) -> async_graphql::Response {
    let fallback = if executed {
        ErrorCode::BadUserInput
    } else {
        ErrorCode::InvalidQuery
    };
    for error in &mut response.errors {
        let extensions = error.extensions.get_or_insert_with(Default::default);
        if extensions.get("code").is_none() {
            extensions.set("code", fallback.as_str());
        }
    }
    response
}

/// GET may only run queries: a GET must never change anything.
/// Unparsable documents, and documents nested too deeply to parse safely,
/// pass here and fail in execution with their error.
fn is_query_operation(request: &async_graphql::Request, max_nesting: usize) -> bool {
    if crate::graphql::nesting::exceeds(&request.query, max_nesting) {
        return true;
    }
    let Ok(document) = async_graphql::parser::parse_query(&request.query) else {
        return true;
    };
    let operation = match (&document.operations, request.operation_name.as_deref()) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    };
    operation.is_none_or(|op| op.node.ty == OperationType::Query)
}

fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

/// Read and write buffer of one WebSocket connection.
const WS_BUFFER_BYTES: usize = 4 * 1024;

/// `GET /graphql/ws`: graphql-transport-ws (and the legacy graphql-ws).
pub async fn subscribe(
    State(state): State<AppState>,
    client: ClientAddr,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let lang = Lang::of_headers(&headers);
    let upgrade = upgrade.protocols(ALL_WEBSOCKET_PROTOCOLS);
    let Some(protocol) = upgrade
        .selected_protocol()
        .and_then(|p| p.to_str().ok())
        .and_then(|p| p.parse::<WebSocketProtocols>().ok())
    else {
        return http_error(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            &msg!("ws-subprotocol").render(lang),
        );
    };
    let settings = ws_connection::Settings {
        schema: state.schema.clone(),
        tokens: state.tokens.clone(),
        versions: state.versions.clone(),
        db: state.db.clone(),
        protocol,
        init_timeout: state.ws_init_timeout,
        shutdown: state.shutdown.clone(),
        client,
        lang,
    };
    let sockets = state.sockets.clone();
    upgrade
        // GraphQL messages are small: buffers of a few KiB instead of the
        // WebSocket library's 128 KiB each way keep thousands of open
        // dashboards cheap, and a message is never larger than a request
        // body may be.
        .read_buffer_size(WS_BUFFER_BYTES)
        .write_buffer_size(WS_BUFFER_BYTES)
        .max_message_size(state.max_message_bytes)
        .max_frame_size(state.max_message_bytes)
        // Tracked, so that shutdown waits for every close frame to be sent.
        .on_upgrade(move |socket| sockets.track_future(ws_connection::serve(socket, settings)))
        .into_response()
}
