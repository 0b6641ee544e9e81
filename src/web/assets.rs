//! The files the pages load, embedded in the binary (`rust-embed`) from
//! `assets/`: the vendored GraphiQL build and the public page with its
//! chart library. Nothing is fetched from another origin, so the pages work
//! where there is no internet.
//!
//! Each file is served at `/assets/<hash>/<path>`, the hash being the first
//! bytes of a SHA-256 over every file of its page (`public/…` or
//! `playground/…`): a change to any of them changes the URLs of all, so
//! files can be cached for a year (`immutable`), a browser never mixes old
//! and new, and a module's relative imports (`./i18n.js`) resolve to the
//! same version without an import map. A request with an outdated hash
//! still gets the current file, uncached, so a page loaded just before an
//! upgrade keeps working.

use axum::body::Body;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;
use sha2::{Digest, Sha256};
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
#[include = "verify/*"]
// `*` crosses `/`: the npm packages the vendored files come from stay out.
#[exclude = "*/node_modules/*"]
struct Files;

/// Where the files are served.
const PREFIX: &str = "/assets/";

/// Hex digits of the hash in a URL: 48 bits tell builds apart.
const HASH_HEX: usize = 12;

/// The page a file belongs to: the first part of its path.
fn page_of(path: &str) -> &str {
    path.split('/').next().unwrap_or_default()
}

/// The version of each page's files: a hash over their paths and contents.
fn versions() -> &'static BTreeMap<String, String> {
    static VERSIONS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    VERSIONS.get_or_init(|| {
        let mut hashers: BTreeMap<String, Sha256> = BTreeMap::new();
        // `iter` is in path order, so the hash does not depend on the build.
        let mut paths: Vec<_> = Files::iter().collect();
        paths.sort();
        for path in paths {
            let Some(file) = Files::get(&path) else {
                continue;
            };
            let hasher = hashers.entry(page_of(&path).to_owned()).or_default();
            hasher.update(path.as_bytes());
            hasher.update(file.metadata.sha256_hash());
        }
        hashers
            .into_iter()
            .map(|(page, hasher)| {
                let hash = hex::encode(hasher.finalize());
                (page, hash[..HASH_HEX].to_owned())
            })
            .collect()
    })
}

/// The hashed URL of every embedded file, by path under `assets/`.
fn urls() -> &'static BTreeMap<String, String> {
    static URLS: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    URLS.get_or_init(|| {
        Files::iter()
            .filter_map(|path| {
                let version = versions().get(page_of(&path))?;
                let url = format!("{PREFIX}{version}/{path}");
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
    let cache = if versions().get(page_of(&path)) == Some(&hash) {
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
