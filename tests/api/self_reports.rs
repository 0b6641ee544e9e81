//! Self-reported hours: a volunteer reports the hours of a participation
//! it was never checked in or out of; a coordinator of the event's region
//! approves or rejects them, singly or in bulk; pending and rejected
//! reports count nowhere.

use crate::support::write::{CHECK_IN, LOG_HOURS, at};
use crate::support::{Demo, TestApp, token};
use chrono::Duration;
use entity::Role;
use serde_json::{Value, json};

const REPORT: &str = "mutation($input: ReportHoursInput!) { reportHours(input: $input) { entries { id minutes source review actor reason } } }";
const REVIEW: &str = "mutation($input: ReviewHoursInput!) { reviewHours(input: $input) { entries { id review decidedBy decisionReason } } }";
const PARTICIPATION: &str = "query($id: ID!) { participation(id: $id) { status minutes minutesSource hoursHistory { source review minutes reason decisionReason } } }";
const FIGURES: &str = "query($from: Date!, $to: Date!) { statistics(from: $from, to: $to, regionCode: \"KZ-71\") { minutes selfReportedMinutes } }";

/// The data of a request that must succeed, sent with `token`.
async fn ok(app: &TestApp, token: &str, query: &str, input: Value) -> Value {
    let (status, body) = app
        .post_as(Some(token), query, json!({ "input": input }))
        .await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    body["data"].clone()
}

/// The code of a request that must fail, sent with `token`; nothing may
/// change.
async fn refused(app: &TestApp, token: &str, query: &str, input: Value) -> String {
    let before = app.dump().await;
    let (_, body) = app
        .post_as(Some(token), query, json!({ "input": input }))
        .await;
    assert!(body["data"].is_null(), "{body}");
    assert_eq!(app.dump().await, before, "a refusal writes nothing: {body}");
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn this_week() -> Value {
    let today = frontoffice::domain::time::kz_date(chrono::Utc::now());
    json!({ "from": (today - Duration::days(7)).to_string(), "to": today.to_string() })
}

#[tokio::test]
async fn reported_hours_wait_for_a_coordinator_then_count_as_self_reported() {
    let app = TestApp::spawn(Demo::No).await;
    let event = app.event("Қарт адамдарға көмек", json!({})).await;
    let mut volunteers = Vec::new();
    let mut participations = Vec::new();
    for name in ["Дана Әбішева", "Ержан Нұров", "Сәуле Қасымова"]
    {
        let v = app.volunteer(name, "1990-04-04", json!({})).await;
        participations.push(app.sign_up(&v, &event).await);
        volunteers.push(v);
    }
    let dana = token(Role::Volunteer, &[], Some(&volunteers[0]));
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);
    let elsewhere = token(Role::Coordinator, &["KZ-75"], None);

    // Dana reports two hours with a note: pending, counted nowhere.
    let reported = ok(&app, &dana, REPORT, json!({ "participationId": participations[0], "minutes": 120, "note": "раздача продуктов, список у Ержана" })).await;
    let entry = reported["reportHours"]["entries"][0].clone();
    assert_eq!(entry["review"], "PENDING");
    assert_eq!(entry["source"], "SELF_REPORT");
    let figures = app.query(FIGURES, this_week()).await["statistics"].clone();
    assert_eq!(figures, json!({ "minutes": 0, "selfReportedMinutes": 0 }));
    // A second report of the same participation waits for the first.
    assert_eq!(
        refused(
            &app,
            &dana,
            REPORT,
            json!({ "participationId": participations[0], "minutes": 60, "note": "ещё" })
        )
        .await,
        "CONFLICT"
    );
    // Dana may not report for Ержан, nor approve her own.
    assert_eq!(
        refused(
            &app,
            &dana,
            REPORT,
            json!({ "participationId": participations[1], "minutes": 60, "note": "за друга" })
        )
        .await,
        "FORBIDDEN"
    );
    let id = entry["id"].as_str().unwrap().to_owned();
    assert_eq!(
        refused(
            &app,
            &dana,
            REVIEW,
            json!({ "entryIds": [id], "decision": "APPROVE" })
        )
        .await,
        "FORBIDDEN"
    );
    // A coordinator of another region may not decide either.
    assert_eq!(
        refused(
            &app,
            &elsewhere,
            REVIEW,
            json!({ "entryIds": [id], "decision": "APPROVE" })
        )
        .await,
        "FORBIDDEN"
    );

    // The others report too; the coordinator approves two in one call.
    let mut ids = vec![id.clone()];
    for (i, minutes) in [(1, 90), (2, 45)] {
        let who = token(Role::Volunteer, &[], Some(&volunteers[i]));
        let r = ok(&app, &who, REPORT, json!({ "participationId": participations[i], "minutes": minutes, "note": "по списку" })).await;
        ids.push(
            r["reportHours"]["entries"][0]["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    let approved = ok(
        &app,
        &coordinator,
        REVIEW,
        json!({ "entryIds": [ids[0], ids[1]], "decision": "APPROVE" }),
    )
    .await;
    let decided = approved["reviewHours"]["entries"].as_array().unwrap();
    assert_eq!(decided.len(), 2);
    assert!(
        decided
            .iter()
            .all(|e| e["review"] == "APPROVED" && e["decidedBy"] == "user:1001"),
        "{decided:?}"
    );
    let figures = app.query(FIGURES, this_week()).await["statistics"].clone();
    assert_eq!(
        figures,
        json!({ "minutes": 210, "selfReportedMinutes": 210 })
    );
    let p = app
        .query(PARTICIPATION, json!({ "id": participations[0] }))
        .await["participation"]
        .clone();
    assert_eq!(p["status"], "ATTENDED");
    assert_eq!(p["minutes"], 120);
    assert_eq!(p["minutesSource"], "SELF_REPORT");

    // Deciding again is refused; a rejection needs its reason and keeps it.
    assert_eq!(
        refused(
            &app,
            &coordinator,
            REVIEW,
            json!({ "entryIds": [ids[0]], "decision": "REJECT", "reason": "нет" })
        )
        .await,
        "INVALID_STATE"
    );
    assert_eq!(
        refused(
            &app,
            &coordinator,
            REVIEW,
            json!({ "entryIds": [ids[2]], "decision": "REJECT" })
        )
        .await,
        "VALIDATION"
    );
    let rejected = ok(
        &app,
        &coordinator,
        REVIEW,
        json!({ "entryIds": [ids[2]], "decision": "REJECT", "reason": "не было в списке" }),
    )
    .await;
    assert_eq!(rejected["reviewHours"]["entries"][0]["review"], "REJECTED");
    let p = app
        .query(PARTICIPATION, json!({ "id": participations[2] }))
        .await["participation"]
        .clone();
    assert_eq!(p["status"], "REGISTERED");
    assert_eq!(p["minutes"], Value::Null);
    assert_eq!(
        p["hoursHistory"],
        json!([{ "source": "SELF_REPORT", "review": "REJECTED", "minutes": 45, "reason": "по списку", "decisionReason": "не было в списке" }])
    );
    let figures = app.query(FIGURES, this_week()).await["statistics"].clone();
    assert_eq!(
        figures["selfReportedMinutes"], 210,
        "a rejection counts nowhere"
    );
    let off = frontoffice::domain::ledger::disagreements(&app.db)
        .await
        .expect("checked");
    assert!(off.is_empty(), "{off:?}");
}

#[tokio::test]
async fn bad_reports_are_refused_and_write_nothing() {
    let app = TestApp::spawn(Demo::No).await;
    let event = app.event("Субботник", json!({})).await;
    let v = app.volunteer("Арман Бекұлы", "1992-02-02", json!({})).await;
    let p = app.sign_up(&v, &event).await;
    let own = token(Role::Volunteer, &[], Some(&v));
    let long = "ы".repeat(501);
    for (input, code) in [
        (
            json!({ "participationId": p, "minutes": 0, "note": "ноль" }),
            "VALIDATION",
        ),
        (
            json!({ "participationId": p, "minutes": 1441, "note": "сутки" }),
            "VALIDATION",
        ),
        (
            json!({ "participationId": p, "minutes": 60, "note": long }),
            "VALIDATION",
        ),
        (
            json!({ "participationId": p, "minutes": 60, "note": " " }),
            "VALIDATION",
        ),
    ] {
        assert_eq!(
            refused(&app, &own, REPORT, input.clone()).await,
            code,
            "{input}"
        );
    }
    // A participation with attendance has its hours already.
    app.mutate(
        CHECK_IN,
        json!({ "participationId": p, "at": at(Duration::minutes(-30)) }),
    )
    .await;
    assert_eq!(
        refused(
            &app,
            &own,
            REPORT,
            json!({ "participationId": p, "minutes": 30, "note": "был" })
        )
        .await,
        "INVALID_STATE"
    );
    // An admin's own report is decided by someone else.
    let other = app
        .volunteer("Гүлім Серікова", "1993-03-03", json!({}))
        .await;
    let q = app.sign_up(&other, &event).await;
    let admin = app.admin_token.clone();
    let r = ok(
        &app,
        &admin,
        REPORT,
        json!({ "participationId": q, "minutes": 60, "note": "по журналу" }),
    )
    .await;
    let id = r["reportHours"]["entries"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(
        refused(
            &app,
            &admin,
            REVIEW,
            json!({ "entryIds": [id], "decision": "APPROVE" })
        )
        .await,
        "FORBIDDEN"
    );
    // The day's 24 hours hold at approval: another event fills the day.
    let full = app
        .event("Дежурство", json!({ "endsAt": at(Duration::hours(23)) }))
        .await;
    let r2 = app.sign_up(&other, &full).await;
    app.mutate(
        LOG_HOURS,
        json!({ "participationId": r2, "minutes": 1400, "reason": "дежурство" }),
    )
    .await;
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);
    assert_eq!(
        refused(
            &app,
            &coordinator,
            REVIEW,
            json!({ "entryIds": [id], "decision": "APPROVE" })
        )
        .await,
        "HOURS_LIMIT"
    );
}

#[tokio::test]
async fn coordinators_see_the_names_of_volunteers_at_their_regions_events_and_narrow_by_region() {
    let app = TestApp::spawn(Demo::No).await;
    // Both volunteers live in Astana (KZ-71); the event is in Almaty (KZ-75).
    let almaty = app
        .event("Алматы марафоны", json!({ "regionCode": "KZ-75" }))
        .await;
    let guest = app
        .volunteer("Мәди Тұрсынов", "1991-01-01", json!({}))
        .await;
    let stranger = app.volunteer("Нұрлан Әлиев", "1991-01-01", json!({})).await;
    let p = app.sign_up(&guest, &almaty).await;
    let almaty_coordinator = token(Role::Coordinator, &["KZ-75"], None);
    let name = "query($id: ID!) { node(id: $id) { ... on Volunteer { fullName } } }";
    let read = |id: String| {
        let token = almaty_coordinator.clone();
        let app = &app;
        async move {
            let (_, body) = app.post_as(Some(&token), name, json!({ "id": id })).await;
            body["data"]["node"]["fullName"].clone()
        }
    };
    assert_eq!(
        read(guest.clone()).await,
        "Мәди Тұрсынов",
        "met at the Almaty event"
    );
    assert_eq!(
        read(stranger.clone()).await,
        Value::Null,
        "never at an Almaty event"
    );
    // Its ledger too, and its region's participations narrow by host region.
    let (_, body) = app
        .post_as(
            Some(&almaty_coordinator),
            "query { participations(first: 10, filter: { regionCodes: [\"KZ-75\"], estimated: false, pendingReport: false }) { totalCount nodes { id hoursHistory { minutes } } } }",
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["participations"]["totalCount"], 1, "{body}");
    assert_eq!(body["data"]["participations"]["nodes"][0]["id"], p);
    assert_eq!(
        body["data"]["participations"]["nodes"][0]["hoursHistory"],
        json!([])
    );
    let (_, body) = app
        .post_as(
            Some(&almaty_coordinator),
            "query { participations(first: 10, filter: { regionCodes: [\"KZ-71\"] }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(body["data"]["participations"]["totalCount"], 0, "{body}");
    // A cancelled registration is no longer a meeting.
    app.mutate(
        "mutation($input: ParticipationInput!) { cancelRegistration(input: $input) { participation { status } } }",
        json!({ "participationId": p }),
    )
    .await;
    assert_eq!(read(guest).await, Value::Null);
}
