//! An event's status follows its time: PLANNED until it starts, ONGOING
//! until it ends, then COMPLETED, unless a coordinator cancelled or closed
//! it; the `statuses` filter and the writes agree with what is shown.

use crate::support::write::*;
use crate::support::{Demo, TestApp};
use chrono::{DateTime, Duration, Utc};
use frontoffice::graphql::ids::{NodeType, decode_int};
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, EntityTrait};
use serde_json::{Value, json};

/// Move an event's times, as the clock moving on would: the event then
/// starts `start` from now and lasts `hours`.
async fn move_event(app: &TestApp, event: &str, start: Duration, hours: i64) {
    let id = decode_int(&async_graphql::ID(event.to_owned()), NodeType::Event, "id").unwrap();
    let row = entity::event::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let starts: DateTime<Utc> = Utc::now() + start;
    let mut row: entity::event::ActiveModel = row.into();
    row.starts_at = Set(starts);
    row.ends_at = Set(starts + Duration::hours(hours));
    row.update(&app.db).await.unwrap();
}

async fn status(app: &TestApp, event: &str) -> Value {
    app.query(
        "query($id: ID!) { event(id: $id) { status } }",
        json!({ "id": event }),
    )
    .await["event"]["status"]
        .clone()
}

/// Titles of the events whose status is one of `statuses` (sorted), and
/// their count.
async fn with_status(app: &TestApp, statuses: &[&str]) -> (Vec<String>, i64) {
    let data = app
        .query(
            "query($f: EventFilter) { events(filter: $f) { totalCount nodes { title } } }",
            json!({ "f": { "statuses": statuses } }),
        )
        .await;
    let mut titles: Vec<String> = data["events"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap().to_owned())
        .collect();
    titles.sort();
    (titles, data["events"]["totalCount"].as_i64().unwrap())
}

#[tokio::test]
async fn an_event_reads_ongoing_once_started_and_completed_once_over() {
    let app = TestApp::spawn(Demo::No).await;
    let soon = app
        .event(
            "Рейд",
            json!({ "startsAt": at(Duration::hours(2)), "endsAt": at(Duration::hours(5)) }),
        )
        .await;
    let called_off = app
        .event(
            "Акция",
            json!({ "startsAt": at(Duration::hours(2)), "endsAt": at(Duration::hours(5)) }),
        )
        .await;
    assert_eq!(status(&app, &soon).await, "PLANNED");
    let cancelled = app
        .mutate(CANCEL_EVENT, json!({ "eventId": called_off }))
        .await;
    assert_eq!(cancelled["event"]["status"], "CANCELLED");
    assert_eq!(
        with_status(&app, &["PLANNED"]).await,
        (vec!["Рейд".to_owned()], 1)
    );

    // The start has passed.
    move_event(&app, &soon, Duration::minutes(-10), 3).await;
    move_event(&app, &called_off, Duration::minutes(-10), 3).await;
    assert_eq!(status(&app, &soon).await, "ONGOING");
    assert_eq!(status(&app, &called_off).await, "CANCELLED");
    assert_eq!(
        with_status(&app, &["ONGOING"]).await,
        (vec!["Рейд".to_owned()], 1)
    );
    assert_eq!(with_status(&app, &["PLANNED"]).await, (vec![], 0));
    // Volunteers register and check in while it is on.
    let v = app
        .volunteer("Әлия Серікова", "1990-05-06", json!({}))
        .await;
    let p = app.sign_up(&v, &soon).await;
    app.check_in(&p, 5).await;

    // The end has passed.
    move_event(&app, &soon, Duration::hours(-4), 3).await;
    move_event(&app, &called_off, Duration::hours(-4), 3).await;
    assert_eq!(status(&app, &soon).await, "COMPLETED");
    assert_eq!(status(&app, &called_off).await, "CANCELLED");
    assert_eq!(
        with_status(&app, &["COMPLETED"]).await,
        (vec!["Рейд".to_owned()], 1)
    );
    assert_eq!(
        with_status(&app, &["CANCELLED"]).await,
        (vec!["Акция".to_owned()], 1)
    );
    assert_eq!(
        with_status(&app, &["PLANNED", "ONGOING"]).await,
        (vec![], 0)
    );
    assert_eq!(with_status(&app, &[]).await, (vec![], 0));
}

#[tokio::test]
async fn writes_treat_an_event_that_is_over_as_completed() {
    let app = TestApp::spawn(Demo::No).await;
    let v = app.volunteer("Иван Петров", "1988-02-01", json!({})).await;
    let over = app
        .event(
            "Өткен",
            json!({ "startsAt": at(Duration::hours(-5)), "endsAt": at(Duration::hours(-1)) }),
        )
        .await;
    assert_eq!(status(&app, &over).await, "COMPLETED");
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": v, "eventId": over }),
        "EVENT_CLOSED",
    )
    .await;
    app.refused(
        UPDATE_EVENT,
        json!({ "eventId": over, "title": "Басқа" }),
        "EVENT_CLOSED",
    )
    .await;
    app.refused(COMPLETE_EVENT, json!({ "eventId": over }), "INVALID_STATE")
        .await;
    app.refused(CANCEL_EVENT, json!({ "eventId": over }), "INVALID_STATE")
        .await;

    // Closed early by its coordinator, an event reads completed although
    // its time has not run out.
    let closed = app.event("Жабылған", json!({})).await;
    assert_eq!(status(&app, &closed).await, "ONGOING");
    let done = app
        .mutate(COMPLETE_EVENT, json!({ "eventId": closed }))
        .await;
    assert_eq!(done["event"]["status"], "COMPLETED");
    assert_eq!(
        with_status(&app, &["COMPLETED"]).await.0,
        vec!["Жабылған".to_owned(), "Өткен".to_owned()]
    );
    assert_eq!(with_status(&app, &["ONGOING"]).await, (vec![], 0));
}
