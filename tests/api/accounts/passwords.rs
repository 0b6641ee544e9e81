//! Passwords: changed with the current one; reset with a one-time code
//! e-mailed through a real SMTP server, or issued by a coordinator; codes
//! single-use and expiring; every reset revoking the account's other
//! tokens. And the sign-in history, with names locked after repeated
//! failures whether or not they are an account's.

use super::*;
use crate::support::py::SmtpSink;
use crate::support::{Demo, TestApp, token};
use entity::Role;
use sea_orm::{ConnectionTrait, Statement};
use std::time::Duration;

const CHANGE: &str = "mutation($input: ChangePasswordInput!) {
  changePassword(input: $input) { token account { username } } }";
const REQUEST: &str = "mutation($input: RequestPasswordResetInput!) {
  requestPasswordReset(input: $input) { message } }";
const ISSUE: &str = "mutation($input: AccountInput!) {
  issuePasswordResetCode(input: $input) { code expiresAt } }";
const RESET: &str = "mutation($input: ResetPasswordInput!) {
  resetPassword(input: $input) { token account { username } } }";
const ME: &str = "{ me { username } }";
const NEW_PASSWORD: &str = "көктемгі жаңа сөз";

async fn works(app: &TestApp, token: &str) -> bool {
    app.post_as(Some(token), ME, json!({})).await.0 == 200
}

#[tokio::test]
async fn a_password_is_changed_with_the_current_one_and_other_tokens_stop() {
    let app = TestApp::spawn(Demo::No).await;
    let (_, phone) = app.confirmed_adult("aruzhan", "Аружан Бекова").await;
    let laptop = app.login("aruzhan", GOOD_PASSWORD).await;
    let change =
        |current: &str, new: &str| json!({ "currentPassword": current, "newPassword": new });
    let error = app
        .refused_as(
            Some(&phone),
            CHANGE,
            change("not it at all", NEW_PASSWORD),
            "VALIDATION",
        )
        .await;
    assert_eq!(error["extensions"]["field"], "input.currentPassword");
    let error = app
        .refused_as(
            Some(&phone),
            CHANGE,
            change(GOOD_PASSWORD, "1234567890"),
            "VALIDATION",
        )
        .await;
    assert_eq!(error["extensions"]["field"], "input.newPassword");
    let changed = app
        .mutate_as(Some(&phone), CHANGE, change(GOOD_PASSWORD, NEW_PASSWORD))
        .await;
    let fresh = changed["token"].as_str().expect("a new token").to_owned();
    assert!(works(&app, &fresh).await);
    assert!(
        !works(&app, &phone).await,
        "the token that changed it is replaced"
    );
    assert!(!works(&app, &laptop).await, "other sessions end");
    app.login("aruzhan", NEW_PASSWORD).await;

    // Analysts write nothing, but their own password.
    app.mutate(
        "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { username } } }",
        json!({ "username": "reader", "password": GOOD_PASSWORD, "role": "ANALYST" }),
    )
    .await;
    let analyst = app.login("reader", GOOD_PASSWORD).await;
    app.mutate_as(Some(&analyst), CHANGE, change(GOOD_PASSWORD, NEW_PASSWORD))
        .await;
    app.login("reader", NEW_PASSWORD).await;
}

#[tokio::test]
async fn a_coordinator_issues_a_one_time_code_that_resets_the_password() {
    let app = TestApp::spawn(Demo::No).await;
    let (_, old) = app.confirmed_adult("no.email", "Поштасыз Адам").await;
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);
    let elsewhere = token(Role::Coordinator, &["KZ-75"], None);
    app.refused_as(
        Some(&elsewhere),
        ISSUE,
        json!({ "username": "no.email" }),
        "FORBIDDEN",
    )
    .await;
    let issued = app
        .mutate_as(Some(&coordinator), ISSUE, json!({ "username": "no.email" }))
        .await;
    let code = issued["code"].as_str().expect("a code").to_owned();
    assert_eq!(code.len(), 19, "{code}");
    // Only a hash is kept.
    let stored = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT code_hash FROM password_reset",
        ))
        .await
        .expect("readable")
        .expect("a row");
    let hash: String = stored.try_get("", "code_hash").expect("text");
    assert!(!hash.contains(&code.replace('-', "")));

    // Typed in lower case, with spaces for dashes.
    let typed = code.to_lowercase().replace('-', " ");
    let reset = app
        .mutate_as(
            None,
            RESET,
            json!({ "code": typed, "newPassword": NEW_PASSWORD }),
        )
        .await;
    assert_eq!(reset["account"]["username"], "no.email");
    let fresh = reset["token"].as_str().expect("signed in").to_owned();
    assert!(works(&app, &fresh).await);
    assert!(!works(&app, &old).await, "a reset revokes the other tokens");
    // Used once.
    app.refused_as(
        None,
        RESET,
        json!({ "code": code, "newPassword": "another good one" }),
        "VALIDATION",
    )
    .await;

    // An expired code.
    let second = app
        .mutate_as(Some(&coordinator), ISSUE, json!({ "username": "no.email" }))
        .await;
    app.db
        .execute_unprepared(
            "UPDATE password_reset SET expires_at = created_at WHERE used_at IS NULL",
        )
        .await
        .expect("expired");
    app.refused_as(
        None,
        RESET,
        json!({ "code": second["code"], "newPassword": "another good one" }),
        "INVALID_STATE",
    )
    .await;
    // A weak password is refused before the code is spent.
    let third = app
        .mutate_as(Some(&coordinator), ISSUE, json!({ "username": "no.email" }))
        .await;
    app.refused_as(
        None,
        RESET,
        json!({ "code": third["code"], "newPassword": "short" }),
        "VALIDATION",
    )
    .await;
    app.mutate_as(
        None,
        RESET,
        json!({ "code": third["code"], "newPassword": "another good one" }),
    )
    .await;
}

/// POST a request anonymously in English.
async fn post_english(app: &TestApp, query: &str, input: Value) -> Value {
    app.client
        .post(app.url("/graphql"))
        .header("accept-language", "en")
        .json(&json!({ "query": query, "variables": { "input": input } }))
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON")
}

// Multi-threaded: the test waits for the SMTP server's output on its own
// thread while the server's tasks run on the others.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_code_is_emailed_through_the_smtp_relay_and_unknown_addresses_get_the_same_answer()
{
    let smtp = SmtpSink::start();
    let url = format!("smtp://127.0.0.1:{}", smtp.port);
    let app = TestApp::spawn_with(Demo::No, &["--smtp-url", &url]).await;
    let (_, old) = app.confirmed_adult("with.mail", "Поштасы Бар").await;

    let unknown = post_english(&app, REQUEST, json!({ "email": "nobody@example.kz" })).await;
    let known = post_english(&app, REQUEST, json!({ "email": "With.Mail@example.kz" })).await;
    assert!(unknown.get("errors").is_none(), "{unknown}");
    assert_eq!(unknown["data"], known["data"], "the same answer either way");

    let (to, text) = smtp
        .next_message(Duration::from_secs(30))
        .expect("the code was sent");
    assert_eq!(to, "with.mail@example.kz");
    assert!(text.contains("with.mail"), "{text}");
    let code = text
        .split_whitespace()
        .find(|w| w.len() == 19 && w.matches('-').count() == 3)
        .unwrap_or_else(|| panic!("a code in {text}"))
        .to_owned();
    let reset = app
        .mutate_as(
            None,
            RESET,
            json!({ "code": code, "newPassword": NEW_PASSWORD }),
        )
        .await;
    assert!(works(&app, reset["token"].as_str().expect("a token")).await);
    assert!(!works(&app, &old).await, "a reset revokes the other tokens");
    app.refused_as(
        None,
        RESET,
        json!({ "code": code, "newPassword": "another good one" }),
        "VALIDATION",
    )
    .await;
    // Nothing went to the unknown address.
    assert!(smtp.next_message(Duration::from_millis(200)).is_none());
}

#[tokio::test]
async fn without_a_relay_e_mail_resets_are_refused_and_resets_are_rate_limited() {
    let app = TestApp::spawn_with(Demo::No, &["--password-resets-per-address", "2"]).await;
    app.refused_as(
        None,
        REQUEST,
        json!({ "email": "a@example.kz" }),
        "INVALID_STATE",
    )
    .await;
    for _ in 0..2 {
        app.refused_as(
            None,
            RESET,
            json!({ "code": "AAAA-BBBB-CCCC-DDDD", "newPassword": NEW_PASSWORD }),
            "VALIDATION",
        )
        .await;
    }
    app.refused_as(
        None,
        RESET,
        json!({ "code": "AAAA-BBBB-CCCC-DDDD", "newPassword": NEW_PASSWORD }),
        "RATE_LIMITED",
    )
    .await;
}

const HISTORY: &str = "{ signIns(first: 20) { nodes { outcome clientAddress username } } }";

#[tokio::test]
async fn failed_sign_ins_are_recorded_and_lock_a_name_whether_or_not_it_is_an_account() {
    let app = TestApp::spawn_with(
        Demo::No,
        &[
            "--sign-in-lock-after",
            "3",
            "--sign-in-per-account",
            "0",
            "--sign-in-per-address",
            "0",
        ],
    )
    .await;
    let (_, own) = app.confirmed_adult("locked.out", "Бұғатталған").await;
    let attempt =
        |name: &str, password: &str| json!({ "input": { "username": name, "password": password } });
    let mut answers = Vec::new();
    for name in ["locked.out", "no.such.name"] {
        for _ in 0..3 {
            let (_, body) = app
                .post_as(None, LOGIN, attempt(name, "a wrong password"))
                .await;
            assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
        }
        // Locked now, even with the right password; the same for a name
        // that is no account's.
        let (_, body) = app.post_as(None, LOGIN, attempt(name, GOOD_PASSWORD)).await;
        let error = &body["errors"][0];
        assert_eq!(error["extensions"]["code"], "RATE_LIMITED", "{body}");
        assert!(
            error["extensions"]["retryAfter"].as_u64().unwrap_or(0) > 60,
            "{body}"
        );
        answers.push(error["message"].clone());
    }
    assert_eq!(answers[0], answers[1]);

    // The owner sees its own attempts, newest first.
    let mine = app.query_as(Some(&own), HISTORY, json!({})).await;
    let outcomes: Vec<&str> = mine["signIns"]["nodes"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|n| n["outcome"].as_str())
        .collect();
    assert_eq!(
        outcomes,
        ["LOCKED", "FAILED", "FAILED", "FAILED", "SUCCEEDED"]
    );
    assert_eq!(mine["signIns"]["nodes"][0]["clientAddress"], "127.0.0.1");
    // Admins see every attempt, on names that are no account's too.
    let all = app.query(HISTORY, json!({})).await;
    let nodes = all["signIns"]["nodes"].as_array().expect("a list");
    assert_eq!(nodes.len(), 9);
    assert!(nodes.iter().any(|n| n["username"].is_null()));
    // Others see none of it.
    let (_, body) = app.post_as(None, HISTORY, json!({})).await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");
}
