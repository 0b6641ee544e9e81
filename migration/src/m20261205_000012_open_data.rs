//! Open data: `open_data_release`, the versions of a year's open-data
//! bundle. Version 1 is published with the annual report; each
//! correction published later adds the next version. A release keeps the
//! figures it was made from and the small-group thresholds it applied, so
//! its files read the same for good.

use crate::ddl::{id, rule};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261205_000012_open_data"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("open_data_release")
                    .col(id())
                    .col(integer("year"))
                    .col(integer("version").check(rule("version >= 1")))
                    .col(timestamp_with_time_zone("published_at"))
                    .col(text("published_by"))
                    .col(text_null("note"))
                    .col(integer("min_group"))
                    .col(integer("minor_min_group"))
                    .col(text("figures"))
                    .index(
                        Index::create()
                            .name("ux_open_data_release_year_version")
                            .col("year")
                            .col("version")
                            .unique(),
                    )
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("open_data_release").to_owned())
            .await
    }
}
