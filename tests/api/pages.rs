//! The pages over HTTP, as a browser fetches them: the playground and the
//! public page come with a policy that keeps them to this origin, name only
//! files the server holds, in the language asked for; the files are cached
//! for good under their hashed names.

use crate::support::{Demo, TestApp};

async fn page(app: &TestApp, path: &str, accept_language: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path)).header("accept", "text/html");
    if let Some(lang) = accept_language {
        request = request.header("accept-language", lang);
    }
    let response = request.send().await.expect("the server answers");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    response
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response
        .headers()
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `/assets/…` URLs a page names.
fn asset_urls(html: &str) -> Vec<String> {
    html.split("\"/assets/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(|path| format!("/assets/{path}"))
        .collect()
}

/// The playground page and the URL of its script.
async fn playground_script(app: &TestApp) -> (String, String) {
    let html = page(app, "/graphql", None)
        .await
        .text()
        .await
        .expect("text");
    let script = asset_urls(&html)
        .into_iter()
        .find(|u| u.ends_with("/playground.js"))
        .expect("the playground's script");
    (html, script)
}

#[tokio::test]
async fn the_pages_load_only_from_this_origin_and_their_files_are_cached_for_good() {
    let app = TestApp::spawn(Demo::No).await;
    for path in ["/graphql", "/"] {
        let response = page(&app, path, None).await;
        let policy = header(&response, "content-security-policy");
        assert!(policy.starts_with("default-src 'self'"), "{path}: {policy}");
        assert!(policy.contains("script-src 'self';"), "{path}: {policy}");
        let html = response.text().await.expect("text");
        assert!(!html.contains("{{"), "{path}: placeholders left: {html}");
        assert!(
            !html.contains("https://") && !html.contains("http://"),
            "{path}: {html}"
        );
        let urls = asset_urls(&html);
        assert!(urls.iter().any(|u| u.ends_with(".js")), "{path}: {urls:?}");
        for url in urls {
            let file = app
                .client
                .get(app.url(&url))
                .send()
                .await
                .expect("the server answers");
            assert_eq!(file.status().as_u16(), 200, "{url}");
            assert_eq!(
                header(&file, "cache-control"),
                "public, max-age=31536000, immutable",
                "{url}"
            );
            let kind = header(&file, "content-type");
            if url.ends_with(".js") {
                assert_eq!(kind, "text/javascript", "{url}");
            } else if url.ends_with(".css") {
                assert_eq!(kind, "text/css", "{url}");
            }
        }
    }
}

#[tokio::test]
async fn the_playground_and_its_editor_come_compressed() {
    let app = TestApp::spawn(Demo::No).await;
    let (html, script) = playground_script(&app).await;
    let file = app
        .client
        .get(app.url(&script))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .expect("the server answers");
    assert_eq!(header(&file, "content-encoding"), "gzip");
    // The URLs the editor's workers start from are in the page too.
    assert!(html.contains("editor.worker.js"), "{html}");
}

#[tokio::test]
async fn the_public_page_speaks_the_language_asked_for() {
    let app = TestApp::spawn(Demo::No).await;
    let cases = [
        ("/", Some("ru-KZ,ru;q=0.9,en;q=0.8"), "ru"),
        ("/", Some("en-GB"), "en"),
        ("/", Some("de"), "kk"),
        ("/", None, "kk"),
        ("/?lang=en", Some("ru"), "en"),
        ("/?lang=kk", Some("en"), "kk"),
    ];
    for (path, accept, lang) in cases {
        let response = page(&app, path, accept).await;
        assert_eq!(
            header(&response, "content-language"),
            lang,
            "{path} {accept:?}"
        );
        assert!(header(&response, "vary").contains("accept-language"));
        let html = response.text().await.expect("text");
        assert!(
            html.contains(&format!("lang=\"{lang}\"")),
            "{path} {accept:?}"
        );
    }
}

#[tokio::test]
async fn an_outdated_file_name_still_loads_uncached_and_an_unknown_one_is_not_found() {
    let app = TestApp::spawn(Demo::No).await;
    let (_, script) = playground_script(&app).await;
    let path = script.splitn(4, '/').nth(3).expect("a path after the hash");
    let outdated = app
        .client
        .get(app.url(&format!("/assets/000000000000/{path}")))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(outdated.status().as_u16(), 200);
    assert_eq!(header(&outdated, "cache-control"), "no-cache");
    let unknown = app
        .client
        .get(app.url("/assets/000000000000/no/such/file.js"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(unknown.status().as_u16(), 404);
}
