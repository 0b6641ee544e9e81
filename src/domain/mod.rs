//! The rules and types of the register, free of HTTP, GraphQL and SQL
//! details: the web layer calls into here, never the other way round.
//!
//! Reading is done by the GraphQL layer's loaders; every change goes
//! through `write::Writer` and one of the operation modules (`volunteers`,
//! `families`, `projects`, `organizations`, `events`, `participations`,
//! `exchanges`), which enforce the rules of docs/domain.md.

pub mod access;
pub mod account_admin;
pub mod accounts;
pub mod auto_close;
pub mod caller;
pub mod changes;
pub mod clock;
pub mod collation;
pub mod erasure;
pub mod error;
pub mod event_status;
pub mod events;
pub mod exchanges;
pub mod families;
pub mod guardianship;
pub mod hours;
pub mod idempotency;
pub mod iin;
pub mod ledger;
pub mod lookup;
pub mod name_match;
pub mod organizations;
pub mod participation_state;
pub mod participations;
pub mod passwords;
pub mod projects;
pub mod search;
pub mod self_reports;
pub mod sign_up;
pub mod spreadsheet_values;
pub mod time;
pub mod unavailable;
pub mod unique;
pub mod validate;
pub mod volunteers;
pub mod write;
