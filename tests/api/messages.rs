//! Error messages come in the reader's language (`Accept-Language`:
//! Kazakh, Russian, English; English when it names none of them), while
//! `extensions.code` stays the same for programs.

use crate::support::write::REGISTER_VOLUNTEER;
use crate::support::{Demo, TestApp, ws};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// The first error of a request sent with `accept_language`, as
/// (HTTP status, code, message).
async fn refusal(
    app: &TestApp,
    token: Option<&str>,
    accept_language: Option<&str>,
    query: &str,
    variables: Value,
) -> (u16, String, String) {
    let mut request = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(accept) = accept_language {
        request = request.header("accept-language", accept);
    }
    let response = request.send().await.expect("the server answers");
    let status = response.status().as_u16();
    let body: Value = response.json().await.expect("JSON");
    let error = &body["errors"][0];
    assert!(!error.is_null(), "expected an error: {body}");
    (
        status,
        error["extensions"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned(),
        error["message"].as_str().unwrap_or_default().to_owned(),
    )
}

const CREATE_FAMILY: &str = "mutation { createFamily(input: { name: \"Ахметовтар\", regionCode: \"KZ-10\" }) { family { id } } }";

#[tokio::test]
async fn a_refusal_reads_in_the_language_asked_for_with_the_same_code() {
    let app = TestApp::spawn(Demo::No).await;
    for (accept, expected) in [
        (None, "sign in to change the register"),
        (
            Some("kk-KZ,kk;q=0.9"),
            "тізілімді өзгерту үшін жүйеге кіріңіз",
        ),
        (Some("ru"), "войдите, чтобы изменять реестр"),
        (Some("en-GB"), "sign in to change the register"),
        (Some("de, fr;q=0.8"), "sign in to change the register"),
        (Some("en;q=0.3, ru;q=0.7"), "войдите, чтобы изменять реестр"),
    ] {
        let (_, code, message) = refusal(&app, None, accept, CREATE_FAMILY, json!({})).await;
        assert_eq!(code, "FORBIDDEN", "{accept:?}");
        assert_eq!(message, expected, "{accept:?}");
    }
}

#[tokio::test]
async fn values_in_a_message_keep_their_place_and_counts_their_grammar() {
    let app = TestApp::spawn(Demo::No).await;
    let query = "query($r: String) { statistics(from: \"2026-01-01\", to: \"2026-06-30\", regionCode: $r) { hours } }";
    let (_, code, message) = refusal(&app, None, Some("kk"), query, json!({ "r": "KZ-99" })).await;
    assert_eq!(code, "VALIDATION");
    assert_eq!(
        message,
        "`KZ-99` өңір коды емес; ISO 3166-2:KZ 20 кодының бірін қолданыңыз, мысалы KZ-71"
    );
    // Russian chooses the form of a count by its plural rules: "не
    // длиннее 200 символов" for a name of too many characters.
    let long =
        json!({ "fullName": "А".repeat(201), "birthDate": "2000-01-01", "regionCode": "KZ-10" });
    let (_, code, message) = refusal(
        &app,
        Some(&app.admin_token),
        Some("ru"),
        REGISTER_VOLUNTEER,
        json!({ "input": long }),
    )
    .await;
    assert_eq!(code, "VALIDATION");
    assert!(message.ends_with(" символов"), "{message}");
    assert!(message.contains("не длиннее"), "{message}");
}

#[tokio::test]
async fn a_replayed_refusal_reads_in_the_language_of_the_replay() {
    let app = TestApp::spawn(Demo::No).await;
    let input = json!({ "input": {
        "clientMutationId": "future-birth",
        "fullName": "Айгерім",
        "birthDate": "2099-01-01",
        "regionCode": "KZ-10",
    }});
    let token = app.admin_token.clone();
    let (_, code, first) = refusal(
        &app,
        Some(&token),
        Some("ru"),
        REGISTER_VOLUNTEER,
        input.clone(),
    )
    .await;
    assert_eq!(code, "VALIDATION");
    assert_eq!(first, "2099-01-01 — ещё не наступило");
    let (_, code, replayed) =
        refusal(&app, Some(&token), Some("kk"), REGISTER_VOLUNTEER, input).await;
    assert_eq!(code, "VALIDATION");
    assert_eq!(replayed, "2099-01-01 — әлі келмеген күн");
}

#[tokio::test]
async fn refusals_before_the_schema_are_translated_too() {
    let app = TestApp::spawn(Demo::No).await;
    // A credential refused at the HTTP layer (401).
    let response = app
        .client
        .post(app.url("/graphql"))
        .header("authorization", "Basic abc")
        .header("accept-language", "ru")
        .json(&json!({ "query": "{ __typename }" }))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    assert_eq!(
        body["errors"][0]["message"],
        "заголовок Authorization должен иметь вид `Bearer <token>`"
    );
    // A query refused by the limits, before anything runs.
    let aliases: String = (0..16).map(|i| format!("a{i}: __typename ")).collect();
    let (_, code, message) = refusal(
        &app,
        None,
        Some("kk"),
        &format!("{{ {aliases}}}"),
        json!({}),
    )
    .await;
    assert_eq!(code, "TOO_MANY_ALIASES", "{message}");
    assert_eq!(
        message,
        "сұрауда 16 бүркеншік ат бар; ең көбі 15 рұқсат етіледі"
    );
}

#[tokio::test]
async fn a_subscription_connection_speaks_the_language_of_its_upgrade() {
    let app = TestApp::spawn(Demo::No).await;
    let mut request = format!("ws://{}/graphql/ws", app.addr)
        .into_client_request()
        .expect("a request");
    let headers = request.headers_mut();
    headers.insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    headers.insert("accept-language", "kk".parse().unwrap());
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("the upgrade succeeds");
    socket
        .send(Message::text(
            json!({ "type": "connection_init" }).to_string(),
        ))
        .await
        .expect("sent");
    let ack = socket.next().await.expect("an answer").expect("a frame");
    assert!(
        ack.to_text().unwrap_or_default().contains("connection_ack"),
        "{ack:?}"
    );
    let result = ws::run(
        &mut socket,
        "1",
        "query($r: String) { statistics(from: \"2026-01-01\", to: \"2026-06-30\", regionCode: $r) { hours } }",
        json!({ "r": "KZ-99" }),
    )
    .await;
    let message = result["errors"][0]["message"]
        .as_str()
        .unwrap_or_else(|| panic!("an error: {result}"))
        .to_owned();
    assert!(message.ends_with("мысалы KZ-71"), "{message}");
    assert!(message.contains("өңір коды емес"), "{message}");
}
