//! Certificates at national scale: `issueCredential` for a year of a
//! volunteer's verified hours, for the volunteers with the most verified
//! participations in 2025 and for volunteers of median activity, over HTTP
//! on the release server (one request at a time, as people ask for them);
//! then `verifyCredential` of what was issued and the status list.
//! Target: an issue under 50 ms.
//!
//! ```sh
//! cargo bench --bench credentials                          # SQLite
//! cargo bench --bench credentials -- --backend postgres    # PostgreSQL
//! ```

mod common;

use clap::Parser;
use common::{Load, SECRET, Server, binary, global_flags, prepare, start};
use frontoffice::graphql::ids::{NodeType, encode};
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;
use std::process::Command;
use std::time::{Duration, Instant};

#[derive(Parser)]
struct Args {
    /// `sqlite` or `postgres`.
    #[arg(long, default_value = "sqlite")]
    backend: String,
    /// Fraction of the national data set (1 = 160,000 volunteers).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Keep a database loaded by an earlier run.
    #[arg(long)]
    reuse: bool,
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pg_server: String,
    /// Volunteers of each kind (busiest, median) issued a certificate.
    #[arg(long, default_value_t = 100)]
    volunteers: usize,
    /// Ignored: cargo passes it to every bench target.
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() {
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    if let Err(err) = runtime.block_on(run(args)) {
        eprintln!("benchmark failed: {err}");
        std::process::exit(1);
    }
}

const ISSUE: &str = "mutation($input: IssueCredentialInput!) {
  issueCredential(input: $input) { credential { id minutes jwt } } }";
const VERIFY: &str =
    "query($c: String!) { verifyCredential(credential: $c) { status credential { hours } } }";

/// Volunteers and their verified participations of 2025, most first.
async fn candidates(url: &str) -> Result<Vec<(i64, i64)>, String> {
    let db = Database::connect(url).await.map_err(|e| e.to_string())?;
    // Earlier runs' certificates go, so every run issues into the same
    // register.
    for sql in [
        "DELETE FROM credential_participation",
        "DELETE FROM credential",
    ] {
        db.execute_unprepared(sql)
            .await
            .map_err(|e| e.to_string())?;
    }
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT p.volunteer_id AS v, COUNT(*) AS n FROM participation p \
             JOIN event e ON e.id = p.event_id \
             WHERE p.status = 'ATTENDED' AND p.verified_at IS NOT NULL \
               AND e.status <> 'CANCELLED' \
               AND p.on_date BETWEEN '2025-01-01' AND '2025-12-31' \
             GROUP BY p.volunteer_id ORDER BY n DESC, p.volunteer_id",
        ))
        .await
        .map_err(|e| e.to_string())?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<i64>("", "v").map_err(|e| e.to_string())?,
                r.try_get::<i64>("", "n").map_err(|e| e.to_string())?,
            ))
        })
        .collect()
}

/// On PostgreSQL the operator makes the first issuer key (SQLite makes
/// it at start).
fn ensure_key(url: &str) -> Result<(), String> {
    let listed = Command::new(binary())
        .args(global_flags(url))
        .args(["issuer-key", "list"])
        .output()
        .map_err(|e| e.to_string())?;
    if listed.stdout.is_empty() {
        let made = Command::new(binary())
            .args(global_flags(url))
            .args(["issuer-key", "new", "--iin-secret", SECRET])
            .status()
            .map_err(|e| e.to_string())?;
        if !made.success() {
            return Err("issuer-key new failed".into());
        }
    }
    Ok(())
}

fn summary(label: &str, mut times: Vec<Duration>, extra: &str) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let n = times.len();
    if n == 0 {
        println!("| {label} | 0 | — | — | — | — |");
        return;
    }
    println!(
        "| {label} | {n} | {:.1} ms | {:.1} ms | {:.1} ms | {extra} |",
        ms(times[n / 2]),
        ms(times[(n * 95 / 100).min(n - 1)]),
        ms(times[n - 1]),
    );
}

async fn issue(
    server: &Server,
    volunteers: &[(i64, i64)],
) -> Result<(Vec<Duration>, Vec<String>, i64, u64), String> {
    let mut times = Vec::new();
    let mut jwts = Vec::new();
    let mut minutes = 0;
    let before = server.statements().await?;
    for (v, _) in volunteers {
        let input = json!({ "input": {
            "volunteerId": encode(NodeType::Volunteer, v).0,
            "from": "2025-01-01", "to": "2025-12-31",
        }});
        let started = Instant::now();
        let data = server.post(ISSUE, &input).await?;
        times.push(started.elapsed());
        let c = &data["issueCredential"]["credential"];
        minutes = minutes.max(c["minutes"].as_i64().unwrap_or(0));
        jwts.push(c["jwt"].as_str().unwrap_or_default().to_owned());
    }
    let statements = server.statements().await? - before;
    Ok((
        times,
        jwts,
        minutes,
        statements / volunteers.len().max(1) as u64,
    ))
}

async fn run(args: Args) -> Result<(), String> {
    let (url, load) = prepare(&Load {
        name: "credentials",
        backend: args.backend.clone(),
        scale: args.scale,
        reuse: args.reuse,
        pg_server: args.pg_server.clone(),
        tag: String::new(),
    })
    .await?;
    if let Some(took) = load {
        println!("national data set loaded in {:.1} s", took.as_secs_f64());
    }
    if args.backend == "postgres" {
        ensure_key(&url)?;
    }
    let all = candidates(&url).await?;
    let n = args.volunteers.min(all.len() / 2);
    let busiest = &all[..n];
    let middle = &all[all.len() / 2 - n / 2..all.len() / 2 - n / 2 + n];
    println!(
        "backend: {}, scale {}; {} volunteers with verified hours in 2025 (busiest {} participations, median {})",
        args.backend,
        args.scale,
        all.len(),
        busiest.first().map_or(0, |b| b.1),
        middle.first().map_or(0, |m| m.1),
    );
    let server = start(&url, &[])?;
    // One request first: connections opened, statements prepared.
    let _ = server
        .post("{ serverInfo { version } }", &json!({}))
        .await?;
    println!();
    println!("| request | n | median | p95 | max | notes |");
    println!("|---|---:|---:|---:|---:|---|");
    let (times, jwts, most, statements) = issue(&server, busiest).await?;
    summary(
        "`issueCredential`, a year (2025), busiest volunteers",
        times,
        &format!("up to {most} verified minutes; {statements} SQL statements each"),
    );
    let (times, _, most, statements) = issue(&server, middle).await?;
    summary(
        "`issueCredential`, a year (2025), median volunteers",
        times,
        &format!("up to {most} verified minutes; {statements} SQL statements each"),
    );
    let mut times = Vec::new();
    for jwt in &jwts {
        let started = Instant::now();
        let data = server.post(VERIFY, &json!({ "c": jwt })).await?;
        times.push(started.elapsed());
        if data["verifyCredential"]["status"] != "VALID" {
            return Err(format!("a fresh credential does not verify: {data}"));
        }
    }
    summary(
        "`verifyCredential` of those",
        times,
        "signature and status checked",
    );
    let mut times = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let response = server
            .client
            .get(format!("{}/credentials/status/1", server.base))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        if !response.status().is_success() {
            return Err(format!("status list: {}", response.status()));
        }
        let _ = response.bytes().await.map_err(|e| e.to_string())?;
        times.push(started.elapsed());
    }
    summary("`GET /credentials/status/1`", times, "131,072 bits, signed");
    Ok(())
}
