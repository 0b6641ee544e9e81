//! The national data set: a register the size of Kazakhstan's National
//! Volunteer Network, for load tests, benchmarks and dashboards that need
//! realistic volumes (`frontoffice seed --scale national`).
//!
//! At scale 1 it holds 160,000 volunteers aged 7 to 74, spread over the 20
//! regions by population, with Kazakh and Russian names, a quarter of them
//! in families of two to six with children; registrations from 2016 to the
//! as-of day (1 November 2026), more every year. Ten years of events: about
//! 40 republican and international ones, 200 actions, and tens of thousands
//! of raids of «Жеңіс» and regional events, completed in the past, a few
//! cancelled, planned after the as-of day; the front offices (UNICEF
//! Kazakhstan partners every one), projects and partner organizations;
//! about 5 million participations with hours growing year on year, mostly
//! attended, some verified; beneficiaries served; about 2,000 international
//! exchanges in both directions. A smaller `scale` (0 < scale <= 1) shrinks
//! volunteers, raids, regional events, participations and exchanges in
//! proportion; the republican events and actions stay.
//!
//! How it is made: a fixed seed (the `rng` module) and fixed dates, never
//! the clock, so a scale always gives the same rows, on SQLite and on
//! PostgreSQL. People and events are generated first (see `people` and
//! `events`); participations are then made event by event in the order the
//! events start, obeying every rule of docs/domain.md by construction
//! (see `participations`), and streamed to the database as they are made, so
//! memory stays small. Rows go in bulk, in one transaction (see `bulk`):
//! `COPY` on PostgreSQL, multi-row `INSERT` on SQLite, with ids given
//! explicitly (PostgreSQL's identity sequences are moved past them after).
//! Loading refuses a database that holds any front office, volunteer or
//! event.

mod bulk;
mod calendar;
mod events;
mod exchanges;
mod participations;
mod people;
mod reference;
pub mod regions;
mod rows;
mod themes;

use crate::seed::demo::is_empty;
use bulk::Bulk;
pub use calendar::as_of;
use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr};
use std::time::Instant;

/// The seed of every draw; each part of the data set derives its own.
const SEED: u64 = 0x4E56_5320_2016_2026;

/// What a load wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub volunteers: u64,
    pub families: u64,
    pub events: u64,
    pub participations: u64,
    pub exchanges: u64,
}

/// Read a scale: `national` (1) or a fraction in (0, 1].
pub fn parse_scale(text: &str) -> Result<f64, String> {
    let scale = match text.trim() {
        "national" => 1.0,
        other => other.parse::<f64>().map_err(|_| {
            format!("`{other}` is not a scale: use `national` or a number in (0, 1]")
        })?,
    };
    valid_scale(scale)
}

fn valid_scale(scale: f64) -> Result<f64, String> {
    if scale.is_finite() && scale > 0.0 && scale <= 1.0 {
        Ok(scale)
    } else {
        Err(format!(
            "the scale must be above 0 and at most 1 (national), not {scale}"
        ))
    }
}

/// Load the national data set at `scale` into an empty database, in one
/// transaction: on any failure nothing is written.
pub async fn load(db: &DatabaseConnection, scale: f64) -> Result<Summary, DbErr> {
    valid_scale(scale).map_err(DbErr::Custom)?;
    if !is_empty(db).await? {
        return Err(DbErr::Custom(
            "the database already holds data; the national data set is loaded only into an empty database"
                .into(),
        ));
    }
    let total = (people::NATIONAL_VOLUNTEERS * scale).round().max(20.0) as usize;
    let people = people::generate(total, SEED ^ 0x0001);
    let events = events::generate(&people.pools(), scale, SEED ^ 0x0002);
    let exchanges = exchanges::generate(&people, &events, scale, SEED ^ 0x0003);

    let started = Instant::now();
    let mut bulk = Bulk::begin(db).await?;
    reference::write(&mut bulk).await?;
    rows::people(&mut bulk, &people, SEED ^ 0x0004).await?;
    rows::events(&mut bulk, &events).await?;
    tracing::info!(elapsed = ?started.elapsed(), volunteers = people.volunteers.len(), events = events.len(), "national data set: people and events written");
    let deferred = bulk.defer_indexes("participation").await?;
    let participations = rows::participations(&mut bulk, &people, &events, SEED ^ 0x0005).await?;
    tracing::info!(elapsed = ?started.elapsed(), participations, "national data set: participations written");
    bulk.restore(deferred).await?;
    tracing::info!(elapsed = ?started.elapsed(), "national data set: participations indexed");
    bulk.execute(crate::domain::ledger::SEEDED_ENTRIES).await?;
    tracing::info!(elapsed = ?started.elapsed(), "national data set: hours ledger written");
    rows::exchanges(&mut bulk, &exchanges).await?;
    let summary = Summary {
        volunteers: people.volunteers.len() as u64,
        families: people.families.len() as u64,
        events: events.len() as u64,
        participations,
        exchanges: exchanges.len() as u64,
    };
    audit(&mut bulk, scale, &summary).await?;
    if bulk.backend() == DatabaseBackend::Postgres {
        // Ids were given explicitly: move each identity past them, so the
        // API's inserts get fresh ones.
        for table in [
            "organization",
            "front_office",
            "project",
            "volunteer",
            "family",
            "event",
            "participation",
            "international_exchange",
        ] {
            bulk.execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
            ))
            .await?;
        }
    }
    bulk.commit().await?;
    tracing::info!(elapsed = ?started.elapsed(), "national data set: committed and analysed");
    Ok(summary)
}

/// The load is a write like any other: it is in the audit log.
async fn audit(bulk: &mut Bulk, scale: f64, s: &Summary) -> Result<(), DbErr> {
    let summary = format!(
        r#"{{"scale":{scale},"volunteers":{},"families":{},"events":{},"participations":{},"exchanges":{}}}"#,
        s.volunteers, s.families, s.events, s.participations, s.exchanges
    );
    let mut t = bulk
        .table(
            "audit_log",
            &[
                "at",
                "actor",
                "action",
                "entity",
                "entity_id",
                "summary",
                "request_id",
            ],
        )
        .await?;
    t.time(calendar::as_of_instant())
        .text(participations::VERIFIER)
        .text("seedNational")
        .text("database")
        .null()
        .text(&summary)
        .null();
    t.end_row().await?;
    t.finish().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse_scale;

    #[test]
    fn scales_are_national_or_a_fraction() {
        assert_eq!(parse_scale("national"), Ok(1.0));
        assert_eq!(parse_scale("0.001"), Ok(0.001));
        assert_eq!(parse_scale("1"), Ok(1.0));
        for bad in ["0", "-0.5", "1.5", "NaN", "inf", "half"] {
            assert!(parse_scale(bad).is_err(), "{bad}");
        }
    }
}
