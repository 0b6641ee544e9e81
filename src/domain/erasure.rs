//! What erasing a volunteer removes besides its own record: whatever of it
//! the audit log still holds, its account's username, and the name of a
//! family left with no member who is not erased (a family name names its
//! people), and its certificates (revoked, their signed text forgotten). Participations, hours, memberships and the birth date stay, so
//! statistics do not change.

use crate::domain::error::DomainResult;
use crate::domain::write::Write;
use entity::{account, audit_log, family, family_member, volunteer};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set};
use serde_json::Value;

/// What a summary keeps in place of an erased value.
const ERASED: &str = "(erased)";

/// The name an erased family keeps (the column requires one).
pub const ERASED_FAMILY_NAME: &str = "(erased)";

/// Remove the traces of volunteer `id`, being erased in `w`.
pub async fn erase_traces(w: &Write, id: i64) -> DomainResult<()> {
    forget_audit_values(w, id).await?;
    // Its certificates name it: revoked, their text forgotten.
    crate::credentials::revocation::on_erasure(w, id).await?;
    // The username often is the person's name; `erased-<account id>` is
    // unique and says nothing of whom it was.
    let accounts: Vec<i64> = account::Entity::find()
        .select_only()
        .column(account::Column::Id)
        .filter(account::Column::VolunteerId.eq(id))
        .into_tuple()
        .all(&w.tx)
        .await?;
    for account_id in accounts {
        account::Entity::update_many()
            .col_expr(
                account::Column::Username,
                Expr::value(format!("erased-{account_id}")),
            )
            .filter(account::Column::Id.eq(account_id))
            .exec(&w.tx)
            .await?;
    }
    erase_family_name_if_last(w, id).await
}

/// The volunteer's own audit entries keep which fields were given and the
/// ids they named, never a value that could be personal (summaries are
/// masked when written; this also covers entries older than that masking).
async fn forget_audit_values(w: &Write, id: i64) -> DomainResult<()> {
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("Volunteer"))
        .filter(audit_log::Column::EntityId.eq(id.to_string()))
        .all(&w.tx)
        .await?;
    for entry in entries {
        let summary: Value = serde_json::from_str(&entry.summary).unwrap_or(Value::Null);
        let mut row: audit_log::ActiveModel = entry.into();
        row.summary = Set(forget_values(None, &summary).to_string());
        audit_log::Entity::update(row).exec(&w.tx).await?;
    }
    Ok(())
}

/// `value` with every value masked except ids (fields named `…Id` or
/// `…Ids`), nulls and booleans.
fn forget_values(key: Option<&str>, value: &Value) -> Value {
    let is_id = key.is_some_and(|k| k.ends_with("Id") || k.ends_with("Ids"));
    match value {
        Value::Object(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), forget_values(Some(k), v)))
            .collect(),
        Value::Array(items) if is_id => Value::Array(items.clone()),
        Value::Array(items) => items.iter().map(|v| forget_values(key, v)).collect(),
        Value::Null | Value::Bool(_) => value.clone(),
        _ if is_id => value.clone(),
        _ => Value::String(ERASED.into()),
    }
}

/// Give the volunteer's family its placeholder name when every member is
/// now erased.
async fn erase_family_name_if_last(w: &Write, id: i64) -> DomainResult<()> {
    let Some(membership) = family_member::Entity::find()
        .filter(family_member::Column::VolunteerId.eq(id))
        .one(&w.tx)
        .await?
    else {
        return Ok(());
    };
    let others_remaining = family_member::Entity::find()
        .filter(family_member::Column::FamilyId.eq(membership.family_id))
        .filter(
            family_member::Column::VolunteerId.in_subquery(
                Query::select()
                    .column(volunteer::Column::Id)
                    .from(volunteer::Entity)
                    .and_where(volunteer::Column::ErasedAt.is_null())
                    .and_where(volunteer::Column::Id.ne(id))
                    .to_owned(),
            ),
        )
        .one(&w.tx)
        .await?;
    if others_remaining.is_none() {
        family::Entity::update_many()
            .col_expr(family::Column::Name, Expr::value(ERASED_FAMILY_NAME))
            .filter(family::Column::Id.eq(membership.family_id))
            .exec(&w.tx)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_ids_nulls_and_flags_survive() {
        let summary = json!({
            "volunteerId": "Vm9sdW50ZWVyOjE", "familyId": null, "fullName": "Әлия",
            "skills": ["first_aid"], "hazardous": true,
            "guardian": { "name": "Серік", "consentOn": "2020-01-01" },
            "detail": { "minutes": 30 }
        });
        assert_eq!(
            forget_values(None, &summary),
            json!({
                "volunteerId": "Vm9sdW50ZWVyOjE", "familyId": null, "fullName": "(erased)",
                "skills": ["(erased)"], "hazardous": true,
                "guardian": { "name": "(erased)", "consentOn": "(erased)" },
                "detail": { "minutes": "(erased)" }
            })
        );
    }
}
