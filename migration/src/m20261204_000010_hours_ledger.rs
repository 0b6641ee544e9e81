//! The hours ledger: `hours_entry`, one row per change of a participation's
//! minutes, append-only (see the entity's documentation), and the source
//! of each participation's current minutes (`participation.minutes_source`).
//!
//! Minutes recorded before the ledger become one entry each: ATTENDANCE
//! where the participation was checked out, COORDINATOR where the hours
//! were logged by hand; their actor is `system:migration` and their time
//! the check-out's (else the registration's), the best the rows tell.

use crate::ddl::{fk, id, index, one_of, reference, reference_null, rule};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261204_000010_hours_ledger"
    }
}

const SOURCES: &[&str] = &[
    "ATTENDANCE",
    "COORDINATOR",
    "SELF_REPORT",
    "IMPORT",
    "AUTO_CLOSE",
];

fn hours_entry() -> TableCreateStatement {
    Table::create()
        .table("hours_entry")
        .col(id())
        .col(reference("participation_id"))
        .col(text("source").check(one_of("source", SOURCES)))
        .col(integer("minutes").check(rule(
            "minutes <> 0 AND minutes >= -1440 AND minutes <= 1440",
        )))
        .col(text_null("review").check(one_of("review", &["PENDING", "APPROVED", "REJECTED"])))
        .col(text("actor"))
        .col(timestamp_with_time_zone("at"))
        .col(text_null("reason"))
        .col(reference_null("reverses"))
        .col(text_null("decided_by"))
        .col(timestamp_with_time_zone_null("decided_at"))
        .col(text_null("decision_reason"))
        // Only self-reports carry a decision. A reversal takes the source
        // of the entry it reverses, so sums by source net out, and the
        // opposite sign; every other entry adds minutes.
        .check(rule("(review IS NULL) = (source <> 'SELF_REPORT')"))
        .check(rule("(reverses IS NULL) = (minutes > 0)"))
        .check(rule("(decided_at IS NULL) = (decided_by IS NULL)"))
        // An entry is reversed at most once.
        .index(
            Index::create()
                .name("ux_hours_entry_reverses")
                .col("reverses")
                .unique(),
        )
        .foreign_key(&mut fk(
            "hours_entry",
            "participation_id",
            "participation",
            "id",
        ))
        .foreign_key(&mut fk("hours_entry", "reverses", "hours_entry", "id"))
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_table(hours_entry()).await?;
        manager
            .create_index(index("hours_entry", &["participation_id"]))
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("participation")
                    .add_column(
                        text_null("minutes_source").check(one_of("minutes_source", SOURCES)),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "INSERT INTO hours_entry (participation_id, source, minutes, actor, at) \
             SELECT id, CASE WHEN checked_out_at IS NOT NULL THEN 'ATTENDANCE' ELSE 'COORDINATOR' END, \
                    minutes, 'system:migration', COALESCE(checked_out_at, registered_at) \
             FROM participation WHERE minutes IS NOT NULL ORDER BY id",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE participation SET minutes_source = \
             CASE WHEN checked_out_at IS NOT NULL THEN 'ATTENDANCE' ELSE 'COORDINATOR' END \
             WHERE minutes IS NOT NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("participation")
                    .drop_column("minutes_source")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("hours_entry").to_owned())
            .await
    }
}
