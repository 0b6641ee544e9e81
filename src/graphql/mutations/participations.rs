//! Mutations on participations: registration for events, check-in and
//! check-out, hours, no-shows and verification.

use super::{key, payload, run, written};
use crate::domain::participations as domain;
use crate::graphql::ids::NodeType;
use crate::graphql::participations::{Participation, participation_by_id};
use async_graphql::{Context, ID, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Utc};

/// Register a volunteer for an event.
#[derive(InputObject)]
pub struct RegisterForEventInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The volunteer's id.
    pub volunteer_id: ID,
    /// The event's id.
    pub event_id: ID,
}

/// Name a participation for a change of its status.
#[derive(InputObject)]
pub struct ParticipationInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The participation's id.
    pub participation_id: ID,
}

/// Check a volunteer in or out.
#[derive(InputObject)]
pub struct AttendanceInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The participation's id.
    pub participation_id: ID,
    /// When it happened, for a device that was offline; now when omitted.
    /// Within the event's time, with two hours' grace either side.
    pub at: Option<DateTime<Utc>>,
}

/// Log or correct the hours of a participation.
#[derive(InputObject)]
pub struct LogHoursInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The participation's id.
    pub participation_id: ID,
    /// Whole minutes, 1 to 1440, at most the time between check-in and
    /// check-out (or the event's length when there was none); up to the
    /// event's length with a `reason`.
    pub minutes: i32,
    /// Why, up to 500 characters: required to change minutes already
    /// recorded, or to credit more than the checked time. Kept in the hours
    /// ledger (personal: free text about a person, masked in the audit log).
    #[graphql(secret)]
    pub reason: Option<String>,
}

/// Verify every attended participation of an event.
#[derive(InputObject)]
pub struct VerifyEventParticipationsInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The event's id.
    pub event_id: ID,
}

payload!(
    /// The participation a mutation changed.
    ParticipationPayload { participation: Participation }
);

/// The participations a bulk verification verified.
#[derive(SimpleObject)]
pub struct VerifyEventParticipationsPayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// How many participations this call verified.
    pub verified_count: i32,
    /// The participations this call verified.
    pub participations: Vec<Participation>,
}

async fn payload(ctx: &Context<'_>, cmid: Option<String>, id: i64) -> Result<ParticipationPayload> {
    Ok(ParticipationPayload {
        client_mutation_id: cmid,
        participation: written(participation_by_id(ctx, id).await?, "participation")?,
    })
}

/// The payload of a write that answered with its row; a keyed retry's
/// replay, which has only the id, reads it.
async fn changed_payload(
    ctx: &Context<'_>,
    cmid: Option<String>,
    changed: domain::Changed,
) -> Result<ParticipationPayload> {
    match changed.row {
        Some(row) => Ok(ParticipationPayload {
            client_mutation_id: cmid,
            participation: Participation::new(row),
        }),
        None => payload(ctx, cmid, changed.id).await,
    }
}

#[derive(Default)]
pub struct ParticipationMutation;

/// Participations.
#[Object]
impl ParticipationMutation {
    /// Register a volunteer for an event. Refused for a full, cancelled or
    /// finished event, a second registration, a minor without a guardian
    /// on record, or a minor on an event closed to minors.
    async fn register_for_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: RegisterForEventInput,
    ) -> Result<ParticipationPayload> {
        let volunteer = key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?;
        let event = key(&input.event_id, NodeType::Event, "input.eventId")?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "registerForEvent", &input, cmid.as_deref(), |w| {
            Box::pin(domain::register(w, volunteer, event))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Cancel a registration not yet checked in.
    async fn cancel_registration(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: ParticipationInput,
    ) -> Result<ParticipationPayload> {
        let id = key(
            &input.participation_id,
            NodeType::Participation,
            "input.participationId",
        )?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "cancelRegistration", &input, cmid.as_deref(), |w| {
            Box::pin(domain::cancel(w, id))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Check a registered volunteer in. A child under 14 needs the family's
    /// guardian checked in first, or written consent on record.
    async fn check_in(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: AttendanceInput,
    ) -> Result<ParticipationPayload> {
        let id = key(
            &input.participation_id,
            NodeType::Participation,
            "input.participationId",
        )?;
        let at = input.at;
        let cmid = input.client_mutation_id.clone();
        let changed = run(ctx, "checkIn", &input, cmid.as_deref(), |w| {
            Box::pin(domain::check_in(w, id, at))
        })
        .await?;
        changed_payload(ctx, cmid, changed).await
    }

    /// Check a volunteer out: the participation becomes ATTENDED with the
    /// minutes between check-in and check-out.
    async fn check_out(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: AttendanceInput,
    ) -> Result<ParticipationPayload> {
        let id = key(
            &input.participation_id,
            NodeType::Participation,
            "input.participationId",
        )?;
        let at = input.at;
        let cmid = input.client_mutation_id.clone();
        let changed = run(ctx, "checkOut", &input, cmid.as_deref(), |w| {
            Box::pin(domain::check_out(w, id, at))
        })
        .await?;
        changed_payload(ctx, cmid, changed).await
    }

    /// Log the hours of a participation (it becomes ATTENDED) or correct
    /// them (a verified participation must then be verified again).
    async fn log_hours(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: LogHoursInput,
    ) -> Result<ParticipationPayload> {
        let id = key(
            &input.participation_id,
            NodeType::Participation,
            "input.participationId",
        )?;
        let minutes = input.minutes;
        let reason = input.reason.clone();
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "logHours", &input, cmid.as_deref(), move |w| {
            Box::pin(domain::log_hours(w, id, minutes, reason))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Mark a registered volunteer as not having come.
    async fn mark_no_show(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: ParticipationInput,
    ) -> Result<ParticipationPayload> {
        let id = key(
            &input.participation_id,
            NodeType::Participation,
            "input.participationId",
        )?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "markNoShow", &input, cmid.as_deref(), |w| {
            Box::pin(domain::mark_no_show(w, id))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Verify an attended participation (its hours then count as verified).
    async fn verify_participation(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: ParticipationInput,
    ) -> Result<ParticipationPayload> {
        let id = key(
            &input.participation_id,
            NodeType::Participation,
            "input.participationId",
        )?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "verifyParticipation", &input, cmid.as_deref(), |w| {
            Box::pin(domain::verify(w, id))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Verify every attended, unverified participation of an event.
    async fn verify_event_participations(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: VerifyEventParticipationsInput,
    ) -> Result<VerifyEventParticipationsPayload> {
        let event = key(&input.event_id, NodeType::Event, "input.eventId")?;
        let cmid = input.client_mutation_id.clone();
        let ids = run(
            ctx,
            "verifyEventParticipations",
            &input,
            cmid.as_deref(),
            |w| Box::pin(domain::verify_event(w, event)),
        )
        .await?;
        let mut participations = Vec::with_capacity(ids.len());
        for id in ids {
            participations.push(written(
                participation_by_id(ctx, id).await?,
                "participation",
            )?);
        }
        Ok(VerifyEventParticipationsPayload {
            client_mutation_id: cmid,
            verified_count: i32::try_from(participations.len()).unwrap_or(i32::MAX),
            participations,
        })
    }
}
