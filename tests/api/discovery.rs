//! With introspection off the schema cannot be guessed from validation
//! messages: every invalid query gets the same answer, whatever it got
//! wrong. With introspection on, the messages keep their details.

use crate::support::{Demo, TestApp, ws};

use serde_json::json;

/// Probes a word-list tool would send: an unknown root field, a misspelled
/// field, an argument of the wrong type, an unknown argument, a variable of
/// an unknown type.
const PROBES: [&str; 5] = [
    "{ volunteerz { totalCount } }",
    "{ events { nodes { titel } } }",
    "{ events(first: \"ten\") { nodes { title } } }",
    "{ events(frist: 10) { nodes { title } } }",
    "query($n: Intt) { events(first: $n) { totalCount } }",
];

#[tokio::test]
async fn with_introspection_off_every_invalid_query_gets_the_same_answer() {
    let app = TestApp::spawn_with(
        Demo::No,
        &["--introspection", "false", "--suggestions", "false"],
    )
    .await;
    let mut answers = Vec::new();
    for probe in PROBES {
        let (status, body) = app.post_as(None, probe, json!({})).await;
        assert_eq!(status, 200, "{body}");
        let errors = body["errors"]
            .as_array()
            .unwrap_or_else(|| panic!("errors for {probe}: {body}"));
        assert_eq!(errors.len(), 1, "one error for {probe}: {body}");
        assert_eq!(
            errors[0]["message"],
            frontoffice::msg!("query-not-valid").english(),
            "{body}"
        );
        assert_eq!(errors[0]["extensions"]["code"], "INVALID_QUERY", "{body}");
        // No location either: where the error is would tell which part
        // of the probe is wrong.
        assert!(errors[0].get("locations").is_none(), "{body}");
        answers.push(body.to_string());
    }
    assert!(
        answers.windows(2).all(|pair| pair[0] == pair[1]),
        "{answers:?}"
    );

    // Over the WebSocket too.
    let mut socket = ws::connect(&app, None).await.expect("acknowledged");
    let payload = ws::run(&mut socket, "1", PROBES[0], json!({})).await;
    assert_eq!(
        payload["errors"][0]["message"],
        frontoffice::msg!("query-not-valid").english(),
        "{payload}"
    );

    // Valid queries are answered as ever.
    app.query("{ version events(first: 1) { totalCount } }", json!({}))
        .await;
}

#[tokio::test]
async fn with_introspection_on_validation_messages_keep_their_details() {
    let app = TestApp::spawn(Demo::No).await;
    let (code, message) = app.error(PROBES[0], json!({})).await;
    assert_eq!(code, "INVALID_QUERY");
    assert!(message.contains("volunteerz"), "{message}");
    let (_, body) = app.post(PROBES[1], json!({})).await;
    let error = &body["errors"][0];
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("titel")),
        "{body}"
    );
    assert!(error["locations"].is_array(), "{body}");
    let (_, message) = app.error(PROBES[2], json!({})).await;
    assert_ne!(message, frontoffice::msg!("query-not-valid").english());
}
