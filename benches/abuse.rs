//! The abuse scenario: a victim asks a simple query alone, then while four
//! anonymous attackers run at once (see BENCHMARKS.md):
//!
//! - sign-in: fifteen `login` aliases per request, and single logins;
//! - cold series: aliases of 20-year monthly `statisticsSeries`, and single
//!   long series, each from a first day nobody asked before;
//! - cache-busting statistics: `statistics` of ever new periods and regions;
//! - slow connections: 1,000 connections trickling request headers and
//!   bodies a byte at a time.
//!
//! The victim (127.0.0.1) sends one request every 50 ms, as a dashboard
//! would; each attacker has its own loopback address (127.0.0.2 to
//! 127.0.0.5), as separate machines would, and does not wait for
//! `Retry-After`. It reports the victim's median latency alone and under
//! attack, and their ratio. Loopback only; every loop is bounded and the run stops by
//! itself.
//!
//! ```sh
//! cargo bench --bench abuse                    # demo data, SQLite
//! cargo bench --bench abuse -- --seconds 20
//! ```

use clap::Parser;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "benchmark-secret-0123456789";

const VICTIM: &str = "{ serverInfo { version } regions { nodes { code nameEn } } }";

#[derive(Parser)]
struct Args {
    /// How long the attack lasts.
    #[arg(long, default_value_t = 15)]
    seconds: u64,
    /// Victim requests measured alone (one at a time).
    #[arg(long, default_value_t = 300)]
    requests: usize,
    /// Milliseconds between the victim's requests: it is a dashboard or an
    /// analyst, well within the per-address request limit, not a flood.
    #[arg(long, default_value_t = 50)]
    victim_interval_ms: u64,
    /// Requests each attacker keeps in flight.
    #[arg(long, default_value_t = 4)]
    in_flight: usize,
    /// Slow connections opened by the fourth attacker (0: none).
    #[arg(long, default_value_t = 1000)]
    slow_connections: usize,
    /// The server's per-address request limit (`--requests-per-second`;
    /// 0 turns it off, to see what it is worth); the server's default when
    /// not given.
    #[arg(long)]
    requests_per_second: Option<u32>,
    /// Ignored: cargo passes it to every bench target.
    #[arg(long, hide = true)]
    bench: bool,
}

struct Server {
    child: Child,
    base: String,
    addr: String,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(requests_per_second: Option<u32>) -> Result<Server, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("abuse.db").display()
    );
    let mut child = Command::new(PathBuf::from(env!("CARGO_BIN_EXE_frontoffice")))
        .args([
            "--database-url",
            &url,
            "--log",
            "error",
            "--jwt-secret",
            SECRET,
        ])
        .args(["serve", "--addr", "127.0.0.1:0", "--demo", "always"])
        .args(["--iin-secret", SECRET])
        .args(
            requests_per_second
                .map(|n| vec!["--requests-per-second".to_owned(), n.to_string()])
                .unwrap_or_default(),
        )
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
    std::thread::spawn(move || for _ in lines {});
    let addr = base.trim_start_matches("http://").to_owned();
    Ok(Server {
        child,
        base,
        addr,
        _dir: dir,
    })
}

async fn post(
    client: &reqwest::Client,
    base: &str,
    query: &str,
    variables: Value,
) -> Option<Value> {
    client
        .post(format!("{base}/graphql"))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .ok()?
        .json()
        .await
        .ok()
}

/// The victim's latencies, one request at a time, `n` requests or until
/// `until`.
async fn victim(base: &str, n: usize, every: Duration, until: Option<Instant>) -> Vec<Duration> {
    let client = reqwest::Client::new();
    let mut out = Vec::with_capacity(n.min(10_000));
    let mut pace = tokio::time::interval(every);
    pace.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    for _ in 0..n {
        pace.tick().await;
        if until.is_some_and(|u| Instant::now() >= u) {
            break;
        }
        let start = Instant::now();
        let answer = post(&client, base, VICTIM, json!({})).await;
        out.push(start.elapsed());
        if answer.is_none_or(|a| a.get("errors").is_some()) {
            eprintln!("the victim's query failed");
        }
    }
    out
}

fn median_ms(mut d: Vec<Duration>) -> f64 {
    d.sort();
    d.get(d.len() / 2)
        .map_or(f64::NAN, |m| m.as_secs_f64() * 1000.0)
}

/// The `i`-th request of an attacker.
fn attack(kind: usize, i: usize) -> (String, Value) {
    // Days from 2005 on, so a monthly series to 2024 stays within 240 steps.
    let day = |i: usize| {
        let d = chrono::NaiveDate::from_ymd_opt(2005, 1, 1).unwrap_or_default()
            + chrono::Duration::days(i as i64 % 7000);
        d.format("%Y-%m-%d").to_string()
    };
    match kind {
        0 if i.is_multiple_of(2) => {
            let aliases: String = (0..15)
                .map(|a| format!("a{a}: login(input: {{ username: \"admin\", password: \"guess{i}-{a}\" }}) {{ token }} "))
                .collect();
            (format!("mutation {{ {aliases} }}"), json!({}))
        }
        0 => (
            "mutation($p: String!) { login(input: { username: \"admin\", password: $p }) { token } }".into(),
            json!({ "p": format!("guess{i}") }),
        ),
        1 if i.is_multiple_of(2) => {
            let aliases: String = (0..15)
                .map(|a| format!("s{a}: statisticsSeries(from: \"{}\", to: \"2024-12-31\", interval: MONTH) {{ hours activeVolunteers }} ", day(i * 15 + a)))
                .collect();
            (format!("{{ {aliases} }}"), json!({}))
        }
        1 => (
            "query($f: Date!) { statisticsSeries(from: $f, to: \"2024-12-31\", interval: MONTH) { hours activeVolunteers } }".into(),
            json!({ "f": day(i * 7 + 3) }),
        ),
        _ => {
            let regions = ["KZ-71", "KZ-75", "KZ-79", "KZ-11", "KZ-15"];
            (
                "query($f: Date!, $r: String) { statistics(from: $f, to: \"2025-12-31\", regionCode: $r) { hours activeVolunteers ageGroups { volunteers } } }".into(),
                json!({ "f": day(i), "r": regions.get(i % 6) }),
            )
        }
    }
}

/// Each attacker is its own client address (127.0.0.2 and on), as
/// separate machines would be; the victim is 127.0.0.1.
fn attacker_address(kind: usize) -> std::net::Ipv4Addr {
    std::net::Ipv4Addr::new(127, 0, 0, 2 + kind as u8)
}

/// One attacker: `in_flight` loops of its kind of request until `until`;
/// returns how many requests it sent.
async fn attacker(base: String, kind: usize, in_flight: usize, until: Instant) -> usize {
    let Ok(client) = reqwest::Client::builder()
        .local_address(std::net::IpAddr::V4(attacker_address(kind)))
        .build()
    else {
        return 0;
    };
    let loops = (0..in_flight).map(|lane| {
        let (client, base) = (client.clone(), base.clone());
        async move {
            let mut sent = 0;
            let mut i = lane;
            while Instant::now() < until {
                let (query, variables) = attack(kind, i);
                let _ = tokio::time::timeout(
                    Duration::from_secs(5),
                    post(&client, &base, &query, variables),
                )
                .await;
                sent += 1;
                i += in_flight;
            }
            sent
        }
    });
    futures_util::future::join_all(loops)
        .await
        .into_iter()
        .sum()
}

/// The fourth attacker: connections that send a request a byte at a time
/// (half stall in the headers, half in the body); returns how many were
/// still open at the end.
async fn slow_connections(addr: std::net::SocketAddr, n: usize, until: Instant) -> usize {
    let conns = (0..n).map(|c| async move {
        let from = std::net::SocketAddr::from((attacker_address(3), 0));
        let Ok(socket) = tokio::net::TcpSocket::new_v4() else {
            return false;
        };
        if socket.bind(from).is_err() {
            return false;
        }
        let Ok(stream) = socket.connect(addr).await else {
            return false;
        };
        let request = if c.is_multiple_of(2) {
            "POST /graphql HTTP/1.1\r\nHost: x\r\nX-Slow: ".to_owned()
        } else {
            "POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"query\": \"".to_owned()
        };
        let mut bytes = request.into_bytes().into_iter().chain(std::iter::repeat(b'a'));
        while Instant::now() < until {
            let Some(byte) = bytes.next() else { break };
            if stream.writable().await.is_err() || stream.try_write(&[byte]).is_err() {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        true
    });
    futures_util::future::join_all(conns)
        .await
        .into_iter()
        .filter(|open| *open)
        .count()
}

async fn run(args: Args) -> Result<(), String> {
    let server = start(args.requests_per_second)?;
    // Warm up: the first requests open the database's connections.
    let every = Duration::from_millis(args.victim_interval_ms);
    victim(&server.base, 20, every, None).await;
    let alone = median_ms(victim(&server.base, args.requests, every, None).await);
    println!(
        "victim alone: p50 {alone:.2} ms ({} requests)",
        args.requests
    );

    let until = Instant::now() + Duration::from_secs(args.seconds);
    let attackers: Vec<_> = (0..3)
        .map(|kind| tokio::spawn(attacker(server.base.clone(), kind, args.in_flight, until)))
        .collect();
    let server_addr = server.addr.parse().map_err(|e| format!("{e}"))?;
    let slow = tokio::spawn(slow_connections(server_addr, args.slow_connections, until));
    // Let the attack take hold before measuring.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let attacked = victim(&server.base, usize::MAX, every, Some(until)).await;
    let measured = attacked.len();
    let under = median_ms(attacked);
    let mut sent = Vec::new();
    for a in attackers {
        sent.push(a.await.map_err(|e| e.to_string())?);
    }
    let open = slow.await.map_err(|e| e.to_string())?;
    println!(
        "attack for {} s: sign-in {} requests, cold series {}, cache-busting {}, slow connections still open at the end {open} of {}",
        args.seconds, sent[0], sent[1], sent[2], args.slow_connections
    );
    println!("victim under attack: p50 {under:.2} ms ({measured} requests)");
    println!("ratio: {:.2}", under / alone);
    Ok(())
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
