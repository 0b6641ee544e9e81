//! While the database cannot be reached, requests that need it answer
//! `UNAVAILABLE` with a `Retry-After`, `/readyz` says so at once, and the
//! server recovers by itself when the database is back.
//!
//! On PostgreSQL the test database stops taking connections and the
//! server's are terminated, as when the database restarts. An embedded
//! SQLite file cannot become unreachable that way; there the server's pool
//! is closed instead, which shows the same answers but allows no recovery.

use crate::support::{Demo, TestApp};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use std::time::Duration;
use tokio::time::timeout;

/// Long enough for any answer here; `/readyz` must answer well within it.
const READY_PATIENCE: Duration = Duration::from_secs(2);

const EVENTS: &str = "{ events(first: 1) { totalCount } }";

/// An anonymous query that needs the database: its status, `Retry-After`
/// and body.
async fn events(app: &TestApp) -> (u16, Option<String>, Value) {
    let response = timeout(
        Duration::from_secs(15),
        app.client
            .post(app.url("/graphql"))
            .json(&json!({ "query": EVENTS }))
            .send(),
    )
    .await
    .expect("answered within the request timeout")
    .expect("answered");
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, retry_after, response.json().await.expect("JSON"))
}

async fn readyz(app: &TestApp) -> u16 {
    timeout(READY_PATIENCE, app.client.get(app.url("/readyz")).send())
        .await
        .expect("/readyz answers within 2 s")
        .expect("answered")
        .status()
        .as_u16()
}

/// On PostgreSQL: run `sql` on the server's own database through an admin
/// connection to another one.
async fn as_admin(sql: String) {
    let admin_url = std::env::var("FRONTOFFICE_TEST_PG_URL").expect("a PostgreSQL test run");
    let admin = Database::connect(&admin_url)
        .await
        .expect("admin connection");
    admin
        .execute_unprepared(&sql)
        .await
        .expect("admin statement");
    admin.close().await.ok();
}

fn database_name(app: &TestApp) -> String {
    app.database_url
        .rsplit('/')
        .next()
        .expect("a database name")
        .to_owned()
}

#[tokio::test]
async fn while_the_database_is_unreachable_requests_answer_unavailable_and_recover() {
    let app = TestApp::spawn(Demo::No).await;
    let (_, _, before) = events(&app).await;
    assert_eq!(before["data"]["events"]["totalCount"], 0, "{before}");
    assert_eq!(readyz(&app).await, 200);

    let postgres = app.backend() == "postgres";
    let name = database_name(&app);
    if postgres {
        as_admin(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS false")).await;
        as_admin(format!(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
             WHERE datname = '{name}' AND pid <> pg_backend_pid()"
        ))
        .await;
    } else {
        app.db.close_by_ref().await.expect("the pool closes");
    }

    let (status, retry_after, body) = events(&app).await;
    assert_eq!(status, 200, "{body}");
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "UNAVAILABLE", "{body}");
    assert!(
        error["message"]
            .as_str()
            .unwrap_or_default()
            .contains("try again"),
        "{body}"
    );
    assert_eq!(retry_after.as_deref(), Some("5"));
    assert_eq!(readyz(&app).await, 503);
    // The server itself still answers what needs no database.
    let health = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(health.status().as_u16(), 200);

    if postgres {
        as_admin(format!("ALTER DATABASE {name} ALLOW_CONNECTIONS true")).await;
        let (status, retry_after, after) = events(&app).await;
        assert_eq!(status, 200, "{after}");
        assert!(after.get("errors").is_none(), "recovered: {after}");
        assert_eq!(after["data"]["events"]["totalCount"], 0);
        assert_eq!(retry_after, None);
        assert_eq!(readyz(&app).await, 200);
    }
}
