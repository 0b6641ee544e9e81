//! Which input values the audit log may keep.
//!
//! A field of a mutation's input is personal when its definition says so
//! with `#[graphql(secret)]`, next to the field itself: names, birth dates,
//! contacts, the IIN, skills and languages, guardians and consents, a
//! family's name and a member's role in it, usernames and passwords, the
//! reasons and notes given with hours. That
//! one mark is read from the schema here, so the audit summary records that
//! such a field was given, never its value; async-graphql's own request
//! logging honours the same mark. Fields the schema does not know are
//! masked too, so a summary fails closed.

use async_graphql::OutputType;
use async_graphql::registry::{MetaType, MetaTypeName, Registry};
use serde_json::Value;

/// What the audit log keeps in place of a personal value.
pub const MASK: &str = "(personal data)";

/// `input`, a value of the input object type `type_name`, as the audit log
/// keeps it: personal values masked, the idempotency key left out.
pub fn audit_summary(registry: &Registry, type_name: &str, input: &Value) -> Value {
    match input {
        Value::Object(map) => {
            let fields = match registry.concrete_type_by_name(type_name) {
                Some(MetaType::InputObject { input_fields, .. }) => Some(input_fields),
                _ => None,
            };
            map.iter()
                .filter(|(k, _)| k.as_str() != "clientMutationId")
                .map(|(k, v)| {
                    let kept = match fields.and_then(|f| f.get(k)) {
                        Some(field) if !field.is_secret => {
                            audit_summary(registry, MetaTypeName::concrete_typename(&field.ty), v)
                        }
                        _ if v.is_null() => Value::Null,
                        _ => Value::String(MASK.into()),
                    };
                    (k.clone(), kept)
                })
                .collect()
        }
        Value::Array(items) => items
            .iter()
            .map(|v| audit_summary(registry, type_name, v))
            .collect(),
        other => other.clone(),
    }
}

/// Every personal field of the mutations' input types, as `Type.field`:
/// what the audit log never keeps.
pub fn declared() -> Vec<String> {
    let mut registry = Registry::default();
    super::Mutation::create_type_info(&mut registry);
    let mut out: Vec<String> = registry
        .types
        .values()
        .filter_map(|ty| match ty {
            MetaType::InputObject {
                name, input_fields, ..
            } => Some((name, input_fields)),
            _ => None,
        })
        .flat_map(|(name, fields)| {
            fields
                .values()
                .filter(|f| f.is_secret)
                .map(move |f| format!("{name}.{}", f.name))
        })
        .collect();
    out.sort();
    out
}
