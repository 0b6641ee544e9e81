//! Media types of GraphQL over HTTP: which one a client accepts, which one a
//! POST body is declared as, and how a GraphQL result becomes a response.

use crate::error_code::ErrorCode;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

pub const GRAPHQL_RESPONSE_JSON: &str = "application/graphql-response+json";
pub const JSON: &str = "application/json";

/// The response media type chosen for a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseType {
    /// `application/graphql-response+json`: request errors get 4xx.
    GraphQLResponse,
    /// `application/json` (also for `*/*` and no `Accept`): always 200 for
    /// anything that is a GraphQL result.
    Json,
}

impl ResponseType {
    /// Prefer the GraphQL media type when the client lists it.
    pub fn negotiate(headers: &HeaderMap) -> ResponseType {
        let accept = headers
            .get_all(header::ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .collect::<Vec<_>>()
            .join(",");
        let accepts_graphql = accept.split(',').any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let media = parts.next().unwrap_or_default();
            let refused = parts.any(|p| p.replace(' ', "") == "q=0");
            media.eq_ignore_ascii_case(GRAPHQL_RESPONSE_JSON) && !refused
        });
        if accepts_graphql {
            ResponseType::GraphQLResponse
        } else {
            ResponseType::Json
        }
    }

    fn content_type(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            ResponseType::GraphQLResponse => "application/graphql-response+json; charset=utf-8",
            ResponseType::Json => "application/json; charset=utf-8",
        })
    }

    /// A GraphQL result (`{data?, errors?, extensions?}`) with its status.
    pub fn respond<T: serde::Serialize + ?Sized>(self, status: StatusCode, body: &T) -> Response {
        let bytes = serde_json::to_vec(body).unwrap_or_else(|_| b"{}".to_vec());
        let mut response = (status, bytes).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, self.content_type());
        response
    }

    /// A malformed GraphQL-over-HTTP request (body not JSON, parameters of
    /// the wrong type): 400 whatever the media type, and no `data` entry.
    pub fn request_error(self, code: ErrorCode, message: &str) -> Response {
        self.respond(StatusCode::BAD_REQUEST, &error_body(code, message))
    }
}

/// `{ "errors": [ { message, extensions: { code } } ] }`
pub fn error_body(code: ErrorCode, message: &str) -> Value {
    json!({ "errors": [ { "message": message, "extensions": { "code": code.as_str() } } ] })
}

/// A refusal at the HTTP level (wrong method, media type), always with the
/// given status and a GraphQL-shaped JSON body.
pub fn http_error(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    ResponseType::Json.respond(status, &error_body(code, message))
}

/// Is the body declared `multipart/form-data` (a file upload)?
pub fn is_multipart(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

/// Is the declared body type one we parse? Only JSON: form and text bodies
/// can be sent cross-site without a CORS preflight, so accepting them
/// would open the API to request forgery.
pub fn is_json_body(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|media| {
            let media = media.trim();
            media.eq_ignore_ascii_case(JSON) || media.eq_ignore_ascii_case(GRAPHQL_RESPONSE_JSON)
        })
        .unwrap_or(false)
}

/// A refusal of the file endpoints: the status its code means, the error
/// shape of the GraphQL endpoint with the offending `field` when there is
/// one, and `WWW-Authenticate` with a 401.
pub fn file_refusal(code: ErrorCode, message: &str, field: Option<&str>) -> Response {
    let status = status_of(code);
    let mut body = error_body(code, message);
    if let (Some(field), Some(first)) = (field, body["errors"].get_mut(0)) {
        first["extensions"]["field"] = Value::String(field.to_owned());
    }
    let mut response = ResponseType::Json.respond(status, &body);
    if status == StatusCode::UNAUTHORIZED {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}

/// The HTTP status of a refusal with `code` on the file endpoints
/// (`/import`, `/export`), which answer with statuses, not GraphQL's 200.
pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Validation
        | ErrorCode::BadUserInput
        | ErrorCode::BadRequest
        | ErrorCode::InvalidQuery => StatusCode::BAD_REQUEST,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_str(value).unwrap());
        headers
    }

    #[test]
    fn negotiation_prefers_the_graphql_media_type() {
        assert_eq!(
            ResponseType::negotiate(&HeaderMap::new()),
            ResponseType::Json
        );
        assert_eq!(
            ResponseType::negotiate(&with_accept("*/*")),
            ResponseType::Json
        );
        assert_eq!(
            ResponseType::negotiate(&with_accept(
                "application/graphql-response+json, application/json;q=0.9"
            )),
            ResponseType::GraphQLResponse
        );
        assert_eq!(
            ResponseType::negotiate(&with_accept(
                "application/graphql-response+json;q=0, application/json"
            )),
            ResponseType::Json
        );
    }
}
