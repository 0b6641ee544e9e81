//! The partial index of `m20261209_000001_registrations` dropped: cached
//! statistics now keep each volunteer's registration and catch up with a
//! registration, an erasure or a move by reading the volunteers named,
//! by primary key (`statistics::registrations`), so no statement counts
//! the active volunteers by region any more and the index only cost
//! writes. PostgreSQL only, as the index was.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261210_000001_registrations_unindexed"
    }
}

const INDEX: &str = "ix_volunteer_registrations";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&format!("DROP INDEX IF EXISTS {INDEX}"))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "CREATE INDEX {INDEX} ON volunteer (region_code, registered_on, erased_at) \
                 WHERE status = 'ACTIVE'"
            ))
            .await?;
        Ok(())
    }
}
