//! Registering volunteers and keeping their records through the API: every
//! rule refuses with its code and leaves the database as it was.

use crate::support::write::*;
use crate::support::{Demo, TestApp};
use frontoffice::domain::iin::with_check_digit;
use serde_json::json;

/// A valid IIN for someone born on 1990-05-06.
fn iin_1990_05_06() -> String {
    (0..100)
        .find_map(|serial| with_check_digit(&format!("9005063{serial:04}")))
        .expect("some serial has a check digit")
}

#[tokio::test]
async fn a_volunteer_is_registered_and_the_write_is_audited() {
    let app = TestApp::spawn(Demo::No).await;
    let payload = app
        .mutate(
            REGISTER_VOLUNTEER,
            json!({
                "clientMutationId": "reg-1",
                "fullName": "  Әлия Серікқызы ",
                "birthDate": "2001-03-04",
                "regionCode": "kz-71",
                "phone": "+7 (701) 123-45-67",
                "skills": ["First_Aid"],
                "languages": ["kk", "ru"],
            }),
        )
        .await;
    assert_eq!(payload["clientMutationId"], "reg-1");
    assert_eq!(payload["volunteer"]["fullName"], "Әлия Серікқызы");
    let id = id_of(&payload["volunteer"]);
    let data = app
        .query(
            "query($id: ID!) { volunteer(id: $id) { region { code } skills languages }
               auditLog(first: 5) { nodes { actor action entity entityId summary } } }",
            json!({ "id": id }),
        )
        .await;
    assert_eq!(data["volunteer"]["region"]["code"], "KZ-71");
    assert_eq!(data["volunteer"]["skills"], json!(["first_aid"]));
    let entries = data["auditLog"]["nodes"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    let entry = &entries[0];
    // The harness acts as an admin account numbered 1000.
    assert_eq!(entry["actor"], "user:1000");
    assert_eq!(entry["action"], "registerVolunteer");
    assert_eq!(entry["entity"], "Volunteer");
    assert_eq!(entry["entityId"], id.as_str());
    // Personal values never enter the audit log.
    let summary = entry["summary"].to_string();
    assert!(!summary.contains("Серік"), "{summary}");
    assert!(!summary.contains("701"), "{summary}");
    assert_eq!(entry["summary"]["regionCode"], "kz-71");
}

#[tokio::test]
async fn the_rules_of_registration_refuse_bad_input_and_write_nothing() {
    let app = TestApp::spawn(Demo::No).await;
    let base =
        json!({ "fullName": "Иван Петров", "birthDate": "1990-05-06", "regionCode": "KZ-71" });
    let with = |extra: serde_json::Value| {
        let mut input = base.clone();
        input
            .as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        input
    };
    let cases = [
        (
            json!({ "fullName": "   " }),
            "VALIDATION",
            Some("input.fullName"),
        ),
        (
            json!({ "birthDate": "2099-01-01" }),
            "VALIDATION",
            Some("input.birthDate"),
        ),
        (
            json!({ "birthDate": "2021-01-01" }),
            "AGE_RESTRICTED",
            Some("input.birthDate"),
        ),
        (
            json!({ "regionCode": "KZ-99" }),
            "VALIDATION",
            Some("input.regionCode"),
        ),
        (json!({ "phone": "12" }), "VALIDATION", Some("input.phone")),
        (
            json!({ "email": "not-an-address" }),
            "VALIDATION",
            Some("input.email"),
        ),
        (
            json!({ "skills": ["two words"] }),
            "VALIDATION",
            Some("input.skills"),
        ),
        (
            json!({ "registeredOn": "1989-01-01" }),
            "AGE_RESTRICTED",
            Some("input.birthDate"),
        ),
        (json!({ "iin": "12345" }), "VALIDATION", Some("input.iin")),
        (
            json!({ "iin": "900506300000" }),
            "VALIDATION",
            Some("input.iin"),
        ),
        (
            json!({ "birthDate": "2012-07-08" }),
            "GUARDIAN_REQUIRED",
            None,
        ),
        (
            json!({ "birthDate": "2012-07-08", "guardian": { "name": "Нұрлан", "consentOn": "2099-01-01" } }),
            "VALIDATION",
            Some("input.guardian.consentOn"),
        ),
        (
            json!({ "familyId": "bm9wZQ" }),
            "VALIDATION",
            Some("input.familyId"),
        ),
    ];
    for (extra, code, field) in cases {
        let error = app
            .refused(REGISTER_VOLUNTEER, with(extra.clone()), code)
            .await;
        if let Some(field) = field {
            assert_eq!(error["extensions"]["field"], field, "{extra}: {error}");
        }
    }
    // An IIN whose digits are right but whose date is another person's.
    let error = app
        .refused(
            REGISTER_VOLUNTEER,
            with(json!({ "birthDate": "1990-05-07", "iin": iin_1990_05_06() })),
            "VALIDATION",
        )
        .await;
    assert!(
        error["message"].as_str().unwrap().contains("birth date"),
        "{error}"
    );
}

#[tokio::test]
async fn a_person_is_registered_once_by_iin_which_is_never_returned() {
    let app = TestApp::spawn(Demo::No).await;
    let iin = iin_1990_05_06();
    app.volunteer("Иван Петров", "1990-05-06", json!({ "iin": iin }))
        .await;
    let (status, body) = app
        .post(
            "{ __type(name: \"Volunteer\") { fields { name } } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200);
    assert!(!body.to_string().to_lowercase().contains("iin"), "{body}");
    let error = app
        .refused(
            REGISTER_VOLUNTEER,
            json!({ "fullName": "Ivan Petrov", "birthDate": "1990-05-06", "regionCode": "KZ-75", "iin": iin }),
            "CONFLICT",
        )
        .await;
    assert!(
        error["message"].as_str().unwrap().contains("IIN"),
        "{error}"
    );
}

#[tokio::test]
async fn minors_are_registered_only_with_a_guardian_on_record() {
    let app = TestApp::spawn(Demo::No).await;
    // A legal representative with a consent date.
    app.volunteer(
        "Қайрат Нұрланов",
        "2012-07-08",
        json!({ "guardian": { "name": "Нұрлан Қайратұлы", "consentOn": "2024-01-01" } }),
    )
    .await;
    // Or an adult GUARDIAN of the family the child joins.
    let family = app.family("Өмірзақовтар").await;
    let parent = app
        .volunteer("Ғалым Өмірзақов", "1975-01-01", json!({}))
        .await;
    app.add_member(&family, &parent, "GUARDIAN").await;
    let child = app
        .volunteer(
            "Үміт Ұланқызы",
            "2015-09-09",
            json!({ "familyId": family, "familyRole": "CHILD" }),
        )
        .await;
    // A family whose only GUARDIAN is a minor does not count.
    let teens = app.family("Жасөспірімдер").await;
    let teen = app
        .volunteer(
            "Дана",
            "2010-01-01",
            json!({ "guardian": { "name": "Ана", "consentOn": "2023-01-01" } }),
        )
        .await;
    app.add_member(&teens, &teen, "GUARDIAN").await;
    app.refused(
        REGISTER_VOLUNTEER,
        json!({ "fullName": "Ерлан", "birthDate": "2016-01-01", "regionCode": "KZ-71", "familyId": teens }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    // The guardian cannot leave the child without one; clearing a legal
    // representative is refused the same way.
    app.refused(
        REMOVE_MEMBER,
        json!({ "familyId": family, "volunteerId": parent }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.refused(
        REMOVE_MEMBER,
        json!({ "familyId": family, "volunteerId": child }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    app.refused(
        SET_GUARDIAN,
        json!({ "volunteerId": teen }),
        "GUARDIAN_REQUIRED",
    )
    .await;
    // With a legal representative recorded, the child may leave the family.
    app.mutate(
        SET_GUARDIAN,
        json!({ "volunteerId": child, "guardian": { "name": "Ұлан", "consentOn": "2024-02-02" } }),
    )
    .await;
    app.mutate(
        REMOVE_MEMBER,
        json!({ "familyId": family, "volunteerId": child }),
    )
    .await;
    // A volunteer belongs to one family at most.
    let other = app.family("Басқа").await;
    let error = app
        .refused(
            ADD_MEMBER,
            json!({ "familyId": other, "volunteerId": parent, "role": "GUARDIAN" }),
            "CONFLICT",
        )
        .await;
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("another family"),
        "{error}"
    );
}

#[tokio::test]
async fn updates_change_only_what_is_given() {
    let app = TestApp::spawn(Demo::No).await;
    let id = app
        .volunteer(
            "Семён Ёлкин",
            "1950-12-31",
            json!({ "email": "s@mail.kz", "phone": "+77011234567" }),
        )
        .await;
    let payload = app
        .mutate(
            "mutation($input: UpdateVolunteerInput!) { updateVolunteer(input: $input) {
               volunteer { fullName latinName email phone region { code } } } }",
            json!({ "volunteerId": id, "latinName": "Semyon Yolkin", "email": null, "regionCode": "KZ-79" }),
        )
        .await;
    let v = &payload["volunteer"];
    assert_eq!(v["fullName"], "Семён Ёлкин");
    assert_eq!(v["latinName"], "Semyon Yolkin");
    assert_eq!(v["email"], serde_json::Value::Null);
    assert_eq!(v["phone"], "+77011234567");
    assert_eq!(v["region"]["code"], "KZ-79");
    // Searchable under the new Latin name.
    let found = app
        .query(
            "{ volunteers(filter: { name: \"yolkin\" }) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(found["volunteers"]["totalCount"], 1);
    // A participation id where a volunteer's is expected is refused.
    let event = app.event("Сенбілік", json!({})).await;
    app.refused(
        "mutation($input: UpdateVolunteerInput!) { updateVolunteer(input: $input) { volunteer { id } } }",
        json!({ "volunteerId": event, "fullName": "X" }),
        "VALIDATION",
    )
    .await;
}
