//! The national-scale benchmark: loads the national data set, starts the
//! release server as its own process, and measures over loopback what the
//! dashboards, analysts and mobile apps do (see BENCHMARKS.md).
//!
//! ```sh
//! cargo bench --bench national                        # SQLite
//! cargo bench --bench national -- --backend postgres  # PostgreSQL
//! cargo bench --bench national -- --scale 0.05 --reuse
//! ```
//!
//! Latencies are measured by the client from sending a request to reading
//! the whole response; throughput is requests completed over wall time with
//! `--concurrency` requests in flight. Read scenarios also run one request
//! at a time (up to 200 requests), for the latency without queueing.

mod common;

use chrono::{Datelike, Duration as Days, Utc};
use clap::Parser;
use common::{
    BINARY, LIVE_INTERVAL, Load, Server, Socket, adults, binary, event_with, prepare, start,
    subscriber,
};
use futures_util::{StreamExt, stream};
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// The subscription the live scenarios hold.
const FIGURES: &str = "subscription($from: Date!, $to: Date!) { statisticsUpdated(from: $from, to: $to) { activeVolunteers hours } }";

#[derive(Parser)]
struct Args {
    /// `sqlite` or `postgres`.
    #[arg(long, default_value = "sqlite")]
    backend: String,
    /// Fraction of the national data set (1 = 160,000 volunteers).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Keep a database loaded by an earlier run at the same scale (what
    /// earlier runs wrote to it is removed first).
    #[arg(long)]
    reuse: bool,
    /// PostgreSQL server to create the benchmark database on.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pg_server: String,
    /// Requests per read scenario.
    #[arg(long, default_value_t = 1000)]
    requests: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Check-ins (and as many check-outs) in each mutation scenario.
    #[arg(long, default_value_t = 2000)]
    attendances: usize,
    /// Live statistics subscribers.
    #[arg(long, default_value_t = 5000)]
    subscribers: usize,
    /// A server binary to measure instead of this build's (an earlier
    /// version, for before-and-after figures in one sitting); it also loads
    /// the data set.
    #[arg(long)]
    server: Option<PathBuf>,
    /// Added to the database's name, so runs of different versions keep
    /// databases of their own (`--tag before`).
    #[arg(long, default_value = "")]
    tag: String,
    /// Only the check-in and check-out scenario (e), without a dashboard.
    #[arg(long)]
    writes_only: bool,
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

/// One line of the results table.
struct Figure {
    name: String,
    /// The first request, before the figures it needs were cached.
    first_ms: Option<f64>,
    first_statements: Option<u64>,
    /// Latency with one request in flight: the service time, unqueued.
    alone: Option<(f64, f64)>,
    p50_ms: f64,
    p99_ms: f64,
    per_second: f64,
    statements: Option<u64>,
    samples: usize,
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at].as_secs_f64() * 1000.0
}

fn figure(
    name: &str,
    mut latencies: Vec<Duration>,
    wall: Duration,
    statements: Option<u64>,
) -> Figure {
    latencies.sort();
    Figure {
        name: name.into(),
        first_ms: None,
        first_statements: None,
        alone: None,
        p50_ms: percentile(&latencies, 0.50),
        p99_ms: percentile(&latencies, 0.99),
        per_second: latencies.len() as f64 / wall.as_secs_f64(),
        statements,
        samples: latencies.len(),
    }
}

/// Run `query` `requests` times, `concurrency` at a time, after a warm-up;
/// also count the statements of one request run alone.
async fn read_scenario(
    server: &Arc<Server>,
    args: &Args,
    name: &str,
    query: &str,
    variables: Value,
) -> Result<Figure, String> {
    let before = server.statements().await?;
    let sent = Instant::now();
    server.post(query, &variables).await?;
    let first = sent.elapsed();
    let first_statements = server.statements().await? - before;
    for _ in 0..20 {
        server.post(query, &variables).await?;
    }
    let before = server.statements().await?;
    server.post(query, &variables).await?;
    let statements = server.statements().await? - before;
    let mut alone = Vec::new();
    for _ in 0..args.requests.min(200) {
        let sent = Instant::now();
        server.post(query, &variables).await?;
        alone.push(sent.elapsed());
    }
    alone.sort();
    let started = Instant::now();
    let results: Vec<Result<Duration, String>> = stream::iter(0..args.requests)
        .map(|_| {
            let (server, variables) = (server.clone(), variables.clone());
            async move {
                let sent = Instant::now();
                server.post(query, &variables).await?;
                Ok(sent.elapsed())
            }
        })
        .buffer_unordered(args.concurrency)
        .collect()
        .await;
    let wall = started.elapsed();
    let latencies = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    let mut figure = figure(name, latencies, wall, Some(statements));
    figure.first_ms = Some(first.as_secs_f64() * 1000.0);
    figure.first_statements = Some(first_statements);
    figure.alone = Some((percentile(&alone, 0.50), percentile(&alone, 0.99)));
    Ok(figure)
}

const DASHBOARD: &str = "query($from: Date!, $to: Date!) {
  statisticsByRegion(from: $from, to: $to) { region { code } statistics { activeVolunteers hours events } }
  events(first: 20, orderBy: { field: STARTS_AT, direction: DESC }) { nodes { title startsAt participantCount } }
  volunteers(first: 50) { nodes { fullName family { name } totalHours } }
}";

const STATISTICS: &str = "query($from: Date!, $to: Date!, $region: String) {
  statistics(from: $from, to: $to, regionCode: $region) {
    registeredVolunteers newVolunteers activeVolunteers hours verifiedHours hoursGrowth
    events eventsByKind { kind count } eventsByLevel { level count }
    youngestActiveAge oldestActiveAge ageGroups { minAge volunteers }
    familyParticipations activeFamilies beneficiariesServed { category count }
    international { exchanges byDirection { key count } byCountry { key count } volunteers foreignParticipants }
  }
}";

const REPORT: &str = "query($year: Int!) {
  annualReport(year: $year) {
    statistics { activeVolunteers hours events ageGroups { volunteers } }
    previousYear { activeVolunteers hours events }
    regions { region { code } statistics { activeVolunteers hours events } }
  }
}";

const SEARCH: &str = "query($name: String!, $after: String) {
  volunteers(first: 20, after: $after, filter: { name: $name }, orderBy: { field: NAME }) {
    totalCount pageInfo { endCursor } nodes { fullName region { code } }
  }
}";

async fn attendance(
    server: &Arc<Server>,
    args: &Args,
    name: &str,
    participations: &[String],
) -> Result<Figure, String> {
    let mut latencies = Vec::new();
    let before = server.statements().await?;
    let started = Instant::now();
    for (mutation, minutes_ago) in [("checkIn", 20), ("checkOut", 1)] {
        let query = format!(
            "mutation($input: AttendanceInput!) {{ {mutation}(input: $input) {{ participation {{ id status }} }} }}"
        );
        let at = (Utc::now() - Days::minutes(minutes_ago)).to_rfc3339();
        let results: Vec<Result<Duration, String>> = stream::iter(participations.iter().cloned())
            .map(|participation| {
                let (server, query, at) = (server.clone(), query.clone(), at.clone());
                async move {
                    let sent = Instant::now();
                    server
                        .post(
                            &query,
                            &json!({ "input": { "participationId": participation, "at": at } }),
                        )
                        .await?;
                    Ok(sent.elapsed())
                }
            })
            .buffer_unordered(args.concurrency)
            .collect()
            .await;
        latencies.extend(results.into_iter().collect::<Result<Vec<_>, _>>()?);
    }
    let wall = started.elapsed();
    let statements = (server.statements().await? - before) / latencies.len().max(1) as u64;
    Ok(figure(name, latencies, wall, Some(statements)))
}

/// One `statisticsUpdated` subscriber counting the messages it gets.
struct Watcher {
    stop: tokio::sync::oneshot::Sender<()>,
    counted: tokio::task::JoinHandle<usize>,
}

impl Watcher {
    async fn start(server: &Server, variables: &Value) -> Result<Watcher, String> {
        let mut socket = subscriber(server, FIGURES, variables).await?;
        let (stop, mut stopped) = tokio::sync::oneshot::channel();
        let counted = tokio::spawn(async move {
            let mut messages = 0;
            loop {
                tokio::select! {
                    message = socket.next() => match message {
                        Some(Ok(Message::Text(text))) if text.contains("\"next\"") => messages += 1,
                        Some(Ok(_)) => {}
                        _ => return messages,
                    },
                    _ = &mut stopped => return messages,
                }
            }
        });
        Ok(Watcher { stop, counted })
    }

    /// The messages received, including the one that follows the last
    /// write by up to one coalescing interval.
    async fn finish(self) -> Result<usize, String> {
        tokio::time::sleep(LIVE_INTERVAL * 2).await;
        let _ = self.stop.send(());
        self.counted.await.map_err(|e| e.to_string())
    }
}

async fn live(
    server: &Arc<Server>,
    args: &Args,
    participations: &[String],
    year: i32,
) -> Result<Figure, String> {
    let variables = json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31") });
    let connected: Vec<Result<Socket, String>> = stream::iter(0..args.subscribers)
        .map(|_| subscriber(server, FIGURES, &variables))
        .buffer_unordered(100)
        .collect()
        .await;
    let sockets = connected.into_iter().collect::<Result<Vec<_>, _>>()?;
    let mut latencies = Vec::new();
    let started = Instant::now();
    let mut sockets = sockets;
    for participation in participations {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let mut readers = Vec::new();
        for mut socket in sockets.drain(..) {
            let tx = tx.clone();
            readers.push(tokio::spawn(async move {
                while let Some(Ok(message)) = socket.next().await {
                    if let Message::Text(text) = message
                        && text.contains("\"next\"")
                    {
                        let _ = tx.send(Instant::now());
                        break;
                    }
                }
                socket
            }));
        }
        drop(tx);
        tokio::time::sleep(LIVE_INTERVAL + Duration::from_millis(50)).await;
        let input = |at: i64| json!({ "input": { "participationId": participation, "at": (Utc::now() - Days::minutes(at)).to_rfc3339() } });
        server
            .post("mutation($input: AttendanceInput!) { checkIn(input: $input) { participation { id } } }", &input(20))
            .await?;
        // The statistics change when the participation is attended.
        server
            .post("mutation($input: AttendanceInput!) { checkOut(input: $input) { participation { id } } }", &input(1))
            .await?;
        let written = Instant::now();
        let mut received = 0;
        while let Some(at) = tokio::time::timeout(Duration::from_secs(30), rx.recv())
            .await
            .map_err(|_| {
                format!(
                    "{received} of {} subscribers got the update",
                    args.subscribers
                )
            })?
        {
            latencies.push(at.saturating_duration_since(written));
            received += 1;
        }
        for reader in readers {
            sockets.push(reader.await.map_err(|e| e.to_string())?);
        }
    }
    let wall = started.elapsed();
    Ok(figure(
        &format!(
            "(f) {} `statisticsUpdated` subscribers, write to message",
            args.subscribers
        ),
        latencies,
        wall,
        None,
    ))
}

async fn run(args: Args) -> Result<(), String> {
    if let Some(server) = &args.server {
        let _ = BINARY.set(server.clone());
    }
    let (url, load) = prepare(&Load {
        name: "national",
        backend: args.backend.clone(),
        scale: args.scale,
        reuse: args.reuse,
        pg_server: args.pg_server.clone(),
        tag: args.tag.clone(),
    })
    .await?;
    let interval = LIVE_INTERVAL.as_millis().to_string();
    let server = Arc::new(start(&url, &["--live-interval-ms", &interval])?);
    let idle = server.memory().0;
    let year = Utc::now().year() - 1;
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let period = json!({ "from": from, "to": to });
    if args.writes_only {
        let people = adults(&server, args.attendances).await?;
        let participations = event_with(&server, &people, "Benchmark: check-ins").await?;
        let f = attendance(&server, &args, "(e) check-in + check-out", &participations).await?;
        println!(
            "backend {}, scale {}, server {}: (e) {:.0}/s with {} in flight, p50 {:.1} ms, p99 {:.1} ms, {} SQL statements per mutation, {} samples",
            args.backend,
            args.scale,
            binary().display(),
            f.per_second,
            args.concurrency,
            f.p50_ms,
            f.p99_ms,
            f.statements.map_or("–".into(), |n| n.to_string()),
            f.samples
        );
        return Ok(());
    }
    let mut figures = vec![
        read_scenario(&server, &args, "(a) dashboard", DASHBOARD, period.clone()).await?,
        read_scenario(
            &server,
            &args,
            "(b) statistics, a year, national",
            STATISTICS,
            period.clone(),
        )
        .await?,
        read_scenario(
            &server,
            &args,
            "(b) statistics, a year, one region (KZ-75)",
            STATISTICS,
            json!({ "from": from, "to": to, "region": "KZ-75" }),
        )
        .await?,
        read_scenario(
            &server,
            &args,
            "(c) annualReport",
            REPORT,
            json!({ "year": year }),
        )
        .await?,
        read_scenario(
            &server,
            &args,
            "(d) name search «Айгүл», first page",
            SEARCH,
            json!({ "name": "айгүл" }),
        )
        .await?,
    ];
    // Two groups of the same size: one checks in and out with nobody
    // watching, the other while a dashboard follows this year's figures.
    let people = adults(&server, 2 * args.attendances + 3).await?;
    let (groups, live_rounds) = people.split_at(people.len().saturating_sub(3));
    let (alone, watched) = groups.split_at(groups.len() / 2);
    let participations = event_with(&server, alone, "Benchmark: check-ins").await?;
    figures.push(attendance(&server, &args, "(e) check-in + check-out", &participations).await?);
    let participations = event_with(&server, watched, "Benchmark: watched check-ins").await?;
    let this_year = Utc::now().year();
    let watcher = Watcher::start(
        &server,
        &json!({ "from": format!("{this_year}-01-01"), "to": format!("{this_year}-12-31") }),
    )
    .await?;
    let burst_started = Instant::now();
    figures.push(
        attendance(
            &server,
            &args,
            "(e) check-in + check-out, one live dashboard of the year watching",
            &participations,
        )
        .await?,
    );
    let burst = burst_started.elapsed();
    let burst_messages = watcher.finish().await?;
    let rounds = event_with(&server, live_rounds, "Benchmark: live").await?;
    figures.push(live(&server, &args, &rounds, Utc::now().year()).await?);
    let (_, peak) = server.memory();

    println!();
    println!("backend: {}, scale {}", args.backend, args.scale);
    if let Some(load) = load {
        println!("national data set loaded in {:.1} s", load.as_secs_f64());
    }
    println!("server RSS: {idle:.0} MiB idle after start, {peak:.0} MiB peak");
    println!(
        "(e) watched: {} check-ins and as many check-outs in {:.1} s; the dashboard's `statisticsUpdated` got {burst_messages} messages",
        participations.len(),
        burst.as_secs_f64()
    );
    println!();
    let c = args.concurrency;
    println!(
        "| scenario | first request ms | its SQL statements | p50 ms, 1 in flight | p99 ms, 1 in flight | p50 ms, {c} in flight | p99 ms, {c} in flight | per second, {c} in flight | SQL statements per request | samples |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for f in &figures {
        println!(
            "| {} | {} | {} | {} | {} | {:.1} | {:.1} | {:.0} | {} | {} |",
            f.name,
            f.first_ms.map_or("–".into(), |ms| format!("{ms:.1}")),
            f.first_statements.map_or("–".into(), |n| n.to_string()),
            f.alone.map_or("–".into(), |(p50, _)| format!("{p50:.1}")),
            f.alone.map_or("–".into(), |(_, p99)| format!("{p99:.1}")),
            f.p50_ms,
            f.p99_ms,
            f.per_second,
            f.statements.map_or("–".into(), |n| n.to_string()),
            f.samples
        );
    }
    Ok(())
}
