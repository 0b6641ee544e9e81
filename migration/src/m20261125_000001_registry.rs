//! The register of volunteer activity: every table of the objects in
//! docs/domain.md.
//!
//! Rules the database holds by itself (so no code path can break them):
//! closed vocabularies (CHECK ... IN), one republican office and one office
//! per region, a volunteer in at most one family (membership keyed by the
//! volunteer), no duplicate participation (UNIQUE volunteer+event), an event
//! ending after it starts, positive capacity, hours of one participation
//! between 1 minute and 24 hours, check-out after check-in, ATTENDED only
//! with hours, verification only of attended participations, exchanges
//! ending on or after their start and never with Kazakhstan itself,
//! non-negative counts, registration not before birth, an IIN hash unique
//! across the country. Rules that need other rows or the clock (guardians,
//! capacity, the 24-hours-a-day limit, minimum age) live in the domain layer.

use crate::ddl::*;
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

pub struct Migration;

impl MigrationName for Migration {
    fn name(&self) -> &str {
        "m20261125_000001_registry"
    }
}

const BENEFICIARY_CATEGORIES: &[&str] = &[
    "VETERAN",
    "HOME_FRONT_WORKER",
    "SOCIALLY_VULNERABLE",
    "CHILD",
    "ELDERLY",
    "DISABLED",
    "OTHER",
];

/// Tables in creation order; dropped in reverse.
const TABLES: &[&str] = &[
    "region",
    "organization",
    "front_office",
    "front_office_partner",
    "volunteer",
    "volunteer_tag",
    "family",
    "family_member",
    "project",
    "project_beneficiary_category",
    "event",
    "participation",
    "beneficiaries_served",
    "international_exchange",
    "exchange_participant",
    "audit_log",
];

fn region() -> TableCreateStatement {
    Table::create()
        .table("region")
        .col(string_len("code", 5).primary_key())
        .col(text("kind").check(one_of("kind", &["REGION", "CITY"])))
        .col(text("name_kk"))
        .col(text("name_ru"))
        .col(text("name_en"))
        .check(rule("code LIKE 'KZ-__'"))
        .take()
}

fn organization() -> TableCreateStatement {
    Table::create()
        .table("organization")
        .col(id())
        .col(text("name").check(rule("length(name) > 0")))
        .col(text("kind").check(one_of(
            "kind",
            &[
                "INTERNATIONAL",
                "VOLUNTEER_ORGANIZATION",
                "NGO",
                "STATE_BODY",
                "COMPANY",
                "OTHER",
            ],
        )))
        .col(string_len("country_code", 2).check(country_rule("country_code")))
        .index(
            Index::create()
                .name("ux_organization_name_country")
                .col("name")
                .col("country_code")
                .unique(),
        )
        .take()
}

fn front_office() -> TableCreateStatement {
    Table::create()
        .table("front_office")
        .col(id())
        .col(text("kind").check(one_of("kind", &["REPUBLICAN", "REGIONAL"])))
        .col(string_len_null("region_code", 5))
        .col(text("name").check(rule("length(name) > 0")))
        .col(date("opened_on"))
        .check(rule(
            "(kind = 'REPUBLICAN' AND region_code IS NULL) OR (kind = 'REGIONAL' AND region_code IS NOT NULL)",
        ))
        .foreign_key(&mut fk("front_office", "region_code", "region", "code"))
        .take()
}

fn front_office_partner() -> TableCreateStatement {
    Table::create()
        .table("front_office_partner")
        .col(reference("front_office_id"))
        .col(reference("organization_id"))
        .col(date("since"))
        .primary_key(
            Index::create()
                .col("front_office_id")
                .col("organization_id"),
        )
        .foreign_key(&mut fk_cascade(
            "front_office_partner",
            "front_office_id",
            "front_office",
            "id",
        ))
        .foreign_key(&mut fk(
            "front_office_partner",
            "organization_id",
            "organization",
            "id",
        ))
        .take()
}

fn volunteer() -> TableCreateStatement {
    Table::create()
        .table("volunteer")
        .col(id())
        .col(text_null("full_name"))
        .col(text_null("latin_name"))
        .col(text_null("search_name"))
        .col(date("birth_date"))
        .col(string_len("region_code", 5))
        .col(date("registered_on"))
        .col(text_null("phone"))
        .col(text_null("email"))
        .col(text_null("iin_hash").unique_key())
        .col(text_null("guardian_name"))
        .col(date_null("guardian_consent_on"))
        .col(date_null("unaccompanied_consent_on"))
        .col(timestamp_with_time_zone_null("erased_at"))
        .col(timestamp_with_time_zone("created_at"))
        .col(timestamp_with_time_zone("updated_at"))
        .check(rule(
            "erased_at IS NOT NULL OR (full_name IS NOT NULL AND length(full_name) > 0)",
        ))
        .check(rule("registered_on >= birth_date"))
        .check(rule(
            "(guardian_name IS NULL) = (guardian_consent_on IS NULL)",
        ))
        .foreign_key(&mut fk("volunteer", "region_code", "region", "code"))
        .take()
}

fn volunteer_tag() -> TableCreateStatement {
    Table::create()
        .table("volunteer_tag")
        .col(reference("volunteer_id"))
        .col(text("kind").check(one_of("kind", &["SKILL", "LANGUAGE"])))
        .col(text("tag").check(rule("length(tag) > 0 AND tag = lower(tag)")))
        .primary_key(Index::create().col("volunteer_id").col("kind").col("tag"))
        .foreign_key(&mut fk_cascade(
            "volunteer_tag",
            "volunteer_id",
            "volunteer",
            "id",
        ))
        .take()
}

fn family() -> TableCreateStatement {
    Table::create()
        .table("family")
        .col(id())
        .col(text("name").check(rule("length(name) > 0")))
        .col(string_len("region_code", 5))
        .col(date("created_on"))
        .foreign_key(&mut fk("family", "region_code", "region", "code"))
        .take()
}

fn family_member() -> TableCreateStatement {
    Table::create()
        .table("family_member")
        .col(reference("volunteer_id").primary_key())
        .col(reference("family_id"))
        .col(text("role").check(one_of("role", &["GUARDIAN", "CHILD", "OTHER"])))
        .col(date("joined_on"))
        .foreign_key(&mut fk_cascade(
            "family_member",
            "volunteer_id",
            "volunteer",
            "id",
        ))
        .foreign_key(&mut fk("family_member", "family_id", "family", "id"))
        .take()
}

fn project() -> TableCreateStatement {
    Table::create()
        .table("project")
        .col(id())
        .col(text("name").unique_key().check(rule("length(name) > 0")))
        .col(text_null("description"))
        .col(date("started_on"))
        .col(reference("owner_front_office_id"))
        .foreign_key(&mut fk(
            "project",
            "owner_front_office_id",
            "front_office",
            "id",
        ))
        .take()
}

fn project_beneficiary_category() -> TableCreateStatement {
    Table::create()
        .table("project_beneficiary_category")
        .col(reference("project_id"))
        .col(text("category").check(one_of("category", BENEFICIARY_CATEGORIES)))
        .primary_key(Index::create().col("project_id").col("category"))
        .foreign_key(&mut fk_cascade(
            "project_beneficiary_category",
            "project_id",
            "project",
            "id",
        ))
        .take()
}

fn event() -> TableCreateStatement {
    Table::create()
        .table("event")
        .col(id())
        .col(text("title").check(rule("length(title) > 0")))
        .col(text("kind").check(one_of("kind", &["EVENT", "ACTION", "RAID"])))
        .col(text("level").check(one_of(
            "level",
            &["REGIONAL", "REPUBLICAN", "INTERNATIONAL"],
        )))
        .col(text("activity_type").check(one_of(
            "activity_type",
            &[
                "SOCIAL_SUPPORT",
                "VETERAN_CARE",
                "EDUCATION",
                "ENVIRONMENT",
                "CULTURE",
                "SPORTS",
                "HEALTH",
                "ANIMAL_WELFARE",
                "CIVIC",
                "EMERGENCY_RESPONSE",
                "DISASTER_RELIEF",
                "OTHER",
            ],
        )))
        .col(boolean("hazardous").default(false))
        .col(reference_null("project_id"))
        .col(string_len("region_code", 5))
        .col(timestamp_with_time_zone("starts_at"))
        .col(timestamp_with_time_zone("ends_at"))
        .col(integer_null("capacity").check(rule("capacity IS NULL OR capacity > 0")))
        .col(text("status").check(one_of(
            "status",
            &["PLANNED", "ONGOING", "COMPLETED", "CANCELLED"],
        )))
        .check(rule("ends_at > starts_at"))
        .foreign_key(&mut fk("event", "project_id", "project", "id"))
        .foreign_key(&mut fk("event", "region_code", "region", "code"))
        .take()
}

fn participation() -> TableCreateStatement {
    Table::create()
        .table("participation")
        .col(id())
        .col(reference("volunteer_id"))
        .col(reference("event_id"))
        .col(text("status").check(one_of("status", &["REGISTERED", "ATTENDED", "NO_SHOW", "CANCELLED"])))
        .col(timestamp_with_time_zone("registered_at"))
        .col(timestamp_with_time_zone_null("checked_in_at"))
        .col(timestamp_with_time_zone_null("checked_out_at"))
        .col(integer_null("minutes").check(rule("minutes IS NULL OR (minutes > 0 AND minutes <= 1440)")))
        .col(date("on_date"))
        .col(timestamp_with_time_zone_null("verified_at"))
        .col(text_null("verified_by"))
        .check(rule("checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at > checked_in_at)"))
        .check(rule("status <> 'ATTENDED' OR minutes IS NOT NULL"))
        .check(rule("verified_at IS NULL OR status = 'ATTENDED'"))
        .check(rule("(verified_at IS NULL) = (verified_by IS NULL)"))
        .index(Index::create().name("ux_participation_volunteer_event").col("volunteer_id").col("event_id").unique())
        .foreign_key(&mut fk("participation", "volunteer_id", "volunteer", "id"))
        .foreign_key(&mut fk("participation", "event_id", "event", "id"))
        .take()
}

fn beneficiaries_served() -> TableCreateStatement {
    Table::create()
        .table("beneficiaries_served")
        .col(reference("event_id"))
        .col(text("category").check(one_of("category", BENEFICIARY_CATEGORIES)))
        .col(integer("count").check(rule("count >= 0")))
        .primary_key(Index::create().col("event_id").col("category"))
        .foreign_key(&mut fk_cascade(
            "beneficiaries_served",
            "event_id",
            "event",
            "id",
        ))
        .take()
}

fn international_exchange() -> TableCreateStatement {
    Table::create()
        .table("international_exchange")
        .col(id())
        .col(text("title").check(rule("length(title) > 0")))
        .col(text("direction").check(one_of("direction", &["INBOUND", "OUTBOUND"])))
        .col(string_len("country_code", 2).check(country_rule("country_code")))
        .col(reference_null("organization_id"))
        .col(reference_null("event_id"))
        .col(date("starts_on"))
        .col(date("ends_on"))
        .col(
            integer("foreign_participants")
                .default(0)
                .check(rule("foreign_participants >= 0")),
        )
        .check(rule("ends_on >= starts_on"))
        .check(rule("country_code <> 'KZ'"))
        .foreign_key(&mut fk(
            "international_exchange",
            "organization_id",
            "organization",
            "id",
        ))
        .foreign_key(&mut fk("international_exchange", "event_id", "event", "id"))
        .take()
}

fn exchange_participant() -> TableCreateStatement {
    Table::create()
        .table("exchange_participant")
        .col(reference("exchange_id"))
        .col(reference("volunteer_id"))
        .primary_key(Index::create().col("exchange_id").col("volunteer_id"))
        .foreign_key(&mut fk_cascade(
            "exchange_participant",
            "exchange_id",
            "international_exchange",
            "id",
        ))
        .foreign_key(&mut fk(
            "exchange_participant",
            "volunteer_id",
            "volunteer",
            "id",
        ))
        .take()
}

fn audit_log() -> TableCreateStatement {
    Table::create()
        .table("audit_log")
        .col(id())
        .col(timestamp_with_time_zone("at"))
        .col(text("actor"))
        .col(text("action"))
        .col(text("entity"))
        .col(text_null("entity_id"))
        .col(text("summary"))
        .col(text_null("request_id"))
        .take()
}

/// Indexes for the foreign keys that loaders follow and the ranges that
/// statistics and filters scan.
fn indexes() -> Vec<IndexCreateStatement> {
    vec![
        // At most one office per region, and exactly one republican office
        // (a partial unique index: both backends support `WHERE` on indexes).
        index("front_office", &["region_code"]).unique().take(),
        Index::create()
            .name("ux_front_office_republican")
            .table("front_office")
            .col("kind")
            .unique()
            .and_where(Expr::col("kind").eq("REPUBLICAN"))
            .take(),
        index("volunteer", &["region_code", "registered_on"]),
        index("volunteer", &["registered_on"]),
        index("volunteer", &["birth_date"]),
        index("volunteer_tag", &["kind", "tag"]),
        index("family", &["region_code"]),
        index("family_member", &["family_id"]),
        index("project", &["owner_front_office_id"]),
        index("event", &["starts_at"]),
        index("event", &["region_code", "starts_at"]),
        index("event", &["project_id", "starts_at"]),
        index("participation", &["event_id", "status"]),
        index("participation", &["on_date"]),
        index("international_exchange", &["starts_on", "ends_on"]),
        index("exchange_participant", &["volunteer_id"]),
        index("audit_log", &["at"]),
        index("audit_log", &["entity", "entity_id"]),
    ]
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            region(),
            organization(),
            front_office(),
            front_office_partner(),
            volunteer(),
            volunteer_tag(),
            family(),
            family_member(),
            project(),
            project_beneficiary_category(),
            event(),
            participation(),
            beneficiaries_served(),
            international_exchange(),
            exchange_participant(),
            audit_log(),
        ] {
            manager.create_table(table).await?;
        }
        for index in indexes() {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in TABLES.iter().rev() {
            manager
                .drop_table(Table::drop().table(*table).take())
                .await?;
        }
        Ok(())
    }
}
