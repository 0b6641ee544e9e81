//! The server's own secret keys, for databases started without configured
//! ones (the embedded SQLite default): generated once, on first start, and
//! kept here so every later start and every command on the same database
//! signs and hashes with the same keys.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261202_000007_server_keys"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("server_key")
                    // `token-signing` or `iin-hash`; the primary key makes
                    // two processes starting at once agree on one key.
                    .col(text("name").primary_key())
                    .col(text("secret"))
                    .col(timestamp_with_time_zone("created_at"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("server_key").take())
            .await
    }
}
