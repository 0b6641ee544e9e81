//! Every list and every figure table of the register as a file: CSV and
//! XLSX at stable URLs (`GET /export/volunteers.csv?region=KZ-75`), read
//! through the GraphQL schema as the caller so the filters and the rules
//! of who sees what are the API's own (the two long lists straight from
//! the database under the same filters and rules, `direct`). See
//! docs/exports.md.

pub mod audit;
pub mod catalogue;
pub mod cell;
pub mod direct;
pub mod files;
pub mod headings;
pub mod met;
pub mod pages;
pub mod params;
pub mod positional;
pub mod sqlite;
