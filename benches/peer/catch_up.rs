//! Scenario 9: a dashboard watching this year's national figures, and how
//! long after a write's answer the new figures reach it. Two writes that
//! change cached figures: a volunteer registered (`registeredVolunteers`
//! one more) and an event under way with attended participations
//! cancelled (`events` one fewer, its minutes gone). Each sample waits out
//! the server's coalescing interval first, so it measures catching up and
//! delivery, not the deliberate delay. frontoffice only: PostGraphile has
//! no such subscription, and the floor would be a recomputation.

use crate::common::{LIVE_INTERVAL, Server, adults, event_under_way, subscriber};
use crate::report::{Against, Better, Row, Target, figures};
use crate::sides::{FO, SQ, Sides};
use crate::{Args, client};
use chrono::{Datelike, Duration as Days, Utc};
use futures_util::StreamExt;
use serde_json::{Value, json};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// The dashboard's subscription.
const WATCH: &str = "subscription($from: Date!, $to: Date!) { statisticsUpdated(from: $from, to: $to) { registeredVolunteers events minutes } }";

/// Volunteers this scenario registers carry this Latin name, so that a
/// later run on the same database can remove them.
pub const LATIN_NAME: &str = "Benchmark Catch-up";

/// Longest wait for the figures a write should bring.
const PATIENCE: Duration = Duration::from_secs(30);

/// The figures the dashboard shows.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Shown {
    registered: i64,
    events: i64,
    minutes: i64,
}

fn shown(message: &str) -> Option<Shown> {
    let message: Value = serde_json::from_str(message).ok()?;
    if message["type"] != "next" {
        return None;
    }
    let figures = &message["payload"]["data"]["statisticsUpdated"];
    Some(Shown {
        registered: figures["registeredVolunteers"].as_i64()?,
        events: figures["events"].as_i64()?,
        minutes: figures["minutes"].as_i64()?,
    })
}

/// The dashboard: its socket and the figures it shows now.
struct Dashboard {
    socket: crate::common::Socket,
    now: Shown,
}

impl Dashboard {
    async fn open(server: &Server) -> Result<Dashboard, String> {
        let year = Utc::now().year();
        let variables = json!({ "from": format!("{year}-01-01"), "to": format!("{year}-12-31") });
        let mut socket = subscriber(server, WATCH, &variables).await?;
        // The subscriber has taken the first message; the figures come from
        // a query of the same scope.
        let now = server
            .post(
                "query($from: Date!, $to: Date!) { statistics(from: $from, to: $to) { registeredVolunteers events minutes } }",
                &variables,
            )
            .await?;
        let s = &now["statistics"];
        let now = Shown {
            registered: s["registeredVolunteers"].as_i64().ok_or("no figures")?,
            events: s["events"].as_i64().ok_or("no figures")?,
            minutes: s["minutes"].as_i64().ok_or("no figures")?,
        };
        // Let anything still in flight arrive before the first sample.
        while let Ok(Some(message)) = tokio::time::timeout(LIVE_INTERVAL * 2, socket.next()).await {
            message.map_err(|e| e.to_string())?;
        }
        Ok(Dashboard { socket, now })
    }

    /// Time from now until the dashboard shows figures `expected` accepts.
    async fn until(&mut self, expected: impl Fn(Shown, Shown) -> bool) -> Result<Duration, String> {
        let since = Instant::now();
        loop {
            let message = tokio::time::timeout(PATIENCE, self.socket.next())
                .await
                .map_err(|_| "the dashboard did not get the new figures in 30 s")?
                .ok_or("the subscription ended")?
                .map_err(|e| e.to_string())?;
            if let Message::Text(text) = message
                && let Some(figures) = shown(&text)
            {
                if expected(self.now, figures) {
                    self.now = figures;
                    return Ok(since.elapsed());
                }
                self.now = figures;
            }
        }
    }
}

/// The attended participations of `samples` events under way, each with two
/// volunteers from `people`: the events to cancel.
async fn events_to_cancel(
    server: &Arc<Server>,
    people: &[String],
    samples: usize,
) -> Result<Vec<String>, String> {
    let mut events = Vec::new();
    for (i, pair) in people.chunks(2).take(samples).enumerate() {
        let (event, participations) =
            event_under_way(server, pair, &format!("Benchmark: catch-up, event {i}")).await?;
        if participations.is_empty() {
            return Err(format!("nobody could register for catch-up event {i}"));
        }
        for id in &participations {
            for (mutation, minutes_ago) in [("checkIn", 20), ("checkOut", 1)] {
                let at = (Utc::now() - Days::minutes(minutes_ago)).to_rfc3339();
                server
                    .post(
                        &format!("mutation($input: AttendanceInput!) {{ {mutation}(input: $input) {{ participation {{ id }} }} }}"),
                        &json!({ "input": { "participationId": id, "at": at } }),
                    )
                    .await?;
            }
        }
        events.push(event);
    }
    Ok(events)
}

/// Registrations and cancellations on one frontoffice server, alternating:
/// each one's time from the write's answer to the dashboard's new figures.
async fn samples(
    server: &Arc<Server>,
    people: &[String],
    samples: usize,
) -> Result<(Vec<Duration>, Vec<Duration>), String> {
    let events = events_to_cancel(server, people, samples).await?;
    let mut dashboard = Dashboard::open(server).await?;
    let (mut registered, mut cancelled) = (Vec::new(), Vec::new());
    for event in &events {
        tokio::time::sleep(LIVE_INTERVAL + Duration::from_millis(50)).await;
        server
            .post(
                "mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { volunteer { id } } }",
                &json!({ "input": {
                    "fullName": "Бенчмарк Тіркеу", "latinName": LATIN_NAME,
                    "birthDate": "1990-05-01", "regionCode": "KZ-75",
                } }),
            )
            .await?;
        registered.push(
            dashboard
                .until(|was, now| now.registered == was.registered + 1)
                .await?,
        );
        tokio::time::sleep(LIVE_INTERVAL + Duration::from_millis(50)).await;
        server
            .post(
                "mutation($input: EventStatusInput!) { cancelEvent(input: $input) { event { id } } }",
                &json!({ "input": { "eventId": event } }),
            )
            .await?;
        cancelled.push(
            dashboard
                .until(|was, now| now.events == was.events - 1 && now.minutes < was.minutes)
                .await?,
        );
    }
    Ok((registered, cancelled))
}

/// The scenario on frontoffice (and on SQLite with `--sqlite`); the
/// volunteers of its events are taken after those the writes scenario
/// uses, so that nobody is busy elsewhere at the time.
pub async fn run(sides: &Sides, args: &Args) -> Result<Vec<Row>, String> {
    let skip = (2 * args.rounds + 1) * args.attendances;
    let mut times: [Option<(Vec<Duration>, Vec<Duration>)>; 4] = Default::default();
    for side in [FO, SQ] {
        if side == SQ && sides.sqlite.is_none() {
            continue;
        }
        let server = sides.frontoffice_of(side);
        let people = adults(server, skip + 2 * args.catch_up).await?;
        let people = people.get(skip..).ok_or("too few volunteers")?;
        times[side] = Some(samples(server, people, args.catch_up).await?);
    }
    let quantile = |side: usize, cancellation: bool, p: f64| {
        times[side].as_ref().map(|(r, c)| {
            let mut list = if cancellation { c.clone() } else { r.clone() };
            client::percentile(&mut list, p)
        })
    };
    let target = Some(Target {
        of: Against::Value,
        times: 100.0,
    });
    let n = args.catch_up;
    let mut rows = Vec::new();
    for (what, cancellation) in [
        ("a volunteer registered", false),
        ("an event with attended participations cancelled", true),
    ] {
        for (p, name) in [(0.5, "p50"), (0.99, "p99")] {
            rows.push(figures(
                &format!(
                    "(9) {what}: from the write's answer to a dashboard of this year's national figures showing it — {name} of {n}"
                ),
                " ms",
                Better::Lower,
                [
                    quantile(FO, cancellation, p),
                    None,
                    None,
                    quantile(SQ, cancellation, p),
                ],
                (p > 0.9).then_some(target).flatten(),
            ));
        }
    }
    Ok(rows)
}
