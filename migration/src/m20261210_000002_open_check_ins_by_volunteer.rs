//! The open check-ins' partial index (`m20261208_000001_open_check_ins`)
//! keyed by volunteer instead of by id. A check-in asks whether its
//! volunteer is checked in elsewhere, and PostgreSQL answered that from the
//! partial index read whole, then intersected with the volunteer's rows
//! (a bitmap AND; also the plan it keeps for the prepared statement). The
//! index holds a handful of open check-ins, but also an entry for every
//! check-in closed since the last vacuum, until the vacuum comes: at
//! national size a vacuum of `participation` waits for about a million dead
//! rows, and the check-ins of a busy day read them all each time. Keyed by
//! volunteer, the question reads that volunteer's entries alone; the
//! sweep for forgotten check-outs (`domain::auto_close`) still reads the
//! index whole, as before.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261210_000002_open_check_ins_by_volunteer"
    }
}

/// The index by id, and the one by volunteer that replaces it.
const BY_ID: &str = "ix_participation_open_check_ins";
const BY_VOLUNTEER: &str = "ix_participation_open_check_ins_by_volunteer";

/// Create `index` on `key`, then drop `old`. Under a new name: on SQLite a
/// pooled connection can still see the dropped index and refuse to create
/// one of its name.
async fn replace(
    manager: &SchemaManager<'_>,
    old: &str,
    index: &str,
    key: &str,
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    db.execute_unprepared(&format!(
        "CREATE INDEX {index} ON participation ({key}) \
         WHERE checked_in_at IS NOT NULL AND checked_out_at IS NULL"
    ))
    .await?;
    db.execute_unprepared(&format!("DROP INDEX {old}")).await?;
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, BY_ID, BY_VOLUNTEER, "volunteer_id").await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        replace(manager, BY_VOLUNTEER, BY_ID, "id").await
    }
}
