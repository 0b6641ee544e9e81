//! The files the pages load, embedded in the binary (`rust-embed`) from
//! `assets/`: the vendored GraphiQL build and the public page with its
//! chart library. Nothing is fetched from another origin, so the pages work
//! where there is no internet.
//!
//! Each file is served at `/assets/<hash>/<path>`, the hash being the first
//! bytes of its SHA-256: a new build changes the URL of every file it
//! changes, so files can be cached for a year (`immutable`) and a browser
//! never mixes old and new. A request with an outdated hash still gets the
//! current file, uncached, so a page loaded just before an upgrade keeps
//! working.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(RustEmbed)]
#[folder = "assets/"]
#[include = "playground/index.html"]
#[include = "playground/dist/*"]
#[include = "public/*.html"]
#[include = "public/*.js"]
#[include = "public/*.css"]
#[include = "public/vendor/*"]
struct Files;

/// Where the files are served.
const PREFIX: &str = "/assets/";

/// Hex digits of the hash in a URL: 48 bits tell builds apart.
const HASH_HEX: usize = 12;

/// The hashed URL of every embedded file, by path under `assets/`.
fn urls() -> &'static BTreeMap<String, String> {
    static URLS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    URLS.get_or_init(|| {
        Files::iter()
            .filter_map(|path| {
                let file = Files::get(&path)?;
                let hash = hex::encode(file.metadata.sha256_hash());
                let url = format!("{PREFIX}{}/{path}", &hash[..HASH_HEX]);
                Some((path.into_owned(), url))
            })
            .collect()
    })
}

/// The URL of the file at `path` under `assets/`, if it is embedded.
pub fn url(path: &str) -> Option<&'static str> {
    urls().get(path).map(String::as_str)
}

/// The files under `dir/` (a page's own), by their name relative to it.
pub fn urls_under(dir: &str) -> BTreeMap<&'static str, &'static str> {
    let prefix = format!("{dir}/");
    urls()
        .iter()
        .filter_map(|(path, url)| Some((path.strip_prefix(&prefix)?, url.as_str())))
        .collect()
}

/// The text of an embedded file (the page templates).
pub fn text(path: &str) -> Option<String> {
    let file = Files::get(path)?;
    String::from_utf8(file.data.into_owned()).ok()
}

/// `GET /assets/{hash}/{*path}`.
pub async fn serve(Path((hash, path)): Path<(String, String)>) -> Response {
    let Some(file) = Files::get(&path) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let current = hex::encode(file.metadata.sha256_hash());
    let cache = if current.get(..HASH_HEX) == Some(hash.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    let mime = file.metadata.mimetype();
    let mut response = Response::new(Body::from(file.data));
    let headers = response.headers_mut();
    if let Ok(mime) = HeaderValue::from_str(mime) {
        headers.insert(header::CONTENT_TYPE, mime);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}
