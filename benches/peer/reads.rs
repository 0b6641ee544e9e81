//! Scenarios 1 to 3 (and 6): a volunteer by id, the list page and the name
//! search — first checked to answer the same rows on every side, then
//! timed in interleaved rounds.

use crate::answers;
use crate::client::{Requests, alone, burst};
use crate::pgbench;
use crate::report::{Against, Better, Row, Target, figures, text};
use crate::sides::{FLOOR, FO, PG, PerSide, Queries, SQ, Sides, Variables, query};
use crate::{Args, median, p50, scenario, script, spread};
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::Duration;

pub const BY_ID: Queries = [
    include_str!("scenarios/by_id.frontoffice.graphql"),
    include_str!("scenarios/by_id.postgraphile.graphql"),
];
pub const LIST: Queries = [
    include_str!("scenarios/list_page.frontoffice.graphql"),
    include_str!("scenarios/list_page.postgraphile.graphql"),
];
pub const SEARCH: Queries = [
    include_str!("scenarios/search.frontoffice.graphql"),
    include_str!("scenarios/search.postgraphile.graphql"),
];

/// The folded text of the name search, as in the national benchmark.
pub const SEARCH_TEXT: &str = "айгүл";

/// A prime step through the volunteers' ids: consecutive requests ask for
/// volunteers far apart, each id once before any repeats.
const STRIDE: u64 = 7919;

/// The `i`-th volunteer id of a sequence starting at `offset`.
pub fn volunteer_at((lo, hi): (u64, u64), offset: u64, i: usize) -> u64 {
    lo + (offset + i as u64 * STRIDE) % (hi - lo + 1)
}

pub fn by_id_variables(volunteers: (u64, u64)) -> Variables {
    Arc::new(move |side, i, offset| {
        let id = volunteer_at(volunteers, offset, i);
        match side {
            PG => json!({ "id": id.to_string() }),
            _ => json!({ "id": answers::global_id("Volunteer", id) }),
        }
    })
}

pub fn fixed_variables(variables: Value) -> Variables {
    Arc::new(move |_, _, _| variables.clone())
}

/// Every server's answer to request `i`, checked against frontoffice's on
/// PostgreSQL; frontoffice's is returned.
async fn agree(
    sides: &Sides,
    scenario: &str,
    queries: Queries,
    variables: &Variables,
    i: usize,
) -> Result<Value, String> {
    let mut reference = None;
    for (side, endpoint) in sides.servers() {
        let mut answer = endpoint
            .post(query(queries, side), &variables(side, i, 0))
            .await?;
        answers::lift(&mut answer, "familyMember", "family");
        match &reference {
            None => reference = Some(answer),
            Some(fo) => {
                let name = if side == SQ {
                    "frontoffice on SQLite"
                } else {
                    "PostGraphile"
                };
                answers::same(scenario, name, fo, &answer)?;
            }
        }
    }
    reference.ok_or_else(|| format!("{scenario}: no server answered"))
}

/// Scenario 1's answers agree for 20 volunteers spread over the register,
/// and the floor finds the same participations.
pub async fn check_by_id(sides: &Sides, variables: &Variables) -> Result<(), String> {
    let floor = script("by_id.sql")?;
    for n in 0..20 {
        let i = n * 401;
        let id = volunteer_at(sides.volunteers, 0, i);
        let name = format!("(1) volunteer {id}");
        let fo = agree(sides, &name, BY_ID, variables, i).await?;
        let rows = answers::floor_rows(&sides.db, &floor, &[("id", id.to_string())]).await?;
        answers::same_rows(
            &name,
            &answers::ids_at(&fo, &["volunteer", "participations", "nodes"]),
            &answers::column(&rows, "participation_id")?,
        )?;
    }
    Ok(())
}

pub async fn check_list(sides: &Sides) -> Result<(), String> {
    let fo = agree(sides, "(2) list page", LIST, &fixed_variables(json!({})), 0).await?;
    let rows = answers::floor_rows(&sides.db, &script("list_page.sql")?, &[]).await?;
    answers::same_rows(
        "(2) list page",
        &answers::ids_at(&fo, &["events", "nodes", "participations", "nodes"]),
        &answers::column(&rows, "participation_id")?,
    )
}

pub async fn check_search(sides: &Sides) -> Result<(), String> {
    let variables = fixed_variables(json!({ "name": SEARCH_TEXT }));
    let fo = agree(sides, "(3) name search", SEARCH, &variables, 0).await?;
    let rows = answers::floor_rows(
        &sides.db,
        &script("search.sql")?,
        &[("name", SEARCH_TEXT.into())],
    )
    .await?;
    answers::same_rows(
        "(3) name search",
        &answers::ids_at(&fo, &["volunteers", "nodes"]),
        &answers::column(&rows, "id")?,
    )?;
    let total: i64 = rows
        .first()
        .map(|r| r.try_get("", "total"))
        .transpose()
        .map_err(|e| e.to_string())?
        .unwrap_or(0);
    if fo["volunteers"]["totalCount"] != json!(total) {
        return Err(format!(
            "(3) name search: the floor counts {total} matches, the servers {}",
            fo["volunteers"]["totalCount"]
        ));
    }
    Ok(())
}

fn requests(queries: Queries, variables: &Variables, side: usize, offset: u64) -> Requests {
    let variables = variables.clone();
    Arc::new(move |i| (query(queries, side), variables(side, i, offset)))
}

/// What a read scenario measured, per side.
#[derive(Default)]
pub struct Read {
    alone: PerSide<Vec<Duration>>,
    rates: PerSide<Vec<f64>>,
    /// Milliseconds of the server's CPU per request, each round.
    pub cpu_per_request: PerSide<Vec<f64>>,
}

/// Interleaved rounds of a read scenario: in each, frontoffice, then
/// PostGraphile, then the floor (then frontoffice on SQLite), each first
/// `--alone` requests one at a time (unless `one_at_a_time` is off), then
/// `--concurrency` in flight for `--seconds`.
pub async fn rounds(
    sides: &Sides,
    args: &Args,
    queries: Queries,
    variables: &Variables,
    floor: (&str, &[(&str, String)]),
    one_at_a_time: bool,
) -> Result<Read, String> {
    let mut read = Read::default();
    let floor_script = scenario(floor.0);
    // Warm-up, untimed: plans cached, Node's compiler warm, pages read.
    for (side, endpoint) in sides.servers() {
        let warm = requests(queries, variables, side, 1_000_003);
        burst(endpoint, args.seconds.min(2.0), args.concurrency, &warm).await?;
    }
    for round in 0..args.rounds {
        let mut order: Vec<usize> = sides.servers().map(|(side, _)| side).collect();
        order.insert(2, FLOOR);
        for side in order {
            let offset = ((round * 4 + side) as u64) * 104_729;
            if side == FLOOR {
                if one_at_a_time {
                    let run = pgbench::run(
                        &sides.url,
                        &[&floor_script],
                        floor.1,
                        1,
                        pgbench::Length::Transactions(args.alone),
                    )?;
                    read.alone[FLOOR].extend(run.latencies);
                }
                let run = pgbench::run(
                    &sides.url,
                    &[&floor_script],
                    floor.1,
                    args.concurrency,
                    pgbench::Length::Seconds(args.seconds),
                )?;
                read.rates[FLOOR].push(run.per_second);
                continue;
            }
            let Some((_, endpoint)) = sides.servers().find(|(s, _)| *s == side) else {
                continue;
            };
            if one_at_a_time {
                let reqs = requests(queries, variables, side, offset);
                read.alone[side].extend(alone(endpoint, args.alone, &reqs).await?);
            }
            let reqs = requests(queries, variables, side, offset + 52_361);
            let cpu_before = crate::process::cpu(endpoint.pid)?;
            let run = burst(endpoint, args.seconds, args.concurrency, &reqs).await?;
            let cpu = crate::process::cpu(endpoint.pid)? - cpu_before;
            read.rates[side].push(run.per_second());
            read.cpu_per_request[side]
                .push(cpu.as_secs_f64() * 1000.0 / run.completed.max(1) as f64);
        }
    }
    Ok(read)
}

/// The table's rows of a read scenario.
pub fn rows(
    name: &str,
    mut read: Read,
    args: &Args,
    p50_target: Option<f64>,
    rate_target: f64,
) -> Vec<Row> {
    let c = args.concurrency;
    let mut rows = Vec::new();
    if !read.alone[FO].is_empty() {
        let [a, b, f, s] = &mut read.alone;
        rows.push(figures(
            &format!("{name} — p50, 1 connection"),
            " ms",
            Better::Lower,
            [p50(a), p50(b), p50(f), p50(s)],
            p50_target.map(|times| Target {
                of: Against::Peer,
                times,
            }),
        ));
    }
    rows.push(figures(
        &format!("{name} — throughput, {c} connections (median of rounds)"),
        "/s",
        Better::Higher,
        read.rates.each_ref().map(|r| median(r)),
        Some(Target {
            of: Against::Peer,
            times: rate_target,
        }),
    ));
    rows.push(text(
        &format!("{name} — throughput of each round, {c} connections"),
        read.rates.each_ref().map(|r| spread(r, "/s")),
    ));
    rows
}
