//! The test harness: every integration test starts the real server, in
//! process, on a random port, on a database of its own, and talks HTTP and
//! WebSocket to it as clients do.
//!
//! The database is a SQLite file in a temporary directory, or, when
//! `FRONTOFFICE_TEST_PG_URL` names a PostgreSQL server, a freshly created
//! database with a unique name that is dropped when the test ends.

pub mod fixtures;
pub mod js;
pub mod py;
pub mod stats_data;
pub mod write;
pub mod ws;

use clap::Parser;
use entity::Role;
use frontoffice::auth::TokenKeys;
use frontoffice::config::{Cli, Command};
use frontoffice::db::StatementCounter;
use frontoffice::domain::caller::Principal;
use frontoffice::domain::changes::ChangeBus;
use frontoffice::graphql::ids::{NodeType, decode_int};
use frontoffice::startup::Application;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection};
use serde_json::{Value, json};
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::oneshot;

/// Whether the server loads the demo data set at start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    Yes,
    No,
}

/// Where the server's keys come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Keys {
    /// Configured: `TEST_JWT_SECRET` and a test IIN key, as in production.
    Configured,
    /// None configured: the server's own (SQLite generates and keeps them;
    /// PostgreSQL refuses to start).
    Unset,
}

/// A running server and what a test needs to talk to it.
pub struct TestApp {
    pub addr: std::net::SocketAddr,
    pub client: reqwest::Client,
    /// A direct connection to the server's database, to arrange data and
    /// check rows.
    pub db: DatabaseConnection,
    /// Statements the server has run.
    pub statements: StatementCounter,
    /// Where the server announces committed changes.
    pub changes: ChangeBus,
    /// The database the server runs on.
    pub database_url: String,
    /// The token `post` and its helpers send: an admin's, so tests of
    /// features act with every right unless they say otherwise.
    pub admin_token: String,
    keys: Keys,
    flags: Vec<String>,
    stop: Option<oneshot::Sender<()>>,
    _database: TestDatabase,
}

impl TestApp {
    pub async fn spawn(demo: Demo) -> TestApp {
        TestApp::spawn_with(demo, &[]).await
    }

    /// Start with extra `serve` flags (e.g. limits).
    pub async fn spawn_with(demo: Demo, flags: &[&str]) -> TestApp {
        TestApp::start(TestDatabase::create().await, demo, Keys::Configured, flags)
            .await
            .expect("the server starts")
    }

    /// Start on a fresh database with keys from `keys` and extra flags
    /// (global ones before `serve`'s); the startup error if it is refused.
    pub async fn try_spawn(demo: Demo, keys: Keys, flags: &[&str]) -> Result<TestApp, String> {
        TestApp::start(TestDatabase::create().await, demo, keys, flags).await
    }

    /// Stop this server and start another on the same database with the
    /// same settings, as an operator restarting it would.
    pub async fn restart(mut self) -> TestApp {
        let database = std::mem::replace(
            &mut self._database,
            TestDatabase {
                url: self.database_url.clone(),
                postgres: None,
                _dir: None,
            },
        );
        let (keys, flags) = (self.keys, std::mem::take(&mut self.flags));
        drop(self);
        let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
        TestApp::start(database, Demo::No, keys, &flags)
            .await
            .expect("the server starts again")
    }

    /// A second process on PostgreSQL (`sibling`); none on SQLite, where
    /// one process serves the database and its own change bus carries
    /// every change: `elsewhere.as_ref().unwrap_or(&app)` is the process a
    /// reader of other processes' writes should use.
    pub async fn sibling_on_postgres(&self) -> Option<TestApp> {
        if self.backend() == "postgres" {
            Some(self.sibling().await)
        } else {
            None
        }
    }

    /// A second server process on the same database, as when scaling out
    /// on PostgreSQL (the database is dropped with the first).
    pub async fn sibling(&self) -> TestApp {
        let database = TestDatabase {
            url: self.database_url.clone(),
            postgres: None,
            _dir: None,
        };
        let flags: Vec<&str> = self.flags.iter().map(String::as_str).collect();
        TestApp::start(database, Demo::No, self.keys, &flags)
            .await
            .expect("the sibling starts")
    }

    async fn start(
        database: TestDatabase,
        demo: Demo,
        keys: Keys,
        flags: &[&str],
    ) -> Result<TestApp, String> {
        let mut args = vec![
            "frontoffice".to_owned(),
            "--database-url".to_owned(),
            database.url.clone(),
            "--log".to_owned(),
            "warn".to_owned(),
        ];
        if keys == Keys::Configured && !flags.contains(&"--jwt-secret") {
            args.extend(["--jwt-secret".to_owned(), TEST_JWT_SECRET.to_owned()]);
        }
        // `--jwt-secret` is global: given, it goes before `serve`.
        if let Some(at) = flags.iter().position(|f| *f == "--jwt-secret") {
            args.extend(flags[at..=at + 1].iter().map(|f| f.to_string()));
        }
        args.extend([
            "serve".to_owned(),
            "--addr".to_owned(),
            "127.0.0.1:0".to_owned(),
            "--demo".to_owned(),
            if demo == Demo::Yes { "always" } else { "never" }.to_owned(),
        ]);
        if keys == Keys::Configured && !flags.contains(&"--iin-secret") {
            // PostgreSQL refuses to start without a secret, as in production.
            args.extend([
                "--iin-secret".to_owned(),
                "test-secret-0123456789".to_owned(),
            ]);
        }
        if !flags.iter().any(|f| f.starts_with("--warm-public-figures")) {
            // Fixtures are written straight into the database, behind the
            // server's change bus: figures computed at start-up, before
            // them, would be stale. Tests that write through the API may
            // turn it on.
            args.push("--warm-public-figures=false".to_owned());
        }
        if !flags.contains(&"--auto-close-interval-secs") {
            // Closing missed check-outs is background work that would run
            // among a test's requests (and in its statement counts); the
            // tests of it turn it on.
            args.extend(["--auto-close-interval-secs".to_owned(), "0".to_owned()]);
        }
        if !flags.contains(&"--requests-per-second") {
            // Every test is one client address sending as fast as it can;
            // the per-address request limit would make a test's outcome
            // depend on the machine's speed. The tests of the limit set it.
            args.extend(["--requests-per-second".to_owned(), "0".to_owned()]);
        }
        let mut rest = flags.iter();
        while let Some(flag) = rest.next() {
            if *flag == "--jwt-secret" {
                rest.next();
            } else {
                args.push(flag.to_string());
            }
        }
        let cli = Cli::try_parse_from(args).expect("test arguments parse");
        let (global, command) = cli.command().expect("test arguments are in place");
        let Command::Serve(serve) = command else {
            panic!("the harness starts `serve`")
        };
        frontoffice::telemetry::init(&global.log, global.log_format);
        let app = Application::build(&global, &serve)
            .await
            .map_err(|err| err.to_string())?;
        let addr = app.local_addr();
        let db = app.db().clone();
        let statements = app.statements();
        let changes = app.changes();
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(app.run_until(async move {
            let _ = stopped.await;
        }));
        Ok(TestApp {
            addr,
            client: reqwest::Client::new(),
            db,
            statements,
            changes,
            admin_token: token(Role::Admin, &[], None),
            database_url: database.url.clone(),
            keys,
            flags: flags.iter().map(|f| f.to_string()).collect(),
            stop: Some(stop),
            _database: database,
        })
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// `sqlite` or `postgres`.
    pub fn backend(&self) -> &'static str {
        match self.db.get_database_backend() {
            sea_orm::DatabaseBackend::Postgres => "postgres",
            _ => "sqlite",
        }
    }

    /// POST a GraphQL request as an admin; returns the HTTP status and the
    /// JSON body.
    pub async fn post(&self, query: &str, variables: Value) -> (u16, Value) {
        self.post_as(Some(&self.admin_token), query, variables)
            .await
    }

    /// POST a GraphQL request with a bearer token, or none (anonymous).
    pub async fn post_as(
        &self,
        token: Option<&str>,
        query: &str,
        variables: Value,
    ) -> (u16, Value) {
        let mut request = self
            .client
            .post(self.url("/graphql"))
            .json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("the server answers");
        let status = response.status().as_u16();
        let body = response.json().await.expect("the body is JSON");
        (status, body)
    }

    /// A query that must succeed: returns `data`, failing on any error.
    pub async fn query(&self, query: &str, variables: Value) -> Value {
        let (status, body) = self.post(query, variables).await;
        assert_eq!(status, 200, "{body}");
        assert!(body.get("errors").is_none(), "unexpected errors: {body}");
        body["data"].clone()
    }

    /// A query that must fail: returns the first error's `extensions.code`
    /// and message.
    pub async fn error(&self, query: &str, variables: Value) -> (String, String) {
        let (_, body) = self.post(query, variables).await;
        let error = &body["errors"][0];
        assert!(!error.is_null(), "expected an error: {body}");
        (
            error["extensions"]["code"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            error["message"].as_str().unwrap_or_default().to_owned(),
        )
    }
}

/// The key tests sign tokens with (the server is started with it).
pub const TEST_JWT_SECRET: &str = "test-jwt-secret-0123456789";

/// A token for a role, as the server would issue at sign-in; `volunteer` is
/// the global id of the volunteer the account is.
pub fn token(role: Role, regions: &[&str], volunteer: Option<&str>) -> String {
    let keys = TokenKeys::new(TEST_JWT_SECRET.as_bytes(), chrono::Duration::hours(1));
    let volunteer_id = volunteer.map(|id| {
        decode_int(
            &async_graphql::ID(id.to_owned()),
            NodeType::Volunteer,
            "volunteer",
        )
        .expect("a volunteer id")
    });
    let principal = Principal {
        account_id: 1000 + role as i64,
        username: format!("test-{}", role.as_str().to_lowercase()),
        role,
        regions: regions.iter().map(|r| r.to_string()).collect(),
        volunteer_id,
        token_version: 0,
    };
    keys.issue(&principal).expect("a token").0
}

impl TestApp {
    /// Tell the server to shut down, as SIGTERM would: it stops accepting
    /// and lets requests in flight finish.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Begin the server's shutdown, as SIGTERM does; the database stays
    /// until the test ends.
    pub fn shut_down(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A database of the test's own, removed when dropped.
struct TestDatabase {
    url: String,
    postgres: Option<(String, String)>,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

impl TestDatabase {
    async fn create() -> TestDatabase {
        match std::env::var("FRONTOFFICE_TEST_PG_URL") {
            Ok(admin_url) if !admin_url.trim().is_empty() => {
                let name = format!(
                    "fo_test_{}_{}_{}",
                    std::process::id(),
                    COUNTER.fetch_add(1, Ordering::Relaxed),
                    std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map(|d| d.subsec_nanos())
                        .unwrap_or_default()
                );
                let admin = Database::connect(&admin_url)
                    .await
                    .expect("PostgreSQL is reachable");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .expect("the test database is created");
                admin.close().await.ok();
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(b, _)| b)
                    .unwrap_or(&admin_url);
                TestDatabase {
                    url: format!("{base}/{name}"),
                    postgres: Some((admin_url.clone(), name)),
                    _dir: None,
                }
            }
            _ => {
                let dir = tempfile::tempdir().expect("a temporary directory");
                let path = dir.path().join("frontoffice.db");
                TestDatabase {
                    url: format!("sqlite://{}?mode=rwc", path.display()),
                    postgres: None,
                    _dir: Some(dir),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.postgres.take() else {
            return;
        };
        // Drop is not async: use a runtime of its own on another thread.
        let _ = std::thread::spawn(move || {
            let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            runtime.block_on(async move {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .await;
                    admin.close().await.ok();
                }
            });
        })
        .join();
    }
}

impl TestApp {
    /// The text of `/metrics`.
    pub async fn metrics(&self) -> String {
        self.client
            .get(self.url("/metrics"))
            .send()
            .await
            .expect("metrics")
            .text()
            .await
            .expect("metrics text")
    }

    /// `frontoffice_statistics_scopes_total` from `/metrics`: statistics
    /// scopes computed anew, and caught up with changes.
    pub async fn statistics_scopes(&self) -> (u64, u64) {
        let text = self.metrics().await;
        let count = |how: &str| {
            let name = format!("frontoffice_statistics_scopes_total{{how=\"{how}\"}} ");
            text.lines()
                .find_map(|l| l.strip_prefix(name.as_str()))
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or_else(|| panic!("{name} in {text}"))
        };
        (count("anew"), count("caught_up"))
    }

    /// `frontoffice_sql_statements_total` from `/metrics`: SQL statements
    /// the server has run.
    pub async fn statements_run(&self) -> u64 {
        let text = self.metrics().await;
        assert!(text.contains("process_resident_memory_bytes "), "{text}");
        let line = text
            .lines()
            .find(|l| l.starts_with("frontoffice_sql_statements_total "))
            .unwrap_or_else(|| panic!("the statement counter in {text}"));
        line.rsplit(' ')
            .next()
            .and_then(|n| n.parse::<u64>().ok())
            .expect("a count")
    }
}
