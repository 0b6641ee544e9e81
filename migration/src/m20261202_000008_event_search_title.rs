//! Event titles folded for search, like volunteers' names.
//!
//! A title condition must ignore case in Kazakh and Russian Cyrillic on
//! both databases, and SQLite's `lower()` and `LIKE` fold ASCII only. The
//! server therefore stores each title folded (`event.search_title`) when it
//! writes the event; this migration adds the column and folds the titles
//! already stored. On PostgreSQL a trigram index serves the substring
//! pattern, as for names.
//!
//! The folding below is the server's at the time of writing (lower case,
//! `ё` as `е`, whitespace collapsed); it is history, not the live
//! definition.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000008_event_search_title"
    }
}

fn fold(text: &str) -> String {
    let lowered = text.to_lowercase().replace('ё', "е");
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Fill `search_title` of every event that has none.
pub async fn fold_titles(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let select = Query::select()
        .columns([Alias::new("id"), Alias::new("title")])
        .from(Alias::new("event"))
        .and_where(Expr::col(Alias::new("search_title")).is_null())
        .to_owned();
    for row in db.query_all(&select).await? {
        let id: i64 = row.try_get("", "id")?;
        let title: String = row.try_get("", "title")?;
        let update = Query::update()
            .table(Alias::new("event"))
            .value(Alias::new("search_title"), fold(&title))
            .and_where(Expr::col(Alias::new("id")).eq(id))
            .to_owned();
        db.execute(&update).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("event"))
                    .add_column(ColumnDef::new(Alias::new("search_title")).text().null())
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        fold_titles(db).await?;
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            // The extension was created with the index of names.
            db.execute_unprepared(
                "CREATE INDEX ix_event_search_title_trgm ON event \
                 USING gin (search_title gin_trgm_ops)",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP INDEX IF EXISTS ix_event_search_title_trgm")
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(Alias::new("event"))
                    .drop_column(Alias::new("search_title"))
                    .to_owned(),
            )
            .await
    }
}
