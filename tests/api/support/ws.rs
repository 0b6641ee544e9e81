//! A graphql-transport-ws client for tests: connect with a token in the
//! `connection_init` payload, run an operation, read its first result.

use super::TestApp;
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A connection that has said nothing yet, speaking `protocol`
/// (`graphql-transport-ws` or the legacy `graphql-ws`).
pub async fn open(app: &TestApp, protocol: &str) -> Socket {
    let mut request = format!("ws://{}/graphql/ws", app.addr)
        .into_client_request()
        .unwrap();
    request
        .headers_mut()
        .insert("sec-websocket-protocol", protocol.parse().unwrap());
    let (socket, _) = tokio_tungstenite::connect_async(request).await.unwrap();
    socket
}

/// Send one message as a text frame.
pub async fn send(socket: &mut Socket, message: Value) {
    socket
        .send(Message::text(message.to_string()))
        .await
        .unwrap();
}

/// The code and reason of the close frame that ends the connection,
/// skipping the messages before it; fails the test if the connection ends
/// without one or none comes within ten seconds.
pub async fn close_frame(socket: &mut Socket) -> (u16, String) {
    let wait = async {
        loop {
            match socket.next().await {
                Some(Ok(Message::Close(Some(frame)))) => {
                    return (u16::from(frame.code), frame.reason.to_string());
                }
                Some(Ok(Message::Close(None))) => panic!("a close frame without a code"),
                Some(Ok(_)) => {}
                other => panic!("the connection ended without a close frame: {other:?}"),
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), wait)
        .await
        .expect("a close frame within ten seconds")
}

/// An acknowledged connection, or the close frame's code and reason.
pub async fn connect(app: &TestApp, token: Option<&str>) -> Result<Socket, (u16, String)> {
    let mut socket = open(app, "graphql-transport-ws").await;
    let payload = match token {
        Some(t) => json!({ "Authorization": format!("Bearer {t}") }),
        None => json!({}),
    };
    socket
        .send(Message::text(
            json!({ "type": "connection_init", "payload": payload }).to_string(),
        ))
        .await
        .unwrap();
    match socket.next().await {
        Some(Ok(Message::Text(text))) => {
            let reply: Value = serde_json::from_str(&text).unwrap();
            assert_eq!(reply["type"], "connection_ack", "{reply}");
            Ok(socket)
        }
        Some(Ok(Message::Close(frame))) => {
            let frame = frame.expect("a close frame with a code");
            Err((u16::from(frame.code), frame.reason.to_string()))
        }
        other => panic!("unexpected reply to connection_init: {other:?}"),
    }
}

/// Run `query` on the connection; returns its first `next` payload (or the
/// `error` message's payload).
pub async fn run(socket: &mut Socket, id: &str, query: &str, variables: Value) -> Value {
    subscribe(socket, id, query, variables).await;
    next(socket, id).await
}

/// Start operation `id`.
pub async fn subscribe(socket: &mut Socket, id: &str, query: &str, variables: Value) {
    socket
        .send(Message::text(
            json!({ "id": id, "type": "subscribe", "payload": { "query": query, "variables": variables } }).to_string(),
        ))
        .await
        .unwrap();
}

/// The next `next` (or `error`) payload of operation `id`; fails the test
/// if none comes within ten seconds rather than hanging.
pub async fn next(socket: &mut Socket, id: &str) -> Value {
    let wait = async {
        loop {
            let Some(Ok(Message::Text(text))) = socket.next().await else {
                panic!("the connection closed before the result")
            };
            let message: Value = serde_json::from_str(&text).unwrap();
            if message["id"] == id && (message["type"] == "next" || message["type"] == "error") {
                return message["payload"].clone();
            }
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), wait)
        .await
        .expect("a message within ten seconds")
}
