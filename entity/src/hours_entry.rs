//! `hours_entry`: the hours ledger. Append-only: every change to a
//! participation's minutes is an entry; a correction reverses the current
//! entry (an entry of the opposite minutes naming it in `reverses`) and
//! adds the new one. The participation's `minutes` is the sum of its
//! counted entries (every entry but PENDING and REJECTED self-reports),
//! kept in the participation row in the same transaction.
use crate::enums::{HoursReview, HoursSource};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hours_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub participation_id: i64,
    pub source: HoursSource,
    /// Minutes the entry adds: positive for a value set, the opposite of
    /// the reversed entry's for a reversal.
    pub minutes: i32,
    /// Self-reports only: PENDING, APPROVED or REJECTED.
    pub review: Option<HoursReview>,
    /// Who wrote the entry (caller identity, as in the audit log).
    pub actor: String,
    pub at: DateTimeUtc,
    /// Why: required for corrections by coordinators; a self-report's note.
    pub reason: Option<String>,
    /// The entry this one reverses, if it is a reversal.
    pub reverses: Option<i64>,
    /// Who decided on a self-report, when, and why (a rejection's reason).
    pub decided_by: Option<String>,
    pub decided_at: Option<DateTimeUtc>,
    pub decision_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
