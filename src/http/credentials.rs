//! The credentials' public URLs: the issuer's keys as a JWK set
//! (`/.well-known/jwks.json`) and as a `did:web` document
//! (`/.well-known/did.json`), the status lists
//! (`/credentials/status/{n}`, signed, short-cached), and a credential by
//! its id (`/credentials/{uuid}`, and printed as a PDF at
//! `/credentials/{uuid}.pdf`: whoever has the link, as printed in a
//! certificate's QR code, may read it; a UUID cannot be guessed). All
//! answer anonymous callers; nothing personal is listed.

use crate::credentials::{keys, pdf, status_list};
use crate::error_code::ErrorCode;
use crate::http::AppState;
use crate::http::negotiation::http_error;
use crate::i18n::Lang;
use crate::msg;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use entity::credential;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

fn json_response(body: &Value, content_type: &'static str, cache: &'static str) -> Response {
    let mut response = (StatusCode::OK, body.to_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

fn jwt_response(jwt: String, cache: &'static str) -> Response {
    let mut response = (StatusCode::OK, jwt).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/vc+jwt"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

fn failed(what: &str, err: impl std::fmt::Display) -> Response {
    tracing::error!(error = %err, "cannot read {what}");
    http_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        &msg!("server-failed").english(),
    )
}

fn missing(headers: &HeaderMap) -> Response {
    http_error(
        StatusCode::NOT_FOUND,
        ErrorCode::NotFound,
        &msg!("credential-not-found").render(Lang::of_headers(headers)),
    )
}

/// Every published key, newest last, each named by its DID URL (the
/// `kid` of the credentials it signed).
async fn published_jwks(state: &AppState) -> Result<Vec<Value>, sea_orm::DbErr> {
    Ok(keys::published(&state.db)
        .await?
        .iter()
        .map(|k| keys::jwk(&k.key, &state.issuer.kid(&k.thumbprint)))
        .collect())
}

/// `GET /.well-known/jwks.json`.
pub async fn jwks(State(state): State<AppState>) -> Response {
    match published_jwks(&state).await {
        Ok(keys) => json_response(
            &json!({ "keys": keys }),
            "application/jwk-set+json",
            "public, max-age=300",
        ),
        Err(err) => failed("the issuer keys", err),
    }
}

/// `GET /.well-known/did.json`: the `did:web` document listing the same
/// keys as verification methods.
pub async fn did(State(state): State<AppState>) -> Response {
    let keys = match published_jwks(&state).await {
        Ok(keys) => keys,
        Err(err) => return failed("the issuer keys", err),
    };
    let did = &state.issuer.did;
    let methods: Vec<Value> = keys
        .into_iter()
        .map(|jwk| {
            let id = jwk["kid"].clone();
            json!({ "id": id, "type": "JsonWebKey", "controller": did, "publicKeyJwk": jwk })
        })
        .collect();
    let ids: Vec<Value> = methods.iter().map(|m| m["id"].clone()).collect();
    json_response(
        &json!({
            "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/jwk/v1"],
            "id": did,
            "verificationMethod": methods,
            "assertionMethod": ids,
            "authentication": ids,
        }),
        "application/did+json",
        "public, max-age=300",
    )
}

/// `GET /credentials/status/{n}`: status list `n`, signed now.
pub async fn status_list(
    State(state): State<AppState>,
    Path(list): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(n) = list.parse::<i32>().ok().filter(|n| *n >= 1) else {
        return missing(&headers);
    };
    match status_list::exists(&state.db, n).await {
        Ok(true) => {}
        Ok(false) => return missing(&headers),
        Err(err) => return failed("a status list", err),
    }
    let signer = match keys::signer(&state.db, &state.writer.rules().secret).await {
        Ok(Some(signer)) => signer,
        Ok(None) => return failed("a status list", "no issuer key"),
        Err(err) => return failed("a status list", err),
    };
    let now = state.writer.clock().now();
    match status_list::signed(&state.db, &state.issuer, &signer, n, now).await {
        // Verifiers may keep it a minute: a revocation shows within one.
        Ok(jwt) => jwt_response(jwt, "public, max-age=60"),
        Err(err) => failed("a status list", err),
    }
}

/// `GET /credentials/{uuid}`: the signed credential;
/// `GET /credentials/{uuid}.pdf`: it printed, with its QR code.
pub async fn credential(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (id, printed) = match id.strip_suffix(".pdf") {
        Some(id) => (id, true),
        None => (id.as_str(), false),
    };
    let Ok(uid) = uuid::Uuid::try_parse(id) else {
        return missing(&headers);
    };
    let found = credential::Entity::find()
        .filter(credential::Column::Uid.eq(uid.to_string()))
        .one(&state.db)
        .await;
    match found {
        Ok(Some(row)) => match row.jwt {
            Some(jwt) if printed => pdf_response(&state, &row.uid, &row.lang, &jwt),
            Some(jwt) => jwt_response(jwt, "no-cache"),
            None => missing(&headers),
        },
        Ok(None) => missing(&headers),
        Err(err) => failed("a credential", err),
    }
}

/// The certificate `jwt` printed, in its own language.
fn pdf_response(state: &AppState, uid: &str, lang: &str, jwt: &str) -> Response {
    match pdf::Printed::of(&state.issuer, uid, lang, jwt).and_then(|p| pdf::certificate(&p)) {
        Ok(bytes) => pdf_bytes(bytes, &format!("certificate-{uid}.pdf")),
        Err(err) => failed("a printed certificate", err),
    }
}

fn pdf_bytes(bytes: Vec<u8>, name: &str) -> Response {
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// What `GET /passport.{json,pdf}` reads, as the caller.
const PASSPORT: &str = "query($v: ID) { passport: volunteerPassport(volunteerId: $v) { holder presentation credentials { id language revokedAt validUntil jwt kind hours from to issuerName issuedAt verificationUrl pdfUrl } } }";
const MY_PASSPORT: &str = "{ passport: myPassport { holder presentation credentials { id language revokedAt validUntil jwt kind hours from to issuerName issuedAt verificationUrl pdfUrl } } }";

#[derive(serde::Deserialize)]
pub struct PassportParams {
    #[serde(rename = "volunteerId")]
    volunteer_id: Option<String>,
    lang: Option<String>,
}

/// `GET /passport.json` and `GET /passport.pdf`: the signed-in
/// volunteer's passport (or, with `?volunteerId=`, a volunteer's for
/// those who may see its personal data), to download: the JSON holds the
/// signed presentation and every credential; the PDF a list of the
/// certificates that stand and each one's page.
pub async fn passport_json(
    State(state): State<AppState>,
    axum::extract::Query(params): axum::extract::Query<PassportParams>,
    headers: HeaderMap,
) -> Response {
    passport(state, params, headers, false).await
}

/// `GET /passport.pdf` (see `passport_json`).
pub async fn passport_pdf(
    State(state): State<AppState>,
    axum::extract::Query(params): axum::extract::Query<PassportParams>,
    headers: HeaderMap,
) -> Response {
    passport(state, params, headers, true).await
}

async fn passport(
    state: AppState,
    params: PassportParams,
    headers: HeaderMap,
    pdf: bool,
) -> Response {
    let lang = Lang::negotiate(params.lang.as_deref(), &headers, Lang::Kk);
    let caller = match crate::http::graphql::caller(&state, &headers).await {
        Ok(caller) => caller,
        Err(refusal) => {
            return crate::http::graphql::refused(
                &state,
                crate::http::negotiation::ResponseType::Json,
                refusal,
                lang,
            );
        }
    };
    let anonymous = matches!(caller, crate::domain::caller::Caller::Anonymous);
    let request = match &params.volunteer_id {
        Some(id) => async_graphql::Request::new(PASSPORT)
            .variables(async_graphql::Variables::from_json(json!({ "v": id }))),
        None => async_graphql::Request::new(MY_PASSPORT),
    };
    let request = request
        .data(caller)
        .data(lang)
        .data(crate::http::graphql::request_id(&headers));
    let mut response = state.schema.execute(request).await.response;
    crate::graphql::error::localise(&mut response.errors, lang);
    if let Some(error) = response.errors.first() {
        let code = error
            .extensions
            .as_ref()
            .and_then(|e| e.get("code"))
            .and_then(|v| match v {
                async_graphql::Value::String(c) => c.parse::<ErrorCode>().ok(),
                _ => None,
            })
            .unwrap_or(ErrorCode::BadUserInput);
        let (status, code) = match code {
            ErrorCode::Forbidden if anonymous => {
                (StatusCode::UNAUTHORIZED, ErrorCode::Unauthenticated)
            }
            ErrorCode::Forbidden => (StatusCode::FORBIDDEN, code),
            ErrorCode::NotFound => (StatusCode::NOT_FOUND, code),
            ErrorCode::Internal | ErrorCode::Unavailable => {
                (StatusCode::INTERNAL_SERVER_ERROR, code)
            }
            _ => (StatusCode::BAD_REQUEST, code),
        };
        return http_error(status, code, &error.message);
    }
    let data = response.data.into_json().unwrap_or_default();
    let passport = &data["passport"];
    if !pdf {
        let mut response = json_response(passport, "application/json", "no-store");
        response
            .headers_mut()
            .remove(header::ACCESS_CONTROL_ALLOW_ORIGIN);
        response.headers_mut().insert(
            header::CONTENT_DISPOSITION,
            HeaderValue::from_static("attachment; filename=\"passport.json\""),
        );
        return response;
    }
    let now = state.writer.clock().now();
    let standing = passport["credentials"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["revokedAt"].is_null())
        .filter(|c| {
            c["validUntil"]
                .as_str()
                .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
                .is_none_or(|t| t > now)
        })
        .filter_map(|c| {
            pdf::Printed::of(
                &state.issuer,
                c["id"].as_str()?,
                c["language"].as_str()?,
                c["jwt"].as_str()?,
            )
            .ok()
        })
        .collect::<Vec<_>>();
    let holder = passport["holder"].as_str().unwrap_or_default();
    match pdf::passport(lang, holder, &standing) {
        Ok(bytes) => pdf_bytes(bytes, "passport.pdf"),
        Err(err) => failed("a printed passport", err),
    }
}
