//! The foundation: migrations both ways, the shipped regions, the demo data
//! set, health probes, the playground, subscriptions' endpoint, the schema
//! file, and the command line's handling of a bad database.

use crate::support::{Demo, TestApp};
use futures_util::{SinkExt, StreamExt};
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use std::process::Command;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

async fn table_count(app: &TestApp) -> i64 {
    let sql = match app.backend() {
        "postgres" => {
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'seaql_migrations'"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT IN ('seaql_migrations', 'sqlite_sequence')"
        }
    };
    let row = app
        .db
        .query_one_raw(Statement::from_string(app.db.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    let app = TestApp::spawn(Demo::No).await;
    let status = Migrator::get_migration_with_status(&app.db).await.unwrap();
    assert!(
        status.iter().all(|m| m.status().to_string() == "Applied"),
        "all applied at start"
    );
    let tables = table_count(&app).await;
    assert!(tables >= 17, "{tables} tables");

    Migrator::down(&app.db, None).await.unwrap();
    assert_eq!(table_count(&app).await, 0);

    Migrator::up(&app.db, None).await.unwrap();
    assert_eq!(table_count(&app).await, tables);
    let data = app.query("{ regions { totalCount } }", json!({})).await;
    assert_eq!(data["regions"]["totalCount"], 20);
}

#[tokio::test]
async fn the_twenty_regions_are_shipped_with_three_names_each() {
    let app = TestApp::spawn(Demo::No).await;
    let data = app
        .query("{ regions { nodes { code kind nameKk nameRu nameEn } } astana: region(code: \"KZ-71\") { nameKk nameEn kind } }", json!({}))
        .await;
    let codes: Vec<&str> = data["regions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "KZ-10", "KZ-11", "KZ-15", "KZ-19", "KZ-23", "KZ-27", "KZ-31", "KZ-33", "KZ-35",
            "KZ-39", "KZ-43", "KZ-47", "KZ-55", "KZ-59", "KZ-61", "KZ-62", "KZ-63", "KZ-71",
            "KZ-75", "KZ-79"
        ]
    );
    let cities = data["regions"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "CITY")
        .count();
    assert_eq!(cities, 3);
    assert!(
        data["regions"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| {
                ["nameKk", "nameRu", "nameEn"]
                    .iter()
                    .all(|k| !r[k].as_str().unwrap_or_default().is_empty())
            })
    );
    assert_eq!(
        data["astana"],
        json!({ "nameKk": "Астана", "nameEn": "Astana", "kind": "CITY" })
    );
}

#[tokio::test]
async fn the_demo_data_set_holds_what_the_readme_promises() {
    let app = TestApp::spawn(Demo::Yes).await;
    let data = app
        .query(
            r#"{
              serverInfo { name database }
              frontOffices { totalCount nodes { kind name partners { since organization { name countryCode } } } }
              projects { nodes { name startedOn events(first: 1) { totalCount } } }
              volunteers { totalCount }
              children: volunteers(filter: { ageMax: 13 }) { totalCount }
              youngest: volunteers(filter: { ageMax: 7 }) { totalCount }
              tooYoung: volunteers(filter: { ageMax: 6 }) { totalCount }
              oldest: volunteers(filter: { ageMin: 74 }) { totalCount }
              tooOld: volunteers(filter: { ageMin: 75 }) { totalCount }
              families { totalCount nodes { members { totalCount } } }
              raids: events(filter: { kinds: [RAID] }) { totalCount }
              actions: events(filter: { kinds: [ACTION] }) { totalCount }
              gatherings: events(filter: { kinds: [EVENT] }) { totalCount }
              regional: events(filter: { levels: [REGIONAL] }) { totalCount }
              republican: events(filter: { levels: [REPUBLICAN] }) { totalCount }
              international: events(filter: { levels: [INTERNATIONAL] }) { totalCount }
              served: events(filter: { kinds: [RAID], statuses: [COMPLETED] }, first: 1) { nodes { beneficiariesServed { category count } hours } }
              attended: participations(filter: { statuses: [ATTENDED] }) { totalCount }
              internationalExchanges { nodes { direction countryCode participants { totalCount } } }
            }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["serverInfo"]["database"], app.backend());
    let offices = data["frontOffices"]["nodes"].as_array().unwrap();
    assert_eq!(
        offices.iter().filter(|o| o["kind"] == "REPUBLICAN").count(),
        1
    );
    assert!(offices.len() >= 4);
    for office in offices {
        let unicef = office["partners"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["organization"]["name"] == "UNICEF Kazakhstan");
        let since = unicef.expect("UNICEF partners every office")["since"]
            .as_str()
            .unwrap();
        assert!(since >= "2019-01-01", "{since}");
    }
    let zhenis = data["projects"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "Жеңіс")
        .expect("«Жеңіс»");
    assert_eq!(zhenis["startedOn"], "2015-05-09");
    assert!(zhenis["events"]["totalCount"].as_i64().unwrap() > 10);
    let volunteers = data["volunteers"]["totalCount"].as_i64().unwrap();
    assert!((200..=500).contains(&volunteers), "{volunteers}");
    assert!(data["children"]["totalCount"].as_i64().unwrap() > 0);
    // Aged 7 to 74 today, whatever day it is loaded.
    assert!(data["youngest"]["totalCount"].as_i64().unwrap() > 0);
    assert!(data["oldest"]["totalCount"].as_i64().unwrap() > 0);
    assert_eq!(data["tooYoung"]["totalCount"], 0);
    assert_eq!(data["tooOld"]["totalCount"], 0);
    assert!(data["families"]["totalCount"].as_i64().unwrap() >= 20);
    assert!(
        data["families"]["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["members"]["totalCount"].as_i64().unwrap() >= 2)
    );
    for key in [
        "raids",
        "actions",
        "gatherings",
        "regional",
        "republican",
        "international",
    ] {
        assert!(data[key]["totalCount"].as_i64().unwrap() > 0, "{key}");
    }
    assert!(
        !data["served"]["nodes"][0]["beneficiariesServed"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(data["attended"]["totalCount"].as_i64().unwrap() > 1000);
    let exchanges = data["internationalExchanges"]["nodes"].as_array().unwrap();
    assert!(exchanges.iter().any(|x| x["direction"] == "INBOUND"));
    assert!(exchanges.iter().any(|x| x["direction"] == "OUTBOUND"));

    // The load's audit record counts what the register holds.
    let held = app
        .query(
            r#"{
              participations { totalCount }
              events { totalCount }
              auditLog(filter: { action: "seedDemo" }) { nodes { summary } }
            }"#,
            json!({}),
        )
        .await;
    let summary = &held["auditLog"]["nodes"][0]["summary"];
    assert_eq!(held["events"]["totalCount"], summary["events"]);
    assert_eq!(
        held["participations"]["totalCount"],
        summary["participations"]
    );
}

#[tokio::test]
async fn health_probes_answer() {
    let app = TestApp::spawn(Demo::No).await;
    let health: Value = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(health, json!({ "status": "ok" }));
    let ready = app.client.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(ready.status().as_u16(), 200);
}

#[tokio::test]
async fn metrics_count_the_sql_statements_run() {
    let app = TestApp::spawn(Demo::No).await;
    let before = app.statements_run().await;
    app.query("{ volunteers { totalCount } }", json!({})).await;
    let after = app.statements_run().await;
    assert!(after > before, "{before} then {after}");
}

#[tokio::test]
async fn the_subscription_endpoint_speaks_graphql_transport_ws() {
    let app = TestApp::spawn(Demo::No).await;
    let mut request = format!("ws://{}/graphql/ws", app.addr)
        .into_client_request()
        .unwrap();
    request.headers_mut().insert(
        "sec-websocket-protocol",
        "graphql-transport-ws".parse().unwrap(),
    );
    let (mut socket, response) = tokio_tungstenite::connect_async(request).await.unwrap();
    assert_eq!(
        response.headers()["sec-websocket-protocol"],
        "graphql-transport-ws"
    );
    socket
        .send(Message::text(r#"{"type":"connection_init"}"#))
        .await
        .unwrap();
    let reply = socket.next().await.unwrap().unwrap();
    let reply: Value = serde_json::from_str(reply.to_text().unwrap()).unwrap();
    assert_eq!(reply["type"], "connection_ack");
}

fn frontoffice(args: &[&str], database_url: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_frontoffice"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("FRONTOFFICE_DB_TIMEOUT", "1")
        .env("FRONTOFFICE_LOG", "warn")
        .output()
        .expect("the binary runs")
}

#[test]
fn a_bad_database_url_gives_one_clear_line_and_a_failure_code() {
    for url in [
        "mysql://root@localhost/x",
        "postgres://nobody@127.0.0.1:1/x",
        "not a url",
    ] {
        let out = frontoffice(&["migrate", "status"], url);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{url}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert_eq!(stderr.trim().lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.contains("database") || stderr.contains("DATABASE_URL"),
            "{stderr}"
        );
    }
}

#[test]
fn migrate_status_lists_the_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("cli.db").display());
    assert!(frontoffice(&["migrate"], &url).status.success());
    let out = frontoffice(&["migrate", "status"], &url);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("m20261125_000001_registry") && stdout.contains("Applied"),
        "{stdout}"
    );
}

#[test]
fn schema_graphql_is_what_the_server_serves() {
    let out = frontoffice(&["schema"], "sqlite::memory:");
    assert!(out.status.success());
    let printed = String::from_utf8(out.stdout).unwrap();
    let file = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql"))
        .unwrap_or_default();
    assert!(
        printed == file,
        "schema.graphql is out of date: run `cargo run -- schema > schema.graphql`"
    );
}
