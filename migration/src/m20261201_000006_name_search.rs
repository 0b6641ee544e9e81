//! A trigram index for name search on PostgreSQL.
//!
//! Name search matches `search_name LIKE '%…%'` (see the server's
//! `domain::search`), which no B-tree can serve: without this index every
//! search reads all volunteers. PostgreSQL's `pg_trgm` (a trusted extension
//! shipped with PostgreSQL, so the database owner may create it) answers
//! such a pattern from a GIN index of the text's trigrams. SQLite has no
//! equivalent for arbitrary substrings and keeps scanning the folded
//! column, which is compact and stays well under a second at national size.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DatabaseBackend;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261201_000006_name_search"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        let db = manager.get_connection();
        db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            .await?;
        db.execute_unprepared(
            "CREATE INDEX ix_volunteer_search_name_trgm ON volunteer \
             USING gin (search_name gin_trgm_ops)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() != DatabaseBackend::Postgres {
            return Ok(());
        }
        // The extension stays: other objects of the database may use it.
        manager
            .get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS ix_volunteer_search_name_trgm")
            .await?;
        Ok(())
    }
}
