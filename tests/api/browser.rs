//! The pages as people meet them, in Chromium: the playground and the
//! public "Volunteers in numbers" page render from the server's own origin
//! (any request elsewhere fails the test), the playground signs in and
//! reads personal data, the public page follows a check-out live, and the
//! verification page tells a certificate valid (in three languages, from
//! its QR code's link) and a forged copy forged.
//! Screenshots are left under `target/browser/`.

use crate::support::js::Script;
use crate::support::{Demo, TestApp};
use serde_json::{Value, json};
use std::time::Duration;

/// A volunteer checked in, right now, at an action going on in Almaty.
async fn someone_checked_in(app: &TestApp) -> String {
    let (_, body) = app
        .post(
            r#"{ events(filter: { statuses: [ONGOING], regionCode: "KZ-75" }) {
                   nodes { participations(first: 50) { nodes { id checkedInAt checkedOutAt } } } } }"#,
            json!({}),
        )
        .await;
    body["data"]["events"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|e| {
            e["participations"]["nodes"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .find(|p| !p["checkedInAt"].is_null() && p["checkedOutAt"].is_null())
        .and_then(|p| p["id"].as_str().map(str::to_owned))
        .unwrap_or_else(|| panic!("someone is checked in in Almaty: {body}"))
}

/// A certificate of a demo volunteer's verified hours of one day: its id
/// and the hours it certifies, as written in it.
async fn a_certificate(app: &TestApp) -> (String, String) {
    // On PostgreSQL the operator makes the issuer key (SQLite, at start).
    frontoffice::credentials::keys::ensure_one(&app.db, crate::credentials::IIN_SECRET)
        .await
        .expect("an issuer key");
    let data = app
        .query(
            "{ participations(first: 1, filter: { verified: true }) { nodes { date volunteer { id } } } }",
            json!({}),
        )
        .await;
    let p = &data["participations"]["nodes"][0];
    let day = p["date"]
        .as_str()
        .expect("a verified participation in the demo");
    let issued = app
        .mutate(
            crate::credentials::ISSUE,
            json!({ "volunteerId": p["volunteer"]["id"], "from": day, "to": day }),
        )
        .await;
    let c = &issued["credential"];
    let hours = format!("{:.2}", c["hours"].as_f64().expect("hours"));
    (c["id"].as_str().expect("an id").to_owned(), hours)
}

#[tokio::test]
async fn the_pages_render_from_this_origin_and_follow_the_register_live() {
    // As a new user starts it: the public figures computed at start-up.
    let app = TestApp::spawn_with(Demo::Yes, &["--warm-public-figures=true"]).await;
    let participation = someone_checked_in(&app).await;
    let (credential, hours) = a_certificate(&app).await;
    let shots = concat!(env!("CARGO_MANIFEST_DIR"), "/target/browser");
    // Only this run's screenshots are left there.
    let _ = std::fs::remove_dir_all(shots);
    let base = app.url("");
    let mut browser = Script::start(
        "browser.mjs",
        &[
            &base,
            shots,
            &app.admin_token,
            &participation,
            &credential,
            &hours,
        ],
    );
    let mut steps = Vec::new();
    loop {
        let line = browser.line_within(Duration::from_secs(90)).await;
        let step: Value = serde_json::from_str(&line).unwrap_or_else(|_| json!({ "error": line }));
        assert!(step.get("error").is_none(), "after {steps:?}: {step}");
        let done = step["step"] == "done";
        steps.push(step);
        if done {
            break;
        }
    }
    assert!(browser.finished().await, "{steps:?}");
    let live = steps
        .iter()
        .find(|s| s["step"] == "public page follows a check-out")
        .expect("the live step ran");
    assert_ne!(live["before"], live["after"], "{live}");
}
