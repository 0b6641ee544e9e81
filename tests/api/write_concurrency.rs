//! Concurrent writes and retried writes, sent in parallel over HTTP as busy
//! mobile clients send them.

use crate::support::write::*;
use crate::support::{Demo, TestApp};
use futures_util::future::join_all;
use serde_json::{Value, json};

/// The error code of each response, or None for a success.
fn outcomes(responses: &[(u16, Value)]) -> Vec<Option<String>> {
    responses
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, 200, "{body}");
            body["errors"][0]["extensions"]["code"]
                .as_str()
                .map(str::to_owned)
        })
        .collect()
}

#[tokio::test]
async fn only_one_of_many_simultaneous_registrations_gets_the_last_place() {
    let app = TestApp::spawn(Demo::No).await;
    let event = app.event("Соңғы орын", json!({ "capacity": 3 })).await;
    let first = app.volunteer("Бірінші", "1990-01-01", json!({})).await;
    let second = app.volunteer("Екінші", "1990-01-01", json!({})).await;
    app.sign_up(&first, &event).await;
    app.sign_up(&second, &event).await;
    let mut volunteers = Vec::new();
    for i in 0..12 {
        volunteers.push(
            app.volunteer(&format!("Ерікті {i}"), "1991-02-02", json!({}))
                .await,
        );
    }
    let responses = join_all(volunteers.iter().map(|v| {
        app.post(
            REGISTER_FOR_EVENT,
            json!({ "input": { "volunteerId": v, "eventId": event } }),
        )
    }))
    .await;
    let outcomes = outcomes(&responses);
    let won = outcomes.iter().filter(|o| o.is_none()).count();
    let full = outcomes
        .iter()
        .filter(|o| o.as_deref() == Some("CAPACITY_REACHED"))
        .count();
    assert_eq!((won, full), (1, 11), "{outcomes:?}");
    let data = app
        .query(
            "query($id: ID!) { event(id: $id) { registeredCount } }",
            json!({ "id": event }),
        )
        .await;
    assert_eq!(data["event"]["registeredCount"], 3);
}

#[tokio::test]
async fn simultaneous_check_ins_of_one_volunteer_succeed_once() {
    let app = TestApp::spawn(Demo::No).await;
    let v = app.volunteer("Асқар", "1985-03-03", json!({})).await;
    let event = app.event("Рейд", json!({})).await;
    let p = app.sign_up(&v, &event).await;
    // The same participation from ten devices, and two events at once.
    let other = app.event("Екінші рейд", json!({})).await;
    let q = app.sign_up(&v, &other).await;
    let mut requests = vec![p.clone(); 10];
    requests.push(q.clone());
    let responses = join_all(requests.iter().map(|id| {
        app.post(
            CHECK_IN,
            json!({ "input": { "participationId": id, "at": at(chrono::Duration::minutes(-10)) } }),
        )
    }))
    .await;
    let outcomes = outcomes(&responses);
    let won = outcomes.iter().filter(|o| o.is_none()).count();
    let refused = outcomes
        .iter()
        .filter(|o| o.as_deref() == Some("CONFLICT"))
        .count();
    assert_eq!((won, refused), (1, 10), "{outcomes:?}");
    let data = app
        .query(
            "query($id: ID!) { volunteer(id: $id) { participations { nodes { checkedInAt } } } }",
            json!({ "id": v }),
        )
        .await;
    let checked_in = data["volunteer"]["participations"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| !n["checkedInAt"].is_null())
        .count();
    assert_eq!(checked_in, 1);
}

#[tokio::test]
async fn a_retry_with_the_same_key_returns_the_first_result_without_writing() {
    let app = TestApp::spawn(Demo::No).await;
    let input = json!({
        "clientMutationId": "phone-42-reg",
        "fullName": "Гүлнар",
        "birthDate": "1999-09-09",
        "regionCode": "KZ-63",
    });
    let first = app.mutate(REGISTER_VOLUNTEER, input.clone()).await;
    let before = app.dump().await;
    let retry = app.mutate(REGISTER_VOLUNTEER, input.clone()).await;
    assert_eq!(retry, first);
    assert_eq!(app.dump().await, before, "a replay writes nothing");
    // The same key with another input is refused.
    let mut changed = input.clone();
    changed["fullName"] = json!("Гүлнара");
    let error = app
        .refused(REGISTER_VOLUNTEER, changed, "IDEMPOTENCY_KEY_REUSED")
        .await;
    assert!(error["message"].as_str().unwrap().contains("phone-42-reg"));
    // Simultaneous retries (a flaky network resending) register once.
    let burst = json!({ "clientMutationId": "burst", "fullName": "Бота", "birthDate": "2000-01-01", "regionCode": "KZ-10" });
    let responses =
        join_all((0..8).map(|_| app.post(REGISTER_VOLUNTEER, json!({ "input": burst.clone() }))))
            .await;
    let ids: Vec<_> = responses
        .iter()
        .map(|(_, body)| body["data"]["registerVolunteer"]["volunteer"]["id"].clone())
        .collect();
    assert!(
        ids.iter().all(|id| id == &ids[0] && !id.is_null()),
        "{responses:?}"
    );
    let count = app
        .query(
            "{ volunteers(filter: { name: \"Бота\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(count["volunteers"]["totalCount"], 1);
}

#[tokio::test]
async fn a_refusal_is_replayed_and_keys_are_checked() {
    let app = TestApp::spawn(Demo::No).await;
    let v = app.volunteer("Ержан", "1980-08-08", json!({})).await;
    let event = app.event("Рейд", json!({ "capacity": 1 })).await;
    let taken = app.volunteer("Алдыңғы", "1980-08-08", json!({})).await;
    let taken_place = app.sign_up(&taken, &event).await;
    let input = json!({ "clientMutationId": "k1", "volunteerId": v, "eventId": event });
    let (_, first) = app
        .post(REGISTER_FOR_EVENT, json!({ "input": input }))
        .await;
    assert_eq!(first["errors"][0]["extensions"]["code"], "CAPACITY_REACHED");
    // The place frees up, but the retry of the same request gets the same
    // answer; a new request (new key) is decided afresh.
    app.mutate(
        CANCEL_REGISTRATION,
        json!({ "participationId": taken_place }),
    )
    .await;
    let (_, retry) = app
        .post(REGISTER_FOR_EVENT, json!({ "input": input }))
        .await;
    assert_eq!(retry["errors"], first["errors"]);
    let fresh = json!({ "clientMutationId": "k2", "volunteerId": v, "eventId": event });
    let registered = app.mutate(REGISTER_FOR_EVENT, fresh).await;
    assert_eq!(registered["participation"]["status"], "REGISTERED");
    // Keys are 1 to 255 characters.
    for bad in [String::new(), "x".repeat(256)] {
        let error = app
            .refused(
                REGISTER_FOR_EVENT,
                json!({ "clientMutationId": bad, "volunteerId": v, "eventId": event }),
                "VALIDATION",
            )
            .await;
        assert_eq!(error["extensions"]["field"], "input.clientMutationId");
    }
}

#[tokio::test]
async fn expired_keys_are_forgotten() {
    let app = TestApp::spawn_with(Demo::No, &["--idempotency-ttl-hours", "1"]).await;
    let input = json!({ "clientMutationId": "old", "fullName": "Сәуле", "birthDate": "1995-05-05", "regionCode": "KZ-71" });
    let first = app.mutate(REGISTER_VOLUNTEER, input.clone()).await;
    // Age the key past its lifetime.
    use sea_orm::{ConnectionTrait, Statement};
    let backend = app.db.get_database_backend();
    app.db
        .execute_raw(Statement::from_sql_and_values(
            backend,
            if app.backend() == "postgres" {
                "UPDATE idempotency_key SET expires_at = $1"
            } else {
                "UPDATE idempotency_key SET expires_at = ?"
            },
            [(chrono::Utc::now() - chrono::Duration::minutes(1)).into()],
        ))
        .await
        .unwrap();
    // The same key now registers afresh (the person twice, as asked).
    let second = app.mutate(REGISTER_VOLUNTEER, input).await;
    assert_ne!(second["volunteer"]["id"], first["volunteer"]["id"]);
}
