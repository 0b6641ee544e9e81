//! The GraphQL schema: one module per area of the domain, each with its
//! object types and its share of the root `Query`, merged here.

pub mod access;
pub mod account_admin;
pub mod accounts;
pub mod aggregates;
pub mod annual_report;
pub mod api;
pub mod audit_log;
pub mod batch;
pub mod connection;
pub mod context;
pub mod credentials;
pub mod enums;
pub mod error;
pub mod events;
pub mod exchanges;
pub mod families;
pub mod filtering;
pub mod front_offices;
pub mod hours_entry;
pub mod ids;
pub mod imports;
pub mod labels;
pub mod limits;
pub mod live;
pub mod loaders;
pub mod mutations;
pub mod nesting;
pub mod node;
pub mod participations;
pub mod projects;
pub mod regions;
pub mod scalars;
pub mod server_info;
pub mod sign_ins;
pub mod statistics;
pub mod text_guard;
pub mod throttle;
pub mod volunteers;

use crate::auth::TokenKeys;
use crate::config::ApiArgs;
use crate::domain::write::Writer;
use crate::statistics::live::LiveFigures;
use async_graphql::{MergedObject, Schema, SchemaBuilder};
use context::LiveSettings;
use live::LiveSubscription;
use mutations::Mutation;
use sea_orm::DatabaseConnection;

/// The root query: every area's fields side by side.
#[derive(MergedObject, Default)]
pub struct Query(
    server_info::ServerInfoQuery,
    labels::LabelsQuery,
    node::NodeQuery,
    regions::RegionQuery,
    front_offices::FrontOfficeQuery,
    volunteers::VolunteerQuery,
    families::FamilyQuery,
    projects::ProjectQuery,
    events::EventQuery,
    participations::ParticipationQuery,
    exchanges::ExchangeQuery,
    audit_log::AuditLogQuery,
    accounts::AccountQuery,
    account_admin::AccountAdminQuery,
    sign_ins::SignInQuery,
    statistics::StatisticsQuery,
    annual_report::AnnualReportQuery,
    credentials::CredentialQuery,
);

pub type AppSchema = Schema<Query, Mutation, LiveSubscription>;

/// The schema's shape, without data: enough to print the SDL.
pub fn builder() -> SchemaBuilder<Query, Mutation, LiveSubscription> {
    Schema::build(Query::default(), Mutation::default(), LiveSubscription)
}

/// The schema as served, with the database, the batching loader and the
/// query limits: built twice, as the depth limit is the schema's own and
/// introspection-only documents have a larger one (see `limits`); both
/// share every piece of data, the batching loader included.
#[allow(clippy::too_many_arguments)]
pub fn build(
    db: DatabaseConnection,
    writer: Writer,
    tokens: TokenKeys,
    live: LiveFigures,
    limits: crate::rate_limit::RateLimits,
    mailer: crate::mail::Mailer,
    api: &ApiArgs,
    issuer: crate::credentials::Issuer,
    reference: std::sync::Arc<crate::reference::Reference>,
) -> api::Api {
    let loader = batch::Batcher::new(loaders::AppLoader::new(db.clone()));
    let query_limits = api.query_limits();
    let schema = |depth: usize| {
        let mut builder = builder()
            .data(db.clone())
            .data(loader.clone())
            .data(writer.clone())
            .data(connection::CursorKey::of(&tokens))
            .data(tokens.clone())
            .data(live.clone())
            .data(LiveSettings {
                interval: std::time::Duration::from_millis(api.live_interval_ms),
                anonymous_min_group: api.anonymous_min_group,
            })
            .data(limits.clone())
            .data(mailer.clone())
            .data(issuer.clone())
            .data(reference.clone())
            .limit_depth(depth)
            .limit_complexity(query_limits.max_complexity);
        if !api.introspection {
            builder = builder.disable_introspection();
        }
        if !api.suggestions {
            builder = builder.disable_suggestions();
        }
        builder.finish()
    };
    api::Api::new(
        schema(query_limits.max_depth),
        schema(limits::INTROSPECTION_MAX_DEPTH),
        query_limits,
    )
}

/// The SDL of the schema as served; `schema.graphql` is this text.
pub fn sdl() -> String {
    builder().finish().sdl()
}
