//! The graphql-transport-ws protocol's close codes, with raw frames and
//! with the `graphql-ws` client dashboards use: the init timeout (4408),
//! a second init (4429), a subscription before the acknowledgement (4401),
//! an operation id in use (4409), an unreadable or unknown message (4400),
//! a credential that is not a string (4403), and a close frame (1001) for
//! every connection when the server shuts down.

use crate::support::js::Script;
use crate::support::{Demo, TestApp, ws};
use futures_util::SinkExt;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

const LIVE: &str = "subscription($from: Date!, $to: Date!) {
  statisticsUpdated(from: $from, to: $to) { hours } }";

fn year_2024() -> Value {
    json!({ "from": "2024-01-01", "to": "2024-12-31" })
}

#[tokio::test]
async fn a_connection_without_init_is_closed_with_4408_after_the_timeout() {
    let app = TestApp::spawn_with(Demo::No, &["--ws-init-timeout-ms", "200"]).await;
    let mut silent = ws::open(&app, "graphql-transport-ws").await;
    let (code, _) = ws::close_frame(&mut silent).await;
    assert_eq!(code, 4408);

    // A ping is no init: the timeout still runs.
    let mut pinging = ws::open(&app, "graphql-transport-ws").await;
    ws::send(&mut pinging, json!({ "type": "ping" })).await;
    let (code, _) = ws::close_frame(&mut pinging).await;
    assert_eq!(code, 4408);

    // A connection initialised in time is served past the timeout.
    let mut socket = ws::connect(&app, None).await.expect("acknowledged");
    let first = ws::run(&mut socket, "1", LIVE, year_2024()).await;
    assert!(first["data"]["statisticsUpdated"].is_object(), "{first}");
    let mut late = ws::open(&app, "graphql-transport-ws").await;
    ws::close_frame(&mut late).await;
    let again = ws::run(&mut socket, "2", "{ version }", json!({})).await;
    assert!(again["data"]["version"].is_string(), "{again}");
}

#[tokio::test]
async fn the_default_init_timeout_leaves_time_to_initialise() {
    let app = TestApp::spawn(Demo::No).await;
    let mut socket = ws::open(&app, "graphql-transport-ws").await;
    ws::send(&mut socket, json!({ "type": "ping" })).await;
    let Some(Ok(Message::Text(pong))) = futures_util::StreamExt::next(&mut socket).await else {
        panic!("a pong")
    };
    assert!(pong.contains("pong"), "{pong}");
    ws::send(&mut socket, json!({ "type": "connection_init" })).await;
    let Some(Ok(Message::Text(ack))) = futures_util::StreamExt::next(&mut socket).await else {
        panic!("an acknowledgement")
    };
    assert!(ack.contains("connection_ack"), "{ack}");
}

#[tokio::test]
async fn protocol_violations_close_with_their_codes() {
    let app = TestApp::spawn(Demo::No).await;
    let subscribe =
        json!({ "id": "1", "type": "subscribe", "payload": { "query": "{ version }" } });

    let mut twice = ws::connect(&app, None).await.expect("acknowledged");
    ws::send(&mut twice, json!({ "type": "connection_init" })).await;
    assert_eq!(ws::close_frame(&mut twice).await.0, 4429);

    let mut early = ws::open(&app, "graphql-transport-ws").await;
    ws::send(&mut early, subscribe.clone()).await;
    assert_eq!(ws::close_frame(&mut early).await.0, 4401);

    for bad in [
        Message::text("not JSON"),
        Message::text(
            json!({ "type": "start", "id": "1", "payload": { "query": "{ version }" } })
                .to_string(),
        ),
        Message::text(
            json!({ "type": "subscribe", "id": 1, "payload": { "query": "{ version }" } })
                .to_string(),
        ),
        Message::text(json!({ "type": "subscribe", "id": "1" }).to_string()),
        Message::text(json!({ "id": "1" }).to_string()),
    ] {
        let mut socket = ws::connect(&app, None).await.expect("acknowledged");
        socket.send(bad.clone()).await.expect("sent");
        assert_eq!(ws::close_frame(&mut socket).await.0, 4400, "{bad:?}");
    }

    for payload in [
        json!({ "Authorization": 42 }),
        json!({ "Authorization": { "Bearer": app.admin_token } }),
        json!({ "authorization": ["Bearer"] }),
        json!({ "token": true }),
    ] {
        let mut refused = ws::open(&app, "graphql-transport-ws").await;
        ws::send(
            &mut refused,
            json!({ "type": "connection_init", "payload": payload }),
        )
        .await;
        assert_eq!(ws::close_frame(&mut refused).await.0, 4403, "{payload}");
    }
    // A missing or null credential is an anonymous connection.
    let mut anonymous = ws::open(&app, "graphql-transport-ws").await;
    ws::send(
        &mut anonymous,
        json!({ "type": "connection_init", "payload": { "Authorization": null } }),
    )
    .await;
    let Some(Ok(Message::Text(ack))) = futures_util::StreamExt::next(&mut anonymous).await else {
        panic!("an acknowledgement")
    };
    assert!(ack.contains("connection_ack"), "{ack}");
}

#[tokio::test]
async fn an_operation_id_in_use_closes_with_4409_and_is_free_once_completed() {
    let app = TestApp::spawn(Demo::No).await;
    let mut socket = ws::connect(&app, None).await.expect("acknowledged");
    ws::run(&mut socket, "live", LIVE, year_2024()).await;
    // Completed by the client, the id may be used again.
    ws::send(&mut socket, json!({ "id": "live", "type": "complete" })).await;
    let again = ws::run(&mut socket, "live", LIVE, year_2024()).await;
    assert!(again["data"]["statisticsUpdated"].is_object(), "{again}");
    // A query completes by itself, and frees its id too.
    ws::run(&mut socket, "once", "{ version }", json!({})).await;
    let twice = ws::run(&mut socket, "once", "{ version }", json!({})).await;
    assert!(twice["data"]["version"].is_string(), "{twice}");
    // The live subscription still runs: its id is taken.
    ws::subscribe(&mut socket, "live", LIVE, year_2024()).await;
    let (code, reason) = ws::close_frame(&mut socket).await;
    assert_eq!(code, 4409);
    assert_eq!(reason, "Subscriber for live already exists");
}

#[tokio::test]
async fn the_graphql_ws_client_sees_4409_for_a_duplicate_id() {
    let app = TestApp::spawn(Demo::No).await;
    let url = format!("ws://{}/graphql/ws", app.addr);
    let mut client = Script::start("duplicate_id.mjs", &[&url, LIVE, &year_2024().to_string()]);
    let closed = loop {
        let line: Value = serde_json::from_str(&client.line().await).unwrap();
        if line.get("closeCode").is_some() {
            break line;
        }
    };
    assert_eq!(closed["closeCode"], 4409, "{closed}");
    assert!(client.finished().await);
}

#[tokio::test]
async fn shutdown_sends_every_connection_a_close_frame_with_1001() {
    let mut app = TestApp::spawn(Demo::No).await;
    let mut live = ws::connect(&app, None).await.expect("acknowledged");
    ws::run(&mut live, "1", LIVE, year_2024()).await;
    let mut idle = ws::connect(&app, None).await.expect("acknowledged");
    let mut uninitialised = ws::open(&app, "graphql-transport-ws").await;
    let mut legacy = ws::open(&app, "graphql-ws").await;

    let url = format!("ws://{}/graphql/ws", app.addr);
    let mut client = Script::start(
        "live.mjs",
        &[&url, "-", "100", LIVE, &year_2024().to_string()],
    );
    let first: Value = serde_json::from_str(&client.line().await).unwrap();
    assert!(first["data"]["statisticsUpdated"].is_object(), "{first}");

    app.shut_down();
    for socket in [&mut live, &mut idle, &mut uninitialised, &mut legacy] {
        let (code, reason) = ws::close_frame(socket).await;
        assert_eq!(code, 1001, "{reason}");
    }
    let line: Value = serde_json::from_str(&client.line().await).unwrap();
    assert_eq!(line["closeCode"], 1001, "{line}");
}

#[tokio::test]
async fn the_legacy_graphql_ws_protocol_works_as_before() {
    let app = TestApp::spawn_with(Demo::No, &["--ws-init-timeout-ms", "200"]).await;
    let mut socket = ws::open(&app, "graphql-ws").await;
    ws::send(
        &mut socket,
        json!({ "type": "connection_init", "payload": {} }),
    )
    .await;
    ws::send(
        &mut socket,
        json!({ "id": "1", "type": "start", "payload": { "query": "{ version }" } }),
    )
    .await;
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let Some(Ok(Message::Text(text))) = futures_util::StreamExt::next(&mut socket).await else {
            panic!("messages of the legacy protocol, got {seen:?}")
        };
        let message: Value = serde_json::from_str(&text).unwrap();
        seen.push(message["type"].as_str().unwrap_or_default().to_owned());
        if message["type"] == "data" {
            assert!(
                message["payload"]["data"]["version"].is_string(),
                "{message}"
            );
        }
    }
    assert_eq!(seen, ["connection_ack", "data", "complete"]);
}
