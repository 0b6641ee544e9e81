//! frontoffice side by side with PostGraphile (5.1, Amber preset with the
//! connection-filter and aggregates plugins) on one national PostgreSQL
//! database, and with the raw SQL floor (`pgbench` running the statement
//! that answers the same question), in interleaved rounds; see
//! BENCHMARKS.md, "Side by side with PostGraphile".
//!
//! ```sh
//! cargo bench --bench peer                        # load the data set, then measure
//! cargo bench --bench peer -- --reuse             # keep a database loaded before
//! cargo bench --bench peer -- --reuse --sqlite    # and frontoffice on SQLite beside
//! cargo bench --bench peer -- --reuse --only list,search --rounds 2 --seconds 3
//! ```
//!
//! The scenarios' GraphQL (one file per server) and SQL are the files in
//! `scenarios/` beside this one. Every server's answers are compared, and
//! the floor's SQL run, before anything is timed.

#[path = "../common/mod.rs"]
mod common;

mod answers;
mod catch_up;
mod client;
mod demo;
mod pgbench;
mod postgraphile;
mod process;
mod reads;
mod report;
mod sides;
mod sqlite_floor;
mod statistics;
mod writes;

use clap::Parser;
use common::{Load, prepare, start};
use reads::{BY_ID, LIST, SEARCH, SEARCH_TEXT};
use report::{Better, figures, text};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use serde_json::json;
use sides::{FO, PG, PerSide, SQ, Sides};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Parser)]
pub struct Args {
    /// Fraction of the national data set (1 = 160,000 volunteers).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// Keep the databases loaded by an earlier run (this benchmark's or the
    /// national one's) at the same scale and tag.
    #[arg(long)]
    reuse: bool,
    /// PostgreSQL server to create the benchmark database on.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432")]
    pg_server: String,
    /// Added to the databases' names (`--tag _peer`: databases of its own).
    #[arg(long, default_value = "")]
    tag: String,
    /// Also load the data set into SQLite and run frontoffice on it, as a
    /// column of its own.
    #[arg(long)]
    sqlite: bool,
    /// Rounds of each scenario; each round runs frontoffice, PostGraphile,
    /// the floor (and frontoffice on SQLite) one after the other.
    #[arg(long, default_value_t = 3)]
    rounds: usize,
    /// Seconds of each throughput measurement.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    /// Requests one at a time in each round, for the p50 at 1 connection.
    #[arg(long, default_value_t = 200)]
    alone: usize,
    /// Requests (or connections, for pgbench) in flight for throughput.
    #[arg(long, default_value_t = 16)]
    concurrency: usize,
    /// Check-ins (and as many check-outs) per server in each round.
    #[arg(long, default_value_t = 500)]
    attendances: usize,
    /// Of those, how many are made one at a time (for the p50 at 1
    /// connection) before the rest go with `--concurrency` in flight.
    #[arg(long, default_value_t = 50)]
    writes_alone: usize,
    /// Registrations and as many cancellations whose way to a watching
    /// dashboard is timed (scenario 9).
    #[arg(long, default_value_t = 50)]
    catch_up: usize,
    /// Only these parts: by-id, list, search, statistics, writes,
    /// catch-up, demo (comma-separated; all when not given).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// A frontoffice binary to measure instead of this build's (another
    /// build of the same sources, say, to compare two settings in turn).
    #[arg(long)]
    server: Option<PathBuf>,
    /// Ignored: cargo passes it to every bench target.
    #[arg(long, hide = true)]
    bench: bool,
}

impl Args {
    fn runs(&self, part: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|p| p == part)
    }
}

fn scenario(name: &str) -> PathBuf {
    postgraphile::folder().join("scenarios").join(name)
}

fn script(name: &str) -> Result<String, String> {
    std::fs::read_to_string(scenario(name)).map_err(|e| format!("{name}: {e}"))
}

fn median(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Some(sorted[sorted.len() / 2])
}

/// The least and the greatest of the rounds' figures.
fn spread(values: &[f64], unit: &str) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if values.is_empty() {
        "–".into()
    } else {
        format!("{min:.0}–{max:.0}{unit}")
    }
}

fn p50(latencies: &mut [Duration]) -> Option<f64> {
    (!latencies.is_empty()).then(|| client::percentile(latencies, 0.5))
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

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

async fn run(args: Args) -> Result<(), String> {
    if let Some(server) = &args.server {
        let _ = common::BINARY.set(server.clone());
    }
    if args.only.iter().all(|p| p == "demo") && !args.only.is_empty() {
        // The demo data set is its own: nothing national to load or start.
        let rows = demo::rounds(&args).await?;
        println!();
        println!(
            "demo data alone; {} rounds, {} requests alone per round",
            args.rounds, args.alone
        );
        println!();
        demo::print(&rows);
        return Ok(());
    }
    let load_before = load_average();
    let load = |backend: &str| Load {
        name: "national",
        backend: backend.into(),
        scale: args.scale,
        reuse: args.reuse,
        pg_server: args.pg_server.clone(),
        tag: args.tag.clone(),
    };
    let (url, loaded) = prepare(&load("postgres")).await?;
    let sqlite_url = match args.sqlite {
        true => Some(prepare(&load("sqlite")).await?.0),
        false => None,
    };
    postgraphile::install()?;
    let db = sea_orm::Database::connect(&url)
        .await
        .map_err(|e| e.to_string())?;
    let range = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT min(id), max(id) FROM volunteer",
        ))
        .await
        .map_err(|e| e.to_string())?
        .ok_or("no volunteers")?;
    let lo: i64 = range.try_get_by_index(0).map_err(|e| e.to_string())?;
    let hi: i64 = range.try_get_by_index(1).map_err(|e| e.to_string())?;

    let frontoffice = Arc::new(start(&url, &[])?);
    let sqlite = match &sqlite_url {
        Some(file) => Some((Arc::new(start(file, &[])?), file.clone())),
        None => None,
    };
    let peer = postgraphile::start(&url).await?;
    let sides = Sides::new(
        url.clone(),
        db,
        frontoffice,
        peer,
        sqlite,
        (lo as u64, hi as u64),
    )?;
    let idle = sides.memory();

    let mut rows = Vec::new();
    let mut statements: Vec<(&str, PerSide<Option<u64>>, &str)> = Vec::new();
    let (mut cpu_row, mut write_rows) = (None, Vec::new());

    if args.runs("by-id") {
        let variables = reads::by_id_variables(sides.volunteers);
        reads::check_by_id(&sides, &variables).await?;
        let defines = vec![("lo", lo.to_string()), ("hi", hi.to_string())];
        let read = reads::rounds(
            &sides,
            &args,
            BY_ID,
            &variables,
            ("by_id.sql", &defines),
            true,
        )
        .await?;
        rows.extend(reads::rows(
            "(1) volunteer by id, varied ids, with family, region, 20 participations and their events",
            read,
            &args,
            Some(0.5),
            1.5,
        ));
        statements.push(("(1) by id", sides.statements(BY_ID, &variables).await?, "1"));
    }
    if args.runs("list") {
        let variables = reads::fixed_variables(json!({}));
        reads::check_list(&sides).await?;
        let read = reads::rounds(
            &sides,
            &args,
            LIST,
            &variables,
            ("list_page.sql", &[]),
            true,
        )
        .await?;
        cpu_row = Some(figures(
            &format!(
                "(6) server CPU per list-page request, {} connections (median of rounds)",
                args.concurrency
            ),
            " ms",
            Better::Lower,
            read.cpu_per_request.each_ref().map(|c| median(c)),
            None,
        ));
        rows.extend(reads::rows(
            "(2) the 20 latest events with region, project, 10 participations and their volunteers",
            read,
            &args,
            Some(0.75),
            1.5,
        ));
        statements.push((
            "(2) list page",
            sides.statements(LIST, &variables).await?,
            "1",
        ));
    }
    if args.runs("search") {
        let variables = reads::fixed_variables(json!({ "name": SEARCH_TEXT }));
        reads::check_search(&sides).await?;
        let defines = vec![("name", SEARCH_TEXT.to_owned())];
        let read = reads::rounds(
            &sides,
            &args,
            SEARCH,
            &variables,
            ("search.sql", &defines),
            false,
        )
        .await?;
        rows.extend(reads::rows(
            &format!("(3) name search «{SEARCH_TEXT}», first page of 20 and the count"),
            read,
            &args,
            None,
            1.5,
        ));
        statements.push((
            "(3) name search",
            sides.statements(SEARCH, &variables).await?,
            "1",
        ));
    }
    if args.runs("writes") {
        let (w_rows, w_statements) = writes::rounds(&sides, &args).await?;
        write_rows = w_rows;
        statements.push((
            "(5) check-in or check-out (mean)",
            w_statements,
            "4 (BEGIN, UPDATE, INSERT, END)",
        ));
    }
    let catch_up_rows = match args.runs("catch-up") {
        true => catch_up::run(&sides, &args).await?,
        false => Vec::new(),
    };
    let peak = sides.memory();
    // The cold scenario starts servers of its own: these stop first.
    let db = sides.stop();

    if args.runs("statistics") {
        let (row, counted) = statistics::cold(&url, sqlite_url.as_deref(), &db, &args).await?;
        rows.push(row);
        statements.push(("(4) statistics, first request after start", counted, "1"));
    }
    rows.extend(write_rows);
    rows.extend(catch_up_rows);
    rows.extend(cpu_row);
    statements.sort_by_key(|(name, _, _)| *name);
    let count = |n: Option<u64>| n.map_or("–".into(), |n| n.to_string());
    for (name, counted, floor) in &statements {
        rows.push(text(
            &format!("(7) SQL statements per request: {name}"),
            [
                count(counted[FO]),
                count(counted[PG]),
                (*floor).to_owned(),
                count(counted[SQ]),
            ],
        ));
    }
    let memory = |side: usize| match (idle[side], peak[side]) {
        (Some((idle, _)), Some((_, peak))) => format!("{idle:.0} / {peak:.0} MiB"),
        _ => "–".into(),
    };
    rows.push(text(
        "(8) RSS idle after start / peak over the run",
        [memory(FO), memory(PG), String::new(), memory(SQ)],
    ));
    let demo_rows = match args.runs("demo") {
        true => demo::rounds(&args).await?,
        false => Vec::new(),
    };

    println!();
    println!(
        "national data set at scale {}{}; {} rounds, {} s per throughput run, {} requests alone per round, {} in flight; load average {} before, {} after",
        args.scale,
        loaded.map_or(" (reused)".into(), |d| format!(
            " (loaded in {:.1} s)",
            d.as_secs_f64()
        )),
        args.rounds,
        args.seconds,
        args.alone,
        args.concurrency,
        load_before,
        load_average(),
    );
    println!();
    report::print(&rows, args.sqlite);
    if !demo_rows.is_empty() {
        println!();
        demo::print(&demo_rows);
    }
    Ok(())
}
