//! Exports of personal data in the audit log: who downloaded which list,
//! in which format, how many rows, and the filter's fields (not their
//! values, which may be a person's name).

use crate::domain::caller::Caller;
use crate::export::catalogue::Export;
use chrono::Utc;
use entity::audit_log;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbErr, Set};
use serde_json::{Map, Value, json};

pub struct Exported<'a> {
    pub export: &'static Export,
    pub caller: &'a Caller,
    pub format: &'static str,
    pub rows: u64,
    /// Whether every row was sent (the client may have gone away).
    pub complete: bool,
    pub variables: &'a Map<String, Value>,
    pub request_id: Option<String>,
}

pub async fn record(db: &DatabaseConnection, e: Exported<'_>) -> Result<(), DbErr> {
    let fields: Vec<&String> = match e.variables.get("filter") {
        Some(Value::Object(filter)) => filter.keys().collect(),
        _ => e.variables.keys().collect(),
    };
    audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor: Set(e.caller.audit_name()),
        action: Set(e.export.action.to_owned()),
        entity: Set(e.export.name.to_owned()),
        entity_id: Set(None),
        summary: Set(
            json!({ "format": e.format, "rows": e.rows, "complete": e.complete, "filter": fields })
                .to_string(),
        ),
        request_id: Set(e.request_id),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}
