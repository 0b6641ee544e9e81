//! The load generator: one GraphQL endpoint (frontoffice or PostGraphile),
//! requests one at a time for latency, and a fixed time with a number of
//! requests in flight for throughput.

use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Where a server answers GraphQL, and the process serving it.
#[derive(Clone)]
pub struct Endpoint {
    pub url: String,
    pub token: Option<String>,
    pub client: reqwest::Client,
    pub pid: u32,
}

impl Endpoint {
    pub fn new(url: String, token: Option<String>, pid: u32) -> Result<Endpoint, String> {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(256)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Endpoint {
            url,
            token,
            client,
            pid,
        })
    }

    /// The answer's `data`; any error in the answer fails the run.
    pub async fn post(&self, query: &str, variables: &Value) -> Result<Value, String> {
        crate::common::graphql(
            &self.client,
            &self.url,
            self.token.as_deref(),
            query,
            variables,
        )
        .await
        .map_err(|errors| format!("{}: {errors}", self.url))
    }
}

/// The request number `i` of a run: its query and variables.
pub type Requests = Arc<dyn Fn(usize) -> (&'static str, Value) + Send + Sync>;

/// `count` requests one after the other: each one's latency.
pub async fn alone(
    endpoint: &Endpoint,
    count: usize,
    requests: &Requests,
) -> Result<Vec<Duration>, String> {
    let mut latencies = Vec::with_capacity(count);
    for i in 0..count {
        let (query, variables) = requests(i);
        let sent = Instant::now();
        endpoint.post(query, &variables).await?;
        latencies.push(sent.elapsed());
    }
    Ok(latencies)
}

/// What a run with requests in flight did.
pub struct Burst {
    pub completed: usize,
    pub wall: Duration,
    /// Each request's latency (kept by `each` only).
    pub latencies: Vec<Duration>,
}

impl Burst {
    pub fn per_second(&self) -> f64 {
        self.completed as f64 / self.wall.as_secs_f64()
    }
}

/// `in_flight` requests at all times for `seconds` (each worker sends its
/// next request when its last is answered, none after the time is up).
pub async fn burst(
    endpoint: &Endpoint,
    seconds: f64,
    in_flight: usize,
    requests: &Requests,
) -> Result<Burst, String> {
    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let workers: Vec<_> = (0..in_flight)
        .map(|_| {
            let (endpoint, next, requests) = (endpoint.clone(), next.clone(), requests.clone());
            tokio::spawn(async move {
                let mut completed = 0;
                while Instant::now() < deadline {
                    let (query, variables) = requests(next.fetch_add(1, Ordering::Relaxed));
                    endpoint.post(query, &variables).await?;
                    completed += 1;
                }
                Ok::<usize, String>(completed)
            })
        })
        .collect();
    let mut completed = 0;
    for worker in workers {
        completed += worker.await.map_err(|e| e.to_string())??;
    }
    Ok(Burst {
        completed,
        wall: started.elapsed(),
        latencies: Vec::new(),
    })
}

/// The same query for every item of `items` (a variable each), `in_flight`
/// at a time, until all are done: for writes, where each item is written
/// once.
pub async fn each(
    endpoint: &Endpoint,
    in_flight: usize,
    items: Vec<(&'static str, Value)>,
) -> Result<Burst, String> {
    use futures_util::{StreamExt, stream};
    let started = Instant::now();
    let count = items.len();
    let results: Vec<Result<Duration, String>> = stream::iter(items)
        .map(|(query, variables)| {
            let endpoint = endpoint.clone();
            async move {
                let sent = Instant::now();
                endpoint.post(query, &variables).await?;
                Ok(sent.elapsed())
            }
        })
        .buffer_unordered(in_flight)
        .collect()
        .await;
    let wall = started.elapsed();
    Ok(Burst {
        completed: count,
        wall,
        latencies: results.into_iter().collect::<Result<_, _>>()?,
    })
}

pub fn percentile(latencies: &mut [Duration], p: f64) -> f64 {
    if latencies.is_empty() {
        return f64::NAN;
    }
    latencies.sort();
    let at = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
    latencies[at].as_secs_f64() * 1000.0
}
