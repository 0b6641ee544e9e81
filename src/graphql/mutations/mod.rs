//! The root `Mutation`: one module per area, merged here.
//!
//! Every mutation is Relay-style: one `input` argument and a payload type
//! returning what changed, plus the `clientMutationId` it was sent with.
//! That id doubles as an idempotency key: a retry with the same key and the
//! same input replays the first result without writing again (see
//! `domain::idempotency`). Resolvers only translate GraphQL input into
//! domain input (decoding ids), call `run`, and load the payload; the rules
//! live in `domain`. Input fields holding personal data are marked
//! `#[graphql(secret)]` where they are defined; the audit log never keeps
//! their values (`personal`).

mod account_admin;
mod accounts;
mod events;
mod exchanges;
mod families;
mod hours;
mod organizations;
mod participations;
pub mod personal;
mod projects;
mod sign_up;
mod volunteers;

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::idempotency::IdempotencyKey;
use crate::domain::write::{Operation, Write};
use crate::graphql::context::{ContextExt, RequestId};
use crate::graphql::ids::{self, NodeType};
use async_graphql::{Context, ID, InputType, MergedObject, Result};
use futures_util::future::BoxFuture;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The root mutation: every area's mutations side by side.
#[derive(MergedObject, Default)]
pub struct Mutation(
    accounts::AccountMutation,
    account_admin::AccountAdminMutation,
    sign_up::SignUpMutation,
    volunteers::VolunteerMutation,
    families::FamilyMutation,
    organizations::OrganizationMutation,
    projects::ProjectMutation,
    events::EventMutation,
    participations::ParticipationMutation,
    hours::HoursMutation,
    exchanges::ExchangeMutation,
    crate::graphql::annual_report::AnnualReportMutation,
    crate::graphql::imports::ImportMutation,
    crate::graphql::credentials::CredentialMutation,
);

/// Run mutation `name` with `input` as one write (see `domain::write`).
pub(crate) async fn run<I, R, F>(
    ctx: &Context<'_>,
    name: &'static str,
    input: &I,
    client_mutation_id: Option<&str>,
    work: F,
) -> Result<R>
where
    I: InputType,
    R: Serialize + DeserializeOwned + Send,
    F: for<'w> FnOnce(&'w mut Write) -> BoxFuture<'w, DomainResult<R>>,
{
    let caller = ctx.caller().clone();
    run_as(ctx, caller, name, input, client_mutation_id, work).await
}

/// `run` as `caller`: the service itself acting for an anonymous person
/// (`Caller::System`: signing up, resetting a password), whose
/// `clientMutationId` is echoed but keys nothing, as there is no caller to
/// keep it for (two people's keys would meet).
pub(crate) async fn run_as<I, R, F>(
    ctx: &Context<'_>,
    caller: crate::domain::caller::Caller,
    name: &'static str,
    input: &I,
    client_mutation_id: Option<&str>,
    work: F,
) -> Result<R>
where
    I: InputType,
    R: Serialize + DeserializeOwned + Send,
    F: for<'w> FnOnce(&'w mut Write) -> BoxFuture<'w, DomainResult<R>>,
{
    let writer = ctx.writer();
    let client_mutation_id =
        client_mutation_id.filter(|_| !matches!(caller, crate::domain::caller::Caller::System(_)));
    let value = input
        .to_value()
        .into_json()
        .map_err(unrepresentable_input)?;
    let idempotency = client_mutation_id
        .map(|key| {
            IdempotencyKey::new(
                key,
                name,
                &value,
                &writer.rules().secret,
                "input.clientMutationId",
            )
        })
        .transpose()?;
    let operation = Operation {
        caller,
        name,
        summary: personal::audit_summary(&ctx.schema_env.registry, &I::type_name(), &value),
        request_id: ctx.data_opt::<RequestId>().map(|r| r.0.clone()),
        idempotency,
    };
    Ok(writer.run(operation, work).await?)
}

fn unrepresentable_input(err: serde_json::Error) -> async_graphql::Error {
    DomainError::internal("reading the input as JSON", err).into()
}

/// The numeric key of an input id of type `ty`, refusing other types.
pub(crate) fn key(id: &ID, ty: NodeType, field: &str) -> Result<i64> {
    Ok(ids::decode_int(id, ty, field)?)
}

/// Like `key`, for an optional id.
pub(crate) fn optional_key(id: Option<&ID>, ty: NodeType, field: &str) -> Result<Option<i64>> {
    id.map(|id| key(id, ty, field)).transpose()
}

/// A field that may be left out (no change), `null` (clear) or given.
pub(crate) fn maybe<T: Clone>(value: &async_graphql::MaybeUndefined<T>) -> Option<Option<T>> {
    match value {
        async_graphql::MaybeUndefined::Undefined => None,
        async_graphql::MaybeUndefined::Null => Some(None),
        async_graphql::MaybeUndefined::Value(v) => Some(Some(v.clone())),
    }
}

/// Like `maybe`, for an id of type `ty`.
pub(crate) fn maybe_key(
    value: &async_graphql::MaybeUndefined<ID>,
    ty: NodeType,
    field: &str,
) -> Result<Option<Option<i64>>> {
    maybe(value)
        .map(|id| optional_key(id.as_ref(), ty, field))
        .transpose()
}

/// An object just written, read back for the payload.
pub(crate) fn written<T>(found: Option<T>, what: &'static str) -> Result<T> {
    // The write committed moments ago; only a concurrent erasure or delete
    // could have removed it since.
    found.ok_or_else(|| crate::domain::error::DomainError::not_found(what).into())
}

/// A payload of one changed object, with the `clientMutationId` echoed.
macro_rules! payload {
    ($(#[$doc:meta])* $name:ident { $field:ident : $ty:ty }) => {
        $(#[$doc])*
        #[derive(async_graphql::SimpleObject)]
        pub struct $name {
            /// The `clientMutationId` of the input, as sent.
            pub client_mutation_id: Option<String>,
            #[doc = concat!("The ", stringify!($field), " as it is after the change.")]
            pub $field: $ty,
        }
    };
}
pub(crate) use payload;
