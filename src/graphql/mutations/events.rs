//! Mutations on events: create, change, cancel, complete, and the
//! beneficiaries they served.

use super::{key, maybe, maybe_key, payload, run, written};
use crate::domain::events::{self as domain, EventFields};
use crate::graphql::enums::{ActivityType, BeneficiaryCategory, EventKind, EventLevel};
use crate::graphql::events::{Event, event_by_id};
use crate::graphql::ids::NodeType;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};
use chrono::{DateTime, Utc};

/// Create an event, action or raid (status PLANNED).
#[derive(InputObject)]
pub struct CreateEventInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The title, 1 to 300 characters.
    pub title: String,
    /// The kind.
    pub kind: EventKind,
    /// Regional, republican or international.
    pub level: EventLevel,
    /// What the volunteers do; EMERGENCY_RESPONSE and DISASTER_RELIEF are closed to minors.
    pub activity_type: ActivityType,
    /// Hazardous work: closed to volunteers under 18.
    #[graphql(default)]
    pub hazardous: bool,
    /// The project's id.
    pub project_id: Option<ID>,
    /// Host region, e.g. `KZ-71`.
    pub region_code: String,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// After `startsAt`.
    pub ends_at: DateTime<Utc>,
    /// Most volunteers registered at once; no limit when omitted.
    pub capacity: Option<i32>,
}

/// Change a planned or ongoing event; fields left out stay as they are,
/// `null` clears an optional one.
#[derive(InputObject)]
pub struct UpdateEventInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The event's id.
    pub event_id: ID,
    /// The title, 1 to 300 characters.
    pub title: Option<String>,
    /// The kind.
    pub kind: Option<EventKind>,
    /// Regional, republican or international.
    pub level: Option<EventLevel>,
    /// What the volunteers do; EMERGENCY_RESPONSE and DISASTER_RELIEF are closed to minors.
    pub activity_type: Option<ActivityType>,
    /// Hazardous work: closed to volunteers under 18.
    pub hazardous: Option<bool>,
    /// The project's id.
    pub project_id: MaybeUndefined<ID>,
    /// Region code (ISO 3166-2:KZ), e.g. `KZ-71`.
    pub region_code: Option<String>,
    /// When it starts.
    pub starts_at: Option<DateTime<Utc>>,
    /// When it ends; after the start.
    pub ends_at: Option<DateTime<Utc>>,
    /// Not below the places already taken.
    pub capacity: MaybeUndefined<i32>,
}

/// Name an event for a change of its status.
#[derive(InputObject)]
pub struct EventStatusInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The event's id.
    pub event_id: ID,
}

/// How many people of one category an event served.
#[derive(InputObject, Clone, Copy)]
pub struct BeneficiaryCountInput {
    /// Who was served.
    pub category: BeneficiaryCategory,
    /// Zero or more.
    pub count: i32,
}

/// Record the people served at an event, per category. Categories not
/// given keep their counts; give 0 to clear one.
#[derive(InputObject)]
pub struct RecordBeneficiariesInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The event's id.
    pub event_id: ID,
    /// Counts per category, each category at most once.
    pub counts: Vec<BeneficiaryCountInput>,
}

payload!(
    /// The event a mutation changed.
    EventPayload { event: Event }
);

async fn payload(ctx: &Context<'_>, cmid: Option<String>, id: i64) -> Result<EventPayload> {
    Ok(EventPayload {
        client_mutation_id: cmid,
        event: written(event_by_id(ctx, id).await?, "event")?,
    })
}

#[derive(Default)]
pub struct EventMutation;

/// Events.
#[Object]
impl EventMutation {
    /// Create an event, action or raid.
    async fn create_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: CreateEventInput,
    ) -> Result<EventPayload> {
        let fields = EventFields {
            title: Some(input.title.clone()),
            kind: Some(input.kind.into()),
            level: Some(input.level.into()),
            activity_type: Some(input.activity_type.into()),
            hazardous: Some(input.hazardous),
            project_id: Some(super::optional_key(
                input.project_id.as_ref(),
                NodeType::Project,
                "input.projectId",
            )?),
            region_code: Some(input.region_code.clone()),
            starts_at: Some(input.starts_at),
            ends_at: Some(input.ends_at),
            capacity: Some(input.capacity),
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "createEvent", &input, cmid.as_deref(), |w| {
            Box::pin(domain::create(w, fields))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Change a planned or ongoing event. Refused when it would close the
    /// event to minors already registered, or cut capacity below the places
    /// taken.
    async fn update_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: UpdateEventInput,
    ) -> Result<EventPayload> {
        let id = key(&input.event_id, NodeType::Event, "input.eventId")?;
        let fields = EventFields {
            title: input.title.clone(),
            kind: input.kind.map(Into::into),
            level: input.level.map(Into::into),
            activity_type: input.activity_type.map(Into::into),
            hazardous: input.hazardous,
            project_id: maybe_key(&input.project_id, NodeType::Project, "input.projectId")?,
            region_code: input.region_code.clone(),
            starts_at: input.starts_at,
            ends_at: input.ends_at,
            capacity: maybe(&input.capacity),
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "updateEvent", &input, cmid.as_deref(), |w| {
            Box::pin(domain::update(w, id, fields))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Cancel an event that is not over: its records stay, but it counts in
    /// no statistic.
    async fn cancel_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: EventStatusInput,
    ) -> Result<EventPayload> {
        let id = key(&input.event_id, NodeType::Event, "input.eventId")?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "cancelEvent", &input, cmid.as_deref(), |w| {
            Box::pin(domain::cancel(w, id))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Close an event before its end (no volunteer may still be checked in);
    /// an event reads completed by itself once its end has passed.
    async fn complete_event(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: EventStatusInput,
    ) -> Result<EventPayload> {
        let id = key(&input.event_id, NodeType::Event, "input.eventId")?;
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "completeEvent", &input, cmid.as_deref(), |w| {
            Box::pin(domain::complete(w, id))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Record the people an event served, per category (counts only:
    /// nothing identifies them).
    async fn record_beneficiaries_served(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: RecordBeneficiariesInput,
    ) -> Result<EventPayload> {
        let id = key(&input.event_id, NodeType::Event, "input.eventId")?;
        let counts: Vec<_> = input
            .counts
            .iter()
            .map(|c| (c.category.into(), c.count))
            .collect();
        let cmid = input.client_mutation_id.clone();
        let id = run(
            ctx,
            "recordBeneficiariesServed",
            &input,
            cmid.as_deref(),
            |w| Box::pin(async move { domain::record_beneficiaries(w, id, &counts).await }),
        )
        .await?;
        payload(ctx, cmid, id).await
    }
}
