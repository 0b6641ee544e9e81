//! Accounts of the people who use the API: a login name, an argon2id
//! password hash (never the password), a role, the regions a coordinator is
//! scoped to, and for a volunteer the volunteer record the account is.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000004_accounts"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("account")
                    .col(id())
                    .col(text("username").unique_key().check(rule(
                        "length(username) BETWEEN 3 AND 64 AND username = lower(username)",
                    )))
                    .col(text("password_hash"))
                    .col(text("role").check(one_of(
                        "role",
                        &["ADMIN", "COORDINATOR", "VOLUNTEER", "ANALYST"],
                    )))
                    .col(reference_null("volunteer_id").unique_key())
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("disabled_at"))
                    .check(rule("role <> 'VOLUNTEER' OR volunteer_id IS NOT NULL"))
                    .foreign_key(&mut fk("account", "volunteer_id", "volunteer", "id"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("account_region")
                    .col(reference("account_id"))
                    .col(text("region_code"))
                    .primary_key(Index::create().col("account_id").col("region_code"))
                    .foreign_key(&mut fk_cascade(
                        "account_region",
                        "account_id",
                        "account",
                        "id",
                    ))
                    .foreign_key(&mut fk("account_region", "region_code", "region", "code"))
                    .take(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table("account_region").take())
            .await?;
        manager
            .drop_table(Table::drop().table("account").take())
            .await
    }
}
