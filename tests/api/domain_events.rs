//! Every committed change to volunteers, events, participations and
//! exchanges is announced on the server's change channel, once, after
//! commit; a refused write announces nothing.

use crate::support::write::*;
use crate::support::{Demo, TestApp};
use frontoffice::domain::changes::{Change, Subject};
use frontoffice::graphql::ids::{NodeType, decode_int};
use serde_json::json;
use tokio::sync::broadcast::error::TryRecvError;

fn key(id: &str, ty: NodeType) -> i64 {
    decode_int(&async_graphql::ID(id.to_owned()), ty, "id").unwrap()
}

fn drain(rx: &mut tokio::sync::broadcast::Receiver<Change>) -> Vec<(Subject, i64, String)> {
    let mut seen = Vec::new();
    loop {
        match rx.try_recv() {
            Ok(c) => seen.push((c.subject, c.id, c.action)),
            Err(TryRecvError::Empty) => return seen,
            Err(other) => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn committed_changes_are_announced_and_refused_ones_are_not() {
    let app = TestApp::spawn(Demo::No).await;
    let mut rx = app.changes.subscribe();
    let v = app.volunteer("Әлия", "2001-03-04", json!({})).await;
    let event = app.event("Рейд", json!({ "capacity": 1 })).await;
    let p = app.sign_up(&v, &event).await;
    // Each mutation's response comes after its commit and announcement.
    assert_eq!(
        drain(&mut rx),
        vec![
            (
                Subject::Volunteer,
                key(&v, NodeType::Volunteer),
                "registerVolunteer".to_owned()
            ),
            (
                Subject::Event,
                key(&event, NodeType::Event),
                "createEvent".to_owned()
            ),
            (
                Subject::Participation,
                key(&p, NodeType::Participation),
                "registerForEvent".to_owned()
            ),
        ]
    );
    let other = app.volunteer("Берік", "1990-01-01", json!({})).await;
    drain(&mut rx);
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": other, "eventId": event }),
        "CAPACITY_REACHED",
    )
    .await;
    assert_eq!(drain(&mut rx), vec![]);
    let exchange = app
        .mutate(
            "mutation($input: CreateExchangeInput!) { createInternationalExchange(input: $input) { exchange { id } } }",
            json!({ "title": "Алмасу", "direction": "INBOUND", "countryCode": "TR", "startsOn": "2024-07-01", "endsOn": "2024-07-10" }),
        )
        .await;
    let exchange = id_of(&exchange["exchange"]);
    assert_eq!(
        drain(&mut rx),
        vec![(
            Subject::InternationalExchange,
            key(&exchange, NodeType::InternationalExchange),
            "createInternationalExchange".to_owned()
        )]
    );
}
