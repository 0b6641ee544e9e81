//! Scenario 4: the minutes and active volunteers of last year, nationally
//! and by region, as the first request of a freshly started server, and
//! the floor's single pass over the year's participations.

use crate::common::{Server, start};
use crate::pgbench;
use crate::report::{Against, Better, Row, Target, figures};
use crate::sides::{FLOOR, FO, PG, PerSide, Queries, SQ, endpoint_of};
use crate::{Args, answers, median, postgraphile, scenario, script};
use chrono::{Datelike, Utc};
use sea_orm::DatabaseConnection;
use serde_json::Value;
use std::collections::BTreeMap;
use std::time::Instant;

pub const STATISTICS: Queries = [
    include_str!("scenarios/statistics.frontoffice.graphql"),
    include_str!("scenarios/statistics.postgraphile.graphql"),
];

/// Minutes and active volunteers by region code ("" for the nation).
type Figures = BTreeMap<String, (i64, i64)>;

fn number(v: &Value) -> i64 {
    v.as_i64()
        .or_else(|| v.as_str().and_then(|s| s.parse().ok()))
        .unwrap_or(-1)
}

fn frontoffice_figures(answer: &Value) -> Figures {
    let mut figures = Figures::new();
    let national = &answer["national"];
    figures.insert(
        String::new(),
        (
            number(&national["minutes"]),
            number(&national["activeVolunteers"]),
        ),
    );
    for region in answer["byRegion"].as_array().into_iter().flatten() {
        let s = &region["statistics"];
        figures.insert(
            region["region"]["code"].as_str().unwrap_or("?").to_owned(),
            (number(&s["minutes"]), number(&s["activeVolunteers"])),
        );
    }
    figures
}

fn postgraphile_figures(answer: &Value) -> Figures {
    let mut figures = Figures::new();
    for (alias, list) in answer.as_object().into_iter().flatten() {
        let code = match alias.as_str() {
            "national" => String::new(),
            other => other.trim_start_matches('r').replace('_', "-"),
        };
        let a = &list["aggregates"];
        // A region without a counted participation sums to null.
        let minutes = match &a["sum"]["minutes"] {
            Value::Null => 0,
            sum => number(sum),
        };
        figures.insert(code, (minutes, number(&a["distinctCount"]["volunteerId"])));
    }
    figures
}

async fn floor_figures(
    db: &DatabaseConnection,
    defines: &[(&str, String)],
) -> Result<Figures, String> {
    let mut floor = Figures::new();
    for row in answers::floor_rows(db, &script("statistics.sql")?, defines).await? {
        let code: Option<String> = row.try_get("", "region_code").map_err(|e| e.to_string())?;
        let minutes: Option<i64> = row.try_get("", "minutes").map_err(|e| e.to_string())?;
        let active: i64 = row
            .try_get("", "active_volunteers")
            .map_err(|e| e.to_string())?;
        floor.insert(code.unwrap_or_default(), (minutes.unwrap_or(0), active));
    }
    Ok(floor)
}

/// A fresh frontoffice's first answer, its time and its statements.
async fn first_answer(server: Server, period: &Value) -> Result<(Value, f64, u64), String> {
    let endpoint = endpoint_of(&server)?;
    let counted = server.statements().await?;
    let sent = Instant::now();
    let answer = endpoint.post(STATISTICS[0], period).await?;
    let ms = sent.elapsed().as_secs_f64() * 1000.0;
    Ok((answer, ms, server.statements().await? - counted))
}

/// Rounds of: a fresh frontoffice, a fresh PostGraphile, the floor, and a
/// fresh frontoffice on SQLite (`sqlite_url`), each asked once. The first
/// round's answers must agree.
pub async fn cold(
    url: &str,
    sqlite_url: Option<&str>,
    db: &DatabaseConnection,
    args: &Args,
) -> Result<(Row, PerSide<Option<u64>>), String> {
    let year = Utc::now().year() - 1;
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let period = serde_json::json!({ "from": from, "to": to });
    let defines = vec![("from", from), ("to", to)];
    let floor_script = scenario("statistics.sql");
    let mut times: PerSide<Vec<f64>> = Default::default();
    let mut statements: PerSide<Option<u64>> = [None; 4];
    let fewest = |s: &mut Option<u64>, n: u64| *s = Some(s.map_or(n, |f| f.min(n)));
    for round in 0..args.rounds {
        let (fo, ms, n) = first_answer(start(url, &[])?, &period).await?;
        times[FO].push(ms);
        fewest(&mut statements[FO], n);

        let peer = postgraphile::start(url).await?;
        let counted = peer.statements().await?;
        let sent = Instant::now();
        let pg = peer.endpoint.post(STATISTICS[1], &period).await?;
        times[PG].push(sent.elapsed().as_secs_f64() * 1000.0);
        fewest(&mut statements[PG], peer.statements().await? - counted);
        drop(peer);

        let run = pgbench::run(
            url,
            &[&floor_script],
            &defines,
            1,
            pgbench::Length::Transactions(1),
        )?;
        times[FLOOR].extend(run.latencies.iter().map(|d| d.as_secs_f64() * 1000.0));

        let sqlite = match sqlite_url {
            Some(file) => {
                let (answer, ms, n) = first_answer(start(file, &[])?, &period).await?;
                times[SQ].push(ms);
                fewest(&mut statements[SQ], n);
                Some(answer)
            }
            None => None,
        };
        if round == 0 {
            let floor = floor_figures(db, &defines).await?;
            let fo = frontoffice_figures(&fo);
            let pg = postgraphile_figures(&pg);
            let sq = sqlite.as_ref().map(frontoffice_figures);
            // Regions without a counted participation have no floor row.
            let nonzero: Figures = fo
                .iter()
                .filter(|(_, v)| **v != (0, 0))
                .map(|(k, v)| (k.clone(), *v))
                .collect();
            if fo != pg || nonzero != floor || sq.as_ref().is_some_and(|sq| *sq != fo) {
                return Err(format!(
                    "(4) the figures of {year} differ: frontoffice {fo:?}, PostGraphile {pg:?}, floor {floor:?}, frontoffice on SQLite {sq:?}"
                ));
            }
        }
    }
    let row = figures(
        &format!(
            "(4) minutes and active volunteers of {year}, national and by region — first request after start (median of rounds)"
        ),
        " ms",
        Better::Lower,
        times.each_ref().map(|t| median(t)),
        Some(Target {
            of: Against::Floor,
            times: 1.25,
        }),
    );
    Ok((row, statements))
}
