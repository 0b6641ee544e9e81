//! Slow and idle clients, and the connection cap: a client that stops mid
//! request or mid body is disconnected after its timeout; an idle
//! keep-alive connection is closed; beyond the cap clients wait until a
//! connection closes (WebSockets count); shutdown still lets a request in
//! flight finish.

use crate::support::{Demo, TestApp, ws};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::timeout;

/// Longer than any timeout set in these tests, shorter than the defaults
/// (10 s for headers, 30 s for bodies), so passing shows the setting works.
const PATIENCE: Duration = Duration::from_secs(5);

/// Everything the server sends until it closes the connection (a reset
/// counts as closing).
async fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return String::from_utf8_lossy(&received).into_owned(),
            Ok(n) => received.extend_from_slice(&buf[..n]),
        }
    }
}

/// One whole response (head and `content-length` body) on a connection
/// that stays open.
async fn read_response(stream: &mut TcpStream) -> String {
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let text = String::from_utf8_lossy(&received).into_owned();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|line| {
                    let (name, value) = line.split_once(':')?;
                    name.eq_ignore_ascii_case("content-length")
                        .then(|| value.trim().parse::<usize>().ok())?
                })
                .unwrap_or(0);
            if received.len() >= end + 4 + length {
                return text;
            }
        }
        let n = stream.read(&mut buf).await.expect("the response arrives");
        assert!(n > 0, "closed before a whole response: {text}");
        received.extend_from_slice(&buf[..n]);
    }
}

const HEALTHZ: &[u8] = b"GET /healthz HTTP/1.1\r\nHost: frontoffice\r\n\r\n";

/// A connection that has been served once and stays open (keep-alive), so
/// it certainly holds one of the server's connection slots.
async fn served_connection(app: &TestApp) -> TcpStream {
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(HEALTHZ).await.unwrap();
    let response = timeout(PATIENCE, read_response(&mut stream))
        .await
        .expect("served");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    stream
}

async fn healthz_answers(app: &TestApp) {
    let status = timeout(PATIENCE, app.client.get(app.url("/healthz")).send())
        .await
        .expect("answered in time")
        .expect("answered")
        .status();
    assert_eq!(status.as_u16(), 200);
}

#[tokio::test]
async fn a_client_that_stops_in_the_request_line_is_disconnected_after_the_header_timeout() {
    let app = TestApp::spawn_with(Demo::No, &["--header-timeout-secs", "0.3"]).await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    stream.write_all(b"GET /heal").await.unwrap();
    let received = timeout(PATIENCE, read_until_closed(&mut stream))
        .await
        .expect("the server closes the connection instead of waiting");
    assert!(
        received.is_empty() || received.starts_with("HTTP/1.1 408"),
        "{received}"
    );
    healthz_answers(&app).await;
}

#[tokio::test]
async fn a_client_that_stops_in_the_headers_is_disconnected_too() {
    let app = TestApp::spawn_with(Demo::No, &["--header-timeout-secs", "0.3"]).await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: frontoffice\r\nX-Slow: ")
        .await
        .unwrap();
    let received = timeout(PATIENCE, read_until_closed(&mut stream))
        .await
        .expect("the server closes the connection instead of waiting");
    assert!(
        received.is_empty() || received.starts_with("HTTP/1.1 408"),
        "{received}"
    );
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let app = TestApp::spawn_with(Demo::No, &["--header-timeout-secs", "0.3"]).await;
    let mut stream = served_connection(&app).await;
    let received = timeout(PATIENCE, read_until_closed(&mut stream))
        .await
        .expect("the server closes the idle connection");
    assert_eq!(
        received, "",
        "nothing more is sent, the connection just ends"
    );
}

fn post_head(length: usize) -> String {
    format!(
        "POST /graphql HTTP/1.1\r\nHost: frontoffice\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
}

#[tokio::test]
async fn a_body_that_stops_coming_gets_408_and_the_connection_closed() {
    let app = TestApp::spawn_with(Demo::No, &["--body-timeout-secs", "0.3"]).await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    let body = r#"{"query":"{ serverInfo { version } }"}"#;
    stream
        .write_all(format!("{}{}", post_head(body.len()), &body[..10]).as_bytes())
        .await
        .unwrap();
    let received = timeout(PATIENCE, read_until_closed(&mut stream))
        .await
        .expect("the server answers and closes instead of waiting");
    assert!(received.starts_with("HTTP/1.1 408"), "{received}");
    assert!(received.contains(r#""code":"BODY_TIMEOUT""#), "{received}");
    healthz_answers(&app).await;
}

#[tokio::test]
async fn a_body_trickling_in_is_cut_at_the_deadline_for_the_whole_body() {
    let app = TestApp::spawn_with(Demo::No, &["--body-timeout-secs", "0.5"]).await;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    let body = format!(
        r#"{{"query":"{{ serverInfo {{ version }} }}", "x": "{}"}}"#,
        "y".repeat(200)
    );
    stream
        .write_all(post_head(body.len()).as_bytes())
        .await
        .unwrap();
    let (mut reader, mut writer) = stream.split();
    // A byte every 50 ms: each arrives well within the deadline of the one
    // before, the whole body would take 10 s.
    let trickle = async {
        let mut pace = tokio::time::interval(Duration::from_millis(50));
        for byte in body.bytes() {
            pace.tick().await;
            if writer.write_all(&[byte]).await.is_err() {
                break;
            }
        }
        std::future::pending::<()>().await;
    };
    let read = async {
        let mut received = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => return String::from_utf8_lossy(&received).into_owned(),
                Ok(n) => received.extend_from_slice(&buf[..n]),
            }
        }
    };
    let received = timeout(PATIENCE, async {
        tokio::select! {
            received = read => received,
            () = trickle => unreachable!("the trickle never ends by itself"),
        }
    })
    .await
    .expect("the server answers and closes before the body is in");
    assert!(received.starts_with("HTTP/1.1 408"), "{received}");
}

#[tokio::test]
async fn beyond_the_connection_cap_a_client_waits_until_a_connection_closes() {
    let app = TestApp::spawn_with(Demo::No, &["--max-connections", "2"]).await;
    let first = served_connection(&app).await;
    let _second = served_connection(&app).await;
    let mut third = TcpStream::connect(app.addr).await.unwrap();
    third.write_all(HEALTHZ).await.unwrap();
    let mut byte = [0u8; 1];
    assert!(
        timeout(Duration::from_millis(500), third.read(&mut byte))
            .await
            .is_err(),
        "the third connection is not served while two are open"
    );
    drop(first);
    let response = timeout(PATIENCE, read_response(&mut third))
        .await
        .expect("served once a slot is free");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    drop(third);
    healthz_answers(&app).await;
}

#[tokio::test]
async fn an_open_websocket_holds_a_connection_slot() {
    let app = TestApp::spawn_with(Demo::No, &["--max-connections", "1"]).await;
    let mut socket = ws::connect(&app, None).await.expect("acknowledged");
    let mut waiting = TcpStream::connect(app.addr).await.unwrap();
    waiting.write_all(HEALTHZ).await.unwrap();
    let mut byte = [0u8; 1];
    assert!(
        timeout(Duration::from_millis(500), waiting.read(&mut byte))
            .await
            .is_err(),
        "no request is served while the WebSocket takes the only slot"
    );
    socket.close(None).await.unwrap();
    let response = timeout(PATIENCE, read_response(&mut waiting))
        .await
        .expect("served once the WebSocket has closed");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
}

#[tokio::test]
async fn shutdown_lets_a_request_in_flight_finish() {
    let mut app = TestApp::spawn(Demo::No).await;
    let body = r#"{"query":"{ serverInfo { version } }"}"#;
    let mut stream = TcpStream::connect(app.addr).await.unwrap();
    stream
        .write_all(
            format!(
                "POST /graphql HTTP/1.1\r\nHost: frontoffice\r\nContent-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    // The server asks for the body once the handler reads it: the request
    // is in flight.
    let continued = timeout(PATIENCE, read_response(&mut stream))
        .await
        .expect("100 Continue");
    assert!(continued.starts_with("HTTP/1.1 100"), "{continued}");
    app.stop();
    // Shutdown has begun once the listener is gone.
    timeout(PATIENCE, async {
        while TcpStream::connect(app.addr).await.is_ok() {
            tokio::task::yield_now().await;
        }
    })
    .await
    .expect("the server stops accepting");
    stream.write_all(body.as_bytes()).await.unwrap();
    let response = timeout(PATIENCE, read_until_closed(&mut stream))
        .await
        .expect("answered, then closed");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.contains(r#""version":"#), "{response}");
}
