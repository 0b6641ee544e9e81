//! Self-reported hours: a volunteer (or a minor's guardian) reports the
//! minutes of a participation that was never checked in or out, with a
//! note; the entry waits, PENDING, for a coordinator of the event's region
//! (or an admin), who approves or rejects it, one by one or a list at
//! once. Pending and rejected entries count nowhere; an approved one is
//! the participation's minutes, source SELF_REPORT, and the registration
//! becomes ATTENDED. Decisions are recorded on the entry (who, when, why)
//! and never changed again; a rejection keeps its record and reason.

use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::participations::{
    self, DAY_MINUTES, Locked, MAX_REASON_CHARS, ensure_allowed, ensure_day_limit,
    ensure_not_cancelled, lock,
};
use crate::domain::validate;
use crate::domain::write::{Write, ensure};
use crate::msg;
use entity::{HoursReview, HoursSource, ParticipationStatus, hours_entry, participation};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// Report `minutes` for participation `id`, with `note`; returns the
/// entry's id.
pub async fn report(w: &mut Write, id: i64, minutes: i32, note: &str) -> DomainResult<i64> {
    let Locked { v, e, p } = lock(w, id).await?;
    ensure_allowed(w, &v, &e, true, msg!("to-report-hours")).await?;
    ensure_not_cancelled(&e)?;
    let note = validate::multiline_text("input.note", note, MAX_REASON_CHARS)?;
    ensure(
        p.status == ParticipationStatus::Registered && p.checked_in_at.is_none(),
        || DomainError::invalid_state(msg!("self-report-not-open")),
    )?;
    ensure(e.starts_at <= w.now, || {
        DomainError::invalid_state(msg!("event-not-started"))
    })?;
    let length = (e.ends_at - e.starts_at)
        .num_minutes()
        .min(i64::from(DAY_MINUTES));
    ensure(minutes >= 1 && i64::from(minutes) <= length, || {
        DomainError::validation("input.minutes", msg!("self-report-range", max = length))
    })?;
    let pending = hours_entry::Entity::find()
        .filter(hours_entry::Column::ParticipationId.eq(p.id))
        .filter(hours_entry::Column::Review.eq(HoursReview::Pending))
        .count(&w.tx)
        .await?;
    ensure(pending == 0, || {
        DomainError::conflict(msg!("self-report-pending"))
    })?;
    let entry = hours_entry::ActiveModel {
        participation_id: Set(p.id),
        source: Set(HoursSource::SelfReport),
        minutes: Set(minutes),
        review: Set(Some(HoursReview::Pending)),
        actor: Set(w.caller().audit_name()),
        at: Set(w.now),
        reason: Set(Some(note)),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?
    .id;
    let detail = serde_json::json!({ "hoursEntry": entry, "source": HoursSource::SelfReport.as_str(), "review": HoursReview::Pending.as_str(), "minutes": minutes });
    // Nothing counted changed, so the change is not announced.
    w.audit("Participation", p.id, Some(detail)).await?;
    Ok(entry)
}

/// The decision on self-reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Reject,
}

/// Decide on the entries `ids`, all or none; returns them.
pub async fn review(
    w: &mut Write,
    ids: &[i64],
    decision: Decision,
    reason: Option<String>,
) -> DomainResult<Vec<i64>> {
    let reason = participations::reason("input.reason", reason)?;
    ensure(decision == Decision::Approve || reason.is_some(), || {
        DomainError::validation("input.reason", msg!("rejection-needs-reason"))
    })?;
    let mut decided = Vec::with_capacity(ids.len());
    for &id in ids {
        if decided.contains(&id) {
            continue;
        }
        decide(w, id, decision, reason.clone()).await?;
        decided.push(id);
    }
    Ok(decided)
}

async fn decide(
    w: &mut Write,
    id: i64,
    decision: Decision,
    reason: Option<String>,
) -> DomainResult<()> {
    let entry = hours_entry::Entity::find_by_id(id)
        .one(&w.tx)
        .await?
        .filter(|e| e.source == HoursSource::SelfReport)
        .ok_or_else(|| DomainError::not_found("hours-entry"))?;
    let Locked { v, e, p } = lock(w, entry.participation_id).await?;
    ensure_allowed(w, &v, &e, false, msg!("to-review-hours")).await?;
    ensure(entry.review == Some(HoursReview::Pending), || {
        DomainError::invalid_state(msg!("self-report-decided"))
    })?;
    ensure(entry.actor != w.caller().audit_name(), || {
        DomainError::forbidden(msg!("own-report"))
    })?;
    let review = match decision {
        Decision::Approve => {
            ensure_not_cancelled(&e)?;
            approve(w, &entry, p).await?;
            HoursReview::Approved
        }
        Decision::Reject => HoursReview::Rejected,
    };
    let mut row: hours_entry::ActiveModel = entry.into();
    row.review = Set(Some(review));
    row.decided_by = Set(Some(w.caller().audit_name()));
    row.decided_at = Set(Some(w.now));
    row.decision_reason = Set(reason);
    let entry = row.update(&w.tx).await?;
    let detail = serde_json::json!({ "hoursEntry": entry.id, "source": HoursSource::SelfReport.as_str(), "review": review.as_str(), "minutes": entry.minutes });
    w.record(
        Subject::Participation,
        "Participation",
        entry.participation_id,
        Some(detail),
    )
    .await
}

/// The approved entry becomes the participation's minutes.
async fn approve(
    w: &mut Write,
    entry: &hours_entry::Model,
    p: participation::Model,
) -> DomainResult<()> {
    ensure(
        p.status == ParticipationStatus::Registered && p.minutes.is_none(),
        || DomainError::invalid_state(msg!("self-report-overtaken")),
    )?;
    ensure_day_limit(&w.tx, p.volunteer_id, p.id, p.on_date, entry.minutes).await?;
    let mut row: participation::ActiveModel = p.into();
    row.minutes = Set(Some(entry.minutes));
    row.minutes_source = Set(Some(HoursSource::SelfReport));
    row.status = Set(ParticipationStatus::Attended);
    row.update(&w.tx).await?;
    Ok(())
}
