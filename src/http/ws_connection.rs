//! One subscription connection (`/graphql/ws`) from upgrade to close frame.
//!
//! async-graphql's handler runs the operations; around it this module
//! keeps the protocol's rules ([`Guard`]), closes a connection that sends
//! no `connection_init` in time (4408), gives every connection a close
//! frame (1001) when the server shuts down, and turns the handler's 1002
//! for refused credentials into the protocol's 4403. Incoming messages are
//! read only while the handler has room for them, so a client that sends
//! faster than its operations are served waits instead of filling memory.

use crate::auth;
use crate::graphql::api::Api;
use crate::graphql::error::localise;
use crate::http::ws_protocol::{Close, Guard, code};
use crate::i18n::Lang;
use crate::msg;
use async_graphql::Data;
use async_graphql::http::{WebSocket as GraphQLWebSocket, WebSocketProtocols, WsMessage};
use axum::extract::ws::{CloseFrame, Message, WebSocket};
use futures_util::{SinkExt, Stream, StreamExt};
use std::time::Duration;
use tokio::sync::{mpsc, watch};

/// Messages read ahead of the handler.
const READ_AHEAD: usize = 16;

/// How long a closed connection waits for the client's close frame before
/// it drops the socket.
const CLOSE_HANDSHAKE: Duration = Duration::from_secs(1);

/// What a connection needs from the server.
pub struct Settings {
    pub schema: Api,
    pub tokens: auth::TokenKeys,
    /// Which tokens still work.
    pub versions: std::sync::Arc<auth::versions::TokenVersions>,
    /// Where the account of a token is checked as still enabled.
    pub db: sea_orm::DatabaseConnection,
    pub protocol: WebSocketProtocols,
    pub init_timeout: Duration,
    pub shutdown: watch::Receiver<bool>,
    /// The client's address, for per-client rate limits.
    pub client: crate::rate_limit::ClientAddr,
    /// The language of the upgrade request's `Accept-Language`, which the
    /// connection's messages are written in.
    pub lang: Lang,
}

/// The schema, with the errors of every response put into the
/// connection's language (as `http::graphql` does for each request).
#[derive(Clone)]
struct Localised {
    schema: Api,
    lang: Lang,
}

impl async_graphql::Executor for Localised {
    async fn execute(&self, request: async_graphql::Request) -> async_graphql::Response {
        let mut response = self.schema.execute(request.data(self.lang)).await.response;
        localise(&mut response.errors, self.lang);
        response
    }

    fn execute_stream(
        &self,
        request: async_graphql::Request,
        session_data: Option<std::sync::Arc<Data>>,
    ) -> futures_util::stream::BoxStream<'static, async_graphql::Response> {
        let lang = self.lang;
        self.schema
            .execute_stream(request.data(lang), session_data)
            .map(move |mut response| {
                localise(&mut response.errors, lang);
                response
            })
            .boxed()
    }
}

/// Serve one upgraded connection until either side closes it.
pub async fn serve(socket: WebSocket, settings: Settings) {
    let Settings {
        schema,
        tokens,
        versions,
        db,
        protocol,
        init_timeout,
        mut shutdown,
        client,
        lang,
    } = settings;
    let (mut sink, mut incoming) = socket.split();
    let (to_handler, for_handler) = mpsc::channel(READ_AHEAD);
    let executor = Localised { schema, lang };
    let handler = GraphQLWebSocket::from_message_stream(executor, receiver(for_handler), protocol)
        .on_connection_init(move |payload| {
            let tokens = tokens.clone();
            let versions = versions.clone();
            let db = db.clone();
            async move { connection_data(&tokens, &versions, &db, &payload, client, lang).await }
        });
    futures_util::pin_mut!(handler);
    let mut guard = Guard::new(protocol);
    let init_deadline = tokio::time::sleep(init_timeout);
    let stopping = async move {
        let _ = shutdown.wait_for(|stopping| *stopping).await;
    };
    futures_util::pin_mut!(init_deadline, stopping);

    let close = loop {
        tokio::select! {
            biased;
            () = &mut stopping => {
                break Some(Close::new(code::GOING_AWAY, msg!("server-shutting-down").render(lang)));
            }
            () = &mut init_deadline, if guard.awaiting_init() => {
                break Some(Close::new(code::INIT_TIMEOUT, "Connection initialisation timeout"));
            }
            frame = incoming.next(), if to_handler.capacity() > 0 => {
                let text = match frame {
                    Some(Ok(Message::Text(text))) => text.as_bytes().to_vec(),
                    Some(Ok(Message::Binary(bytes))) => bytes.to_vec(),
                    // The WebSocket library answers pings itself.
                    Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
                    Some(Ok(Message::Close(_)) | Err(_)) | None => break None,
                };
                match guard.from_client(&text) {
                    // Room was checked above; the handler lives as long as
                    // the loop, so the channel cannot be closed.
                    Ok(message) => {
                        let _ = to_handler.try_send(Ok(message));
                    }
                    Err(close) => break Some(close),
                }
            }
            answer = handler.next() => match answer {
                Some(WsMessage::Text(text)) => {
                    guard.to_client(&text);
                    if sink.send(Message::Text(text.into())).await.is_err() {
                        break None;
                    }
                }
                Some(WsMessage::Close(code, reason)) => break Some(refusal_code(code, reason, lang)),
                None => break None,
            },
        }
    };
    if let Some(close) = close {
        let frame = CloseFrame {
            code: close.code,
            reason: close.reason.into(),
        };
        if sink.send(Message::Close(Some(frame))).await.is_ok() {
            // Let the client answer with its close frame, as RFC 6455 asks,
            // but never wait on it for long.
            let _ = tokio::time::timeout(CLOSE_HANDSHAKE, async {
                while let Some(Ok(_)) = incoming.next().await {}
            })
            .await;
        }
    }
}

/// The messages the guard let through, as the handler reads them.
fn receiver(
    channel: mpsc::Receiver<serde_json::Result<async_graphql::http::ClientMessage>>,
) -> impl Stream<Item = serde_json::Result<async_graphql::http::ClientMessage>> {
    futures_util::stream::unfold(channel, |mut channel| async move {
        channel.recv().await.map(|message| (message, channel))
    })
}

/// async-graphql closes a refused `connection_init` with 1002; the
/// protocol's code for refused credentials is 4403.
fn refusal_code(code: u16, reason: String, lang: Lang) -> Close {
    if code == 1002 && auth::is_refusal(&reason, lang) {
        Close::new(code::FORBIDDEN, reason)
    } else {
        Close::new(code, reason)
    }
}

/// The caller of the connection from the `connection_init` payload: the
/// token travels as `Authorization` (like the HTTP header) or `token`. A
/// credential that is not a string is refused like a malformed header,
/// never taken for anonymity.
async fn connection_data(
    tokens: &auth::TokenKeys,
    versions: &auth::versions::TokenVersions,
    db: &sea_orm::DatabaseConnection,
    payload: &serde_json::Value,
    client: crate::rate_limit::ClientAddr,
    lang: Lang,
) -> async_graphql::Result<Data> {
    let refuse = |message: crate::i18n::Message| async_graphql::Error::new(message.render(lang));
    let malformed = || refuse(auth::TokenError::Malformed.message());
    let header = match ["Authorization", "authorization", "token"]
        .into_iter()
        .find_map(|key| {
            payload
                .get(key)
                .filter(|value| !value.is_null())
                .map(|value| (key, value))
        }) {
        None => None,
        Some(("token", serde_json::Value::String(token))) => Some(format!("Bearer {token}")),
        Some((_, serde_json::Value::String(header))) => Some(header.clone()),
        Some(_) => return Err(malformed()),
    };
    let caller = auth::signed_in_caller(tokens, versions, db, header.as_deref())
        .await
        .map_err(|refusal| match refusal {
            auth::revocation::Refusal::Token(e) => refuse(e.message()),
            auth::revocation::Refusal::Unchecked(e) => {
                tracing::error!(error = %e, "cannot check the account of a token");
                refuse(msg!("server-failed"))
            }
            auth::revocation::Refusal::TimedOut => refuse(msg!("server-too-slow")),
        })?;
    let mut data = Data::default();
    data.insert(caller);
    data.insert(client);
    Ok(data)
}
