//! Deeply nested documents and variables are refused before anything
//! recurses into them, over every way a document reaches the server, and
//! the server keeps answering. A stack overflow would abort this whole test
//! process, so every test here passing is also the proof that none
//! happened.

use crate::support;

use crate::support::{Demo, TestApp, ws};
use futures_util::SinkExt;
use serde_json::{Value, json};

/// A list literal nested `depth` deep as an argument value, as in the
/// review's crash document (1,750 deep).
fn nested_list(depth: usize) -> String {
    format!(
        "{{ events(first: {}1{}) {{ nodes {{ title }} }} }}",
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

/// An input object nested `depth` deep through `and` (1,200 deep crashed).
fn nested_filter(depth: usize) -> String {
    format!(
        "{{ events(filter: {}{{}}{}) {{ nodes {{ title }} }} }}",
        "{and:".repeat(depth),
        "}".repeat(depth)
    )
}

/// The first error's code of a GraphQL response body.
fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_else(|| panic!("an error with a code: {body}"))
}

async fn get(app: &TestApp, query: &str, variables: Option<&str>) -> (u16, Value) {
    let mut params = vec![("query", query)];
    if let Some(variables) = variables {
        params.push(("variables", variables));
    }
    let response = app
        .client
        .get(app.url("/graphql"))
        .header("accept", "application/json")
        .query(&params)
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    (status, response.json().await.expect("a JSON body"))
}

/// The server still serves an ordinary query.
async fn still_answers(app: &TestApp) {
    let data = app.query("{ version }", json!({})).await;
    assert!(data["version"].is_string(), "{data}");
}

#[tokio::test]
async fn nesting_at_the_bound_is_validated_and_past_it_refused() {
    let app = TestApp::spawn(Demo::No).await;
    // The selection set and the argument list are two of the 64 levels:
    // 62 brackets of list reach the bound and go on to validation, which
    // finds a list where an integer belongs.
    let (_, body) = app.post(&nested_list(62), json!({})).await;
    assert_eq!(code(&body), "INVALID_QUERY", "{body}");
    let (_, body) = app.post(&nested_list(63), json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body}");
    assert!(
        body["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("64")),
        "{body}"
    );
    // 61 `and` objects and the innermost `{}` are 64 levels: the filter is
    // read and refused by its own rule (at most 5 levels of `and`).
    let (_, body) = app.post(&nested_filter(61), json!({})).await;
    assert_eq!(code(&body), "VALIDATION", "{body}");
    let (_, body) = app.post(&nested_filter(62), json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body}");

    // A real query with filters five levels deep is far below the bound.
    let filter = "{and: [{and: [{and: [{and: [{and: [{kinds: [RAID]}]}]}]}]}]}";
    app.query(
        &format!("{{ events(first: 5, filter: {filter}) {{ nodes {{ title }} }} }}"),
        json!({}),
    )
    .await;
    // Brackets in strings and comments are text.
    let text = "[".repeat(500);
    app.query(
        &format!("{{ events(filter: {{regionCode: \"{text}\"}}) {{ totalCount }} }} # {text}"),
        json!({}),
    )
    .await;
}

#[tokio::test]
async fn the_bound_is_a_setting() {
    let app = TestApp::spawn_with(Demo::No, &["--max-nesting", "8"]).await;
    let (_, body) = app.post(&nested_list(6), json!({})).await;
    assert_eq!(code(&body), "INVALID_QUERY", "{body}");
    let (_, body) = app.post(&nested_list(7), json!({})).await;
    assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body}");
}

#[tokio::test]
async fn the_crash_documents_are_refused_over_post_get_and_websocket() {
    let app = TestApp::spawn(Demo::No).await;
    for document in [nested_list(1_750), nested_filter(1_200)] {
        let (_, body) = app.post(&document, json!({})).await;
        assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body}");
        let (status, body) = get(&app, &document, None).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body}");
        // A mutation nested as deeply over GET is refused all the same
        // (never run, never parsed).
        let mutation = format!("mutation {document}");
        let (_, body) = get(&app, &mutation, None).await;
        assert_eq!(code(&body), "QUERY_TOO_DEEP", "{body}");

        let mut socket = ws::connect(&app, None).await.expect("acknowledged");
        let payload = ws::run(&mut socket, "deep", &document, json!({})).await;
        assert_eq!(code(&payload), "QUERY_TOO_DEEP", "{payload}");
        // The connection itself is still good.
        let payload = ws::run(&mut socket, "after", "{ version }", json!({})).await;
        assert!(payload["data"]["version"].is_string(), "{payload}");
        still_answers(&app).await;
    }
}

#[tokio::test]
async fn deeply_nested_variables_are_refused_as_bad_requests() {
    let app = TestApp::spawn(Demo::No).await;
    let query = "query($f: EventFilter) { events(filter: $f) { totalCount } }";
    let deep = format!(
        "{{\"f\": {}{{}}{}}}",
        "{\"and\":[".repeat(1_200),
        "]}".repeat(1_200)
    );

    let body = format!(
        "{{\"query\": {}, \"variables\": {deep}}}",
        Value::from(query)
    );
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("content-type", "application/json")
        .header("accept", "application/json")
        .body(body)
        .send()
        .await
        .expect("the server answers");
    let body: Value = response.json().await.expect("a JSON body");
    assert_eq!(code(&body), "BAD_REQUEST", "{body}");

    let (_, body) = get(&app, query, Some(&deep)).await;
    assert_eq!(code(&body), "BAD_REQUEST", "{body}");

    // Over the WebSocket a message that cannot be read closes the
    // connection with the protocol's 4400.
    let mut socket = ws::connect(&app, None).await.expect("acknowledged");
    let message = format!(
        "{{\"type\": \"subscribe\", \"id\": \"1\", \"payload\": {{\"query\": {}, \"variables\": {deep}}}}}",
        Value::from(query)
    );
    socket
        .send(tokio_tungstenite::tungstenite::Message::text(message))
        .await
        .expect("sent");
    let (close, _) = ws::close_frame(&mut socket).await;
    assert_eq!(close, 4400);
    still_answers(&app).await;
}

#[tokio::test]
async fn variables_nested_under_the_json_limit_reach_the_filter_rule() {
    let app = TestApp::spawn(Demo::No).await;
    let query = "query($f: EventFilter) { events(filter: $f) { totalCount } }";
    // 60 levels of `and` are 120 levels of JSON, under serde_json's 128:
    // they are read into the filter and refused by its own rule.
    let mut filter = json!({});
    for _ in 0..60 {
        filter = json!({ "and": [filter] });
    }
    let (code, message) = app.error(query, json!({ "f": filter })).await;
    assert_eq!(code, "VALIDATION", "{message}");
    let mut socket = ws::connect(&app, None).await.expect("acknowledged");
    let payload = ws::run(&mut socket, "1", query, json!({ "f": filter })).await;
    assert_eq!(
        payload["errors"][0]["extensions"]["code"], "VALIDATION",
        "{payload}"
    );
    // Five levels are what filters allow.
    let mut filter = json!({ "kinds": ["RAID"] });
    for _ in 0..5 {
        filter = json!({ "and": [filter] });
    }
    app.query(query, json!({ "f": filter })).await;
}

#[tokio::test]
async fn each_crash_document_sent_a_hundred_times_leaves_the_server_up() {
    // Without the request rate limit, which would otherwise refuse most of
    // the documents before they are ever scanned.
    let app = TestApp::spawn_with(Demo::No, &["--requests-per-second", "0"]).await;
    let documents = [nested_list(1_750), nested_filter(1_200)];
    for round in 0..100 {
        for document in &documents {
            let (_, body) = app.post(document, json!({})).await;
            assert_eq!(code(&body), "QUERY_TOO_DEEP", "round {round}: {body}");
            let (_, body) = get(&app, document, None).await;
            assert_eq!(code(&body), "QUERY_TOO_DEEP", "round {round}: {body}");
        }
    }
    still_answers(&app).await;
}

/// The release review's probe, as an operator would see it: the server
/// binary itself (its own main thread and worker stacks, not this test's),
/// sent both crash documents a hundred times, is the same process after,
/// still answering.
#[tokio::test]
async fn the_server_binary_outlives_the_crash_documents() {
    let app = TestApp::spawn(Demo::No).await;
    let mut server = std::process::Command::new(env!("CARGO_BIN_EXE_frontoffice"))
        .args(["--database-url", &app.database_url, "--log", "warn"])
        .args(["--jwt-secret", support::TEST_JWT_SECRET])
        .args(["serve", "--addr", "127.0.0.1:0", "--demo", "never"])
        .args(["--iin-secret", "test-iin-secret-0123456789"])
        // Every document must reach the scan, not the request rate limit.
        .args(["--requests-per-second", "0"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map(Running)
        .expect("the server binary starts");
    let pid = server.0.id();
    // Only the address is read; the pipe then closes, as when an operator's
    // terminal goes away, which must not stop the server either.
    let stdout = server.0.stdout.take().expect("piped standard output");
    let url = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
            .find_map(|line| {
                line.trim()
                    .strip_prefix("GraphQL (POST):")
                    .map(|u| u.trim().to_owned())
            })
    })
    .await
    .expect("joined")
    .expect("the server prints its address");

    let client = reqwest::Client::new();
    let post = |query: String| {
        let request = client.post(&url).json(&json!({ "query": query })).send();
        async move {
            let response = request.await.expect("the server answers");
            response.json::<Value>().await.expect("a JSON body")
        }
    };
    for round in 0..100 {
        for document in [nested_list(1_750), nested_filter(1_200)] {
            let body = post(document).await;
            assert_eq!(code(&body), "QUERY_TOO_DEEP", "round {round}: {body}");
        }
    }
    assert!(
        server.0.try_wait().expect("the child's state").is_none(),
        "the server process {pid} ended"
    );
    let body = post("{ version }".to_owned()).await;
    assert!(body["data"]["version"].is_string(), "{body}");
}

/// Stops the server binary however the test ends.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
