//! Schema migrations of the frontoffice database.
//!
//! Every migration runs unchanged on SQLite and PostgreSQL: tables are built
//! with sea-query's schema builder, which picks each backend's types
//! (`bigserial` or `integer ... AUTOINCREMENT`, `date` or text dates), and the
//! rules the database itself can hold are written as CHECK, UNIQUE and
//! foreign-key constraints in the portable subset of SQL both understand.
//! Migrations are append-only: a released one is never edited.

pub use sea_orm_migration::prelude::*;

mod ddl;
mod m20261125_000001_registry;
mod m20261125_000002_regions;
mod m20261125_000003_idempotency;
mod m20261125_000004_accounts;
mod m20261125_000005_reports;
mod m20261201_000006_name_search;
pub mod m20261202_000007_audit_personal_values;
mod m20261202_000007_server_keys;
pub mod m20261202_000008_event_search_title;
mod m20261203_000009_name_sort_key;
pub mod m20261204_000010_hours_ledger;
mod m20261205_000011_imports;
mod m20261205_000012_open_data;
mod m20261206_000013_participation_minutes;
mod m20261207_160001_credentials;
mod m20261207_180001_accounts_for_people;
mod m20261208_000001_open_check_ins;
mod m20261209_000001_registrations;
mod m20261210_000001_registrations_unindexed;
mod m20261210_000002_open_check_ins_by_volunteer;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_registry::Migration),
            Box::new(m20261125_000002_regions::Migration),
            Box::new(m20261125_000003_idempotency::Migration),
            Box::new(m20261125_000004_accounts::Migration),
            Box::new(m20261125_000005_reports::Migration),
            Box::new(m20261201_000006_name_search::Migration),
            Box::new(m20261202_000007_server_keys::Migration),
            Box::new(m20261202_000007_audit_personal_values::Migration),
            Box::new(m20261202_000008_event_search_title::Migration),
            Box::new(m20261203_000009_name_sort_key::Migration),
            Box::new(m20261204_000010_hours_ledger::Migration),
            Box::new(m20261205_000011_imports::Migration),
            Box::new(m20261205_000012_open_data::Migration),
            Box::new(m20261206_000013_participation_minutes::Migration),
            Box::new(m20261207_180001_accounts_for_people::Migration),
            Box::new(m20261207_160001_credentials::Migration),
            Box::new(m20261208_000001_open_check_ins::Migration),
            Box::new(m20261209_000001_registrations::Migration),
            Box::new(m20261210_000001_registrations_unindexed::Migration),
            Box::new(m20261210_000002_open_check_ins_by_volunteer::Migration),
        ]
    }
}
