//! Scenario 5's floor on SQLite. pgbench speaks only to PostgreSQL, so the
//! floor's two statements per write (the participation's UPDATE and the
//! audit INSERT, in one transaction, as `scenarios/check_in.sql` and
//! `check_out.sql` have them) are sent here through the driver the server
//! uses (sqlx, through SeaORM) to the same file, with as many connections
//! as the server's load has requests in flight.

use chrono::{Duration as Days, Utc};
use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
    TransactionTrait, Value,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const CHECK_IN: &str = "UPDATE participation SET checked_in_at = ?, checked_out_at = NULL, \
     minutes = NULL, minutes_source = NULL, status = 'REGISTERED' WHERE id = ?";
const CHECK_OUT: &str = "UPDATE participation SET checked_in_at = coalesce(checked_in_at, ?), \
     checked_out_at = ?, minutes = 20, minutes_source = 'ATTENDANCE', status = 'ATTENDED' \
     WHERE id = ?";
const AUDIT: &str = "INSERT INTO audit_log (at, actor, action, entity, entity_id, summary) \
     VALUES (?, 'benchmark', ?, 'participation', ?, ?)";

/// The floor's event on the SQLite file: participations `lo..=hi`.
pub struct SqliteFloor {
    db: DatabaseConnection,
    lo: u64,
    hi: u64,
}

impl SqliteFloor {
    pub async fn open(url: &str, connections: usize, lo: u64, hi: u64) -> Result<Self, String> {
        let mut options = ConnectOptions::new(url.to_owned());
        options
            .max_connections(connections.max(1) as u32)
            .sqlx_logging(false);
        let db = Database::connect(options)
            .await
            .map_err(|e| e.to_string())?;
        Ok(SqliteFloor { db, lo, hi })
    }

    /// Write number `n`: a check-in when even, a check-out when odd, of a
    /// participation spread over the event's by a fixed stride.
    async fn write(&self, n: usize) -> Result<(), DbErr> {
        let span = self.hi - self.lo + 1;
        let id = (self.lo + (n as u64 / 2).wrapping_mul(7_919) % span) as i64;
        let now = Utc::now();
        let before = now - Days::minutes(20);
        let (update, values, action, summary): (&str, Vec<Value>, &str, &str) =
            if n.is_multiple_of(2) {
                (
                    CHECK_IN,
                    vec![before.into(), id.into()],
                    "checkIn",
                    "checked in",
                )
            } else {
                (
                    CHECK_OUT,
                    vec![before.into(), now.into(), id.into()],
                    "checkOut",
                    "checked out",
                )
            };
        let tx = self.db.begin().await?;
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            update,
            values,
        ))
        .await?;
        tx.execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            AUDIT,
            [
                now.into(),
                action.into(),
                id.to_string().into(),
                summary.into(),
            ],
        ))
        .await?;
        tx.commit().await
    }

    /// `count` writes one after the other: each one's latency.
    pub async fn alone(&self, count: usize) -> Result<Vec<Duration>, String> {
        let mut latencies = Vec::with_capacity(count);
        for n in 0..count {
            let sent = Instant::now();
            self.write(n).await.map_err(|e| e.to_string())?;
            latencies.push(sent.elapsed());
        }
        Ok(latencies)
    }

    /// Writes per second with `in_flight` of them at a time for `seconds`.
    pub async fn rate(self: &Arc<Self>, in_flight: usize, seconds: f64) -> Result<f64, String> {
        let next = Arc::new(AtomicUsize::new(0));
        let until = Instant::now() + Duration::from_secs_f64(seconds);
        let started = Instant::now();
        let workers: Vec<_> = (0..in_flight)
            .map(|_| {
                let (floor, next) = (self.clone(), next.clone());
                tokio::spawn(async move {
                    let mut done = 0usize;
                    while Instant::now() < until {
                        floor
                            .write(next.fetch_add(1, Ordering::Relaxed))
                            .await
                            .map_err(|e| e.to_string())?;
                        done += 1;
                    }
                    Ok::<usize, String>(done)
                })
            })
            .collect();
        let mut done = 0;
        for worker in workers {
            done += worker.await.map_err(|e| e.to_string())??;
        }
        Ok(done as f64 / started.elapsed().as_secs_f64())
    }
}
