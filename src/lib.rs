//! frontoffice: the statistical database and GraphQL API of a national
//! volunteer network.
//!
//! A request flows one way: `http` (axum routes) → `graphql` (schema and
//! thin resolvers) → `domain` (rules, valid-by-construction types) → SeaORM
//! entities (`entity` crate) → the database, whose schema the `migration`
//! crate owns. `startup` assembles the application from `config` so `main`
//! and the tests share one path; `seed` writes the demo data set.

pub mod auth;
pub mod config;
pub mod credentials;
pub mod db;
pub mod domain;
pub mod error_code;
pub mod export;
pub mod fanout;
pub mod graphql;
pub mod http;
pub mod i18n;
pub mod import;
pub mod keys;
pub mod mail;
pub mod memory;
pub mod open_data;
pub mod rate_limit;
pub mod reference;
pub mod seed;
pub mod startup;
pub mod statistics;
pub mod telemetry;
pub mod web;
