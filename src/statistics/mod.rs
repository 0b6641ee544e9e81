//! The figures of the "Statistics" section of docs/domain.md, with exactly
//! those definitions, for any period narrowed to a region, a project and an event
//! level; the same code serves the `statistics` query, the live
//! subscription and the annual report, so the three never disagree.
//!
//! Figures are computed by aggregate queries over indexed columns
//! (`participation.on_date`, `event.starts_at`, the foreign keys), a fixed
//! handful of statements per call whatever the period. The live cache
//! keeps what a scope's figures are made of (`figures::Basis`: the
//! registry's figures, each volunteer's registration, and per-volunteer
//! and per-family entries, see `registry`, `registrations` and
//! `activity`), so after any write (`changed`: participations, volunteers,
//! events, families, exchanges) it reads again only the registry's small
//! tables the write touched and the registrations and entries of the
//! volunteers and families concerned, instead of every volunteer and
//! participation of the period. That is this design's answer to rollups: a rollup cannot
//! sum distinct counts (active volunteers, families, ages at the first
//! attendance), per-volunteer entries can, and they stay exact because
//! each is re-read, not adjusted.

mod activity;
pub mod cache;
pub mod changed;
mod events;
pub mod figures;
mod lanes;
pub mod live;
mod registrations;
mod registry;
pub mod report;
mod sql;
pub mod warm;

pub use figures::{AGE_GROUPS, Basis, Figures, Grouping, Scope, compute, compute_by_region};
