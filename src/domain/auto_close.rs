//! Missed check-outs: a participation still checked in when its event has
//! ended and the grace for checking out has passed is closed by the
//! server, with estimated minutes (source AUTO_CLOSE) that wait for a
//! coordinator to confirm or correct them (`logHours`).
//!
//! The estimate: from the check-in until the event's end, at least one
//! minute, never more than the event's length, and never more than the
//! volunteer's day still holds under the 24-hour rule. A check-in whose day
//! is already full of hours is closed as a no-show instead, with no hours.
//! The estimated check-out is the check-in plus the estimate.
//!
//! Sweeping is a write like any other (audited, announced, so the cached
//! figures follow). Every server process sweeps on a timer and at start,
//! so it catches up after downtime; on PostgreSQL a transaction-scoped
//! advisory lock lets only one process sweep at a time, the others skip
//! that round. On SQLite the write transactions already take turns.

use crate::domain::caller::Caller;
use crate::domain::changes::Subject;
use crate::domain::error::DomainResult;
use crate::domain::ledger::{self, Entry};
use crate::domain::participations::{self, DAY_MINUTES};
use crate::domain::write::{Operation, Write, Writer};
use chrono::{DateTime, Duration, Utc};
use entity::{EventStatus, HoursSource, ParticipationStatus, event, participation};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, Statement,
};

/// Participations closed per transaction; a sweep runs rounds until none
/// is left, so a long downtime is caught up in bounded transactions.
const BATCH: u64 = 200;

/// The advisory lock of the sweep (any constant of our own).
const LOCK_KEY: i64 = 0x0046_4f5f_4155_544f; // "FO_AUTO"

/// What the server estimates for a check-in at `checked_in` at event `e`,
/// with `others` minutes already attended that day: the minutes, or `None`
/// when the day has no room left.
pub fn estimate(e: &event::Model, checked_in: DateTime<Utc>, others: i64) -> Option<i32> {
    let length = (e.ends_at - e.starts_at).num_minutes();
    let until_end = (e.ends_at - checked_in).num_minutes();
    let room = i64::from(DAY_MINUTES) - others;
    if room < 1 {
        return None;
    }
    let minutes = until_end.clamp(1, length.max(1)).min(room);
    i32::try_from(minutes).ok()
}

/// Close every overdue check-in; returns how many were closed.
pub async fn sweep(writer: &Writer) -> DomainResult<usize> {
    let mut closed = 0;
    loop {
        let op = Operation {
            caller: Caller::System("auto-close"),
            name: "autoCloseCheckIns",
            summary: serde_json::json!({}),
            request_id: None,
            idempotency: None,
        };
        let round = writer.run(op, |w| Box::pin(close_some(w))).await?;
        closed += round;
        if (round as u64) < BATCH {
            return Ok(closed);
        }
    }
}

/// One round: close up to `BATCH` overdue check-ins, unless another
/// process is sweeping.
async fn close_some(w: &mut Write) -> DomainResult<usize> {
    if w.tx.get_database_backend() == DatabaseBackend::Postgres {
        let got =
            w.tx.query_one_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_try_advisory_xact_lock($1) AS got",
                [LOCK_KEY.into()],
            ))
            .await?
            .and_then(|row| row.try_get::<bool>("", "got").ok())
            .unwrap_or(false);
        if !got {
            return Ok(0);
        }
    }
    let deadline = w.now - w.rules.attendance_grace;
    let overdue: Vec<(participation::Model, Option<event::Model>)> = participation::Entity::find()
        .filter(participation::Column::Status.eq(ParticipationStatus::Registered))
        .filter(participation::Column::CheckedInAt.is_not_null())
        .filter(participation::Column::CheckedOutAt.is_null())
        .filter(event::Column::EndsAt.lt(deadline))
        .filter(event::Column::Status.ne(EventStatus::Cancelled))
        .order_by_asc(participation::Column::Id)
        .limit(BATCH)
        .find_also_related(event::Entity)
        .all(&w.tx)
        .await?;
    let mut closed = 0;
    for (p, e) in overdue {
        let (Some(e), Some(checked_in)) = (e, p.checked_in_at) else {
            continue;
        };
        close(w, p, &e, checked_in).await?;
        closed += 1;
    }
    Ok(closed)
}

async fn close(
    w: &mut Write,
    p: participation::Model,
    e: &event::Model,
    checked_in: DateTime<Utc>,
) -> DomainResult<()> {
    let id = p.id;
    let others = participations::minutes_that_day(&w.tx, p.volunteer_id, p.id, p.on_date).await?;
    let detail = match estimate(e, checked_in, others) {
        Some(minutes) => {
            let (mut row, entry) = ledger::set(
                w,
                p,
                Entry {
                    minutes,
                    source: HoursSource::AutoClose,
                    reason: None,
                },
            )
            .await?;
            row.checked_out_at = Set(Some(checked_in + Duration::minutes(i64::from(minutes))));
            row.status = Set(ParticipationStatus::Attended);
            row.update(&w.tx).await?;
            serde_json::json!({ "autoClosed": true, "estimated": true, "minutes": minutes, "hoursEntry": entry, "source": HoursSource::AutoClose.as_str() })
        }
        None => {
            let mut row: participation::ActiveModel = p.into();
            row.status = Set(ParticipationStatus::NoShow);
            row.update(&w.tx).await?;
            serde_json::json!({ "autoClosed": true, "to": ParticipationStatus::NoShow.as_str(), "why": "the day already holds 24 hours" })
        }
    };
    w.record(Subject::Participation, "Participation", id, Some(detail))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn event(starts: DateTime<Utc>, hours: i64) -> event::Model {
        event::Model {
            id: 1,
            title: "Сенбілік".into(),
            kind: entity::EventKind::Action,
            level: entity::EventLevel::Regional,
            activity_type: entity::ActivityType::Environment,
            hazardous: false,
            project_id: None,
            region_code: "KZ-71".into(),
            starts_at: starts,
            ends_at: starts + Duration::hours(hours),
            capacity: None,
            status: EventStatus::Planned,
            search_title: None,
        }
    }

    #[test]
    fn the_estimate_runs_to_the_end_within_the_length_and_the_day() {
        let t = Utc.with_ymd_and_hms(2026, 5, 9, 4, 0, 0).unwrap();
        let e = event(t, 4);
        // An hour late: until the end.
        assert_eq!(estimate(&e, t + Duration::hours(1), 0), Some(180));
        // Before the start (within the grace): never more than the length.
        assert_eq!(estimate(&e, t - Duration::minutes(20), 0), Some(240));
        // After the end (within the grace): one minute.
        assert_eq!(
            estimate(&e, t + Duration::hours(4) + Duration::minutes(5), 0),
            Some(1)
        );
        // The day holds 23 hours already: what is left of it.
        assert_eq!(estimate(&e, t, 23 * 60), Some(60));
        // A full day: no estimate.
        assert_eq!(estimate(&e, t, 24 * 60), None);
    }
}
