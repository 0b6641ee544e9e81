//! A new user's first minutes with the demo: an action going on right now
//! in Astana and in Almaty, with volunteers checked in and others waiting;
//! check-in and check-out work on it at once; this year's public figures
//! are shown in every region; the README's first query shows raids that
//! took place, with participants and people served.

use crate::support::{Demo, TestApp};
use chrono::{Datelike, FixedOffset, Utc};
use serde_json::{Value, json};

const PASSWORD: &str = "frontoffice-demo";

async fn sign_in(app: &TestApp, username: &str) -> String {
    let (_, body) = app
        .post_as(
            None,
            "mutation($u: String!, $p: String!) { login(input: { username: $u, password: $p }) { token } }",
            json!({ "u": username, "p": PASSWORD }),
        )
        .await;
    body["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("{username} signs in: {body}"))
        .to_owned()
}

async fn as_user(app: &TestApp, token: &str, query: &str, variables: Value) -> Value {
    let (status, body) = app.post_as(Some(token), query, variables).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.get("errors").is_none(), "{body}");
    body["data"].clone()
}

#[tokio::test]
async fn astana_and_almaty_have_an_action_going_on_now() {
    let app = TestApp::spawn(Demo::Yes).await;
    let (_, body) = app
        .post_as(
            None,
            r#"{ events(filter: { statuses: [ONGOING] }) { nodes { title status region { code } participantCount } } }"#,
            json!({}),
        )
        .await;
    let ongoing = body["data"]["events"]["nodes"].as_array().unwrap().clone();
    for code in ["KZ-71", "KZ-75"] {
        assert!(
            ongoing
                .iter()
                .any(|e| e["region"]["code"] == code && e["status"] == "ONGOING"),
            "an ongoing event in {code}: {body}"
        );
    }

    // Almaty's coordinator sees who is in and checks people in and out.
    let token = sign_in(&app, "coordinator.almaty").await;
    let data = as_user(
        &app,
        &token,
        r#"{ events(filter: { statuses: [ONGOING], regionCode: "KZ-75" }) {
               nodes { participations(first: 50) { nodes { id status checkedInAt checkedOutAt } } } } }"#,
        json!({}),
    )
    .await;
    let rows = data["events"]["nodes"][0]["participations"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    let inside: Vec<&Value> = rows
        .iter()
        .filter(|p| !p["checkedInAt"].is_null() && p["checkedOutAt"].is_null())
        .collect();
    let waiting: Vec<&Value> = rows
        .iter()
        .filter(|p| p["status"] == "REGISTERED" && p["checkedInAt"].is_null())
        .collect();
    assert!(!inside.is_empty(), "volunteers are checked in: {rows:?}");
    assert!(
        !waiting.is_empty(),
        "volunteers wait to be checked in: {rows:?}"
    );
    let out = as_user(
        &app,
        &token,
        "mutation($id: ID!) { checkOut(input: { participationId: $id }) { participation { status minutes } } }",
        json!({ "id": inside[0]["id"] }),
    )
    .await;
    assert_eq!(out["checkOut"]["participation"]["status"], "ATTENDED");
    assert!(
        out["checkOut"]["participation"]["minutes"]
            .as_i64()
            .unwrap()
            >= 60
    );
    let checked_in = as_user(
        &app,
        &token,
        "mutation($id: ID!) { checkIn(input: { participationId: $id }) { participation { checkedInAt } } }",
        json!({ "id": waiting[0]["id"] }),
    )
    .await;
    assert!(!checked_in["checkIn"]["participation"]["checkedInAt"].is_null());
}

#[tokio::test]
async fn the_demo_volunteer_can_check_itself_in_at_almaty() {
    let app = TestApp::spawn(Demo::Yes).await;
    let token = sign_in(&app, "volunteer").await;
    let data = as_user(
        &app,
        &token,
        r#"{ me { volunteer { participations(filter: { statuses: [REGISTERED] }, first: 20) {
               nodes { id checkedInAt event { status region { code } } } } } } }"#,
        json!({}),
    )
    .await;
    let mine = data["me"]["volunteer"]["participations"]["nodes"]
        .as_array()
        .unwrap()
        .clone();
    let live = mine
        .iter()
        .find(|p| p["event"]["status"] == "ONGOING" && p["checkedInAt"].is_null())
        .unwrap_or_else(|| panic!("registered at an ongoing event: {mine:?}"));
    assert_eq!(live["event"]["region"]["code"], "KZ-75");
    let done = as_user(
        &app,
        &token,
        "mutation($id: ID!) { checkIn(input: { participationId: $id }) { participation { checkedInAt } } }",
        json!({ "id": live["id"] }),
    )
    .await;
    assert!(!done["checkIn"]["participation"]["checkedInAt"].is_null());
}

#[tokio::test]
async fn every_region_shows_this_years_figures_to_the_public() {
    let app = TestApp::spawn(Demo::Yes).await;
    let kz = Utc::now().with_timezone(&FixedOffset::east_opt(5 * 3600).unwrap());
    let today = kz.date_naive();
    let new_year = today.with_ordinal(1).unwrap();
    let (_, body) = app
        .post_as(
            None,
            "query($from: Date!, $to: Date!) { statisticsByRegion(from: $from, to: $to) { region { code } statistics { activeVolunteers hours } } }",
            json!({ "from": new_year.to_string(), "to": today.to_string() }),
        )
        .await;
    let regions = body["data"]["statisticsByRegion"].as_array().unwrap();
    assert_eq!(regions.len(), 20, "{body}");
    // The recent raids are at most two weeks back, but never before 1
    // January: on 1 January itself they end at 14:00 in Astana.
    let raids_over = today != new_year || kz.naive_local() >= today.and_hms_opt(14, 0, 0).unwrap();
    for region in regions {
        let active = &region["statistics"]["activeVolunteers"];
        if raids_over {
            assert!(active.as_i64().is_some_and(|n| n >= 5), "{region}");
            assert!(
                region["statistics"]["hours"]
                    .as_f64()
                    .is_some_and(|h| h > 0.0),
                "{region}"
            );
        }
    }
}

#[tokio::test]
async fn the_readme_first_query_shows_raids_that_took_place() {
    let app = TestApp::spawn(Demo::Yes).await;
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("Open the GraphiQL URL and paste")
        .expect("the first query's place");
    let block = &readme[start..];
    let open = block.find("```graphql\n").unwrap() + "```graphql\n".len();
    let query = &block[open..open + block[open..].find("```").unwrap()];
    let (_, body) = app.post_as(None, query, json!({})).await;
    assert!(body.get("errors").is_none(), "{body}");
    let raids = body["data"]["events"]["nodes"].as_array().unwrap();
    assert_eq!(raids.len(), 5, "{body}");
    for raid in raids {
        assert_eq!(raid["kind"], "RAID");
        assert_eq!(raid["status"], "COMPLETED");
        assert!(raid["participantCount"].as_i64().unwrap() > 0, "{raid}");
        assert!(raid["hours"].as_f64().unwrap() > 0.0, "{raid}");
        assert!(
            !raid["beneficiariesServed"].as_array().unwrap().is_empty(),
            "{raid}"
        );
    }
}
