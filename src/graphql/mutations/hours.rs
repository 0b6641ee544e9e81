//! Mutations of self-reported hours: `reportHours` by a volunteer (or a
//! minor's guardian), `reviewHours` by coordinators of the event's region
//! (see `domain::self_reports`).

use super::{key, run};
use crate::domain::self_reports::{self, Decision};
use crate::graphql::hours_entry::{HoursEntry, hours_entry_by_id};
use crate::graphql::ids::NodeType;
use async_graphql::{Context, Enum, ID, InputObject, Object, Result, SimpleObject};

/// Report the hours of a participation that was never checked in or out.
#[derive(InputObject)]
pub struct ReportHoursInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The participation's id: a registration of the caller (or of a minor
    /// in its care) with no check-in, at an event that has begun.
    pub participation_id: ID,
    /// Whole minutes, 1 to the event's length.
    pub minutes: i32,
    /// What was done and when, up to 500 characters; the coordinator reads
    /// it (personal: masked in the audit log).
    #[graphql(secret)]
    pub note: String,
}

/// Approve or reject self-reported hours.
#[derive(InputObject)]
pub struct ReviewHoursInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The entries (`HoursEntry` ids of pending self-reports), decided
    /// together: all or none.
    pub entry_ids: Vec<ID>,
    /// The decision on every one of them.
    pub decision: HoursDecision,
    /// Why, up to 500 characters; required to reject (personal: masked in
    /// the audit log).
    #[graphql(secret)]
    pub reason: Option<String>,
}

/// A coordinator's decision on self-reported hours.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum HoursDecision {
    /// The minutes count, as SELF_REPORT.
    Approve,
    /// The minutes count nowhere; the entry keeps the reason.
    Reject,
}

/// The most entries one `reviewHours` decides.
const MAX_ENTRIES: usize = 100;

/// The entries written or decided.
#[derive(SimpleObject)]
pub struct HoursEntriesPayload {
    /// The idempotency key, echoed.
    pub client_mutation_id: Option<String>,
    /// The entries, as they are now.
    pub entries: Vec<HoursEntry>,
}

#[derive(Default)]
pub struct HoursMutation;

#[Object]
impl HoursMutation {
    /// Report the hours of a participation with no check-in or check-out:
    /// the entry waits, PENDING, for a coordinator of the event's region.
    async fn report_hours(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to report.")] input: ReportHoursInput,
    ) -> Result<HoursEntriesPayload> {
        let id = key(
            &input.participation_id,
            NodeType::Participation,
            "input.participationId",
        )?;
        let (minutes, note) = (input.minutes, input.note.clone());
        let cmid = input.client_mutation_id.clone();
        let entry = run(ctx, "reportHours", &input, cmid.as_deref(), move |w| {
            Box::pin(async move { self_reports::report(w, id, minutes, &note).await })
        })
        .await?;
        entries(ctx, cmid, vec![entry]).await
    }

    /// Approve or reject pending self-reports, up to 100 at once, all or
    /// none: an approved report becomes the participation's minutes.
    async fn review_hours(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to decide.")] input: ReviewHoursInput,
    ) -> Result<HoursEntriesPayload> {
        if input.entry_ids.is_empty() || input.entry_ids.len() > MAX_ENTRIES {
            return Err(crate::domain::error::DomainError::validation(
                "input.entryIds",
                crate::msg!("entry-count", max = MAX_ENTRIES),
            )
            .into());
        }
        let ids = input
            .entry_ids
            .iter()
            .enumerate()
            .map(|(i, id)| key(id, NodeType::HoursEntry, &format!("input.entryIds.{i}")))
            .collect::<Result<Vec<_>>>()?;
        let decision = match input.decision {
            HoursDecision::Approve => Decision::Approve,
            HoursDecision::Reject => Decision::Reject,
        };
        let reason = input.reason.clone();
        let cmid = input.client_mutation_id.clone();
        let decided = run(ctx, "reviewHours", &input, cmid.as_deref(), move |w| {
            Box::pin(async move { self_reports::review(w, &ids, decision, reason).await })
        })
        .await?;
        entries(ctx, cmid, decided).await
    }
}

async fn entries(
    ctx: &Context<'_>,
    client_mutation_id: Option<String>,
    ids: Vec<i64>,
) -> Result<HoursEntriesPayload> {
    let mut entries = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(entry) = hours_entry_by_id(ctx, id).await? {
            entries.push(entry);
        }
    }
    Ok(HoursEntriesPayload {
        client_mutation_id,
        entries,
    })
}
