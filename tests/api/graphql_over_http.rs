//! GraphQL over HTTP as the specification says, checked by the reference
//! audit of the `graphql-http` package (run with Node.js), and the
//! protections of the HTTP layer that docs/security.md lists.

use crate::support;

use crate::support::{Demo, TestApp};
use serde_json::json;
use std::process::Command;

#[tokio::test]
async fn the_graphql_http_audit_passes_without_warnings() {
    let dir = support::js::clients();
    let app = TestApp::spawn(Demo::No).await;
    let url = app.url("/graphql");
    let output = tokio::task::spawn_blocking(move || {
        Command::new("node")
            .arg(dir.join("audit.mjs"))
            .arg(url)
            .output()
            .expect("node runs")
    })
    .await
    .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "audit findings:\n{report}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(report.contains(" 0 failed"), "{report}");
}

#[tokio::test]
async fn cross_site_bodies_and_mutations_over_get_are_refused() {
    let app = TestApp::spawn(Demo::No).await;
    for content_type in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
    ] {
        let response = app
            .client
            .post(app.url("/graphql"))
            .header("content-type", content_type)
            .body(r#"{"query":"{ version }"}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 415, "{content_type}");
    }
    let response = app
        .client
        .get(app.url("/graphql"))
        .query(&[("query", "mutation { version }")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
    assert_eq!(response.headers()["allow"], "POST");

    // Batches are not accepted.
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!([{ "query": "{ version }" }, { "query": "{ version }" }]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);
}

#[tokio::test]
async fn responses_carry_a_request_id_and_cors_follows_configuration() {
    let app = TestApp::spawn_with(
        Demo::No,
        &["--cors-origins", "https://dashboard.example.kz"],
    )
    .await;
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("origin", "https://dashboard.example.kz")
        .json(&json!({ "query": "{ version }" }))
        .send()
        .await
        .unwrap();
    assert!(response.headers().get("x-request-id").is_some());
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://dashboard.example.kz"
    );

    let response = app
        .client
        .post(app.url("/graphql"))
        .header("origin", "https://elsewhere.example.com")
        .header("x-request-id", "abc-123")
        .json(&json!({ "query": "{ version }" }))
        .send()
        .await
        .unwrap();
    assert!(
        response
            .headers()
            .get("access-control-allow-origin")
            .is_none()
    );
    assert_eq!(response.headers()["x-request-id"], "abc-123");
}
