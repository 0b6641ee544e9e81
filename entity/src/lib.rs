//! SeaORM entities of the frontoffice database: one module per table.
//!
//! The tables are created by the `migration` crate; these modules only
//! describe them to SeaORM. Relations are deliberately not declared here:
//! the GraphQL layer loads every relation through batching loaders with
//! explicit `IN (...)` queries, and the statistics use hand-written SQL, so
//! SeaORM's join helpers would only be a second way to do the same thing.

pub mod account;
pub mod account_region;
pub mod annual_report;
pub mod audit_log;
pub mod beneficiaries_served;
pub mod credential;
pub mod credential_participation;
pub mod enums;
pub mod event;
pub mod exchange_participant;
pub mod family;
pub mod family_member;
pub mod front_office;
pub mod front_office_partner;
pub mod hours_entry;
pub mod idempotency_key;
pub mod import_batch;
pub mod import_row;
pub mod international_exchange;
pub mod issuer_key;
pub mod open_data_release;
pub mod organization;
pub mod participation;
pub mod password_reset;
pub mod project;
pub mod project_beneficiary_category;
pub mod region;
pub mod sign_in;
pub mod sign_up;
pub mod volunteer;
pub mod volunteer_tag;

pub use enums::*;
