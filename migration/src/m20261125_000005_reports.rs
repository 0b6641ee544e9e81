//! Published annual reports, and the indexes the statistics read by.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000005_reports"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("annual_report")
                    .col(
                        integer("year")
                            .primary_key()
                            .check(rule("year BETWEEN 2000 AND 2100")),
                    )
                    .col(timestamp_with_time_zone("published_at"))
                    .col(text("published_by"))
                    .col(text("figures"))
                    .take(),
            )
            .await?;
        // Counted participations are found by status and day.
        manager
            .create_index(index("participation", &["status", "on_date"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("ix_participation_status_on_date")
                    .table("participation")
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table("annual_report").take())
            .await
    }
}
