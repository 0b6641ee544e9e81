//! Registration, attendance, hours and verification through the API: every
//! rule refuses with its code and leaves the database as it was.

use crate::support::write::*;
use crate::support::{Demo, TestApp};
use async_graphql::ID;
use chrono::Duration;
use frontoffice::graphql::ids::{NodeType, decode_any, encode};
use serde_json::{Value, json};

async fn adult(app: &TestApp, name: &str) -> String {
    app.volunteer(name, "1990-05-06", json!({})).await
}

#[tokio::test]
async fn a_volunteer_registers_checks_in_and_out_and_is_verified() {
    let app = TestApp::spawn(Demo::No).await;
    let v = adult(&app, "Иван Петров").await;
    let event = app.event("Жеңіс рейді", json!({ "capacity": 10 })).await;
    let p = app.sign_up(&v, &event).await;
    let checked_in = app.check_in(&p, 90).await;
    assert_eq!(checked_in["participation"]["status"], "REGISTERED");
    assert!(!checked_in["participation"]["checkedInAt"].is_null());
    let out = app
        .mutate(
            CHECK_OUT,
            json!({ "participationId": p, "at": at(Duration::minutes(-30)) }),
        )
        .await;
    assert_eq!(out["participation"]["status"], "ATTENDED");
    assert_eq!(out["participation"]["minutes"], 60);
    let verified = app.mutate(VERIFY, json!({ "participationId": p })).await;
    assert_eq!(verified["participation"]["verified"], true);
    // A correction says why; it withdraws the verification.
    app.refused(
        LOG_HOURS,
        json!({ "participationId": p, "minutes": 45 }),
        "VALIDATION",
    )
    .await;
    let corrected = app
        .mutate(
            LOG_HOURS,
            json!({ "participationId": p, "minutes": 45, "reason": "left early, by the sign-in sheet" }),
        )
        .await;
    assert_eq!(corrected["participation"]["minutes"], 45);
    assert_eq!(corrected["participation"]["verified"], false);
    // The ledger keeps both values, who set them and why.
    let history = app
        .query(
            "query($id: ID!) { participation(id: $id) { minutesSource estimated hoursHistory { minutes source actor reason reverses } } }",
            json!({ "id": p }),
        )
        .await["participation"]
        .clone();
    assert_eq!(history["minutesSource"], "COORDINATOR");
    assert_eq!(history["estimated"], false);
    let entries = history["hoursHistory"].as_array().expect("entries");
    let summary: Vec<_> = entries
        .iter()
        .map(|e| {
            (
                e["minutes"].as_i64().unwrap(),
                e["source"].as_str().unwrap().to_owned(),
                e["reason"].clone(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (60, "ATTENDANCE".to_owned(), Value::Null),
            (
                -60,
                "ATTENDANCE".to_owned(),
                json!("left early, by the sign-in sheet")
            ),
            (
                45,
                "COORDINATOR".to_owned(),
                json!("left early, by the sign-in sheet")
            ),
        ],
        "{history}"
    );
    assert!(entries[1]["reverses"].is_string(), "{history}");
    assert!(
        entries
            .iter()
            .all(|e| e["actor"].as_str().is_some_and(|a| !a.is_empty()))
    );
    let data = app
        .query(
            "query($id: ID!) { event(id: $id) { participantCount hours } }",
            json!({ "id": event }),
        )
        .await;
    assert_eq!(data["event"]["participantCount"], 1);
    assert_eq!(data["event"]["hours"], 0.75);
}

#[tokio::test]
async fn registration_rules() {
    let app = TestApp::spawn(Demo::No).await;
    let a = adult(&app, "Әлия").await;
    let b = adult(&app, "Берік").await;
    let small = app.event("Шағын", json!({ "capacity": 1 })).await;
    app.sign_up(&a, &small).await;
    // The same volunteer twice, and a full event.
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": a, "eventId": small }),
        "CONFLICT",
    )
    .await;
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": b, "eventId": small }),
        "CAPACITY_REACHED",
    )
    .await;
    // Capacity cannot drop below the places taken.
    let open = app.event("Ашық", json!({})).await;
    app.sign_up(&a, &open).await;
    app.sign_up(&b, &open).await;
    app.refused(
        UPDATE_EVENT,
        json!({ "eventId": open, "capacity": 1 }),
        "CAPACITY_REACHED",
    )
    .await;
    // A cancelled event keeps its records and takes nothing new.
    let cancelled = app.event("Болмайды", json!({})).await;
    app.mutate(CANCEL_EVENT, json!({ "eventId": cancelled }))
        .await;
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": a, "eventId": cancelled }),
        "EVENT_CLOSED",
    )
    .await;
    app.refused(
        CANCEL_EVENT,
        json!({ "eventId": cancelled }),
        "INVALID_STATE",
    )
    .await;
    app.refused(
        UPDATE_EVENT,
        json!({ "eventId": cancelled, "title": "x" }),
        "EVENT_CLOSED",
    )
    .await;
    // An event that is over takes no registrations.
    let past = app
        .event(
            "Өткен",
            json!({ "startsAt": at(Duration::days(-3)), "endsAt": at(Duration::days(-3) + Duration::hours(2)) }),
        )
        .await;
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": a, "eventId": past }),
        "EVENT_CLOSED",
    )
    .await;
    // Unknown and mistyped ids.
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": a, "eventId": a }),
        "VALIDATION",
    )
    .await;
    let unknown = encode(NodeType::Event, 999_999);
    app.refused(
        REGISTER_FOR_EVENT,
        json!({ "volunteerId": a, "eventId": unknown.to_string() }),
        "NOT_FOUND",
    )
    .await;
    // A cancelled registration frees its place and can be renewed.
    let p = app
        .sign_up(&b, &app.event("Қайта", json!({ "capacity": 1 })).await)
        .await;
    let cancelled = app
        .mutate(CANCEL_REGISTRATION, json!({ "participationId": p }))
        .await;
    assert_eq!(cancelled["participation"]["status"], "CANCELLED");
}

#[tokio::test]
async fn event_dates_and_capacity_are_checked() {
    let app = TestApp::spawn(Demo::No).await;
    let bad = [
        (json!({ "endsAt": at(Duration::hours(-2)) }), "input.endsAt"),
        (json!({ "capacity": 0 }), "input.capacity"),
        (json!({ "regionCode": "KZ-00" }), "input.regionCode"),
        (json!({ "title": "" }), "input.title"),
    ];
    for (extra, field) in bad {
        let mut input = json!({
            "title": "Той", "kind": "EVENT", "level": "REPUBLICAN", "activityType": "CULTURE",
            "regionCode": "KZ-75", "startsAt": at(Duration::hours(-1)), "endsAt": at(Duration::hours(3)),
        });
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        let error = app.refused(CREATE_EVENT, input, "VALIDATION").await;
        assert_eq!(error["extensions"]["field"], field);
    }
}

#[tokio::test]
async fn minors_are_kept_off_events_closed_to_them() {
    let app = TestApp::spawn(Demo::No).await;
    let teen = app
        .volunteer(
            "Дана",
            "2010-01-01",
            json!({ "guardian": { "name": "Ана", "consentOn": "2023-01-01" } }),
        )
        .await;
    for closed in [
        json!({ "activityType": "EMERGENCY_RESPONSE" }),
        json!({ "activityType": "DISASTER_RELIEF" }),
        json!({ "hazardous": true }),
    ] {
        let event = app.event("Құтқару", closed).await;
        app.refused(
            REGISTER_FOR_EVENT,
            json!({ "volunteerId": teen, "eventId": event }),
            "AGE_RESTRICTED",
        )
        .await;
    }
    // An event cannot be closed to minors already registered.
    let event = app.event("Тазалық", json!({})).await;
    app.sign_up(&teen, &event).await;
    app.refused(
        UPDATE_EVENT,
        json!({ "eventId": event, "hazardous": true }),
        "AGE_RESTRICTED",
    )
    .await;
}

#[tokio::test]
async fn a_child_under_14_attends_with_the_guardian_or_written_consent() {
    let app = TestApp::spawn(Demo::No).await;
    let family = app.family("Нұрлановтар").await;
    let parent = adult(&app, "Нұрлан").await;
    app.add_member(&family, &parent, "GUARDIAN").await;
    let child = app
        .volunteer(
            "Қайрат",
            "2016-07-08",
            json!({ "familyId": family, "familyRole": "CHILD" }),
        )
        .await;
    let event = app.event("Жеңіс рейді", json!({})).await;
    let child_p = app.sign_up(&child, &event).await;
    let parent_p = app.sign_up(&parent, &event).await;
    // Not before the guardian is there, neither by check-in nor by logged hours.
    app.refused(
        CHECK_IN,
        json!({ "participationId": child_p }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.refused(
        LOG_HOURS,
        json!({ "participationId": child_p, "minutes": 30 }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.check_in(&parent_p, 50).await;
    app.check_in(&child_p, 40).await;
    // With written consent on record, a child attends alone.
    let other = app.event("Кітапхана", json!({})).await;
    let alone = app.sign_up(&child, &other).await;
    app.mutate(CHECK_OUT, json!({ "participationId": child_p }))
        .await;
    app.refused(
        CHECK_IN,
        json!({ "participationId": alone, "at": at(Duration::minutes(-1)) }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.mutate(
        SET_GUARDIAN,
        json!({ "volunteerId": child, "unaccompaniedConsentOn": "2025-09-01" }),
    )
    .await;
    app.check_in(&alone, 0).await;
}

#[tokio::test]
async fn attendance_rules() {
    let app = TestApp::spawn(Demo::No).await;
    let v = adult(&app, "Айгүл").await;
    let event = app.event("Рейд", json!({})).await;
    let p = app.sign_up(&v, &event).await;
    // Out of order.
    app.refused(CHECK_OUT, json!({ "participationId": p }), "INVALID_STATE")
        .await;
    // Outside the event (it started an hour ago; grace is two hours).
    app.refused(
        CHECK_IN,
        json!({ "participationId": p, "at": at(Duration::hours(-4)) }),
        "VALIDATION",
    )
    .await;
    app.refused(
        CHECK_IN,
        json!({ "participationId": p, "at": at(Duration::hours(1)) }),
        "VALIDATION",
    )
    .await;
    app.check_in(&p, 30).await;
    // Twice.
    app.refused(CHECK_IN, json!({ "participationId": p }), "CONFLICT")
        .await;
    // Checked in at two events at once.
    let other = app.event("Басқа рейд", json!({})).await;
    let q = app.sign_up(&v, &other).await;
    app.refused(CHECK_IN, json!({ "participationId": q }), "CONFLICT")
        .await;
    // Hours only once checked out, and within what the clock allows.
    app.refused(
        LOG_HOURS,
        json!({ "participationId": p, "minutes": 10 }),
        "INVALID_STATE",
    )
    .await;
    app.refused(
        CHECK_OUT,
        json!({ "participationId": p, "at": at(Duration::minutes(-40)) }),
        "VALIDATION",
    )
    .await;
    app.mutate(CHECK_OUT, json!({ "participationId": p })).await;
    for minutes in [0, -5, 1441] {
        app.refused(
            LOG_HOURS,
            json!({ "participationId": p, "minutes": minutes }),
            "VALIDATION",
        )
        .await;
    }
    let error = app
        .refused(
            LOG_HOURS,
            json!({ "participationId": p, "minutes": 120 }),
            "VALIDATION",
        )
        .await;
    assert_eq!(error["extensions"]["field"], "input.minutes");
    // A no-show cannot be checked in; attended cannot be a no-show.
    let r = app.sign_up(&adult(&app, "Нұрбол").await, &event).await;
    app.mutate(MARK_NO_SHOW, json!({ "participationId": r }))
        .await;
    app.refused(CHECK_IN, json!({ "participationId": r }), "INVALID_STATE")
        .await;
    app.refused(
        MARK_NO_SHOW,
        json!({ "participationId": p }),
        "INVALID_STATE",
    )
    .await;
    app.refused(
        CANCEL_REGISTRATION,
        json!({ "participationId": p }),
        "INVALID_STATE",
    )
    .await;
    // Only attended participations are verified.
    app.refused(VERIFY, json!({ "participationId": r }), "INVALID_STATE")
        .await;
    // A cancelled event takes no more attendance.
    app.mutate(CANCEL_EVENT, json!({ "eventId": other })).await;
    app.refused(
        LOG_HOURS,
        json!({ "participationId": q, "minutes": 30 }),
        "EVENT_CLOSED",
    )
    .await;
}

#[tokio::test]
async fn a_day_holds_at_most_24_hours() {
    let app = TestApp::spawn(Demo::No).await;
    let v = adult(&app, "Марат").await;
    // Two long events on the same calendar day in Kazakhstan (UTC+5).
    let day = chrono::Utc::now().date_naive() - chrono::Days::new(2);
    let start = |h: u32| format!("{day}T{h:02}:00:00+05:00");
    let long = json!({ "startsAt": start(0), "endsAt": format!("{day}T23:59:00+05:00"),
                       "title": "Марафон", "kind": "ACTION", "level": "REGIONAL",
                       "activityType": "HEALTH", "regionCode": "KZ-71" });
    let e1 = id_of(&app.mutate(CREATE_EVENT, long.clone()).await["event"]);
    let e2 = id_of(&app.mutate(CREATE_EVENT, long).await["event"]);
    // Registration closed (the events are over), so a coordinator's record
    // is written directly; hours are then logged through the API.
    use sea_orm::{ActiveModelTrait, Set};
    let key = |id: &str| {
        decode_any(&ID(id.to_owned()))
            .unwrap()
            .1
            .parse::<i64>()
            .unwrap()
    };
    let mut ids = Vec::new();
    for e in [&e1, &e2] {
        let row = entity::participation::ActiveModel {
            volunteer_id: Set(key(&v)),
            event_id: Set(key(e)),
            status: Set(entity::ParticipationStatus::Registered),
            registered_at: Set(chrono::Utc::now()),
            on_date: Set(day),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        ids.push(encode(NodeType::Participation, row.id).to_string());
    }
    app.mutate(
        LOG_HOURS,
        json!({ "participationId": ids[0], "minutes": 1000 }),
    )
    .await;
    app.refused(
        LOG_HOURS,
        json!({ "participationId": ids[1], "minutes": 500 }),
        "HOURS_LIMIT",
    )
    .await;
    app.mutate(
        LOG_HOURS,
        json!({ "participationId": ids[1], "minutes": 440 }),
    )
    .await;
}

#[tokio::test]
async fn all_attended_participations_of_an_event_are_verified_at_once() {
    let app = TestApp::spawn(Demo::No).await;
    let event = app.event("Жеңіс рейді", json!({})).await;
    let mut attended = Vec::new();
    for name in ["Ә", "Б", "В"] {
        let p = app.sign_up(&adult(&app, name).await, &event).await;
        app.check_in(&p, 30).await;
        app.mutate(CHECK_OUT, json!({ "participationId": p })).await;
        attended.push(p);
    }
    let absent = app.sign_up(&adult(&app, "Г").await, &event).await;
    app.mutate(VERIFY, json!({ "participationId": attended[0] }))
        .await;
    let payload = app.mutate(VERIFY_EVENT, json!({ "eventId": event })).await;
    assert_eq!(payload["verifiedCount"], 2);
    let ids: Vec<_> = payload["participations"]
        .as_array()
        .unwrap()
        .iter()
        .map(id_of)
        .collect();
    assert_eq!(ids, attended[1..].to_vec());
    assert!(!ids.contains(&absent));
    // Nothing is left to verify.
    let again = app.mutate(VERIFY_EVENT, json!({ "eventId": event })).await;
    assert_eq!(again["verifiedCount"], 0);
    // Completing the event needs everyone checked out.
    let late = app.sign_up(&adult(&app, "Д").await, &event).await;
    app.check_in(&late, 5).await;
    app.refused(COMPLETE_EVENT, json!({ "eventId": event }), "INVALID_STATE")
        .await;
    app.mutate(CHECK_OUT, json!({ "participationId": late }))
        .await;
    let done = app
        .mutate(COMPLETE_EVENT, json!({ "eventId": event }))
        .await;
    assert_eq!(done["event"]["status"], "COMPLETED");
}

#[tokio::test]
async fn a_time_outside_the_event_is_told_in_kazakhstan_time_to_the_minute() {
    let app = TestApp::spawn(Demo::No).await;
    let volunteer = app
        .volunteer("Айгүл Нұрланқызы", "1995-04-02", json!({}))
        .await;
    let event = app.event("Рейд «Жеңіс»", json!({})).await;
    let participation = app.sign_up(&volunteer, &event).await;
    let error = app
        .refused(
            CHECK_IN,
            json!({ "participationId": participation, "at": at(Duration::days(-2)) }),
            "VALIDATION",
        )
        .await;
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.contains("(UTC+5)"), "{message}");
    // Never UTC instants with seconds and fractions.
    assert!(
        !message.contains('Z') && !message.contains("UTC\u{20}"),
        "{message}"
    );
    assert!(
        !message.contains(":00.") && !message.contains("+00:00"),
        "{message}"
    );
}

/// A check-in is four statements: the participation locked with its
/// volunteer and event, the check for an open check-in elsewhere, the
/// UPDATE (whose returned row is the answer) and the audit entry (with the
/// announcement to other processes, on PostgreSQL). A check-out reads its
/// overlap, day-limit and credential checks in one statement and adds the
/// hours ledger's entry: five.
#[tokio::test]
async fn a_check_in_and_a_check_out_make_few_statements() {
    let app = TestApp::spawn(Demo::No).await;
    let event = app.event("Сенбілік", json!({})).await;
    let first = adult(&app, "Асан Беков").await;
    let first = app.sign_up(&first, &event).await;
    let v = adult(&app, "Дана Ержанова").await;
    let p = app.sign_up(&v, &event).await;
    // The caller's first write reads what it needs of its account.
    app.check_in(&first, 60).await;
    let before = app.statements_run().await;
    let checked_in = app.check_in(&p, 60).await;
    let check_in = app.statements_run().await - before;
    assert_eq!(checked_in["participation"]["status"], "REGISTERED");
    let before = app.statements_run().await;
    let out = app
        .mutate(
            CHECK_OUT,
            json!({ "participationId": p, "at": at(Duration::minutes(-20)) }),
        )
        .await;
    let check_out = app.statements_run().await - before;
    assert_eq!(out["participation"]["minutes"], 40);
    assert_eq!((check_in, check_out), (4, 5), "on {}", app.backend());
}

/// A check-in answers with the row its UPDATE returned; retried with the
/// same key it answers as the first time, the row read again (a replay
/// keeps only the id).
#[tokio::test]
async fn a_keyed_check_in_retried_answers_as_the_first_time() {
    let app = TestApp::spawn(Demo::No).await;
    let event = app.event("Сенбілік", json!({})).await;
    let v = adult(&app, "Асан Беков").await;
    let p = app.sign_up(&v, &event).await;
    let input = json!({ "clientMutationId": "gate-3-17", "participationId": p, "at": at(Duration::minutes(-30)) });
    let first = app.mutate(CHECK_IN, input.clone()).await;
    assert_eq!(first["participation"]["status"], "REGISTERED");
    assert_eq!(app.mutate(CHECK_IN, input).await, first);
}
