//! The rules of the graphql-transport-ws protocol that async-graphql's
//! WebSocket handler does not keep, as a guard that reads every message
//! between the socket and the handler.
//!
//! The handler replaces a subscription whose id is in use, answers 1011 to
//! a subscription before `connection_init` and 1002 to anything it cannot
//! read, where the protocol asks for 4409, 4401 and 4400 (and for 4408 when
//! `connection_init` does not come in time, which the connection enforces
//! with [`Guard::awaiting_init`]). The guard refuses those messages with
//! their close code before the handler sees them, and follows the
//! handler's answers to know when the connection is acknowledged and which
//! operation ids are free again.
//!
//! The legacy `graphql-ws` (subscriptions-transport-ws) protocol has no
//! such codes: its messages pass as async-graphql reads them.

use async_graphql::http::{ClientMessage, WebSocketProtocols};
use serde_json::Value;
use std::collections::HashSet;

/// The close codes of graphql-transport-ws and of RFC 6455 the server uses.
pub mod code {
    /// The server is shutting down ("going away").
    pub const GOING_AWAY: u16 = 1001;
    /// A message the protocol does not define, or that is not JSON.
    pub const BAD_REQUEST: u16 = 4400;
    /// `subscribe` before the connection was acknowledged.
    pub const UNAUTHORIZED: u16 = 4401;
    /// The credentials of `connection_init` were refused.
    pub const FORBIDDEN: u16 = 4403;
    /// No `connection_init` in time.
    pub const INIT_TIMEOUT: u16 = 4408;
    /// `subscribe` with the id of an operation still running.
    pub const SUBSCRIBER_EXISTS: u16 = 4409;
    /// A second `connection_init`.
    pub const TOO_MANY_INITS: u16 = 4429;
}

/// The close frame that ends a connection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Close {
    pub code: u16,
    pub reason: String,
}

/// A close frame's payload is at most 125 bytes, two of them the code.
const MAX_REASON_BYTES: usize = 123;

impl Close {
    pub fn new(code: u16, reason: impl Into<String>) -> Close {
        let mut reason = reason.into();
        if reason.len() > MAX_REASON_BYTES {
            let mut end = MAX_REASON_BYTES;
            while !reason.is_char_boundary(end) {
                end -= 1;
            }
            reason.truncate(end);
        }
        Close { code, reason }
    }
}

/// What one connection has seen so far.
pub struct Guard {
    protocol: WebSocketProtocols,
    init_received: bool,
    acknowledged: bool,
    /// Ids of the operations started and not yet completed.
    active: HashSet<String>,
}

impl Guard {
    pub fn new(protocol: WebSocketProtocols) -> Guard {
        Guard {
            protocol,
            init_received: false,
            acknowledged: false,
            active: HashSet::new(),
        }
    }

    /// Whether the connection still waits for `connection_init` under
    /// graphql-transport-ws's timeout.
    pub fn awaiting_init(&self) -> bool {
        self.protocol == WebSocketProtocols::GraphQLWS && !self.init_received
    }

    /// A message from the client: what to hand the handler, or the close
    /// that ends the connection.
    pub fn from_client(&mut self, text: &[u8]) -> Result<ClientMessage, Close> {
        if self.protocol != WebSocketProtocols::GraphQLWS {
            return ClientMessage::from_bytes(text)
                .map_err(|err| Close::new(1002, format!("unreadable message: {err}")));
        }
        // serde_json refuses JSON nested over 128 levels, so a deep
        // message ends here as unreadable instead of exhausting the stack.
        let message: Value = serde_json::from_slice(text)
            .map_err(|err| bad_request(format!("the message is not JSON: {err}")))?;
        let kind = message
            .get("type")
            .and_then(Value::as_str)
            .ok_or_else(|| bad_request("a message is a JSON object with a string `type`"))?;
        match kind {
            "connection_init" => {
                if self.init_received {
                    return Err(Close::new(
                        code::TOO_MANY_INITS,
                        "Too many initialisation requests",
                    ));
                }
                optional_object(&message, "payload")?;
                self.init_received = true;
            }
            "ping" | "pong" => optional_object(&message, "payload")?,
            "subscribe" => {
                if !self.acknowledged {
                    return Err(Close::new(code::UNAUTHORIZED, "Unauthorized"));
                }
                let id = id_of(&message)?;
                if !message["payload"]["query"].is_string() {
                    return Err(bad_request(
                        "`subscribe` needs a `payload` object with a string `query`",
                    ));
                }
                if self.active.contains(id) {
                    return Err(Close::new(
                        code::SUBSCRIBER_EXISTS,
                        format!("Subscriber for {id} already exists"),
                    ));
                }
                let id = id.to_owned();
                let message = read(message)?;
                self.active.insert(id);
                return Ok(message);
            }
            "complete" => {
                let id = id_of(&message)?;
                self.active.remove(id);
            }
            other => {
                return Err(bad_request(format!(
                    "`{other}` is not a message of graphql-transport-ws"
                )));
            }
        }
        read(message)
    }

    /// A message the handler sends the client: an acknowledgement opens
    /// the connection to subscriptions, a completion frees its id.
    pub fn to_client(&mut self, text: &str) {
        // async-graphql writes the `type` tag first; only the two short
        // messages that change the state are parsed, never a result.
        if text.starts_with(r#"{"type":"connection_ack""#) {
            self.acknowledged = true;
        } else if text.starts_with(r#"{"type":"complete""#)
            && let Ok(message) = serde_json::from_str::<Value>(text)
            && let Some(id) = message["id"].as_str()
        {
            self.active.remove(id);
        }
    }
}

fn bad_request(reason: impl Into<String>) -> Close {
    Close::new(code::BAD_REQUEST, reason)
}

fn id_of(message: &Value) -> Result<&str, Close> {
    message["id"]
        .as_str()
        .ok_or_else(|| bad_request("the message needs a string `id`"))
}

fn optional_object(message: &Value, key: &str) -> Result<(), Close> {
    match message.get(key) {
        None | Some(Value::Null) | Some(Value::Object(_)) => Ok(()),
        Some(_) => Err(bad_request(format!("`{key}` must be an object"))),
    }
}

fn read(message: Value) -> Result<ClientMessage, Close> {
    serde_json::from_value(message)
        .map_err(|err| bad_request(format!("the message is malformed: {err}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acknowledged() -> Guard {
        let mut guard = Guard::new(WebSocketProtocols::GraphQLWS);
        guard
            .from_client(br#"{"type":"connection_init"}"#)
            .expect("init");
        guard.to_client(r#"{"type":"connection_ack"}"#);
        guard
    }

    fn code_of(result: Result<ClientMessage, Close>) -> u16 {
        match result {
            Ok(_) => panic!("expected a close"),
            Err(close) => close.code,
        }
    }

    const SUBSCRIBE_1: &[u8] = br#"{"type":"subscribe","id":"1","payload":{"query":"{ a }"}}"#;

    #[test]
    fn the_protocol_order_is_kept() {
        let mut guard = Guard::new(WebSocketProtocols::GraphQLWS);
        assert!(guard.awaiting_init());
        guard
            .from_client(br#"{"type":"ping"}"#)
            .expect("ping any time");
        assert_eq!(code_of(guard.from_client(SUBSCRIBE_1)), 4401);

        let mut guard = Guard::new(WebSocketProtocols::GraphQLWS);
        guard
            .from_client(br#"{"type":"connection_init","payload":{}}"#)
            .expect("init");
        assert!(!guard.awaiting_init());
        // Before the handler acknowledged it, still unauthorised.
        assert_eq!(code_of(guard.from_client(SUBSCRIBE_1)), 4401);

        let mut guard = acknowledged();
        assert_eq!(
            code_of(guard.from_client(br#"{"type":"connection_init"}"#)),
            4429
        );
    }

    #[test]
    fn an_id_is_taken_until_its_operation_completes() {
        let mut guard = acknowledged();
        guard.from_client(SUBSCRIBE_1).expect("first");
        assert_eq!(code_of(guard.from_client(SUBSCRIBE_1)), 4409);
        guard.to_client(r#"{"type":"next","id":"1","payload":{"data":{"complete":"1"}}}"#);
        assert_eq!(code_of(guard.from_client(SUBSCRIBE_1)), 4409);
        // Completed by the server…
        guard.to_client(r#"{"type":"complete","id":"1"}"#);
        guard.from_client(SUBSCRIBE_1).expect("free again");
        // …or by the client.
        guard
            .from_client(br#"{"type":"complete","id":"1"}"#)
            .expect("complete");
        guard.from_client(SUBSCRIBE_1).expect("free again");
    }

    #[test]
    fn malformed_and_unknown_messages_are_refused_with_4400() {
        let deep = format!(
            r#"{{"type":"subscribe","id":"2","payload":{{"query":"{{ a }}","variables":{{"v":{}1{}}}}}}}"#,
            "[".repeat(200),
            "]".repeat(200)
        );
        for bad in [
            &b"not json"[..],
            b"[]",
            br#"{"type":1}"#,
            br#"{"type":"start","id":"1","payload":{"query":"{ a }"}}"#,
            br#"{"type":"connection_terminate"}"#,
            br#"{"type":"subscribe","payload":{"query":"{ a }"}}"#,
            br#"{"type":"subscribe","id":2,"payload":{"query":"{ a }"}}"#,
            br#"{"type":"subscribe","id":"2"}"#,
            br#"{"type":"subscribe","id":"2","payload":{"query":1}}"#,
            br#"{"type":"subscribe","id":"2","payload":{"query":"{ a }","variables":[]}}"#,
            br#"{"type":"complete"}"#,
            br#"{"type":"ping","payload":"x"}"#,
            deep.as_bytes(),
        ] {
            let mut guard = acknowledged();
            assert_eq!(
                code_of(guard.from_client(bad)),
                4400,
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
        let mut guard = Guard::new(WebSocketProtocols::GraphQLWS);
        assert_eq!(
            code_of(guard.from_client(br#"{"type":"connection_init","payload":1}"#)),
            4400
        );
    }

    #[test]
    fn the_legacy_protocol_passes_as_before() {
        let mut guard = Guard::new(WebSocketProtocols::SubscriptionsTransportWS);
        assert!(!guard.awaiting_init());
        guard
            .from_client(br#"{"type":"start","id":"1","payload":{"query":"{ a }"}}"#)
            .expect("read as before");
        assert_eq!(code_of(guard.from_client(b"not json")), 1002);
    }

    #[test]
    fn reasons_fit_a_close_frame() {
        let close = Close::new(
            4409,
            format!("Subscriber for {} already exists", "й".repeat(100)),
        );
        assert!(close.reason.len() <= 123);
        assert!(close.reason.starts_with("Subscriber for й"));
    }
}
