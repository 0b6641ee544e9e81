//! The digital volunteer passport: `issuer_key`, the Ed25519 keys that
//! sign credentials (the private half sealed, see the server's
//! `credentials::keys`), `credential`, every certificate issued with its
//! place in a Bitstring Status List and whether it is revoked, and
//! `credential_participation`, the participations a credential certifies
//! with the minutes it certified of each, so a later correction that lowers
//! them finds the credentials to revoke.

use crate::ddl::{fk, id, index, one_of, reference, rule};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261207_160001_credentials"
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("issuer_key")
                    .col(id())
                    .col(text("kid").unique_key())
                    .col(text("public_key"))
                    .col(text("sealed_secret"))
                    .col(timestamp_with_time_zone("created_at"))
                    .take(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("credential")
                    .col(id())
                    .col(text("uid").unique_key())
                    .col(reference("volunteer_id"))
                    .col(text("kind").check(one_of("kind", &["PERIOD", "EVENT", "MILESTONE"])))
                    .col(date_null("period_from"))
                    .col(date_null("period_to"))
                    .col(big_integer_null("event_id"))
                    .col(integer_null("milestone_hours"))
                    .col(big_integer("minutes").check(rule("minutes > 0")))
                    .col(text("issuer_name"))
                    .col(text("lang").check(one_of("lang", &["kk", "ru", "en"])))
                    .col(timestamp_with_time_zone("issued_at"))
                    .col(timestamp_with_time_zone_null("valid_until"))
                    .col(text("issued_by"))
                    .col(text("kid"))
                    .col(integer("status_list").check(rule("status_list >= 1")))
                    .col(integer("status_index").check(rule("status_index >= 0")))
                    .col(timestamp_with_time_zone_null("revoked_at"))
                    .col(text_null("revocation_reason").check(one_of(
                        "revocation_reason",
                        &["HOURS_CORRECTED", "EVENT_CANCELLED", "VOLUNTEER_ERASED"],
                    )))
                    .col(text_null("jwt"))
                    .foreign_key(&mut fk("credential", "volunteer_id", "volunteer", "id"))
                    .index(
                        Index::create()
                            .name("ux_credential_status")
                            .col("status_list")
                            .col("status_index")
                            .unique(),
                    )
                    .take(),
            )
            .await?;
        manager
            .create_index(index("credential", &["volunteer_id"]))
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("credential_participation")
                    .col(reference("credential_id"))
                    .col(reference("participation_id"))
                    .col(integer("minutes"))
                    .primary_key(Index::create().col("credential_id").col("participation_id"))
                    .foreign_key(&mut fk(
                        "credential_participation",
                        "credential_id",
                        "credential",
                        "id",
                    ))
                    .foreign_key(&mut fk(
                        "credential_participation",
                        "participation_id",
                        "participation",
                        "id",
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index("credential_participation", &["participation_id"]))
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["credential_participation", "credential", "issuer_key"] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
