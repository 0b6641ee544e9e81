//! Probes for orchestrators: `/healthz` says the process serves requests,
//! `/readyz` that it can also reach its database.

use crate::http::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde_json::{Value, json};

pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    if crate::db::ping(&state.db).await {
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
