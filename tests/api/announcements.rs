//! Changes crossing server processes on PostgreSQL when they are announced
//! after the commit: a dashboard on another process follows a burst of
//! concurrent check-outs to the exact figures, and catches up with what a
//! process that went away may not have announced.

use crate::support::write::{CHECK_OUT, at};
use crate::support::{Demo, TestApp, stats_data, ws};
use chrono::Duration;
use futures_util::future::join_all;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use serde_json::{Value, json};

const LIVE: &str = "subscription($from: Date!, $to: Date!) {
  statisticsUpdated(from: $from, to: $to) { hours activeVolunteers } }";

/// Check-outs made at once.
const CHECK_OUTS: i64 = 48;

/// Figures of `payload`, failing on an error.
fn figures(payload: &Value) -> Value {
    assert!(payload.get("errors").is_none(), "{payload}");
    payload["data"]["statisticsUpdated"].clone()
}

/// The next live figures of subscription "1" for which `wanted` holds
/// (each wait bounded by `ws::next`).
async fn live_until(socket: &mut ws::Socket, wanted: impl Fn(&Value) -> bool) -> Value {
    loop {
        let next = figures(&ws::next(socket, "1").await);
        if wanted(&next) {
            return next;
        }
    }
}

#[tokio::test]
async fn concurrent_check_outs_through_one_process_reach_a_dashboard_on_another_exactly() {
    let app = TestApp::spawn(Demo::No).await;
    // On SQLite one process serves the database: the dashboard is on the
    // writer's own process.
    let other = app.sibling_on_postgres().await;
    let dashboard = other.as_ref().unwrap_or(&app);
    let event = app.event("Сенбілік", json!({})).await;
    let mut participations = Vec::new();
    for i in 0..CHECK_OUTS {
        let volunteer = app
            .volunteer(&format!("Ерікті {i}"), "1990-05-06", json!({}))
            .await;
        let participation = app.sign_up(&volunteer, &event).await;
        app.check_in(&participation, 60).await;
        participations.push(participation);
    }
    let today = chrono::Utc::now().date_naive();
    let days = json!({
        "from": (today - Duration::days(3)).to_string(),
        "to": (today + Duration::days(3)).to_string(),
    });
    let mut socket = ws::connect(dashboard, Some(&app.admin_token))
        .await
        .expect("connected");
    let first = figures(&ws::run(&mut socket, "1", LIVE, days).await);
    assert_eq!(first, json!({ "hours": 0.0, "activeVolunteers": 0 }));

    let left = at(Duration::minutes(-20));
    let answers = join_all(
        participations
            .iter()
            .map(|p| app.mutate(CHECK_OUT, json!({ "participationId": p, "at": left }))),
    )
    .await;
    for answer in answers {
        assert_eq!(answer["participation"]["minutes"], 40, "{answer}");
    }
    // Forty minutes each: 32 hours. The figures may come in steps; they
    // never go past the total, and reach it.
    let expected =
        json!({ "hours": (CHECK_OUTS * 40) as f64 / 60.0, "activeVolunteers": CHECK_OUTS });
    let reached = live_until(&mut socket, |f| {
        assert!(
            f["activeVolunteers"].as_i64().unwrap_or(0) <= CHECK_OUTS,
            "{f}"
        );
        f["activeVolunteers"] == CHECK_OUTS
    })
    .await;
    assert_eq!(reached, expected);
}

#[tokio::test]
async fn a_process_that_goes_away_makes_the_others_compute_their_figures_anew() {
    let app = TestApp::spawn(Demo::No).await;
    if app.backend() != "postgres" {
        // One process serves a SQLite file: nobody else can go away.
        return;
    }
    let mut leaving = app.sibling().await;
    // Both listen (the one leaving has introduced itself) before it goes.
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while listening_processes(&app).await < 2 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the second process listens"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let mut socket = ws::connect(&app, Some(&app.admin_token))
        .await
        .expect("connected");
    let year = json!({ "from": "2024-01-01", "to": "2024-12-31" });
    let first = figures(&ws::run(&mut socket, "1", LIVE, year).await);
    assert_eq!(first, json!({ "hours": 0.0, "activeVolunteers": 0 }));
    // Rows committed and never announced, as when a process is killed
    // between a commit and its announcement.
    stats_data::load(&app.db).await;
    leaving.shut_down();
    // Known figures of the data set's 2024 (`stats_data`).
    let caught_up = figures(&ws::next(&mut socket, "1").await);
    assert_eq!(caught_up, json!({ "hours": 7.5, "activeVolunteers": 3 }));
}

/// The server processes listening for changes on the test's database.
async fn listening_processes(app: &TestApp) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'frontoffice-changes'",
        ))
        .await
        .expect("pg_stat_activity is readable")
        .expect("a count");
    row.try_get::<i64>("", "n").expect("a number")
}
