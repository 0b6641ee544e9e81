//! Input that makes no sense is refused with a code and nothing written:
//! racing duplicates answer CONFLICT naming the field (the database's
//! unique constraints decide races on PostgreSQL), control characters,
//! bidirectional overrides and invisible names get VALIDATION in every text
//! input, and so do impossible dates, countries and hours; a non-ASCII
//! `Authorization` header gets 401.

use crate::support::write::{CREATE_EVENT, LOG_HOURS, REGISTER_VOLUNTEER, at};
use crate::support::{Demo, TestApp};
use chrono::Duration;
use frontoffice::domain::iin::with_check_digit;
use futures_util::future::join_all;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const CREATE_ACCOUNT: &str = "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { username } } }";
const PUBLISH: &str = "mutation($input: PublishAnnualReportInput!) { publishAnnualReport(input: $input) { report { published } } }";

/// How many identical requests race.
const RACERS: usize = 6;

async fn count(app: &TestApp, sql: &str) -> i64 {
    let row = app
        .db
        .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .expect("the count runs")
        .expect("a row");
    row.try_get::<i64>("", "n").expect("a count")
}

/// Fire `RACERS` copies of one mutation at once; exactly one succeeds and
/// every other is CONFLICT naming `field`.
async fn race(app: &TestApp, mutation: &str, input: Value, field: &str) {
    let answers =
        join_all((0..RACERS).map(|_| app.post(mutation, json!({ "input": input.clone() })))).await;
    let mut succeeded = 0;
    for (status, body) in answers {
        assert_eq!(status, 200, "{body}");
        match body.get("errors") {
            None => succeeded += 1,
            Some(errors) => {
                let error = &errors[0];
                assert_eq!(error["extensions"]["code"], "CONFLICT", "{body}");
                assert_eq!(error["extensions"]["field"], field, "{body}");
            }
        }
    }
    assert_eq!(succeeded, 1, "exactly one of the racers wins");
}

fn iin_1990_05_06() -> String {
    (0..100)
        .find_map(|serial| with_check_digit(&format!("9005063{serial:04}")))
        .expect("some serial has a check digit")
}

#[tokio::test]
async fn racing_duplicates_answer_conflict_with_the_field_and_keep_one_row() {
    let app = TestApp::spawn(Demo::No).await;

    let iin = iin_1990_05_06();
    race(
        &app,
        REGISTER_VOLUNTEER,
        json!({ "fullName": "Иван Петров", "birthDate": "1990-05-06", "regionCode": "KZ-71", "iin": iin }),
        "input.iin",
    )
    .await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM volunteer").await, 1);

    race(
        &app,
        CREATE_ACCOUNT,
        json!({ "username": "aigerim", "password": "a long password", "role": "ANALYST" }),
        "input.username",
    )
    .await;
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM account WHERE username = 'aigerim'"
        )
        .await,
        1
    );

    race(&app, PUBLISH, json!({ "year": 2024 }), "input.year").await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM annual_report").await,
        1
    );
}

#[tokio::test]
async fn racing_user_create_commands_create_one_account() {
    let app = TestApp::spawn(Demo::No).await;
    let runs = (0..3).map(|_| {
        let url = app.database_url.clone();
        tokio::task::spawn_blocking(move || {
            std::process::Command::new(env!("CARGO_BIN_EXE_frontoffice"))
                .args(["--database-url", &url, "--log", "warn"])
                .args([
                    "user",
                    "create",
                    "--username",
                    "nurlan",
                    "--role",
                    "analyst",
                ])
                .env("FRONTOFFICE_PASSWORD", "a long password")
                .env("FRONTOFFICE_IIN_SECRET", "test-secret-0123456789")
                .output()
                .expect("the command runs")
        })
    });
    let outputs: Vec<_> = join_all(runs)
        .await
        .into_iter()
        .map(|r| r.expect("joined"))
        .collect();
    let created = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(created, 1, "{outputs:?}");
    for refused in outputs.iter().filter(|o| !o.status.success()) {
        let stderr = String::from_utf8_lossy(&refused.stderr);
        assert!(
            stderr.contains("CONFLICT") && stderr.contains("username"),
            "{stderr}"
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) AS n FROM account WHERE username = 'nurlan'"
        )
        .await,
        1
    );
}

/// A refusal with VALIDATION naming `field`, the database unchanged.
async fn invalid(app: &TestApp, mutation: &str, input: Value, field: &str) {
    let error = app.refused(mutation, input, "VALIDATION").await;
    assert_eq!(error["extensions"]["field"], field, "{error}");
}

#[tokio::test]
async fn control_characters_overrides_and_invisible_names_are_refused_in_every_text() {
    let app = TestApp::spawn(Demo::No).await;
    let person =
        |name: &str| json!({ "fullName": name, "birthDate": "1990-05-06", "regionCode": "KZ-71" });
    for name in [
        "Иван\u{0}Петров",
        "Ivan\u{7}",
        "Ivan\u{202E}vortep",
        "\u{2067}Ivan",
        "Ivan\nPetrov",
        "\u{200B}\u{200D}",
        "\u{FEFF} ",
    ] {
        invalid(&app, REGISTER_VOLUNTEER, person(name), "input.fullName").await;
    }
    // The idempotency key too.
    let mut keyed = person("Иван Петров");
    keyed["clientMutationId"] = json!("retry\u{0}1");
    invalid(&app, REGISTER_VOLUNTEER, keyed, "input.clientMutationId").await;

    // A title, written in the document rather than sent as a variable.
    let (code, _) = app
        .error(
            r#"mutation { createFamily(input: { name: "Ах\u0000метовы", regionCode: "KZ-71" }) { family { id } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(code, "VALIDATION");
    invalid(
        &app,
        CREATE_EVENT,
        json!({ "title": "Рейд\u{0}", "kind": "RAID", "level": "REGIONAL", "activityType": "SOCIAL_SUPPORT",
                "regionCode": "KZ-71", "startsAt": at(Duration::hours(-1)), "endsAt": at(Duration::hours(3)) }),
        "input.title",
    )
    .await;
    invalid(
        &app,
        CREATE_ACCOUNT,
        json!({ "username": "ai\u{0}gerim", "password": "a long password", "role": "ANALYST" }),
        "input.username",
    )
    .await;

    // Search text and a sign-in's username: refused, not an internal error.
    let (status, body) = app
        .post(
            "query($f: VolunteerFilter) { volunteers(filter: $f) { totalCount } }",
            json!({ "f": { "name": "Ив\u{0}" } }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "VALIDATION",
        "{body}"
    );
    assert_eq!(
        body["errors"][0]["extensions"]["field"], "filter.name",
        "{body}"
    );
    let (_, body) = app
        .post_as(
            None,
            "mutation($input: LoginInput!) { login(input: $input) { token } }",
            json!({ "input": { "username": "admin\u{0}", "password": "frontoffice-demo" } }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "VALIDATION",
        "{body}"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM volunteer").await, 0);
}

#[tokio::test]
async fn impossible_dates_countries_and_hours_are_refused() {
    let app = TestApp::spawn(Demo::No).await;
    let person = |birth: &str| json!({ "fullName": "Иван Петров", "birthDate": birth, "regionCode": "KZ-71" });
    invalid(
        &app,
        REGISTER_VOLUNTEER,
        person("1899-12-31"),
        "input.birthDate",
    )
    .await;
    for date in ["+10000-01-01", "10000-01-01", "+2000-01-01"] {
        let error = app
            .refused(REGISTER_VOLUNTEER, person(date), "BAD_USER_INPUT")
            .await;
        assert!(
            error["message"]
                .as_str()
                .unwrap_or_default()
                .contains("YYYY-MM-DD"),
            "{error}"
        );
    }
    let (code, _) = app
        .error(
            r#"{ statistics(from: "+10000-01-01", to: "+10000-12-31") { hours } }"#,
            json!({}),
        )
        .await;
    assert_eq!(code, "BAD_USER_INPUT");

    let organization = "mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }";
    for country in ["XX", "ZZ", "QQ"] {
        invalid(
            &app,
            organization,
            json!({ "name": "Volunteers abroad", "kind": "NGO", "countryCode": country }),
            "input.countryCode",
        )
        .await;
    }
    app.mutate(
        organization,
        json!({ "name": "Volunteers abroad", "kind": "NGO", "countryCode": "TR" }),
    )
    .await;

    // Hours on an event that has not started yet.
    let volunteer = app
        .volunteer("Әлия Серікқызы", "1995-03-04", json!({}))
        .await;
    let event = app
        .event(
            "Рейд к ветеранам",
            json!({ "startsAt": at(Duration::days(3)), "endsAt": at(Duration::days(3) + Duration::hours(3)) }),
        )
        .await;
    let participation = app.sign_up(&volunteer, &event).await;
    app.refused(
        LOG_HOURS,
        json!({ "participationId": participation, "minutes": 60 }),
        "INVALID_STATE",
    )
    .await;

    // No age before birth: null, not a negative number.
    let data = app
        .query(
            "query($id: ID!) { node(id: $id) { ... on Volunteer { before: age(on: \"1990-01-01\") at: age(on: \"2005-03-04\") } } }",
            json!({ "id": volunteer }),
        )
        .await;
    assert_eq!(data["node"], json!({ "before": null, "at": 10 }));
}

#[tokio::test]
async fn a_non_ascii_authorization_header_is_refused_not_anonymous() {
    let app = TestApp::spawn(Demo::No).await;
    let value = reqwest::header::HeaderValue::from_bytes("Bearer токен".as_bytes())
        .expect("obs-text is a valid header value");
    let response = app
        .client
        .post(app.url("/graphql"))
        .header(reqwest::header::AUTHORIZATION, value)
        .json(&json!({ "query": "{ me { username } }" }))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(response.status().as_u16(), 401);
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
        "{body}"
    );
}
