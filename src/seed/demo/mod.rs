//! The demo data set: a small register a new user can explore at once.
//!
//! It is laid out around the moment it is loaded, so whenever that is the
//! register is alive: years of past events with hours and beneficiaries,
//! raids in every region earlier this year (so the public figures of the
//! year are shown, not hidden as too small), an event going on right now in
//! Astana and in Almaty with volunteers checked in and others waiting to
//! be, and events still to come. A fixed seed makes it deterministic for a
//! given moment: two loads at the same time hold the same rows.
//!
//! It respects every rule of docs/domain.md: minors volunteer with their
//! family's guardian attending, or alone only when 14 or older with a legal
//! representative on record; nobody under 18 is at an emergency, disaster
//! relief or hazardous event; hours fit between check-in and check-out
//! inside the event; one event a day per volunteer; capacities hold.

mod calendar;
mod events;
mod exchanges;
mod live_day;
mod organizations;
mod people;

use super::rng::Rng;
use calendar::Calendar;
use chrono::{DateTime, Utc};
use entity::{audit_log, event, front_office, volunteer};
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    NotSet, PaginatorTrait, TransactionTrait,
};

/// What the demo set holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub volunteers: usize,
    pub families: usize,
    pub events: usize,
    pub participations: usize,
    pub exchanges: usize,
}

const SEED: u64 = 0x004A_454E_4953_2015;

/// Is the database free of data (regions aside, which migrations ship)?
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(front_office::Entity::find().count(db).await? == 0
        && volunteer::Entity::find().count(db).await? == 0
        && event::Entity::find().count(db).await? == 0)
}

/// Load the demo data set, laid out around `now`, in one transaction.
pub async fn seed_demo(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<DemoSummary, DbErr> {
    let tx = db.begin().await?;
    let calendar = Calendar::new(now);
    let mut rng = Rng::new(SEED);
    let setting = organizations::seed(&tx).await?;
    let people = people::seed(&tx, &mut rng, &calendar).await?;
    let mut plan = events::Plan::new(&people.members, calendar);
    events::seed_years(&mut plan, &mut rng, &setting.projects);
    live_day::seed(&mut plan, &mut rng, &setting.projects);
    let (events, participations) = plan.insert(&tx).await?;
    tx.execute_unprepared(crate::domain::ledger::SEEDED_ENTRIES)
        .await?;
    let exchanges =
        exchanges::seed(&tx, &calendar, &people.members, &setting.organizations).await?;
    if tx.get_database_backend() == DatabaseBackend::Postgres {
        // Explicit ids leave identity sequences behind; move them on.
        for table in ["volunteer", "family", "event", "participation"] {
            tx.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    let summary = DemoSummary {
        volunteers: people.members.len(),
        families: people.families,
        events,
        participations,
        exchanges,
    };
    audit_log::ActiveModel {
        id: NotSet,
        at: Set(now),
        actor: Set("system:seed".into()),
        action: Set("seedDemo".into()),
        entity: Set("database".into()),
        entity_id: Set(None),
        summary: Set(serde_json::json!({
            "volunteers": summary.volunteers,
            "families": summary.families,
            "events": summary.events,
            "participations": summary.participations,
            "exchanges": summary.exchanges,
        })
        .to_string()),
        request_id: Set(None),
    }
    .insert(&tx)
    .await?;
    super::accounts::seed(&tx, now).await?;
    tx.commit().await?;
    Ok(summary)
}
