//! Opaque cursors: the list and ordering they belong to, the row's sort key
//! and its id, sealed under the server's cursor key (see `seal`). A cursor
//! reveals nothing to its holder and is valid only for the list and
//! ordering it was issued under; anything else is refused with a clear
//! error naming the argument.

use crate::domain::error::DomainError;
use crate::graphql::connection::seal::CursorKey;
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::Value;
use serde::{Deserialize, Serialize};

/// A sort key's value, typed so it binds as the column's own type.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "t", content = "v")]
pub enum KeyValue {
    Int(i64),
    Text(String),
    Date(NaiveDate),
    Instant(DateTime<Utc>),
    /// A binary sort key, such as a name's collation key.
    Bytes(#[serde(with = "base64_bytes")] Vec<u8>),
}

/// Bytes as base64 text inside the sealed JSON: a third of the size of a
/// JSON array of numbers.
mod base64_bytes {
    use base64::Engine;
    use base64::engine::general_purpose::STANDARD_NO_PAD;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&STANDARD_NO_PAD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        STANDARD_NO_PAD
            .decode(text)
            .map_err(serde::de::Error::custom)
    }
}

/// The type of a sort key's column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    Int,
    Text,
    Date,
    Instant,
    Bytes,
}

impl KeyValue {
    pub fn to_value(&self) -> Value {
        match self {
            KeyValue::Int(n) => (*n).into(),
            KeyValue::Text(s) => s.clone().into(),
            KeyValue::Date(d) => (*d).into(),
            KeyValue::Instant(t) => (*t).into(),
            KeyValue::Bytes(b) => b.clone().into(),
        }
    }

    pub fn kind(&self) -> KeyKind {
        match self {
            KeyValue::Int(_) => KeyKind::Int,
            KeyValue::Text(_) => KeyKind::Text,
            KeyValue::Date(_) => KeyKind::Date,
            KeyValue::Instant(_) => KeyKind::Instant,
            KeyValue::Bytes(_) => KeyKind::Bytes,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cursor {
    /// The list, by its table, e.g. `volunteer`.
    #[serde(rename = "l")]
    pub list: String,
    /// Name of the ordering, e.g. `NAME_ASC`.
    #[serde(rename = "o")]
    pub order: String,
    #[serde(rename = "k")]
    pub key: KeyValue,
    /// The row's unique key, which breaks ties.
    #[serde(rename = "i")]
    pub id: KeyValue,
}

/// What a cursor must have been issued for to be accepted.
pub struct CursorScope<'a> {
    pub list: &'a str,
    pub order: &'a str,
    pub key: KeyKind,
    pub id: KeyKind,
}

/// Cursors holding a binary sort key are padded to a multiple of this
/// many bytes before sealing.
const PADDED_BYTES: usize = 256;

impl Cursor {
    pub fn encode(&self, key: &CursorKey) -> String {
        // Serialising plain strings, dates, numbers and bytes cannot fail.
        let mut plain = serde_json::to_vec(self).unwrap_or_default();
        // A sealed message is as long as the plain one, and a name's sort
        // key as long as the name, roughly: padded, a cursor of a name
        // ordering does not tell how long the name is (any name under
        // about sixty letters gives the same length). JSON allows the
        // trailing spaces.
        if let KeyValue::Bytes(_) = self.key {
            plain.resize(plain.len().div_ceil(PADDED_BYTES) * PADDED_BYTES, b' ');
        }
        key.seal(&plain)
    }

    /// Open a cursor given as argument `field` and check that it was issued
    /// for `scope`.
    pub fn decode(
        text: &str,
        key: &CursorKey,
        scope: &CursorScope<'_>,
        field: &str,
    ) -> Result<Cursor, DomainError> {
        // The text is not repeated in the message: it is the client's own,
        // and a log line or screen showing the error needs none of it.
        let cursor: Cursor = key
            .open(text)
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(|| DomainError::validation(field, msg!("cursor-foreign", field = field)))?;
        if cursor.list != scope.list {
            return Err(DomainError::validation(
                field,
                msg!("cursor-other-list", field = field),
            ));
        }
        if cursor.order != scope.order {
            return Err(DomainError::validation(
                field,
                msg!(
                    "cursor-other-order",
                    issued = cursor.order.to_string(),
                    asked = scope.order.to_string(),
                    field = field
                ),
            ));
        }
        // A sealed cursor of the right list and ordering always has the
        // right types; checking them anyway means a key of another type can
        // never reach a comparison in SQL, whatever changes later.
        if cursor.key.kind() != scope.key || cursor.id.kind() != scope.id {
            return Err(DomainError::validation(
                field,
                msg!("cursor-misfit", field = field),
            ));
        }
        Ok(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SCOPE: CursorScope<'static> = CursorScope {
        list: "volunteer",
        order: "NAME_ASC",
        key: KeyKind::Text,
        id: KeyKind::Int,
    };

    #[test]
    fn cursors_round_trip_and_belong_to_their_list_and_ordering() {
        let key = CursorKey::from_bytes([7; 32]);
        let c = Cursor {
            list: "volunteer".into(),
            order: "NAME_ASC".into(),
            key: KeyValue::Text("Әлия".into()),
            id: KeyValue::Int(7),
        };
        assert_eq!(
            Cursor::decode(&c.encode(&key), &key, &SCOPE, "after").unwrap(),
            c
        );
        let by_id = CursorScope {
            order: "ID_ASC",
            ..SCOPE
        };
        assert!(Cursor::decode(&c.encode(&key), &key, &by_id, "after").is_err());
        let events = CursorScope {
            list: "event",
            ..SCOPE
        };
        assert!(Cursor::decode(&c.encode(&key), &key, &events, "after").is_err());
        let dates = CursorScope {
            key: KeyKind::Date,
            ..SCOPE
        };
        assert!(Cursor::decode(&c.encode(&key), &key, &dates, "after").is_err());
        assert!(Cursor::decode("bm9wZQ", &key, &SCOPE, "after").is_err());
        assert!(Cursor::decode("%%%", &key, &SCOPE, "after").is_err());
    }

    #[test]
    fn byte_keys_round_trip_and_cursors_of_names_do_not_tell_their_length() {
        let key = CursorKey::from_bytes([7; 32]);
        let scope = CursorScope {
            key: KeyKind::Bytes,
            ..SCOPE
        };
        let cursor = |bytes: Vec<u8>| Cursor {
            list: "volunteer".into(),
            order: "NAME_ASC".into(),
            key: KeyValue::Bytes(bytes),
            id: KeyValue::Int(7),
        };
        let short = cursor(vec![0x28, 0x08, 0x01, 0x00, 0xff]);
        let decoded = Cursor::decode(&short.encode(&key), &key, &scope, "after").unwrap();
        assert_eq!(decoded, short);
        let long = cursor(vec![0x28; 60]);
        assert_eq!(short.encode(&key).len(), long.encode(&key).len());
        assert!(Cursor::decode(&short.encode(&key), &key, &SCOPE, "after").is_err());
    }
}
