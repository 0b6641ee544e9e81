//! Managing accounts: admins manage every account, coordinators the
//! volunteers' accounts of their regions; a disabled account's tokens and
//! the tokens issued before a role change stop working at the next request,
//! also on a second server process on the same PostgreSQL database, at no
//! statement per request.

use super::*;
use crate::support::{Demo, TestApp, token};
use entity::Role;

const CREATE_ACCOUNT: &str = "mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { username role } } }";
const DISABLE: &str = "mutation($input: AccountInput!) {
  disableAccount(input: $input) { account { username disabled } } }";
const ENABLE: &str = "mutation($input: AccountInput!) {
  enableAccount(input: $input) { account { username disabled } } }";
const SET_ROLE: &str = "mutation($input: SetAccountRoleInput!) {
  setAccountRole(input: $input) { account { username role regionCodes } } }";
const ME: &str = "{ me { username role regionCodes } }";

impl TestApp {
    /// An account made by the admin.
    async fn account(&self, username: &str, role: &str, regions: &[&str]) {
        self.mutate(
            CREATE_ACCOUNT,
            json!({ "username": username, "password": GOOD_PASSWORD, "role": role, "regionCodes": regions }),
        )
        .await;
    }

    /// The HTTP status and error code of `ME` sent with `token`.
    async fn me_status(&self, token: &str) -> (u16, String) {
        let (status, body) = self.post_as(Some(token), ME, json!({})).await;
        let code = body["errors"][0]["extensions"]["code"]
            .as_str()
            .unwrap_or("OK")
            .to_owned();
        (status, code)
    }
}

#[tokio::test]
async fn disabling_or_changing_a_role_takes_effect_at_the_next_request_on_every_process() {
    let app = TestApp::spawn(Demo::No).await;
    // A second server process shares the database as when scaling out; on
    // SQLite the server is alone with its file.
    let sibling = match app.backend() {
        "postgres" => Some(app.sibling().await),
        _ => None,
    };
    let servers: Vec<&TestApp> = std::iter::once(&app).chain(sibling.as_ref()).collect();
    app.account("coord.one", "COORDINATOR", &["KZ-71"]).await;
    let first = app.login("coord.one", GOOD_PASSWORD).await;
    for server in &servers {
        // Each process has now seen the token's version.
        assert_eq!(server.me_status(&first).await, (200, "OK".into()));
    }

    app.mutate(
        SET_ROLE,
        json!({ "username": "coord.one", "role": "ANALYST" }),
    )
    .await;
    for server in &servers {
        assert_eq!(
            server.me_status(&first).await,
            (401, "UNAUTHENTICATED".into())
        );
    }
    let second = app.login("coord.one", GOOD_PASSWORD).await;
    let me = app.query_as(Some(&second), ME, json!({})).await;
    assert_eq!(me["me"]["role"], "ANALYST");
    for server in &servers {
        assert_eq!(server.me_status(&second).await, (200, "OK".into()));
    }

    // Disabled: no token works and nobody signs in, on any process.
    let disabled = app
        .mutate(DISABLE, json!({ "username": "coord.one" }))
        .await;
    assert_eq!(disabled["account"]["disabled"], true);
    for server in &servers {
        assert_eq!(
            server.me_status(&second).await,
            (401, "UNAUTHENTICATED".into())
        );
    }
    let (_, body) = app
        .post_as(
            None,
            LOGIN,
            json!({ "input": { "username": "coord.one", "password": GOOD_PASSWORD } }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");

    // Enabled again: signing in works; the earlier tokens stay revoked.
    app.mutate(ENABLE, json!({ "username": "coord.one" })).await;
    assert_eq!(
        app.me_status(&second).await,
        (401, "UNAUTHENTICATED".into())
    );
    let third = app.login("coord.one", GOOD_PASSWORD).await;
    assert_eq!(app.me_status(&third).await, (200, "OK".into()));

    // Every change is in the audit log.
    let log = app
        .query(
            "{ auditLog(first: 10, filter: { entity: \"Account\" }) { nodes { action } } }",
            json!({}),
        )
        .await;
    let actions: Vec<&str> = log["auditLog"]["nodes"]
        .as_array()
        .expect("entries")
        .iter()
        .filter_map(|n| n["action"].as_str())
        .collect();
    for action in [
        "createAccount",
        "setAccountRole",
        "disableAccount",
        "enableAccount",
    ] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

#[tokio::test]
async fn a_coordinator_manages_the_volunteer_accounts_of_its_regions_only() {
    let app = TestApp::spawn(Demo::No).await;
    app.confirmed_adult("astana.one", "Астаналық Ерікті").await;
    let almaty = app
        .sign_up_person(with(
            adult("almaty.one", "Алматылық"),
            json!({ "regionCode": "KZ-75" }),
        ))
        .await;
    app.mutate(CONFIRM, json!({ "volunteerId": almaty["volunteer"]["id"] }))
        .await;
    app.account("boss", "ADMIN", &[]).await;
    let coordinator = token(Role::Coordinator, &["KZ-71"], None);

    let listed = app
        .query_as(
            Some(&coordinator),
            "{ accounts(first: 10) { totalCount nodes { username role volunteer { fullName } } } }",
            json!({}),
        )
        .await;
    assert_eq!(listed["accounts"]["totalCount"], 1, "{listed}");
    assert_eq!(listed["accounts"]["nodes"][0]["username"], "astana.one");

    // Outside its regions, an admin, and no account at all: one refusal,
    // the same words, nothing written.
    let mut messages = Vec::new();
    for name in ["almaty.one", "boss", "no.such.account"] {
        let error = app
            .refused_as(
                Some(&coordinator),
                DISABLE,
                json!({ "username": name }),
                "FORBIDDEN",
            )
            .await;
        messages.push(error["message"].as_str().unwrap_or_default().to_owned());
    }
    assert!(messages.windows(2).all(|m| m[0] == m[1]), "{messages:?}");
    app.refused_as(
        Some(&coordinator),
        SET_ROLE,
        json!({ "username": "astana.one", "role": "ADMIN" }),
        "FORBIDDEN",
    )
    .await;
    let analyst = token(Role::Analyst, &[], None);
    app.refused_as(
        Some(&analyst),
        DISABLE,
        json!({ "username": "astana.one" }),
        "FORBIDDEN",
    )
    .await;
    let (_, body) = app
        .post_as(
            Some(&analyst),
            "{ accounts(first: 1) { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "FORBIDDEN");

    let done = app
        .mutate_as(
            Some(&coordinator),
            DISABLE,
            json!({ "username": "astana.one" }),
        )
        .await;
    assert_eq!(done["account"]["disabled"], true);
    app.refused_as(
        Some(&coordinator),
        DISABLE,
        json!({ "username": "astana.one" }),
        "INVALID_STATE",
    )
    .await;
    // An admin gets NOT_FOUND for a name that is no account's.
    app.refused(
        DISABLE,
        json!({ "username": "no.such.account" }),
        "NOT_FOUND",
    )
    .await;
}

#[tokio::test]
async fn an_ordinary_read_runs_no_statement_to_check_its_token() {
    let app = TestApp::spawn(Demo::No).await;
    app.event("Сенбілік", json!({})).await;
    app.account("reader.one", "ANALYST", &[]).await;
    let signed_in = app.login("reader.one", GOOD_PASSWORD).await;
    let read = "{ events(first: 5) { nodes { title } } }";
    // The first request of the token reads its account once.
    app.query_as(Some(&signed_in), read, json!({})).await;
    // The counter also sees the server's own background work: the fewer
    // statements of three tries each.
    let mut anonymous = u64::MAX;
    let mut with_token = u64::MAX;
    for _ in 0..3 {
        let before = app.statements_run().await;
        app.query_as(None, read, json!({})).await;
        let between = app.statements_run().await;
        app.query_as(Some(&signed_in), read, json!({})).await;
        let after = app.statements_run().await;
        anonymous = anonymous.min(between - before);
        with_token = with_token.min(after - between);
    }
    assert!(anonymous >= 1, "the read itself runs statements");
    assert_eq!(with_token, anonymous, "the token costs no statement");
}

/// Run `frontoffice user …` on the server's database.
async fn cli(app: &TestApp, args: &[&str], password: Option<&str>) -> std::process::Output {
    let url = app.database_url.clone();
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let password = password.map(str::to_owned);
    tokio::task::spawn_blocking(move || {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_frontoffice"));
        command
            .args(["--database-url", &url, "--log", "warn", "user"])
            .args(&args)
            .env("FRONTOFFICE_IIN_SECRET", "test-secret-0123456789");
        if let Some(p) = password {
            command.env("FRONTOFFICE_PASSWORD", p);
        }
        command.output().expect("the command runs")
    })
    .await
    .expect("joined")
}

#[tokio::test]
async fn the_command_line_lists_disables_enables_and_changes_accounts() {
    let app = TestApp::spawn(Demo::No).await;
    app.account("cli.user", "ANALYST", &[]).await;
    let before = app.login("cli.user", GOOD_PASSWORD).await;

    let listed = cli(&app, &["list"], None).await;
    assert!(listed.status.success(), "{listed:?}");
    let text = String::from_utf8_lossy(&listed.stdout);
    assert!(
        text.lines()
            .any(|l| l.starts_with("cli.user") && l.contains("ANALYST") && l.contains("enabled")),
        "{text}"
    );

    let changed = cli(
        &app,
        &[
            "set-role",
            "--username",
            "cli.user",
            "--role",
            "coordinator",
            "--region",
            "KZ-71",
        ],
        None,
    )
    .await;
    assert!(changed.status.success(), "{changed:?}");
    let after_role = app.login("cli.user", GOOD_PASSWORD).await;
    let me = app.query_as(Some(&after_role), ME, json!({})).await;
    assert_eq!(me["me"]["role"], "COORDINATOR");
    assert_eq!(me["me"]["regionCodes"], json!(["KZ-71"]));
    if app.backend() == "postgres" {
        // The command waited for the running server to drop the old
        // version: the next request is refused.
        assert_eq!(
            app.me_status(&before).await,
            (401, "UNAUTHENTICATED".into())
        );
    }

    let weak = cli(
        &app,
        &["passwd", "--username", "cli.user"],
        Some("1234567890"),
    )
    .await;
    assert!(!weak.status.success());
    assert!(String::from_utf8_lossy(&weak.stderr).contains("VALIDATION"));
    let passwd = cli(
        &app,
        &["passwd", "--username", "cli.user"],
        Some("a brand new secret"),
    )
    .await;
    assert!(passwd.status.success(), "{passwd:?}");
    app.login("cli.user", "a brand new secret").await;

    let disabled = cli(&app, &["disable", "--username", "cli.user"], None).await;
    assert!(disabled.status.success(), "{disabled:?}");
    let (_, body) = app
        .post_as(
            None,
            LOGIN,
            json!({ "input": { "username": "cli.user", "password": "a brand new secret" } }),
        )
        .await;
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let enabled = cli(&app, &["enable", "--username", "cli.user"], None).await;
    assert!(enabled.status.success(), "{enabled:?}");
    app.login("cli.user", "a brand new secret").await;
    let unknown = cli(&app, &["disable", "--username", "nobody.here"], None).await;
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("NOT_FOUND"));
}
