//! The hours ledger: every change to a participation's minutes is an
//! append-only entry (`hours_entry`) with its source, actor, time and
//! reason. A correction reverses the current entry and adds the new one;
//! nothing is updated in place. The participation row keeps the sum of its
//! counted entries (`minutes`) and the source of the current one
//! (`minutes_source`), written in the same transaction as the entries, so
//! reads and statistics stay one row per participation.
//!
//! Counted entries: every entry except self-reports still PENDING or
//! REJECTED. At any time a participation has at most one current entry
//! (counted, not a reversal, not reversed): the one whose minutes it shows.

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::write::Write;
use entity::{HoursReview, HoursSource, hours_entry, participation};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, QueryOrder, Set, Statement,
};

/// The ledger entries of participations loaded in bulk (the seeds), one
/// per participation with minutes and no entry yet: the source the row
/// names, actor `system:seed`.
pub const SEEDED_ENTRIES: &str = "INSERT INTO hours_entry (participation_id, source, minutes, actor, at) \
     SELECT p.id, p.minutes_source, p.minutes, 'system:seed', COALESCE(p.checked_out_at, p.registered_at) \
     FROM participation p \
     WHERE p.minutes IS NOT NULL \
       AND NOT EXISTS (SELECT 1 FROM hours_entry e WHERE e.participation_id = p.id) \
     ORDER BY p.id";

/// The source a loaded participation's minutes are given: attendance when
/// it was checked out, a coordinator's record otherwise.
pub fn seeded_source(checked_out: bool) -> HoursSource {
    if checked_out {
        HoursSource::Attendance
    } else {
        HoursSource::Coordinator
    }
}

/// The entry whose minutes `participation_id` shows, if any.
pub async fn current(
    db: &impl ConnectionTrait,
    participation_id: i64,
) -> DomainResult<Option<hours_entry::Model>> {
    let reversed = Query::select()
        .column(hours_entry::Column::Reverses)
        .from(hours_entry::Entity)
        .and_where(hours_entry::Column::ParticipationId.eq(participation_id))
        .and_where(hours_entry::Column::Reverses.is_not_null())
        .to_owned();
    Ok(hours_entry::Entity::find()
        .filter(hours_entry::Column::ParticipationId.eq(participation_id))
        .filter(hours_entry::Column::Reverses.is_null())
        .filter(
            Condition::any()
                .add(hours_entry::Column::Review.is_null())
                .add(hours_entry::Column::Review.eq(HoursReview::Approved)),
        )
        .filter(hours_entry::Column::Id.not_in_subquery(reversed))
        .order_by_desc(hours_entry::Column::Id)
        .one(db)
        .await?)
}

/// A new value of a participation's minutes, from `source`.
pub struct Entry {
    pub minutes: i32,
    pub source: HoursSource,
    pub reason: Option<String>,
}

/// Record that `p`'s minutes are now `entry.minutes`: the current entry (if
/// any) is reversed and the new one appended. Returns the row to update
/// with the new minutes and source (the caller sets the rest of the
/// participation's change on it, then saves it) and the new entry's id.
pub async fn set(
    w: &Write,
    p: participation::Model,
    entry: Entry,
) -> DomainResult<(participation::ActiveModel, i64)> {
    set_knowing(w, p, entry, true).await
}

/// `set`, for a caller that has read whether a credential certified more
/// than `entry.minutes` of `p` (`revocation::any_certifying_more`) along
/// with its other checks: without one, nothing is looked up again.
pub async fn set_knowing(
    w: &Write,
    p: participation::Model,
    entry: Entry,
    certified_more: bool,
) -> DomainResult<(participation::ActiveModel, i64)> {
    if p.minutes.is_some() {
        let Some(current) = current(&w.tx, p.id).await? else {
            return Err(DomainError::internal(
                "hours ledger",
                format!("participation {} has minutes but no current entry", p.id),
            ));
        };
        append(w, reversal_of(&current, &entry, w)).await?;
    }
    let id = append(
        w,
        hours_entry::ActiveModel {
            participation_id: Set(p.id),
            source: Set(entry.source),
            minutes: Set(entry.minutes),
            review: Set((entry.source == HoursSource::SelfReport).then_some(HoursReview::Approved)),
            actor: Set(w.caller().audit_name()),
            at: Set(w.now),
            reason: Set(entry.reason),
            ..Default::default()
        },
    )
    .await?;
    // A credential that certified more of these hours is no longer true.
    if certified_more {
        crate::credentials::revocation::on_minutes(w, p.id, entry.minutes).await?;
    }
    let mut row: participation::ActiveModel = p.into();
    row.minutes = Set(Some(entry.minutes));
    row.minutes_source = Set(Some(entry.source));
    Ok((row, id))
}

/// The entry taking `current`'s minutes back, written for `entry`.
fn reversal_of(current: &hours_entry::Model, entry: &Entry, w: &Write) -> hours_entry::ActiveModel {
    hours_entry::ActiveModel {
        participation_id: Set(current.participation_id),
        source: Set(current.source),
        minutes: Set(-current.minutes),
        review: Set(current.review.map(|_| HoursReview::Approved)),
        actor: Set(w.caller().audit_name()),
        at: Set(w.now),
        reason: Set(entry.reason.clone()),
        reverses: Set(Some(current.id)),
        ..Default::default()
    }
}

async fn append(w: &Write, entry: hours_entry::ActiveModel) -> DomainResult<i64> {
    Ok(entry.insert(&w.tx).await?.id)
}

/// Participations whose minutes differ from the sum of their counted
/// ledger entries: none, unless something wrote around the ledger.
pub async fn disagreements(db: &impl ConnectionTrait) -> Result<Vec<i64>, DbErr> {
    #[derive(FromQueryResult)]
    struct Row {
        id: i64,
    }
    let sql = "SELECT p.id FROM participation p \
        LEFT JOIN (SELECT participation_id, SUM(minutes) AS total FROM hours_entry \
                   WHERE review IS NULL OR review = 'APPROVED' GROUP BY participation_id) l \
          ON l.participation_id = p.id \
        WHERE COALESCE(p.minutes, 0) <> COALESCE(l.total, 0) \
        ORDER BY p.id";
    let rows = Row::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}
