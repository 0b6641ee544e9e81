//! Idempotency keys of mutations (Stripe's design): the first result of a
//! keyed mutation is stored, errors included, and replayed to a retry with
//! the same key and the same input; the same key with another input is
//! refused. Keys belong to the caller who used them and expire.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000003_idempotency"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("idempotency_key")
                    .col(text("caller"))
                    .col(text("key").check(rule("length(key) BETWEEN 1 AND 255")))
                    .col(text("operation"))
                    .col(text("request_hash"))
                    .col(text("response"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .primary_key(Index::create().col("caller").col("key"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("idempotency_key", &["expires_at"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("idempotency_key").take())
            .await
    }
}
