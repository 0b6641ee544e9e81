//! Probes for orchestrators: `/healthz` says the process serves requests,
//! `/readyz` that it can also reach its database.

use crate::http::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};
use std::time::Duration;

pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Longest `/readyz` waits for the database: a probe must answer within
/// its own deadline, not the pool's, so an outage is reported, not timed out.
const READY_CHECK: Duration = Duration::from_secs(1);

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let reachable = tokio::time::timeout(READY_CHECK, crate::db::ping(&state.db))
        .await
        .unwrap_or(false);
    if reachable {
        (
            StatusCode::OK,
            Json(json!({ "status": "ready", "database": "ok" })),
        )
    } else {
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "unavailable", "database": "unreachable" })),
        )
    }
}
