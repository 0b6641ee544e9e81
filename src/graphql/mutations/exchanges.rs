//! Mutations on international exchanges and their participants.

use super::{key, maybe_key, payload, run, written};
use crate::domain::exchanges::{self as domain, ExchangeFields};
use crate::graphql::enums::ExchangeDirection;
use crate::graphql::exchanges::{InternationalExchange, exchange_by_id};
use crate::graphql::ids::NodeType;
use crate::graphql::scalars::Date;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// Record an international exchange.
#[derive(InputObject)]
pub struct CreateExchangeInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The title, 1 to 300 characters.
    pub title: String,
    /// INBOUND (foreign volunteers come to Kazakhstan) or OUTBOUND.
    pub direction: ExchangeDirection,
    /// Partner country, ISO 3166-1 alpha-2 (not `KZ`).
    pub country_code: String,
    /// The organization's id.
    pub organization_id: Option<ID>,
    /// The event's id.
    pub event_id: Option<ID>,
    /// First day.
    pub starts_on: Date,
    /// Not before `startsOn`.
    pub ends_on: Date,
    /// Foreign volunteers taking part.
    #[graphql(default)]
    pub foreign_participants: i32,
}

/// Change an exchange; fields left out stay as they are, `null` clears an
/// optional one.
#[derive(InputObject)]
pub struct UpdateExchangeInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The exchange's id.
    pub exchange_id: ID,
    /// The title, 1 to 300 characters.
    pub title: Option<String>,
    /// INBOUND (foreign volunteers come to Kazakhstan) or OUTBOUND.
    pub direction: Option<ExchangeDirection>,
    /// Partner country, ISO 3166-1 alpha-2 (not `KZ`).
    pub country_code: Option<String>,
    /// The organization's id.
    pub organization_id: MaybeUndefined<ID>,
    /// The event's id.
    pub event_id: MaybeUndefined<ID>,
    /// First day.
    pub starts_on: Option<Date>,
    /// Last day; not before the first.
    pub ends_on: Option<Date>,
    /// Foreign volunteers taking part; zero or more.
    pub foreign_participants: Option<i32>,
}

/// Add or remove a registered volunteer taking part in an exchange.
#[derive(InputObject)]
pub struct ExchangeParticipantInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The exchange's id.
    pub exchange_id: ID,
    /// The volunteer's id.
    pub volunteer_id: ID,
}

/// Set the number of foreign volunteers taking part.
#[derive(InputObject)]
pub struct SetForeignParticipantsInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The exchange's id.
    pub exchange_id: ID,
    /// Zero or more.
    pub count: i32,
}

payload!(
    /// The exchange a mutation changed.
    InternationalExchangePayload { exchange: InternationalExchange }
);

async fn payload(
    ctx: &Context<'_>,
    cmid: Option<String>,
    id: i64,
) -> Result<InternationalExchangePayload> {
    Ok(InternationalExchangePayload {
        client_mutation_id: cmid,
        exchange: written(exchange_by_id(ctx, id).await?, "international-exchange")?,
    })
}

fn participant(input: &ExchangeParticipantInput) -> Result<(i64, i64)> {
    Ok((
        key(
            &input.exchange_id,
            NodeType::InternationalExchange,
            "input.exchangeId",
        )?,
        key(
            &input.volunteer_id,
            NodeType::Volunteer,
            "input.volunteerId",
        )?,
    ))
}

#[derive(Default)]
pub struct ExchangeMutation;

/// International exchanges.
#[Object]
impl ExchangeMutation {
    /// Record an international exchange.
    async fn create_international_exchange(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: CreateExchangeInput,
    ) -> Result<InternationalExchangePayload> {
        let fields = ExchangeFields {
            title: Some(input.title.clone()),
            direction: Some(input.direction.into()),
            country_code: Some(input.country_code.clone()),
            organization_id: Some(super::optional_key(
                input.organization_id.as_ref(),
                NodeType::Organization,
                "input.organizationId",
            )?),
            event_id: Some(super::optional_key(
                input.event_id.as_ref(),
                NodeType::Event,
                "input.eventId",
            )?),
            starts_on: Some(input.starts_on.0),
            ends_on: Some(input.ends_on.0),
            foreign_participants: Some(input.foreign_participants),
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(
            ctx,
            "createInternationalExchange",
            &input,
            cmid.as_deref(),
            |w| Box::pin(domain::create(w, fields)),
        )
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Change an exchange.
    async fn update_international_exchange(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: UpdateExchangeInput,
    ) -> Result<InternationalExchangePayload> {
        let id = key(
            &input.exchange_id,
            NodeType::InternationalExchange,
            "input.exchangeId",
        )?;
        let fields = ExchangeFields {
            title: input.title.clone(),
            direction: input.direction.map(Into::into),
            country_code: input.country_code.clone(),
            organization_id: maybe_key(
                &input.organization_id,
                NodeType::Organization,
                "input.organizationId",
            )?,
            event_id: maybe_key(&input.event_id, NodeType::Event, "input.eventId")?,
            starts_on: input.starts_on.map(|d| d.0),
            ends_on: input.ends_on.map(|d| d.0),
            foreign_participants: input.foreign_participants,
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(
            ctx,
            "updateInternationalExchange",
            &input,
            cmid.as_deref(),
            |w| Box::pin(domain::update(w, id, fields)),
        )
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Add a registered volunteer to an exchange.
    async fn add_exchange_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: ExchangeParticipantInput,
    ) -> Result<InternationalExchangePayload> {
        let (exchange, volunteer) = participant(&input)?;
        let cmid = input.client_mutation_id.clone();
        let id = run(
            ctx,
            "addExchangeParticipant",
            &input,
            cmid.as_deref(),
            |w| Box::pin(domain::add_participant(w, exchange, volunteer)),
        )
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Remove a volunteer from an exchange.
    async fn remove_exchange_participant(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: ExchangeParticipantInput,
    ) -> Result<InternationalExchangePayload> {
        let (exchange, volunteer) = participant(&input)?;
        let cmid = input.client_mutation_id.clone();
        let id = run(
            ctx,
            "removeExchangeParticipant",
            &input,
            cmid.as_deref(),
            |w| Box::pin(domain::remove_participant(w, exchange, volunteer)),
        )
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Set the number of foreign volunteers taking part in an exchange.
    async fn set_foreign_participants(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: SetForeignParticipantsInput,
    ) -> Result<InternationalExchangePayload> {
        let id = key(
            &input.exchange_id,
            NodeType::InternationalExchange,
            "input.exchangeId",
        )?;
        let fields = ExchangeFields {
            foreign_participants: Some(input.count),
            ..Default::default()
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(
            ctx,
            "setForeignParticipants",
            &input,
            cmid.as_deref(),
            |w| Box::pin(domain::update(w, id, fields)),
        )
        .await?;
        payload(ctx, cmid, id).await
    }
}
