//! The figures of DOMAIN.md's "Statistics" section, with exactly those
//! definitions, for any period narrowed to a region, a project and an event
//! level; the same code serves the `statistics` query, the live
//! subscription and the annual report, so the three never disagree.
//!
//! Figures are computed by aggregate queries over indexed columns
//! (`participation.on_date`, `event.starts_at`, the foreign keys), a fixed
//! handful of statements per call whatever the period.

pub mod figures;
pub mod live;
pub mod report;
mod sql;

pub use figures::{AGE_GROUPS, Figures, Scope, compute, compute_by_region};
