//! The demo data set on the embedded default (a fresh SQLite file): the
//! by-id and list-page p50 against `GET /healthz`'s, measured in
//! interleaved rounds on one server.

use crate::Args;
use crate::client::{self, Requests, alone};
use crate::common::start_with_demo;
use crate::reads::{BY_ID, LIST};
use crate::sides::endpoint_of;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A row of the demo table: the request, its p50, its ratio to
/// `/healthz`'s and the target.
pub type DemoRow = [String; 4];

pub async fn rounds(args: &Args) -> Result<Vec<DemoRow>, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("demo.db").display());
    let server = start_with_demo(&url, "always", &[])?;
    let endpoint = endpoint_of(&server)?;
    let page = endpoint
        .post("{ volunteers(first: 50) { nodes { id } } }", &json!({}))
        .await?;
    let ids: Vec<Value> = page["volunteers"]["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|n| n["id"].clone())
        .collect();
    if ids.is_empty() {
        return Err("the demo data set has no volunteers".into());
    }
    let by_id: Requests = Arc::new(move |i| (BY_ID[0], json!({ "id": ids[i % ids.len()] })));
    let list: Requests = Arc::new(|_| (LIST[0], json!({})));
    let health = format!("{}/healthz", server.base);
    alone(&endpoint, 50, &by_id).await?;
    alone(&endpoint, 50, &list).await?;
    let mut times: [Vec<Duration>; 3] = Default::default();
    for _ in 0..args.rounds {
        for _ in 0..args.alone {
            let sent = Instant::now();
            endpoint
                .client
                .get(&health)
                .send()
                .await
                .map_err(|e| e.to_string())?
                .bytes()
                .await
                .map_err(|e| e.to_string())?;
            times[0].push(sent.elapsed());
        }
        times[1].extend(alone(&endpoint, args.alone, &by_id).await?);
        times[2].extend(alone(&endpoint, args.alone, &list).await?);
    }
    let [h, b, l] = &mut times;
    let health = client::percentile(h, 0.5);
    let row = |name: &str, p50: f64, limit: f64| {
        let ratio = p50 / health;
        let mark = if ratio <= limit { "✔" } else { "✘" };
        [
            name.to_owned(),
            format!("{p50:.2} ms"),
            format!("{ratio:.1}×"),
            format!("≤ {limit}× {mark}"),
        ]
    };
    Ok(vec![
        [
            "`GET /healthz`".into(),
            format!("{health:.2} ms"),
            "1×".into(),
            String::new(),
        ],
        row("(1) volunteer by id", client::percentile(b, 0.5), 8.0),
        row("(2) list page", client::percentile(l, 0.5), 25.0),
    ])
}

pub fn print(rows: &[DemoRow]) {
    println!("| demo data (SQLite), 1 connection | p50 | ÷ `GET /healthz` p50 | target |");
    println!("|---|---:|---:|---|");
    for [name, p50, ratio, target] in rows {
        println!("| {name} | {p50} | {ratio} | {target} |");
    }
}
