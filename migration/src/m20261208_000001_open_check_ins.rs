//! The check-ins still open, found without reading every participation:
//! the server looks for those whose check-out never came at start and
//! every minute (`domain::auto_close`), and at national size that search
//! read all 4.9 million participations each time (a second on
//! PostgreSQL). A partial index holds only the open check-ins, a handful
//! at any moment, so the search reads those alone; a check-in adds an
//! entry and its check-out removes it. The same statement serves both
//! databases.

use sea_orm_migration::prelude::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261208_000001_open_check_ins"
    }
}

const INDEX: &str = "ix_participation_open_check_ins";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE INDEX {INDEX} ON participation (id) \
                 WHERE checked_in_at IS NOT NULL AND checked_out_at IS NULL"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!("DROP INDEX {INDEX}"))
            .await?;
        Ok(())
    }
}
