//! What the benchmarks share: loading the national data set into a fresh
//! (or kept) database, starting the release server as its own process
//! with an admin's token, reading its statement counter and memory, and
//! setting up an event under way with volunteers to check in.

#![allow(dead_code)]

use chrono::{Duration as Days, Utc};
use entity::Role;
use frontoffice::auth::TokenKeys;
use frontoffice::domain::caller::Principal;
use futures_util::{StreamExt, stream};
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const SECRET: &str = "benchmark-secret-0123456789";

/// The server's coalescing interval for live updates (its default). The
/// subscription scenarios write only once this has passed since the last
/// message, so they measure delivery, not the deliberate coalescing delay.
pub const LIVE_INTERVAL: Duration = Duration::from_millis(250);

pub type Socket =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A WebSocket client (graphql-transport-ws) signed in as the admin and
/// subscribed to `subscription`, once its first message (the figures as
/// they are) has come.
pub async fn subscriber(
    server: &Server,
    subscription: &str,
    variables: &Value,
) -> Result<Socket, String> {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let url = format!("{}/graphql/ws", server.base.replacen("http", "ws", 1));
    let mut request = url.into_client_request().map_err(|e| e.to_string())?;
    let protocol = "graphql-transport-ws".parse().map_err(|_| "header")?;
    request
        .headers_mut()
        .insert("sec-websocket-protocol", protocol);
    let (mut socket, _) = tokio_tungstenite::connect_async(request)
        .await
        .map_err(|e| e.to_string())?;
    let init = json!({ "type": "connection_init", "payload": { "Authorization": format!("Bearer {}", server.token) } });
    socket
        .send(Message::text(init.to_string()))
        .await
        .map_err(|e| e.to_string())?;
    let subscribe = json!({ "id": "1", "type": "subscribe", "payload": {
        "query": subscription, "variables": variables } });
    socket
        .send(Message::text(subscribe.to_string()))
        .await
        .map_err(|e| e.to_string())?;
    while let Some(message) = socket.next().await {
        if let Message::Text(text) = message.map_err(|e| e.to_string())?
            && text.contains("\"next\"")
        {
            return Ok(socket);
        }
    }
    Err("the subscription ended before its first message".into())
}

/// Which database to load and keep.
pub struct Load {
    /// Names the SQLite file and PostgreSQL database (`national`, `files`).
    pub name: &'static str,
    pub backend: String,
    pub scale: f64,
    pub reuse: bool,
    pub pg_server: String,
    pub tag: String,
}

impl Load {
    /// The national benchmark's databases keep their earlier names.
    fn prefix(&self) -> String {
        match self.name {
            "national" => String::new(),
            other => format!("{other}_"),
        }
    }
}

pub struct Server {
    pub child: Child,
    pub base: String,
    pub client: reqwest::Client,
    pub token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The server measured: `--server`, else this build's.
pub static BINARY: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();

pub fn binary() -> PathBuf {
    BINARY
        .get()
        .cloned()
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_frontoffice")))
}

pub fn global_flags(url: &str) -> Vec<String> {
    [
        "--database-url",
        url,
        "--log",
        "warn",
        "--jwt-secret",
        SECRET,
    ]
    .map(String::from)
    .to_vec()
}

pub async fn prepare(args: &Load) -> Result<(String, Option<Duration>), String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let (url, fresh) = match args.backend.as_str() {
        "sqlite" => {
            let file = dir.join(format!("{}-{}{}.db", args.name, args.scale, args.tag));
            let fresh = !args.reuse || !file.exists();
            if fresh {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
                }
            }
            (format!("sqlite://{}?mode=rwc", file.display()), fresh)
        }
        "postgres" => {
            let name = format!(
                "fo_bench_{}{}{}",
                args.prefix(),
                args.scale.to_string().replace('.', "_"),
                args.tag
            );
            let admin = sea_orm::Database::connect(format!("{}/postgres", args.pg_server))
                .await
                .map_err(|e| e.to_string())?;
            use sea_orm::ConnectionTrait;
            let exists = admin
                .query_one_raw(sea_orm::Statement::from_string(
                    sea_orm::DatabaseBackend::Postgres,
                    format!("SELECT 1 FROM pg_database WHERE datname = '{name}'"),
                ))
                .await
                .map_err(|e| e.to_string())?
                .is_some();
            let fresh = !args.reuse || !exists;
            if fresh {
                for sql in [
                    format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
                    format!("CREATE DATABASE {name}"),
                ] {
                    admin
                        .execute_unprepared(&sql)
                        .await
                        .map_err(|e| e.to_string())?;
                }
            }
            (format!("{}/{name}", args.pg_server), fresh)
        }
        other => return Err(format!("unknown backend `{other}`: sqlite or postgres")),
    };
    if !fresh {
        forget_earlier_runs(&url).await?;
        return Ok((url, None));
    }
    let started = Instant::now();
    let status = Command::new(binary())
        .args(global_flags(&url))
        .args(["seed", "--scale", &args.scale.to_string()])
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err("loading the national data set failed".into());
    }
    Ok((url, Some(started.elapsed())))
}

/// Remove what earlier runs wrote to a reused database (their events and
/// participations, all titled `Benchmark: …`, and the volunteers they
/// registered), so that their check-ins and
/// hours neither block nor overlap this run's.
async fn forget_earlier_runs(url: &str) -> Result<(), String> {
    use sea_orm::ConnectionTrait;
    let db = sea_orm::Database::connect(url)
        .await
        .map_err(|e| e.to_string())?;
    // Their hours ledger first (a database of a version before the ledger
    // has none: that statement's failure is expected there).
    let _ = db
        .execute_unprepared(
            "DELETE FROM hours_entry WHERE participation_id IN (SELECT p.id FROM participation p \
             JOIN event e ON e.id = p.event_id WHERE e.title LIKE 'Benchmark: %')",
        )
        .await;
    for sql in [
        "DELETE FROM participation WHERE event_id IN (SELECT id FROM event WHERE title LIKE 'Benchmark: %')",
        "DELETE FROM event WHERE title LIKE 'Benchmark: %'",
        // The peer benchmark's registrations (its `catch_up::LATIN_NAME`).
        "DELETE FROM volunteer WHERE latin_name = 'Benchmark Catch-up'",
    ] {
        db.execute_unprepared(sql)
            .await
            .map_err(|e| e.to_string())?;
    }
    // Earlier runs' writes (the floors' updates above all: tens of
    // thousands a run) leave dead rows that autovacuum leaves alone at this
    // table size; each run slowed the next one's check-ins. A reused
    // database starts as a freshly loaded one does, vacuumed and analysed.
    if db.get_database_backend() == sea_orm::DbBackend::Postgres {
        db.execute_unprepared(
            "VACUUM (ANALYZE) participation, hours_entry, event, audit_log, volunteer",
        )
        .await
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

pub fn start(url: &str, flags: &[&str]) -> Result<Server, String> {
    start_with_demo(url, "never", flags)
}

/// `start`, with the demo data set loaded as `--demo` says (`always` for a
/// fresh SQLite file with the demo data).
pub fn start_with_demo(url: &str, demo: &str, flags: &[&str]) -> Result<Server, String> {
    let mut child = Command::new(binary())
        .args(global_flags(url))
        .args(["serve", "--addr", "127.0.0.1:0", "--demo", demo])
        .args(flags)
        .args(["--iin-secret", SECRET])
        // One load generator is one client address: the per-address
        // request limit would measure itself.
        .args(["--requests-per-second", "0"])
        // The scenarios time the first request after start themselves;
        // warming the public page's figures would run among them.
        .args(["--warm-public-figures", "false"])
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    let stdout = child.stdout.take().ok_or("no standard output")?;
    let mut lines = BufReader::new(stdout).lines();
    let base = loop {
        let line = lines
            .next()
            .ok_or("the server ended before listening")?
            .map_err(|e| e.to_string())?;
        if let Some(rest) = line.trim().strip_prefix("GraphiQL:") {
            break rest.trim().trim_end_matches("/graphql").to_owned();
        }
    };
    // Keep draining the server's output so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    let keys = TokenKeys::new(SECRET.as_bytes(), chrono::Duration::hours(12));
    let (token, _) = keys.issue(&Principal {
        account_id: 1,
        username: "benchmark".into(),
        role: Role::Admin,
        regions: vec![],
        volunteer_id: None,
        token_version: 0,
    })?;
    Ok(Server {
        child,
        base,
        client: reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .build()
            .map_err(|e| e.to_string())?,
        token,
    })
}

impl Server {
    pub async fn post(&self, query: &str, variables: &Value) -> Result<Value, String> {
        let url = format!("{}/graphql", self.base);
        graphql(&self.client, &url, Some(&self.token), query, variables).await
    }

    pub async fn statements(&self) -> Result<u64, String> {
        let text = self
            .client
            .get(format!("{}/metrics", self.base))
            .send()
            .await
            .map_err(|e| e.to_string())?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        text.lines()
            .find_map(|l| l.strip_prefix("frontoffice_sql_statements_total "))
            .and_then(|n| n.trim().parse().ok())
            .ok_or_else(|| "no statement counter".into())
    }

    /// Resident memory now and at its peak, in MiB.
    pub fn memory(&self) -> (f64, f64) {
        memory(self.child.id())
    }
}

/// POST a GraphQL request to `url` (signed with `token` if given): the
/// answer's `data`, or its `errors` as the failure.
pub async fn graphql(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    query: &str,
    variables: &Value,
) -> Result<Value, String> {
    let mut request = client
        .post(url)
        .json(&json!({ "query": query, "variables": variables }));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let body: Value = request
        .send()
        .await
        .map_err(|e| e.to_string())?
        .json()
        .await
        .map_err(|e| e.to_string())?;
    match body.get("errors") {
        Some(errors) => Err(errors.to_string()),
        None => Ok(body["data"].clone()),
    }
}

/// A process's resident memory now and at its peak, in MiB.
pub fn memory(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
            .map_or(0.0, |kib| kib / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Adults of one region, to sign up for the benchmark's own event.
pub async fn adults(server: &Server, wanted: usize) -> Result<Vec<String>, String> {
    let mut ids = Vec::new();
    let mut after = Value::Null;
    while ids.len() < wanted {
        let page = server
            .post(
                "query($after: String) { volunteers(first: 100, after: $after, filter: { ageMin: 20, ageMax: 60, regionCode: \"KZ-75\" }) {
                    pageInfo { hasNextPage endCursor } nodes { id } } }",
                &json!({ "after": after }),
            )
            .await?;
        let list = &page["volunteers"];
        for node in list["nodes"].as_array().into_iter().flatten() {
            ids.extend(node["id"].as_str().map(String::from));
        }
        if list["pageInfo"]["hasNextPage"] != true {
            break;
        }
        after = list["pageInfo"]["endCursor"].clone();
    }
    Ok(ids)
}

/// An event under way now with `volunteers` registered; returns the
/// participations.
pub async fn event_with(
    server: &Arc<Server>,
    volunteers: &[String],
    title: &str,
) -> Result<Vec<String>, String> {
    Ok(event_under_way(server, volunteers, title).await?.1)
}

/// An event under way now with `volunteers` registered: its id and the
/// participations.
pub async fn event_under_way(
    server: &Arc<Server>,
    volunteers: &[String],
    title: &str,
) -> Result<(String, Vec<String>), String> {
    let now = Utc::now();
    let event = server
        .post(
            "mutation($input: CreateEventInput!) { createEvent(input: $input) { event { id } } }",
            &json!({ "input": {
                "title": title, "kind": "ACTION", "level": "REGIONAL", "activityType": "SOCIAL_SUPPORT",
                "regionCode": "KZ-75",
                "startsAt": (now - Days::minutes(30)).to_rfc3339(),
                "endsAt": (now + Days::hours(6)).to_rfc3339(),
            } }),
        )
        .await?["createEvent"]["event"]["id"]
        .as_str()
        .map(String::from)
        .ok_or("no event id")?;
    let results: Vec<Result<Value, String>> = stream::iter(volunteers.iter().cloned())
        .map(|volunteer| {
            let (server, event) = (server.clone(), event.clone());
            async move {
                server
                    .post(
                        "mutation($input: RegisterForEventInput!) { registerForEvent(input: $input) { participation { id } } }",
                        &json!({ "input": { "volunteerId": volunteer, "eventId": event } }),
                    )
                    .await
            }
        })
        .buffer_unordered(8)
        .collect()
        .await;
    // Volunteers already busy at this time are refused; the rest take part.
    let participations = results
        .into_iter()
        .filter_map(|r| r.ok())
        .filter_map(|d| {
            d["registerForEvent"]["participation"]["id"]
                .as_str()
                .map(String::from)
        })
        .collect();
    Ok((event, participations))
}
