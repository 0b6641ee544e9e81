//! `GET /metrics`: counters for monitoring and load tests, in Prometheus'
//! text format. Process-wide figures only, nothing about any person.

use crate::http::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

pub async fn metrics(State(state): State<AppState>) -> impl IntoResponse {
    let mut text = format!(
        "# HELP frontoffice_sql_statements_total SQL statements run since start.\n\
         # TYPE frontoffice_sql_statements_total counter\n\
         frontoffice_sql_statements_total {}\n",
        state.statements.get()
    );
    text.push_str(&format!(
        "# HELP frontoffice_statistics_scopes_total Statistics scopes computed from their period's rows (anew) or from cached figures and the changes since (caught_up).\n\
         # TYPE frontoffice_statistics_scopes_total counter\n\
         frontoffice_statistics_scopes_total{{how=\"anew\"}} {}\n\
         frontoffice_statistics_scopes_total{{how=\"caught_up\"}} {}\n",
        state.statistics.anew(),
        state.statistics.caught_up()
    ));
    if let Some(bytes) = resident_memory_bytes() {
        text.push_str(&format!(
            "# HELP process_resident_memory_bytes Resident memory size in bytes.\n\
             # TYPE process_resident_memory_bytes gauge\n\
             process_resident_memory_bytes {bytes}\n"
        ));
    }
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        text,
    )
}

/// From `/proc` where there is one (Linux); elsewhere the figure is left out.
fn resident_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
