//! The pages, rendered from their templates once per language and
//! sent with headers that keep them to this origin.

use crate::i18n::Lang;
use crate::web::assets;
use axum::extract::Query;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use std::sync::OnceLock;

/// A page: its template and the directory its own files are named from.
struct Page {
    template: &'static str,
    files: &'static str,
    csp: &'static str,
}

/// Only this origin, for everything; inline styles are allowed (the chart
/// and editor libraries set element styles), inline scripts are not.
const PUBLIC: Page = Page {
    template: "public/index.html",
    files: "public",
    csp: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
          img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
          base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
};

/// As the public page, and the editor's workers (Monaco may start them
/// from `blob:` URLs it makes itself).
const PLAYGROUND: Page = Page {
    template: "playground/index.html",
    files: "playground/dist",
    csp: "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
          img-src 'self' data:; font-src 'self' data:; connect-src 'self'; \
          worker-src 'self' blob:; base-uri 'none'; form-action 'self'; \
          frame-ancestors 'none'",
};

/// As the public page: the verification page's script and style only.
const VERIFY: Page = Page {
    template: "verify/index.html",
    files: "verify",
    csp: "default-src 'self'; script-src 'self'; style-src 'self'; \
          img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
          form-action 'self'; frame-ancestors 'none'",
};

/// The template with its placeholders filled: `{{lang}}`, `{{asset-urls}}`
/// and `{{asset:NAME}}` (an unknown name becomes an empty URL; a test
/// checks every template names only embedded files).
fn render(page: &Page, lang: Lang) -> String {
    let Some(template) = assets::text(page.template) else {
        return String::new();
    };
    let own = assets::urls_under(page.files);
    let urls = serde_json::to_string(&own).unwrap_or_else(|_| "{}".into());
    let mut out = String::with_capacity(template.len() + urls.len());
    let mut rest = template.as_str();
    while let Some(at) = rest.find("{{") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[at..]);
            rest = "";
            break;
        };
        match &after[..end] {
            "lang" => out.push_str(lang.tag()),
            "asset-urls" => out.push_str(&urls),
            name => match name.strip_prefix("asset:") {
                Some(file) => out.push_str(own.get(file).copied().unwrap_or_default()),
                // Not ours: left as written.
                None => out.push_str(&rest[at..at + 2 + end + 2]),
            },
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}

/// The rendered pages, per language.
fn rendered(
    page: &'static Page,
    cache: &'static OnceLock<[String; 3]>,
    lang: Lang,
) -> &'static str {
    let all = cache.get_or_init(|| Lang::ALL.map(|l| render(page, l)));
    let at = Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0);
    &all[at]
}

fn respond(page: &Page, body: &'static str, lang: Lang) -> Response {
    if body.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let mut response = Html(body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(page.csp),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(header::VARY, HeaderValue::from_static("accept-language"));
    headers.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.tag()),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

#[derive(Deserialize)]
pub struct LangParam {
    lang: Option<String>,
}

/// `GET /`: "Volunteers in numbers".
pub async fn public(Query(param): Query<LangParam>, headers: HeaderMap) -> Response {
    static CACHE: OnceLock<[String; 3]> = OnceLock::new();
    let lang = Lang::negotiate(param.lang.as_deref(), &headers, Lang::Kk);
    respond(&PUBLIC, rendered(&PUBLIC, &CACHE, lang), lang)
}

/// `GET /verify`: the verification page of credentials.
pub async fn verify(Query(param): Query<LangParam>, headers: HeaderMap) -> Response {
    static CACHE: OnceLock<[String; 3]> = OnceLock::new();
    let lang = Lang::negotiate(param.lang.as_deref(), &headers, Lang::Kk);
    respond(&VERIFY, rendered(&VERIFY, &CACHE, lang), lang)
}

/// The playground, for browsers opening `/graphql`.
pub fn playground(headers: &HeaderMap) -> Response {
    static CACHE: OnceLock<[String; 3]> = OnceLock::new();
    let lang = Lang::negotiate(None, headers, Lang::En);
    respond(&PLAYGROUND, rendered(&PLAYGROUND, &CACHE, lang), lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `{{asset:NAME}}` of a template names an embedded file, and
    /// nothing is left unfilled.
    fn check(page: &Page) {
        let template = assets::text(page.template).expect("the template is embedded");
        let own = assets::urls_under(page.files);
        for piece in template.split("{{asset:").skip(1) {
            let name = piece.split("}}").next().unwrap_or_default();
            assert!(
                own.contains_key(name),
                "{}: {name} is not embedded",
                page.template
            );
        }
        let html = render(page, Lang::Ru);
        assert!(!html.contains("{{"), "{html}");
        assert!(html.contains("/assets/"), "{html}");
    }

    #[test]
    fn the_public_page_names_only_embedded_files() {
        check(&PUBLIC);
        assert!(render(&PUBLIC, Lang::Kk).contains("lang=\"kk\""));
    }

    #[test]
    fn the_verification_page_names_only_embedded_files() {
        check(&VERIFY);
    }

    #[test]
    fn the_playground_names_only_embedded_files() {
        check(&PLAYGROUND);
    }
}
