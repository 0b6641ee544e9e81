//! Enum values come with labels people read, in the language asked for.

use crate::support::{Demo, TestApp};
use serde_json::{Value, json};

async fn event_label(app: &TestApp, accept_language: Option<&str>, lang: Option<&str>) -> String {
    let mut request = app.client.post(app.url("/graphql")).json(&json!({
        "query": "query($lang: Language) { labels(lang: $lang, enums: [\"EventKind\"]) { enumName value label } }",
        "variables": { "lang": lang },
    }));
    if let Some(accept) = accept_language {
        request = request.header("accept-language", accept);
    }
    let body: Value = request
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("JSON");
    let labels = body["data"]["labels"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert_eq!(labels.len(), 3, "EVENT, ACTION, RAID: {body}");
    assert!(
        labels.iter().all(|l| l["enumName"] == "EventKind"),
        "{body}"
    );
    labels
        .iter()
        .find(|l| l["value"] == "EVENT")
        .and_then(|l| l["label"].as_str())
        .unwrap_or_else(|| panic!("EVENT is labelled: {body}"))
        .to_owned()
}

#[tokio::test]
async fn labels_come_in_the_language_asked_for() {
    let app = TestApp::spawn(Demo::No).await;
    assert_eq!(event_label(&app, None, None).await, "Event");
    assert_eq!(
        event_label(&app, Some("ru-RU,ru;q=0.9"), None).await,
        "Мероприятие"
    );
    assert_eq!(event_label(&app, Some("kk"), None).await, "Іс-шара");
    assert_eq!(event_label(&app, Some("de"), None).await, "Event");
    assert_eq!(event_label(&app, Some("ru"), Some("KK")).await, "Іс-шара");
}
