//! Signing up from the app: a PENDING volunteer that counts nowhere until a
//! coordinator of its region confirms it; minors with their guardians; and
//! every refusal of a sign-up, which writes nothing and tells nobody who is
//! in the register.

use super::*;
use crate::support::write::*;
use crate::support::{Demo, TestApp, token};
use entity::Role;
use frontoffice::domain::iin::with_check_digit;

const FIGURES: &str =
    "{ statistics(from: \"2000-01-01\", to: \"2099-12-31\") { registeredVolunteers newVolunteers }
  volunteers(first: 0) { totalCount } }";

const PENDING_LIST: &str = "{ volunteers(first: 10, filter: { statuses: [PENDING] }) {
  totalCount nodes { id status fullName signUp { guardianRequested legalRepresentative } } } }";

const REGISTER_ME: &str = "mutation($input: RegisterForEventInput!) {
  registerForEvent(input: $input) { participation { id status } } }";

#[tokio::test]
async fn a_person_signs_up_a_coordinator_confirms_and_the_volunteer_takes_part() {
    let app = TestApp::spawn(Demo::No).await;
    app.volunteer("Бар Ерікті", "1985-01-01", json!({})).await;
    let event = app.event("Сенбілік", json!({})).await;
    let before = app.query(FIGURES, json!({})).await;

    let payload = app
        .sign_up_person(adult("aigerim.s", "Айгерім Сапарова"))
        .await;
    assert_eq!(payload["account"]["username"], "aigerim.s");
    assert_eq!(payload["account"]["role"], "VOLUNTEER");
    assert_eq!(payload["volunteer"]["status"], "PENDING");
    let id = id_of(&payload["volunteer"]);
    let own = payload["token"]
        .as_str()
        .expect("signed in at once")
        .to_owned();

    // The pending volunteer sees its own record, and takes part in nothing.
    let me = app
        .query_as(
            Some(&own),
            "{ me { volunteer { id status fullName } } }",
            json!({}),
        )
        .await;
    assert_eq!(me["me"]["volunteer"]["fullName"], "Айгерім Сапарова");
    assert_eq!(me["me"]["volunteer"]["status"], "PENDING");
    app.refused_as(
        Some(&own),
        REGISTER_ME,
        json!({ "volunteerId": id, "eventId": event }),
        "INVALID_STATE",
    )
    .await;

    // Pending counts nowhere and is listed for coordinators only.
    assert_eq!(app.query(FIGURES, json!({})).await, before);
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);
    let listed = app
        .query_as(Some(&coordinator), PENDING_LIST, json!({}))
        .await;
    assert_eq!(listed["volunteers"]["totalCount"], 1);
    assert_eq!(
        listed["volunteers"]["nodes"][0]["fullName"],
        "Айгерім Сапарова"
    );
    let analyst = token(Role::Analyst, &[], None);
    let (_, body) = app.post_as(Some(&analyst), PENDING_LIST, json!({})).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );
    let seen = app
        .query_as(
            Some(&analyst),
            "query($id: ID!) { volunteer(id: $id) { id } }",
            json!({ "id": id }),
        )
        .await;
    assert!(
        seen["volunteer"].is_null(),
        "an analyst does not see a sign-up"
    );

    // Only a coordinator of its region confirms it.
    let elsewhere = token(Role::Coordinator, &["KZ-75"], None);
    app.refused_as(
        Some(&elsewhere),
        CONFIRM,
        json!({ "volunteerId": id }),
        "FORBIDDEN",
    )
    .await;
    let confirmed = app
        .mutate_as(Some(&coordinator), CONFIRM, json!({ "volunteerId": id }))
        .await;
    assert_eq!(confirmed["volunteer"]["status"], "ACTIVE");
    app.refused_as(
        Some(&coordinator),
        CONFIRM,
        json!({ "volunteerId": id }),
        "INVALID_STATE",
    )
    .await;
    let after = app.query(FIGURES, json!({})).await;
    let count = |v: &Value, f: &str| v["statistics"][f].as_i64().expect("a count");
    assert_eq!(
        count(&after, "registeredVolunteers"),
        count(&before, "registeredVolunteers") + 1
    );
    assert_eq!(
        count(&after, "newVolunteers"),
        count(&before, "newVolunteers") + 1
    );
    assert_eq!(after["volunteers"]["totalCount"], 2);

    // The volunteer signs in and registers for the event.
    let signed_in = app.login("AIGERIM.S", GOOD_PASSWORD).await;
    let registered = app
        .mutate_as(
            Some(&signed_in),
            REGISTER_ME,
            json!({ "volunteerId": id, "eventId": event }),
        )
        .await;
    assert_eq!(registered["participation"]["status"], "REGISTERED");
}

/// A valid IIN for someone born on 1990-05-06.
fn iin_1990_05_06() -> String {
    (0..100)
        .find_map(|serial| with_check_digit(&format!("9005063{serial:04}")))
        .expect("some serial has a check digit")
}

#[tokio::test]
async fn every_refusal_of_a_sign_up_has_its_code_and_writes_nothing() {
    let app = TestApp::spawn(Demo::No).await;
    let iin = iin_1990_05_06();
    app.volunteer("Бар Адам", "1990-05-06", json!({ "iin": iin }))
        .await;
    let person = || adult("new.person", "Жаңа Адам");
    let cases: Vec<(Value, &str, &str)> = vec![
        (
            with(person(), json!({ "password": "short1" })),
            "VALIDATION",
            "input.password",
        ),
        (
            with(person(), json!({ "password": "Qwertyuiop123" })),
            "VALIDATION",
            "input.password",
        ),
        (
            with(person(), json!({ "password": "new.person-2026" })),
            "VALIDATION",
            "input.password",
        ),
        (
            with(person(), json!({ "username": "a b" })),
            "VALIDATION",
            "input.username",
        ),
        (
            with(person(), json!({ "phone": null, "email": null })),
            "VALIDATION",
            "input.email",
        ),
        (
            with(person(), json!({ "birthDate": "2021-01-01" })),
            "AGE_RESTRICTED",
            "input.birthDate",
        ),
        (
            with(person(), json!({ "birthDate": "2014-01-01" })),
            "GUARDIAN_REQUIRED",
            "",
        ),
        (
            with(person(), json!({ "birthDate": "2010-01-01" })),
            "GUARDIAN_REQUIRED",
            "",
        ),
        (
            with(person(), json!({ "iin": iin })),
            "CONFLICT",
            "input.iin",
        ),
        (
            with(person(), json!({ "regionCode": "KZ-00" })),
            "VALIDATION",
            "input.regionCode",
        ),
    ];
    for (input, code, field) in cases {
        let error = app.refused_as(None, SIGN_UP, input.clone(), code).await;
        if !field.is_empty() {
            assert_eq!(error["extensions"]["field"], field, "{input} → {error}");
        }
        assert!(
            !error["message"]
                .as_str()
                .unwrap_or_default()
                .contains("Бар"),
            "no one's name in {error}"
        );
    }
    // A taken name is the one refusal that must say so; no other detail.
    app.sign_up_person(adult("taken.name", "Бірінші")).await;
    let error = app
        .refused_as(None, SIGN_UP, adult("taken.name", "Екінші"), "CONFLICT")
        .await;
    assert_eq!(error["extensions"]["field"], "input.username");
}

#[tokio::test]
async fn sign_ups_are_limited_per_client_address() {
    let app = TestApp::spawn_with(Demo::No, &["--sign-up-per-address", "2"]).await;
    app.sign_up_person(adult("first.one", "Бірінші")).await;
    app.sign_up_person(adult("second.one", "Екінші")).await;
    let error = app
        .refused_as(None, SIGN_UP, adult("third.one", "Үшінші"), "RATE_LIMITED")
        .await;
    assert!(
        error["extensions"]["retryAfter"].as_u64().unwrap_or(0) >= 1,
        "{error}"
    );
}

#[tokio::test]
async fn a_twelve_year_old_is_signed_up_by_the_guardian_and_takes_part() {
    let app = TestApp::spawn(Demo::No).await;
    let (parent, parent_token) = app.confirmed_adult("ata.ana", "Сәуле Әлиева").await;
    let event = app.event("Жылы қыс", json!({})).await;
    let birth = (chrono::Utc::now().date_naive() - chrono::Duration::days(12 * 366))
        .format("%Y-%m-%d")
        .to_string();
    let child = app
        .mutate_as(
            Some(&parent_token),
            SIGN_UP_CHILD,
            json!({
                "username": "kishi.ali",
                "password": GOOD_PASSWORD,
                "fullName": "Әли Әлиев",
                "birthDate": birth,
            }),
        )
        .await;
    assert!(child["token"].is_null(), "the child signs in itself");
    assert_eq!(child["volunteer"]["status"], "PENDING");
    assert_eq!(child["volunteer"]["familyRole"], "CHILD");
    let child_id = id_of(&child["volunteer"]);

    // A coordinator confirms; the existing rules apply: the child checks
    // in only after its guardian.
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);
    app.mutate_as(
        Some(&coordinator),
        CONFIRM,
        json!({ "volunteerId": child_id }),
    )
    .await;
    let register = |v: &str| json!({ "volunteerId": v, "eventId": event });
    let mine = app
        .mutate_as(Some(&parent_token), REGISTER_ME, register(&parent))
        .await;
    let theirs = app
        .mutate_as(Some(&parent_token), REGISTER_ME, register(&child_id))
        .await;
    let check_in = |p: &Value| json!({ "participationId": id_of(&p["participation"]) });
    app.refused_as(
        Some(&parent_token),
        CHECK_IN,
        check_in(&theirs),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.mutate_as(Some(&parent_token), CHECK_IN, check_in(&mine))
        .await;
    app.mutate_as(Some(&parent_token), CHECK_IN, check_in(&theirs))
        .await;
    let child_token = app.login("kishi.ali", GOOD_PASSWORD).await;
    let me = app
        .query_as(
            Some(&child_token),
            "{ me { volunteer { status participations { totalCount } } } }",
            json!({}),
        )
        .await;
    assert_eq!(me["me"]["volunteer"]["status"], "ACTIVE");
    assert_eq!(me["me"]["volunteer"]["participations"]["totalCount"], 1);

    // Under 14 nobody signs up alone; an adult is no one's child here.
    app.refused_as(
        None,
        SIGN_UP,
        with(
            adult("kishi.ali2", "Әли"),
            json!({ "birthDate": birth, "guardianUsername": "ata.ana" }),
        ),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.refused_as(
        Some(&parent_token),
        SIGN_UP_CHILD,
        with(adult("grown.up", "Ересек"), json!({})),
        "VALIDATION",
    )
    .await;
}

#[tokio::test]
async fn a_minor_names_a_guardian_who_confirms_or_a_representative_the_coordinator_records() {
    let app = TestApp::spawn(Demo::No).await;
    let (_, parent_token) = app.confirmed_adult("ana.16", "Гүлнар Сейітова").await;
    let (_, stranger_token) = app.confirmed_adult("bogde", "Бөгде Адам").await;
    let sixteen = (chrono::Utc::now().date_naive() - chrono::Duration::days(16 * 366))
        .format("%Y-%m-%d")
        .to_string();
    let teen = app
        .sign_up_person(with(
            adult("zhas.16", "Дана Сейітова"),
            json!({ "birthDate": sixteen, "guardianUsername": "ana.16" }),
        ))
        .await;
    let teen_id = id_of(&teen["volunteer"]);
    // Naming an account that is nobody's, or a stranger's, is accepted all
    // the same: a sign-up tells nothing of who has an account.
    let unknown = app
        .sign_up_person(with(
            adult("zhas.x", "Белгісіз"),
            json!({ "birthDate": sixteen, "guardianUsername": "no.such.account" }),
        ))
        .await;
    assert_eq!(unknown["volunteer"]["status"], "PENDING");

    // Until the guardian confirms, the coordinator cannot confirm.
    app.refused(
        CONFIRM,
        json!({ "volunteerId": teen_id }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.refused_as(
        Some(&stranger_token),
        CONFIRM_GUARDIANSHIP,
        json!({ "volunteerId": teen_id }),
        "FORBIDDEN",
    )
    .await;
    let linked = app
        .mutate_as(
            Some(&parent_token),
            CONFIRM_GUARDIANSHIP,
            json!({ "volunteerId": teen_id }),
        )
        .await;
    assert_eq!(linked["volunteer"]["familyRole"], "CHILD");
    let confirmed = app.mutate(CONFIRM, json!({ "volunteerId": teen_id })).await;
    assert_eq!(confirmed["volunteer"]["status"], "ACTIVE");

    // A minor with a legal representative: the coordinator records the
    // consent's date on confirming.
    let other = app
        .sign_up_person(with(
            adult("zhas.r", "Ерлан Қасымов"),
            json!({ "birthDate": sixteen, "legalRepresentative": "Қасым Қасымов" }),
        ))
        .await;
    let other_id = id_of(&other["volunteer"]);
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);
    let listed = app
        .query_as(Some(&coordinator), PENDING_LIST, json!({}))
        .await;
    let entry = listed["volunteers"]["nodes"]
        .as_array()
        .expect("a list")
        .iter()
        .find(|n| n["id"] == other_id.as_str())
        .cloned()
        .expect("listed");
    assert_eq!(entry["signUp"]["legalRepresentative"], "Қасым Қасымов");
    app.refused_as(
        Some(&coordinator),
        CONFIRM,
        json!({ "volunteerId": other_id }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    let today = chrono::Utc::now()
        .date_naive()
        .format("%Y-%m-%d")
        .to_string();
    let done = app
        .mutate_as(
            Some(&coordinator),
            CONFIRM,
            json!({
                "volunteerId": other_id,
                "guardian": { "name": "Қасым Қасымов", "consentOn": today },
            }),
        )
        .await;
    assert_eq!(done["volunteer"]["status"], "ACTIVE");
}

#[tokio::test]
async fn a_coordinator_declines_a_sign_up_that_is_no_real_person() {
    let app = TestApp::spawn(Demo::No).await;
    let iin = iin_1990_05_06();
    let fake = app
        .sign_up_person(with(
            adult("fake.one", "Жалған Адам"),
            json!({ "iin": iin }),
        ))
        .await;
    let id = id_of(&fake["volunteer"]);
    let own = fake["token"].as_str().expect("a token").to_owned();
    let decline = "mutation($input: PendingVolunteerInput!) {
      declineSignUp(input: $input) { volunteer { id status fullName } } }";
    let elsewhere = token(Role::Coordinator, &["KZ-75"], None);
    app.refused_as(
        Some(&elsewhere),
        decline,
        json!({ "volunteerId": id }),
        "FORBIDDEN",
    )
    .await;
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);
    let declined = app
        .mutate_as(Some(&coordinator), decline, json!({ "volunteerId": id }))
        .await;
    assert!(declined["volunteer"]["fullName"].is_null(), "{declined}");
    // Its account is disabled, its token refused, and the IIN is free.
    assert_eq!(
        app.post_as(Some(&own), "{ me { username } }", json!({}))
            .await
            .0,
        401
    );
    app.sign_up_person(with(adult("real.one", "Нақты Адам"), json!({ "iin": iin })))
        .await;
    app.refused_as(
        Some(&coordinator),
        decline,
        json!({ "volunteerId": id }),
        "NOT_FOUND",
    )
    .await;
}
