//! The unique constraints of the schema and the input field each guards.
//!
//! Every write checks for duplicates before inserting, and says which field
//! repeats. Two writes racing on PostgreSQL (READ COMMITTED) can both pass
//! that check; the database's constraint then refuses the second insert.
//! That refusal is the same conflict, so it is answered the same way:
//! CONFLICT naming the field, never INTERNAL. On SQLite writers take turns
//! (`BEGIN IMMEDIATE`), so the check itself answers; the mapping still
//! holds for any write that reaches the constraint.

use crate::domain::error::DomainError;
use crate::i18n::Message;
use crate::msg;
use sea_orm::{DbErr, SqlErr};

/// One unique constraint: its name on PostgreSQL, its columns as SQLite
/// reports them, the input field it guards and the message (its id in the
/// catalogues) to tell the caller.
struct Unique {
    constraint: &'static str,
    columns: &'static str,
    field: &'static str,
    message: &'static str,
}

const UNIQUES: &[Unique] = &[
    Unique {
        constraint: "volunteer_iin_hash_key",
        columns: "volunteer.iin_hash",
        field: "input.iin",
        message: "iin-registered",
    },
    Unique {
        constraint: "account_username_key",
        columns: "account.username",
        field: "input.username",
        message: "username-taken",
    },
    Unique {
        constraint: "account_volunteer_id_key",
        columns: "account.volunteer_id",
        field: "input.volunteerId",
        message: "volunteer-has-account",
    },
    Unique {
        constraint: "annual_report_pkey",
        columns: "annual_report.year",
        field: "input.year",
        message: "report-already-published",
    },
    Unique {
        constraint: "ux_participation_volunteer_event",
        columns: "participation.volunteer_id, participation.event_id",
        field: "input.volunteerId",
        message: "already-registered",
    },
    Unique {
        constraint: "project_name_key",
        columns: "project.name",
        field: "input.name",
        message: "project-name-exists",
    },
    Unique {
        constraint: "ux_organization_name_country",
        columns: "organization.name, organization.country_code",
        field: "input.name",
        message: "organization-name-exists",
    },
    Unique {
        constraint: "ix_front_office_region_code",
        columns: "front_office.region_code",
        field: "input.regionCode",
        message: "region-office-exists",
    },
    Unique {
        constraint: "ux_front_office_republican",
        columns: "front_office.kind",
        field: "input.kind",
        message: "republican-office-exists",
    },
    Unique {
        constraint: "front_office_partner_pkey",
        columns: "front_office_partner.front_office_id, front_office_partner.organization_id",
        field: "input.organizationId",
        message: "already-partner",
    },
    Unique {
        constraint: "family_member_pkey",
        columns: "family_member.volunteer_id",
        field: "input.volunteerId",
        message: "already-in-a-family",
    },
    Unique {
        constraint: "exchange_participant_pkey",
        columns: "exchange_participant.exchange_id, exchange_participant.volunteer_id",
        field: "input.volunteerId",
        message: "already-in-exchange",
    },
];

/// The conflict a unique violation means, or `None` for any other error.
pub fn conflict(err: &DbErr) -> Option<DomainError> {
    let Some(SqlErr::UniqueConstraintViolation(detail)) = err.sql_err() else {
        return None;
    };
    Some(match guarded_by(&detail) {
        Some(unique) => DomainError::conflict_on(unique.field, Message::new(unique.message)),
        None => {
            // A constraint missing from the list above: still a conflict,
            // named in the log so the list can be completed.
            tracing::warn!(detail = %detail, "unique violation of an unlisted constraint");
            DomainError::conflict(msg!("would-duplicate"))
        }
    })
}

/// The constraint a database's message names: PostgreSQL quotes the
/// constraint's name, SQLite lists the columns after a fixed prefix.
fn guarded_by(detail: &str) -> Option<&'static Unique> {
    let sqlite_columns = detail
        .split_once("UNIQUE constraint failed: ")
        .map(|(_, columns)| columns.trim());
    UNIQUES.iter().find(|u| {
        sqlite_columns == Some(u.columns) || detail.contains(&format!("\"{}\"", u.constraint))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_backends_messages_name_the_field() {
        let pg = r#"duplicate key value violates unique constraint "volunteer_iin_hash_key""#;
        assert_eq!(guarded_by(pg).map(|u| u.field), Some("input.iin"));
        let sqlite = "UNIQUE constraint failed: participation.volunteer_id, participation.event_id";
        assert_eq!(
            guarded_by(sqlite).map(|u| u.field),
            Some("input.volunteerId")
        );
        // A prefix of another constraint's columns is not that constraint.
        assert!(guarded_by("UNIQUE constraint failed: account.username_x").is_none());
    }

    #[test]
    fn every_conflict_has_its_message_in_the_catalogues() {
        for unique in UNIQUES {
            let text = Message::new(unique.message).english();
            assert_ne!(text, unique.message, "{} has no message", unique.constraint);
        }
    }
}
