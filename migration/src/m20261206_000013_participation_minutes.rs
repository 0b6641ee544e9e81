//! The minutes of a range of volunteers read from an index alone: the sum
//! behind `totalMinutes` (attended participations of events not cancelled)
//! for a page of an export, or a loader's batch, walks index entries in
//! volunteer order instead of reading every participation row, which lie
//! in the order they were registered.
//!
//! PostgreSQL carries the two columns in the unique index of a volunteer's
//! participation in an event (`INCLUDE`): no index more to keep, and a
//! check-out, which changes the status and the minutes, already writes a
//! new entry in every index. SQLite has no `INCLUDE`, so it gets an index
//! of its own.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261206_000013_participation_minutes"
    }
}

const UNIQUE: &str = "ux_participation_volunteer_event";
const SQLITE_INDEX: &str = "ix_participation_volunteer_minutes";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                let db = manager.get_connection();
                db.execute_unprepared(&format!(
                    "ALTER TABLE participation DROP CONSTRAINT {UNIQUE}"
                ))
                .await?;
                db.execute_unprepared(&format!(
                    "CREATE UNIQUE INDEX {UNIQUE} ON participation (volunteer_id, event_id) \
                     INCLUDE (status, minutes)"
                ))
                .await?;
                Ok(())
            }
            _ => {
                manager
                    .create_index(
                        Index::create()
                            .name(SQLITE_INDEX)
                            .table("participation")
                            .col("volunteer_id")
                            .col("status")
                            .col("event_id")
                            .col("minutes")
                            .to_owned(),
                    )
                    .await
            }
        }
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                let db = manager.get_connection();
                db.execute_unprepared(&format!("DROP INDEX {UNIQUE}"))
                    .await?;
                db.execute_unprepared(&format!(
                    "ALTER TABLE participation ADD CONSTRAINT {UNIQUE} \
                     UNIQUE (volunteer_id, event_id)"
                ))
                .await?;
                Ok(())
            }
            _ => {
                manager
                    .drop_index(
                        Index::drop()
                            .name(SQLITE_INDEX)
                            .table("participation")
                            .to_owned(),
                    )
                    .await
            }
        }
    }
}
