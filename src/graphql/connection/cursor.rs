//! Opaque cursors: the ordering they belong to, the row's sort key and its
//! id, as base64url JSON. A cursor is only valid for the ordering it was
//! issued under; anything else is refused with a clear error.

use crate::domain::error::DomainError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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
}

impl KeyValue {
    pub fn to_value(&self) -> Value {
        match self {
            KeyValue::Int(n) => (*n).into(),
            KeyValue::Text(s) => s.clone().into(),
            KeyValue::Date(d) => (*d).into(),
            KeyValue::Instant(t) => (*t).into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cursor {
    /// Name of the ordering, e.g. `NAME_ASC`.
    #[serde(rename = "o")]
    pub order: String,
    #[serde(rename = "k")]
    pub key: KeyValue,
    /// The row's unique key, which breaks ties.
    #[serde(rename = "i")]
    pub id: KeyValue,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Decode a cursor issued under the ordering `order`.
    pub fn decode(text: &str, order: &str, field: &str) -> Result<Cursor, DomainError> {
        let cursor: Cursor = URL_SAFE_NO_PAD
            .decode(text)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .ok_or_else(|| {
                DomainError::validation(
                    field,
                    format!(
                        "`{text}` is not a cursor of this list; use a cursor the server returned"
                    ),
                )
            })?;
        if cursor.order != order {
            return Err(DomainError::validation(
                field,
                format!(
                    "the cursor was issued for ordering {}, not {order}; start again without `{field}` after changing the order",
                    cursor.order
                ),
            ));
        }
        Ok(cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_belong_to_their_ordering() {
        let c = Cursor {
            order: "NAME_ASC".into(),
            key: KeyValue::Text("Әлия".into()),
            id: KeyValue::Int(7),
        };
        assert_eq!(Cursor::decode(&c.encode(), "NAME_ASC", "after").unwrap(), c);
        assert!(Cursor::decode(&c.encode(), "ID_ASC", "after").is_err());
        assert!(Cursor::decode("bm9wZQ", "NAME_ASC", "after").is_err());
        assert!(Cursor::decode("%%%", "NAME_ASC", "after").is_err());
    }
}
