//! The hours ledger as clients read it: `Participation.hoursHistory`, the
//! entries that made a participation's minutes what they are.
//!
//! Entries say who changed an hour, when, from which source and why; the
//! reasons are free text about a person. They are shown to those who may
//! see the volunteer's personal data and to coordinators of the event's
//! region (who recorded or review them); others get null.

use crate::domain::hours::hours;
use crate::graphql::access::may_see_person;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::{HoursReview, HoursSource};
use crate::graphql::error::loader_error;
use crate::graphql::ids::{NodeType, encode};
use crate::graphql::loaders::{
    EntriesByParticipation, EventById, HoursEntryById, ParticipationById, VolunteerById,
};
use async_graphql::{Context, ID, Object, Result};
use chrono::{DateTime, Utc};
use entity::{hours_entry, participation};

pub struct HoursEntry(pub hours_entry::Model);

/// One entry of the hours ledger: minutes set (or taken back by a
/// reversal), by whom, when, from which source and why.
#[Object]
impl HoursEntry {
    /// Global id: opaque, and valid for this type only.
    pub async fn id(&self) -> ID {
        encode(NodeType::HoursEntry, self.0.id)
    }

    /// The minutes the entry adds: the value it sets, or, for a reversal,
    /// the opposite of the reversed entry's.
    async fn minutes(&self) -> i32 {
        self.0.minutes
    }

    /// The same in hours, to two decimals.
    async fn hours(&self) -> f64 {
        hours(i64::from(self.0.minutes))
    }

    /// Where the minutes come from.
    async fn source(&self) -> HoursSource {
        self.0.source.into()
    }

    /// Whether the minutes are the server's estimate (AUTO_CLOSE).
    async fn estimated(&self) -> bool {
        self.0.source == entity::HoursSource::AutoClose
    }

    /// Self-reports only: the decision on it.
    async fn review(&self) -> Option<HoursReview> {
        self.0.review.map(Into::into)
    }

    /// Who wrote the entry.
    async fn actor(&self) -> &str {
        &self.0.actor
    }

    /// When.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Why: a correction's reason, or a self-report's note.
    async fn reason(&self) -> Option<&str> {
        self.0.reason.as_deref()
    }

    /// The entry this one reverses, if it is a reversal.
    async fn reverses(&self) -> Option<ID> {
        self.0.reverses.map(|id| encode(NodeType::HoursEntry, id))
    }

    /// Who decided on a self-report.
    async fn decided_by(&self) -> Option<&str> {
        self.0.decided_by.as_deref()
    }

    /// When a self-report was decided on.
    async fn decided_at(&self) -> Option<DateTime<Utc>> {
        self.0.decided_at
    }

    /// Why a self-report was rejected (or a note on its approval).
    async fn decision_reason(&self) -> Option<&str> {
        self.0.decision_reason.as_deref()
    }
}

/// Whether the caller may read `p`'s ledger: the volunteer's personal
/// data is visible to it, or it coordinates the event's region.
pub async fn may_see_history(ctx: &Context<'_>, p: &participation::Model) -> Result<bool> {
    let loader = ctx.loader();
    let (v, e) = futures_util::try_join!(
        loader.load_one(VolunteerById(p.volunteer_id)),
        loader.load_one(EventById(p.event_id)),
    )
    .map_err(loader_error)?;
    if e.is_some_and(|e| ctx.caller().coordinates(&e.region_code)) {
        return Ok(true);
    }
    match v {
        Some(v) if v.erased_at.is_none() => may_see_person(ctx, &v).await,
        _ => Ok(false),
    }
}

/// `p`'s entries, oldest first, or null for callers who may not see them.
pub async fn history(
    ctx: &Context<'_>,
    p: &participation::Model,
) -> Result<Option<Vec<HoursEntry>>> {
    if !may_see_history(ctx, p).await? {
        return Ok(None);
    }
    let entries = ctx
        .loader()
        .load_one(EntriesByParticipation(p.id))
        .await
        .map_err(loader_error)?
        .unwrap_or_default();
    Ok(Some(entries.into_iter().map(HoursEntry).collect()))
}

/// An entry by id, if it exists and the caller may see its participation's
/// ledger.
pub async fn hours_entry_by_id(ctx: &Context<'_>, id: i64) -> Result<Option<HoursEntry>> {
    let loader = ctx.loader();
    let Some(entry) = loader
        .load_one(HoursEntryById(id))
        .await
        .map_err(loader_error)?
    else {
        return Ok(None);
    };
    let Some(p) = loader
        .load_one(ParticipationById(entry.participation_id))
        .await
        .map_err(loader_error)?
    else {
        return Ok(None);
    };
    Ok(may_see_history(ctx, &p).await?.then_some(HoursEntry(entry)))
}
