//! The integration tests: one crate, so the harness (`support`) and the
//! dependencies are compiled and linked once. Each module is one area of
//! the service, tested through the real server as clients talk to it.

mod support;

mod abuse;
mod access;
mod accounts;
mod announcements;
mod anonymous_walk;
mod audit_privacy;
mod batching;
mod browser;
mod connection_limits;
mod connections;
mod credentials;
mod cursors;
mod database_outage;
mod demo_day;
mod discovery;
mod domain_events;
mod event_status;
mod exports;
mod filters;
mod foundation;
mod graphql_over_http;
mod hours_exact;
mod hours_ledger;
mod imports;
mod labels;
mod limits;
mod live;
mod messages;
mod name_order;
mod national_seed;
mod nesting;
mod open_data;
mod pages;
mod reference;
mod refusals;
mod schema_docs;
mod self_reports;
mod server_keys;
mod statistics;
mod statistics_random;
mod write_concurrency;
mod write_participations;
mod write_registry;
mod write_volunteers;
mod ws_protocol;
