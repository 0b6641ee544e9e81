//! Personal values out of the audit log, and out of what erasure left.
//!
//! Audit summaries masked names, birth dates, contacts and the IIN from the
//! start, but kept skills, languages, guardians' names, consent dates,
//! family names, roles in a family and usernames in clear. The server now
//! masks every field its input types mark personal; this migration masks
//! the same fields in the summaries written before. It also finishes
//! erasures done before erasure removed usernames and family names: the
//! accounts of erased volunteers get a placeholder username, and families
//! with no member left who is not erased lose their name.
//!
//! The list of fields below is that of the input types when this migration
//! was written; it is history, not the live definition.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000007_audit_personal_values"
    }
}

/// Each mutation's personal input fields.
const PERSONAL: &[(&str, &[&str])] = &[
    (
        "registerVolunteer",
        &[
            "fullName",
            "latinName",
            "birthDate",
            "phone",
            "email",
            "iin",
            "skills",
            "languages",
            "guardian",
            "unaccompaniedConsentOn",
            "familyRole",
        ],
    ),
    (
        "updateVolunteer",
        &[
            "fullName",
            "latinName",
            "phone",
            "email",
            "skills",
            "languages",
        ],
    ),
    ("setGuardian", &["guardian", "unaccompaniedConsentOn"]),
    ("createFamily", &["name"]),
    ("updateFamily", &["name"]),
    ("addFamilyMember", &["role"]),
    ("createAccount", &["username", "password"]),
];

const MASK: &str = "(personal data)";

/// `summary` with the fields of `personal` masked; `None` if unchanged.
fn masked(summary: &str, personal: &[&str]) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(summary).ok()?;
    let map = value.as_object_mut()?;
    let mut changed = false;
    for field in personal {
        if let Some(v) = map.get_mut(*field)
            && !serde_json::Value::is_null(v)
            && serde_json::Value::as_str(v) != Some(MASK)
        {
            *v = serde_json::Value::String(MASK.into());
            changed = true;
        }
    }
    changed.then(|| value.to_string())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for (action, personal) in PERSONAL {
            let select = Query::select()
                .columns([Alias::new("id"), Alias::new("summary")])
                .from(Alias::new("audit_log"))
                .and_where(Expr::col(Alias::new("action")).eq(*action))
                .to_owned();
            for row in db.query_all(&select).await? {
                let id: i64 = row.try_get("", "id")?;
                let summary: String = row.try_get("", "summary")?;
                let Some(summary) = masked(&summary, personal) else {
                    continue;
                };
                let update = Query::update()
                    .table(Alias::new("audit_log"))
                    .value(Alias::new("summary"), summary)
                    .and_where(Expr::col(Alias::new("id")).eq(id))
                    .to_owned();
                db.execute(&update).await?;
            }
        }
        db.execute_unprepared(
            "UPDATE account SET username = 'erased-' || id \
             WHERE volunteer_id IN (SELECT id FROM volunteer WHERE erased_at IS NOT NULL)",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE family SET name = '(erased)' \
             WHERE id IN (SELECT family_id FROM family_member) \
             AND NOT EXISTS (SELECT 1 FROM family_member m JOIN volunteer v ON v.id = m.volunteer_id \
                             WHERE m.family_id = family.id AND v.erased_at IS NULL)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, _manager: &SchemaManager) -> Result<(), DbErr> {
        // Masked values are gone for good; there is nothing to restore.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_fields_are_masked_and_the_rest_kept() {
        let summary = r#"{"volunteerId":"Vm9sdW50ZWVyOjE","skills":["first_aid"],"languages":null,"fullName":"(personal data)"}"#;
        let masked = masked(summary, &["skills", "languages", "fullName"]).unwrap();
        let value: serde_json::Value = serde_json::from_str(&masked).unwrap();
        assert_eq!(
            value,
            serde_json::json!({
                "volunteerId": "Vm9sdW50ZWVyOjE",
                "skills": "(personal data)",
                "languages": null,
                "fullName": "(personal data)"
            })
        );
        assert_eq!(super::masked(&masked, &["skills"]), None);
    }
}
