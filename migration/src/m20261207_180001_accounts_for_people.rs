//! Accounts for people: volunteers who sign themselves up (PENDING until a
//! coordinator confirms them), token versions that revoke old tokens at
//! once, password resets, and the history of sign-ins.
//!
//! - `volunteer.status`: `ACTIVE` (in the register) or `PENDING` (signed
//!   up, not yet confirmed; counted nowhere). Every volunteer before this
//!   migration is active.
//! - `account.token_version`: carried by tokens; bumping it revokes every
//!   token issued before. Versions only grow, and a bump takes the
//!   greatest version of all accounts plus one, so `MAX(token_version)`
//!   (indexed) changes with every revocation.
//! - `account.email`: where password-reset codes are sent.
//! - `sign_up`: what a sign-up asked for until it is confirmed (the
//!   guardian account named by a minor, the legal representative named).
//! - `password_reset`: one-time codes, kept only as keyed hashes.
//! - `sign_in`: every sign-in attempt (time, account, client address,
//!   outcome); the account name only as a keyed hash.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_180001_accounts_for_people"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("volunteer")
                    .add_column(
                        text("status")
                            .default("ACTIVE")
                            .check(one_of("status", &["ACTIVE", "PENDING"])),
                    )
                    .take(),
            )
            .await?;
        let db = manager.get_connection();
        // Coordinators list the sign-ups waiting in their regions.
        db.execute_unprepared(
            "CREATE INDEX ix_volunteer_pending ON volunteer (region_code) WHERE status = 'PENDING'",
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("account")
                    .add_column(big_integer("token_version").default(0))
                    .take(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table("account")
                    .add_column(text_null("email"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("account", &["token_version"]))
            .await?;
        manager.create_index(index("account", &["email"])).await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_up")
                    .col(reference("volunteer_id").primary_key())
                    .col(reference("account_id"))
                    .col(timestamp_with_time_zone("signed_up_at"))
                    .col(reference_null("guardian_account_id"))
                    .col(timestamp_with_time_zone_null("guardian_confirmed_at"))
                    .col(text_null("representative_name"))
                    .foreign_key(&mut fk("sign_up", "volunteer_id", "volunteer", "id"))
                    .foreign_key(&mut fk("sign_up", "account_id", "account", "id"))
                    .foreign_key(&mut fk("sign_up", "guardian_account_id", "account", "id"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("sign_up", &["guardian_account_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("password_reset")
                    .col(id())
                    .col(reference("account_id"))
                    .col(text("code_hash").unique_key())
                    .col(text("kind").check(one_of("kind", &["EMAIL", "COORDINATOR"])))
                    .col(text("issued_by"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("password_reset", "account_id", "account", "id"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("password_reset", &["account_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("sign_in")
                    .col(id())
                    .col(timestamp_with_time_zone("at"))
                    .col(reference_null("account_id"))
                    .col(text("name_key"))
                    .col(text_null("client_address"))
                    .col(text("outcome").check(one_of(
                        "outcome",
                        &["SUCCEEDED", "FAILED", "LOCKED", "DISABLED"],
                    )))
                    .foreign_key(&mut fk("sign_in", "account_id", "account", "id"))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("sign_in", &["name_key", "at"]))
            .await?;
        manager
            .create_index(index("sign_in", &["account_id", "at"]))
            .await?;
        manager.create_index(index("sign_in", &["at"])).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["sign_in", "password_reset", "sign_up"] {
            manager
                .drop_table(Table::drop().table(table).take())
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX ix_account_email").await?;
        db.execute_unprepared("DROP INDEX ix_account_token_version")
            .await?;
        db.execute_unprepared("DROP INDEX ix_volunteer_pending")
            .await?;
        for (table, column) in [
            ("account", "email"),
            ("account", "token_version"),
            ("volunteer", "status"),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).take())
                .await?;
        }
        Ok(())
    }
}
