//! Abusive queries are refused with a code before they cost anything.

use crate::support::{Demo, TestApp};
use sea_orm::TransactionTrait;
use serde_json::json;

#[tokio::test]
async fn each_limit_refuses_with_its_code() {
    let app = TestApp::spawn(Demo::No).await;

    // Depth: regions > nodes > volunteers > nodes > participations > nodes > event > region > events > nodes > title = 11,
    // one item a page, so that only the depth is over its limit.
    let deep = "{ regions(first: 1) { nodes { volunteers(first: 1) { nodes { participations(first: 1) { nodes { event { region { events(first: 1) { nodes { title } } } } } } } } } } }";
    let (code, message) = app.error(deep, json!({})).await;
    assert_eq!(code, "QUERY_TOO_DEEP", "{message}");

    // Cost: 100 regions × 100 volunteers × 100 participations.
    let costly = "{ regions(first: 100) { nodes { volunteers(first: 100) { nodes { participations(first: 100) { nodes { minutes } } } } } } }";
    let (code, message) = app.error(costly, json!({})).await;
    assert_eq!(code, "QUERY_TOO_COMPLEX", "{message}");

    let aliases: String = (0..16).map(|i| format!("a{i}: version ")).collect();
    let (code, _) = app.error(&format!("{{ {aliases} }}"), json!({})).await;
    assert_eq!(code, "TOO_MANY_ALIASES");
    let fifteen: String = (0..15).map(|i| format!("a{i}: version ")).collect();
    app.query(&format!("{{ {fifteen} }}"), json!({})).await;

    let directives: String = (0..51).map(|_| "@include(if: true) ").collect();
    let (code, _) = app
        .error(&format!("{{ version {directives} }}"), json!({}))
        .await;
    assert_eq!(code, "TOO_MANY_DIRECTIVES");

    let large = format!("{{ version }} # {}", "x".repeat(16_000));
    let (code, _) = app.error(&large, json!({})).await;
    assert_eq!(code, "QUERY_TOO_LARGE");

    // 500 × __typename without aliases merges into one field: cheap, allowed.
    let typenames = "__typename ".repeat(500);
    app.query(&format!("{{ {typenames} }}"), json!({})).await;

    // GraphiQL's introspection query nests deeper than data may, and works.
    let introspection = "{ __schema { types { fields { type { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }";
    app.query(introspection, json!({})).await;
}

#[tokio::test]
async fn a_body_over_the_limit_gets_413() {
    let app = TestApp::spawn(Demo::No).await;
    let body = format!(
        r#"{{"query": "{{ version }}", "extensions": {{"pad": "{}"}}}}"#,
        "x".repeat(3 * 1024 * 1024)
    );
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 413);
}

#[tokio::test]
async fn limits_and_introspection_are_configurable() {
    let app = TestApp::spawn_with(
        Demo::No,
        &[
            "--max-depth",
            "2",
            "--introspection",
            "false",
            "--max-aliases",
            "1",
        ],
    )
    .await;
    let (code, _) = app.error("{ regions { nodes { code } } }", json!({})).await;
    assert_eq!(code, "QUERY_TOO_DEEP");
    app.query("{ version }", json!({})).await;
    let (code, _) = app
        .error("{ __schema { types { name } } }", json!({}))
        .await;
    assert_eq!(code, "INTROSPECTION_DISABLED");
    // `__typename` is not introspection and keeps working.
    app.query("{ __typename }", json!({})).await;
    let (code, _) = app.error("{ a: version b: version }", json!({})).await;
    assert_eq!(code, "TOO_MANY_ALIASES");
}

#[tokio::test]
async fn a_slow_request_is_stopped_at_the_timeout() {
    // One pooled connection, held by the test: every request now waits for
    // the database longer than its one-second budget.
    let app =
        TestApp::spawn_with(Demo::No, &["--request-timeout-secs", "1", "--db-pool", "1"]).await;
    let held = app.db.begin().await.expect("the only connection");
    let (code, message) = app.error("{ volunteers { totalCount } }", json!({})).await;
    assert_eq!(code, "TIMEOUT", "{message}");
    held.rollback().await.expect("released");
    // Once the database answers again, so does the server.
    app.query("{ volunteers { totalCount } }", json!({})).await;
}
