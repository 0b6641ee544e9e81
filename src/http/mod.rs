//! The HTTP surface: one router assembling the GraphQL endpoints, the
//! playground, the health probes and the metrics, with the layers every request passes
//! (request id, tracing, CORS, body limit and deadline). `serve` is the
//! accept loop that runs it.

pub mod body_deadline;
pub mod client_addr;
pub mod credentials;
pub mod export;
pub mod graphql;
pub mod health;
pub mod import;
pub mod metrics;
pub mod negotiation;
pub mod open_data;
pub mod params;
pub mod request_limit;
pub mod serve;
pub mod ws_connection;
pub mod ws_protocol;

use crate::auth::TokenKeys;
use crate::config::ApiArgs;
use crate::db::StatementCounter;
use crate::graphql::api::Api;
use crate::rate_limit::RateLimits;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, HeaderValue, Method, Request, header};
use axum::routing::{get, post};
use sea_orm::DatabaseConnection;
use std::time::Duration;
use tokio::sync::watch;
use tokio_util::task::TaskTracker;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

const REQUEST_ID: &str = "x-request-id";

/// What handlers share.
#[derive(Clone)]
pub struct AppState {
    pub schema: Api,
    pub db: DatabaseConnection,
    /// Turns `true` when the server begins shutting down, so long-lived
    /// WebSocket connections can close cleanly.
    pub shutdown: watch::Receiver<bool>,
    /// How long one GraphQL request may run.
    pub request_timeout: Duration,
    /// Checks the bearer tokens of requests and WebSocket connections.
    pub tokens: TokenKeys,
    /// The accounts' token versions (which tokens still work).
    pub versions: std::sync::Arc<crate::auth::versions::TokenVersions>,
    /// SQL statements run, for `/metrics`.
    pub statements: StatementCounter,
    /// Statistics computed anew and caught up, for `/metrics`.
    pub statistics: std::sync::Arc<crate::statistics::cache::Tally>,
    /// Largest WebSocket message accepted, like the largest request body.
    pub max_message_bytes: usize,
    /// Deepest bracket nesting of a document (checked before parsing).
    pub max_nesting: usize,
    /// How long a WebSocket may wait before its `connection_init`.
    pub ws_init_timeout: Duration,
    /// The open WebSocket connections, which shutdown waits for.
    pub sockets: TaskTracker,
    /// The rate limits, shared with the schema.
    pub limits: RateLimits,
    /// Makes the changes of imports (the schema has its own handle).
    pub writer: crate::domain::write::Writer,
    /// Largest file an import accepts, in bytes.
    pub max_import_bytes: usize,
    /// Who signs credentials, and the URLs they name.
    pub issuer: crate::credentials::Issuer,
}

pub fn router(state: AppState, api: &ApiArgs) -> Router {
    let request_id = HeaderName::from_static(REQUEST_ID);
    // The health probes are not counted: an orchestrator polling them must
    // never be refused because of the API's callers.
    let api_routes = Router::new()
        // The POST handler reads its body itself, to a limit by its kind
        // (the default body limit binds only extractors of whole bodies).
        .route("/graphql", get(graphql::get).post(graphql::post))
        .route("/graphql/ws", get(graphql::subscribe))
        .route("/open-data", get(open_data::index))
        .route("/open-data/{year}/{version}/{file}", get(open_data::file))
        .route("/.well-known/jwks.json", get(credentials::jwks))
        .route("/.well-known/did.json", get(credentials::did))
        .route("/credentials/status/{list}", get(credentials::status_list))
        .route("/credentials/{id}", get(credentials::credential))
        .route("/passport.json", get(credentials::passport_json))
        .route("/passport.pdf", get(credentials::passport_pdf))
        .route("/export", get(export::index))
        .route("/export/{file}", get(export::get))
        // An import reads its body itself, up to its own limit.
        .route(
            "/import/{what}",
            post(import::post).layer(DefaultBodyLimit::disable()),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.limits.clone(),
            request_limit::limit,
        ));
    // The pages and their files, compressed (the playground's editor is
    // megabytes; every file is cached for a year once fetched).
    let web_routes = Router::new()
        .route("/", get(crate::web::pages::public))
        .route("/verify", get(crate::web::pages::verify))
        .route("/assets/{hash}/{*path}", get(crate::web::assets::serve))
        .layer(tower_http::compression::CompressionLayer::new());
    Router::new()
        .merge(api_routes)
        .merge(web_routes)
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        .with_state(state)
        .layer(DefaultBodyLimit::max(api.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            api.body_timeout(),
            body_deadline::limit,
        ))
        .layer(cors(&api.cors_origins))
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            let id = request
                .headers()
                .get(REQUEST_ID)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
}

/// Browser dashboards on other origins may call the API only when their
/// origin is configured; `*` allows any (credentials are never cookies, so
/// a wildcard exposes nothing a token does not already grant).
fn cors(origins: &[String]) -> CorsLayer {
    let allow = if origins.iter().any(|o| o.trim() == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(
            origins
                .iter()
                .filter_map(|o| HeaderValue::from_str(o.trim()).ok())
                .collect::<Vec<_>>(),
        )
    };
    CorsLayer::new()
        .allow_origin(allow)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([
            header::CONTENT_TYPE,
            header::ACCEPT,
            header::AUTHORIZATION,
            HeaderName::from_static(REQUEST_ID),
        ])
        .expose_headers([HeaderName::from_static(REQUEST_ID)])
        .max_age(Duration::from_secs(600))
}
