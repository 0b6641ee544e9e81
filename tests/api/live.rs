//! Live updates over the WebSocket: `statisticsUpdated` and `eventActivity`
//! with their coalescing, across server processes on PostgreSQL, and
//! through the `graphql-ws` client dashboards use.

use crate::support::js::Script;
use crate::support::write::{CHECK_OUT, LOG_HOURS, at};
use crate::support::{Demo, TestApp, stats_data, ws};
use frontoffice::graphql::ids::{NodeType, encode};
use serde_json::{Value, json};

const LIVE: &str = "subscription($from: Date!, $to: Date!, $region: String) {
  statisticsUpdated(from: $from, to: $to, regionCode: $region) { hours activeVolunteers registeredVolunteers } }";

fn year_2024() -> Value {
    json!({ "from": "2024-01-01", "to": "2024-12-31" })
}

fn figures(payload: &Value) -> Value {
    assert!(payload.get("errors").is_none(), "{payload}");
    payload["data"]["statisticsUpdated"].clone()
}

/// Log `minutes` on the open registration of the known data set (v2 at e4,
/// June 2024): each call changes the year's hours.
async fn log_hours(app: &TestApp, data: &stats_data::StatsData, minutes: i32) {
    let participation = encode(NodeType::Participation, data.open_registration).to_string();
    app.mutate(
        LOG_HOURS,
        json!({ "participationId": participation, "minutes": minutes, "reason": "corrected from the sign-in sheet" }),
    )
    .await;
}

#[tokio::test]
async fn statistics_updated_sends_the_figures_at_once_then_after_each_change_that_alters_them() {
    let app = TestApp::spawn(Demo::No).await;
    let data = stats_data::load(&app.db).await;
    let mut socket = ws::connect(&app, Some(&app.admin_token)).await.unwrap();
    let first = figures(&ws::run(&mut socket, "1", LIVE, year_2024()).await);
    assert_eq!(
        first,
        json!({ "hours": 7.5, "activeVolunteers": 3, "registeredVolunteers": 4 })
    );

    // Registering someone today does not alter 2024: no message for it; the
    // next message is the one for the change that does.
    app.volunteer("Айгүл Сәрсенова", "2001-02-03", json!({}))
        .await;
    log_hours(&app, &data, 30).await;
    let second = figures(&ws::next(&mut socket, "1").await);
    assert_eq!(
        second,
        json!({ "hours": 8.0, "activeVolunteers": 3, "registeredVolunteers": 4 })
    );
}

#[tokio::test]
async fn a_burst_of_writes_reaches_a_subscriber_as_few_messages() {
    let app = TestApp::spawn_with(Demo::No, &["--live-interval-ms", "1000"]).await;
    let data = stats_data::load(&app.db).await;
    let mut socket = ws::connect(&app, Some(&app.admin_token)).await.unwrap();
    figures(&ws::run(&mut socket, "1", LIVE, year_2024()).await);

    const WRITES: i32 = 20;
    for minutes in 1..=WRITES {
        log_hours(&app, &data, 30 + minutes).await;
    }
    let settled = app
        .query(
            "query($from: Date!, $to: Date!) { statistics(from: $from, to: $to) { hours } }",
            year_2024(),
        )
        .await["statistics"]["hours"]
        .clone();
    let mut messages = 0;
    loop {
        let update = figures(&ws::next(&mut socket, "1").await);
        messages += 1;
        if update["hours"] == settled {
            break;
        }
    }
    println!("{WRITES} writes reached the subscriber as {messages} messages");
    assert!(
        messages * 2 <= WRITES,
        "{WRITES} writes gave {messages} messages: not coalesced"
    );
}

#[tokio::test]
async fn event_activity_follows_check_ins_and_outs() {
    let app = TestApp::spawn(Demo::No).await;
    let volunteer = app
        .volunteer("Ерлан Қасымов", "1990-04-04", json!({}))
        .await;
    let event = app.event("Рейд «Жеңіс»", json!({})).await;
    let participation = app.sign_up(&volunteer, &event).await;
    const ACTIVITY: &str = "subscription($event: ID!) {
      eventActivity(eventId: $event) { registered checkedIn attended event { id } } }";
    let mut socket = ws::connect(&app, Some(&app.admin_token)).await.unwrap();
    let state = ws::run(&mut socket, "a", ACTIVITY, json!({ "event": event })).await;
    assert_eq!(
        state["data"]["eventActivity"],
        json!({ "registered": 1, "checkedIn": 0, "attended": 0, "event": { "id": event } })
    );
    app.check_in(&participation, 30).await;
    let state = ws::next(&mut socket, "a").await;
    assert_eq!(state["data"]["eventActivity"]["checkedIn"], 1, "{state}");
    app.mutate(
        CHECK_OUT,
        json!({ "participationId": participation, "at": at(chrono::Duration::minutes(-1)) }),
    )
    .await;
    let state = ws::next(&mut socket, "a").await;
    assert_eq!(state["data"]["eventActivity"]["checkedIn"], 0, "{state}");
    assert_eq!(state["data"]["eventActivity"]["attended"], 1, "{state}");

    // The coordinator's screen is not public.
    let mut anonymous = ws::connect(&app, None).await.unwrap();
    let refused = ws::run(&mut anonymous, "b", ACTIVITY, json!({ "event": event })).await;
    assert_eq!(refused["data"], Value::Null, "{refused}");
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{refused}"
    );
}

#[tokio::test]
async fn a_change_reaches_subscribers_of_every_server_process() {
    let app = TestApp::spawn(Demo::No).await;
    let data = stats_data::load(&app.db).await;
    // On PostgreSQL a second process serves the subscriber, as when scaling
    // out; SQLite is served by one process, where the writer's own change
    // bus carries the change.
    let other = app.sibling_on_postgres().await;
    let subscriber_side = other.as_ref().unwrap_or(&app);
    let mut socket = ws::connect(subscriber_side, Some(&app.admin_token))
        .await
        .unwrap();
    let first = figures(&ws::run(&mut socket, "1", LIVE, year_2024()).await);
    assert_eq!(first["hours"], 7.5);
    log_hours(&app, &data, 90).await;
    let second = figures(&ws::next(&mut socket, "1").await);
    assert_eq!(second["hours"], 9.0);
}

#[tokio::test]
async fn the_graphql_ws_client_receives_live_statistics() {
    let app = TestApp::spawn(Demo::No).await;
    let data = stats_data::load(&app.db).await;
    let url = format!("ws://{}/graphql/ws", app.addr);
    let variables =
        json!({ "from": "2024-01-01", "to": "2024-12-31", "region": "KZ-71" }).to_string();
    let mut client = Script::start("live.mjs", &[&url, &app.admin_token, "2", LIVE, &variables]);
    let first: Value = serde_json::from_str(&client.line().await).unwrap();
    // KZ-71 in 2024: v1 2 h + 1 h at e1 and e4, v2 3 h at e1, v3 1.5 h at e4.
    assert_eq!(
        first["data"]["statisticsUpdated"],
        json!({ "hours": 7.5, "activeVolunteers": 3, "registeredVolunteers": 2 })
    );
    log_hours(&app, &data, 30).await;
    let second: Value = serde_json::from_str(&client.line().await).unwrap();
    assert_eq!(
        second["data"]["statisticsUpdated"]["hours"], 8.0,
        "{second}"
    );
    assert!(client.finished().await, "the client ends cleanly");

    // Anonymous dashboards subscribe too, and never see a group smaller
    // than five: three active volunteers are withheld.
    let mut anonymous = Script::start("live.mjs", &[&url, "-", "1", LIVE, &variables]);
    let first: Value = serde_json::from_str(&anonymous.line().await).unwrap();
    assert_eq!(
        first["data"]["statisticsUpdated"],
        json!({ "hours": null, "activeVolunteers": null, "registeredVolunteers": null })
    );
    assert!(anonymous.finished().await);
}

#[tokio::test]
async fn a_bad_token_on_the_websocket_is_refused_by_the_real_client() {
    let app = TestApp::spawn(Demo::No).await;
    let url = format!("ws://{}/graphql/ws", app.addr);
    let mut client = Script::start(
        "live.mjs",
        &[&url, "not-a-token", "1", LIVE, &year_2024().to_string()],
    );
    let line: Value = serde_json::from_str(&client.line().await).unwrap();
    assert_eq!(line["closeCode"], 4403, "the connection is refused: {line}");
    assert!(
        line["clientError"]
            .as_str()
            .is_some_and(|reason| reason.contains("Bearer")),
        "with a reason: {line}"
    );
    assert!(!client.finished().await);
}
