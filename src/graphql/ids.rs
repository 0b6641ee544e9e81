//! Global object identifiers.
//!
//! An `ID` is opaque to clients: base64url of `Type:key`. The type travels
//! inside the id, so a Volunteer's id presented where an Event is expected
//! is refused instead of loading event number N.

use crate::domain::error::DomainError;
use crate::msg;
use async_graphql::ID;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Every type that has a global id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeType {
    Region,
    FrontOffice,
    Organization,
    Volunteer,
    Family,
    Project,
    Event,
    Participation,
    InternationalExchange,
    HoursEntry,
}

impl NodeType {
    pub const ALL: [NodeType; 10] = [
        NodeType::Region,
        NodeType::FrontOffice,
        NodeType::Organization,
        NodeType::Volunteer,
        NodeType::Family,
        NodeType::Project,
        NodeType::Event,
        NodeType::Participation,
        NodeType::InternationalExchange,
        NodeType::HoursEntry,
    ];

    /// The GraphQL type name, which is also the prefix inside the id.
    pub fn name(self) -> &'static str {
        match self {
            NodeType::Region => "Region",
            NodeType::FrontOffice => "FrontOffice",
            NodeType::Organization => "Organization",
            NodeType::Volunteer => "Volunteer",
            NodeType::Family => "Family",
            NodeType::Project => "Project",
            NodeType::Event => "Event",
            NodeType::Participation => "Participation",
            NodeType::InternationalExchange => "InternationalExchange",
            NodeType::HoursEntry => "HoursEntry",
        }
    }

    fn from_name(name: &str) -> Option<NodeType> {
        NodeType::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// The global id of an object whose key is `key`.
pub fn encode(ty: NodeType, key: impl std::fmt::Display) -> ID {
    ID(URL_SAFE_NO_PAD.encode(format!("{}:{key}", ty.name())))
}

/// Split any global id into its type and key.
pub fn decode_any(id: &ID) -> Result<(NodeType, String), DomainError> {
    let invalid = || DomainError::validation("id", msg!("not-an-id", id = id.as_str()));
    let bytes = URL_SAFE_NO_PAD
        .decode(id.as_bytes())
        .map_err(|_| invalid())?;
    let text = String::from_utf8(bytes).map_err(|_| invalid())?;
    let (name, key) = text.split_once(':').ok_or_else(invalid)?;
    let ty = NodeType::from_name(name).ok_or_else(invalid)?;
    Ok((ty, key.to_owned()))
}

/// The key of an id that must be of type `ty`; `field` names the argument
/// for the error.
pub fn decode_key(id: &ID, ty: NodeType, field: &str) -> Result<String, DomainError> {
    let (actual, key) = decode_any(id).map_err(|_| {
        DomainError::validation(
            field,
            msg!("not-an-id-of", id = id.as_str(), ty = ty.name()),
        )
    })?;
    if actual != ty {
        return Err(DomainError::validation(
            field,
            msg!(
                "id-of-other-type",
                id = id.as_str(),
                actual = actual.name(),
                ty = ty.name()
            ),
        ));
    }
    Ok(key)
}

/// The numeric key of an id that must be of type `ty`.
pub fn decode_int(id: &ID, ty: NodeType, field: &str) -> Result<i64, DomainError> {
    let key = decode_key(id, ty, field)?;
    key.parse().map_err(|_| {
        DomainError::validation(
            field,
            msg!("not-an-id-of", id = id.as_str(), ty = ty.name()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_keep_their_type() {
        let id = encode(NodeType::Volunteer, 42);
        assert_eq!(decode_int(&id, NodeType::Volunteer, "id").unwrap(), 42);
        let err = decode_int(&id, NodeType::Event, "id").unwrap_err();
        assert_eq!(err.code(), crate::error_code::ErrorCode::Validation);
        assert!(err.message().to_string().contains("Volunteer"), "{err:?}");
    }

    #[test]
    fn garbage_is_refused_not_panicked_on() {
        for raw in ["", "!!!", "Vm9sdW50ZWVy", &URL_SAFE_NO_PAD.encode("Nope:1")] {
            assert!(decode_any(&ID(raw.to_owned())).is_err(), "{raw}");
        }
        let not_a_number = encode(NodeType::Event, "x");
        assert!(decode_int(&not_a_number, NodeType::Event, "id").is_err());
    }
}
