//! The open data, public: `GET /open-data` lists every release of every
//! year; `GET /open-data/{year}/v{version}/datapackage.json` and
//! `…/{table}.csv` are a release's files, for good (`latest` in place of
//! `v{version}` names the newest).

use crate::error_code::ErrorCode;
use crate::http::AppState;
use crate::http::negotiation::{ResponseType, http_error};
use crate::i18n::Lang;
use crate::msg;
use crate::open_data::{self, package, tables};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

fn base(year: i32, version: i32) -> String {
    format!("/open-data/{year}/v{version}")
}

pub async fn index(State(state): State<AppState>) -> Response {
    let releases = match open_data::releases(&state.db).await {
        Ok(r) => r,
        Err(err) => return failed(&err),
    };
    let list: Vec<_> = releases
        .iter()
        .map(|r| {
            let at = base(r.year, r.version);
            json!({
                "year": r.year,
                "version": r.version,
                "publishedAt": r.published_at.to_rfc3339(),
                "note": r.note,
                "datapackage": format!("{at}/datapackage.json"),
                "tables": tables::TABLES.iter().map(|t| format!("{at}/{}.csv", t.name)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut response = ResponseType::Json.respond(StatusCode::OK, &json!({ "releases": list }));
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

pub async fn file(
    State(state): State<AppState>,
    Path((year, version, file)): Path<(String, String, String)>,
    headers: HeaderMap,
) -> Response {
    let lang = Lang::of_headers(&headers);
    let missing = || {
        http_error(
            StatusCode::NOT_FOUND,
            ErrorCode::NotFound,
            &msg!("open-data-not-found").render(lang),
        )
    };
    let Ok(year) = year.parse::<i32>() else {
        return missing();
    };
    let version = match version.as_str() {
        "latest" => None,
        v => match v.strip_prefix('v').and_then(|n| n.parse::<i32>().ok()) {
            Some(n) => Some(n),
            None => return missing(),
        },
    };
    let (release, frozen) = match open_data::release(&state.db, year, version).await {
        Ok(Some(found)) => found,
        Ok(None) => return missing(),
        Err(err) => return failed(&err),
    };
    let t = tables::Thresholds {
        min_group: i64::from(release.min_group),
        minor_min_group: i64::from(release.minor_min_group),
    };
    let (body, media) = if file == "datapackage.json" {
        let package = package::datapackage(&release, release.published_at);
        (
            serde_json::to_vec_pretty(&package).unwrap_or_default(),
            "application/json",
        )
    } else {
        match file.strip_suffix(".csv").and_then(tables::named) {
            Some(table) => (tables::csv(table, &frozen, t), "text/csv; charset=utf-8"),
            None => return missing(),
        }
    };
    let mut response = (StatusCode::OK, body).into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media));
    // A numbered version never changes; `latest` may.
    let cache = if version.is_some() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

fn failed(err: &sea_orm::DbErr) -> Response {
    tracing::error!(error = %err, "cannot read open data");
    http_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        ErrorCode::Internal,
        &msg!("server-failed").english(),
    )
}
