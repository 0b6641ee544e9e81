//! Scenario 5: check-ins then check-outs of fresh registrations at an
//! event under way. frontoffice runs its mutations (every rule, the audit
//! row, the announcement); PostGraphile updates the participations; the
//! floor is pgbench's UPDATE and audit INSERT on an event of its own.

use crate::client;
use crate::common::{adults, event_with};
use crate::pgbench;
use crate::report::{Against, Better, Row, Target, figures, goal, ratio, show, text};
use crate::sides::{FLOOR, FO, PG, PerSide, Queries, SQ, Sides, query};
use crate::sqlite_floor::SqliteFloor;
use crate::{Args, answers, median, p50, scenario, spread};
use chrono::{Duration as Days, Utc};
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

const CHECK_IN: Queries = [
    include_str!("scenarios/check_in.frontoffice.graphql"),
    include_str!("scenarios/check_in.postgraphile.graphql"),
];
const CHECK_OUT: Queries = [
    include_str!("scenarios/check_out.frontoffice.graphql"),
    include_str!("scenarios/check_out.postgraphile.graphql"),
];

/// In each round, each server checks in and then out its own group of
/// `--attendances` volunteers: the first `--writes-alone` one at a time
/// (the p50 at 1 connection), the rest with `--concurrency` in flight (the
/// rate); then pgbench runs the floor's two scripts both ways.
pub async fn rounds(
    sides: &Sides,
    args: &Args,
) -> Result<(Vec<Row>, PerSide<Option<u64>>), String> {
    let n = args.attendances;
    // Volunteers of each database: per round, a group for each server;
    // and one for the floor's event.
    let mut groups: Vec<PerSide<Vec<String>>> = vec![Default::default(); args.rounds];
    let people = adults(&sides.frontoffice, (2 * args.rounds + 1) * n).await?;
    let mut chunks = people.chunks(n).map(<[String]>::to_vec);
    let floor_people = chunks.next().ok_or("no volunteers for the floor")?;
    for round in &mut groups {
        for side in [FO, PG] {
            round[side] = chunks.next().ok_or("too few volunteers for the rounds")?;
        }
    }
    // On SQLite: a group per round, and the last for its floor's event.
    let mut sqlite_floor = None;
    if let Some((server, file)) = &sides.sqlite {
        let people = adults(server, (args.rounds + 1) * n).await?;
        let mut chunks = people.chunks(n);
        for (round, chunk) in groups.iter_mut().zip(&mut chunks) {
            round[SQ] = chunk.to_vec();
        }
        let floor_people = chunks
            .next()
            .ok_or("too few volunteers for SQLite's floor")?;
        let event = event_with(server, floor_people, "Benchmark: SQLite floor check-ins").await?;
        let keys: Vec<u64> = event
            .iter()
            .filter_map(|id| answers::key_of(id)?.parse().ok())
            .collect();
        let (lo, hi) = (keys.iter().min(), keys.iter().max());
        let (Some(lo), Some(hi)) = (lo, hi) else {
            return Err("no participations for SQLite's floor".into());
        };
        sqlite_floor = Some(Arc::new(
            SqliteFloor::open(file, args.concurrency, *lo, *hi).await?,
        ));
    }
    let floor_event = event_with(
        &sides.frontoffice,
        &floor_people,
        "Benchmark: peer floor check-ins",
    )
    .await?;
    let keys: Vec<u64> = floor_event
        .iter()
        .filter_map(|id| answers::key_of(id)?.parse().ok())
        .collect();
    let lo = keys.iter().min().ok_or("no floor participations")?;
    let hi = keys.iter().max().ok_or("no floor participations")?;
    let floor_defines = vec![("lo", lo.to_string()), ("hi", hi.to_string())];
    let floor_scripts = [scenario("check_in.sql"), scenario("check_out.sql")];
    let floor_scripts: Vec<&Path> = floor_scripts.iter().map(PathBuf::as_path).collect();

    let mut rates: PerSide<Vec<f64>> = Default::default();
    let mut alone: PerSide<Vec<Duration>> = Default::default();
    let mut statements = [0u64; 4];
    let mut operations = [0u64; 4];
    let (mut sqlite_alone, mut sqlite_rates) = (Vec::new(), Vec::new());
    for (round, group) in groups.iter().enumerate() {
        let mut order: Vec<usize> = sides.servers().map(|(side, _)| side).collect();
        order.insert(2, FLOOR);
        for side in order {
            if side == FLOOR {
                let run = pgbench::run(
                    &sides.url,
                    &floor_scripts,
                    &floor_defines,
                    1,
                    pgbench::Length::Transactions(2 * args.writes_alone),
                )?;
                alone[FLOOR].extend(run.latencies);
                let run = pgbench::run(
                    &sides.url,
                    &floor_scripts,
                    &floor_defines,
                    args.concurrency,
                    pgbench::Length::Seconds(args.seconds),
                )?;
                rates[FLOOR].push(run.per_second);
                continue;
            }
            let Some((_, endpoint)) = sides.servers().find(|(s, _)| *s == side) else {
                continue;
            };
            let title = format!(
                "Benchmark: peer check-ins, round {round}, {}",
                ["frontoffice", "PostGraphile", "", "frontoffice on SQLite"][side]
            );
            let participations =
                event_with(sides.frontoffice_of(side), &group[side], &title).await?;
            let (solo, many) =
                participations.split_at(args.writes_alone.min(participations.len() / 2));
            let counted = sides.counted(side).await?;
            let mut wall = Duration::ZERO;
            for (mutation, minutes_ago) in [(CHECK_IN, 20), (CHECK_OUT, 1)] {
                let at = (Utc::now() - Days::minutes(minutes_ago)).to_rfc3339();
                let items = |list: &[String]| {
                    list.iter()
                        .map(|id| {
                            let variables = match side {
                                PG => json!({ "id": answers::key_of(id), "at": at, "minutes": 19 }),
                                _ => json!({ "input": { "participationId": id, "at": at } }),
                            };
                            (query(mutation, side), variables)
                        })
                        .collect()
                };
                let one = client::each(endpoint, 1, items(solo)).await?;
                alone[side].extend(one.latencies);
                wall += client::each(endpoint, args.concurrency, items(many))
                    .await?
                    .wall;
            }
            rates[side].push(2.0 * many.len() as f64 / wall.as_secs_f64());
            statements[side] += sides.counted(side).await? - counted;
            operations[side] += 2 * participations.len() as u64;
            if let (SQ, Some(floor)) = (side, &sqlite_floor) {
                sqlite_alone.extend(floor.alone(2 * args.writes_alone).await?);
                sqlite_rates.push(floor.rate(args.concurrency, args.seconds).await?);
            }
        }
    }
    let c = args.concurrency;
    let [a, b, f, s] = &mut alone;
    let mut rows = vec![
        figures(
            "(5) check-in or check-out — p50, 1 connection",
            " ms",
            Better::Lower,
            [p50(a), p50(b), p50(f), p50(s)],
            Some(Target {
                of: Against::Value,
                times: 2.0,
            }),
        ),
        figures(
            &format!(
                "(5) check-in + check-out — throughput, {c} connections (median of rounds; PostGraphile: bare updates, no rules; floor: UPDATE + audit INSERT)"
            ),
            " ops/s",
            Better::Higher,
            rates.each_ref().map(|r| median(r)),
            Some(Target {
                of: Against::Floor,
                times: 0.6,
            }),
        ),
        text(
            &format!("(5) check-in + check-out — throughput of each round, {c} connections"),
            rates.each_ref().map(|r| spread(r, " ops/s")),
        ),
    ];
    if sqlite_floor.is_some() {
        rows.extend(sqlite_rows(
            c,
            (p50(s), p50(&mut sqlite_alone)),
            (median(&rates[SQ]), median(&sqlite_rates)),
        ));
    }
    let mut mean = [None; 4];
    for (side, _) in sides.servers() {
        mean[side] = Some(statements[side] / operations[side].max(1));
    }
    Ok((rows, mean))
}

/// frontoffice on SQLite against its own floor (`sqlite_floor`), in the
/// last column; the target is within 2× of the floor.
fn sqlite_rows(
    c: usize,
    p50s: (Option<f64>, Option<f64>),
    rates: (Option<f64>, Option<f64>),
) -> Vec<Row> {
    let row = |scenario: String,
               (server, floor): (Option<f64>, Option<f64>),
               unit: &str,
               better: Better| {
        let ratio = ratio(server, floor);
        let limit = match better {
            Better::Lower => 2.0,
            Better::Higher => 0.5,
        };
        Row {
            scenario,
            cells: [
                String::new(),
                String::new(),
                format!("SQLite: {}", show(floor, unit)),
                show(server, unit),
            ],
            vs_peer: String::new(),
            vs_floor: ratio.map_or("–".into(), |r| format!("{r:.2}× (SQLite's)")),
            target: goal(better, ratio, limit, "× SQLite's floor"),
        }
    };
    vec![
        row(
            "(5) on SQLite: check-in or check-out — p50, 1 connection (floor: the same UPDATE and audit INSERT through sqlx on the file)".into(),
            p50s,
            " ms",
            Better::Lower,
        ),
        row(
            format!("(5) on SQLite: check-in + check-out — throughput, {c} connections (median of rounds; floor as above)"),
            rates,
            " ops/s",
            Better::Higher,
        ),
    ]
}
