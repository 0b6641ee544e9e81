//! Subscriptions: live statistics for dashboards and the live activity of
//! one event for the coordinator's screen.
//!
//! Each sends the current state at once, then again after changes that
//! alter it, at most once per configured interval (250 ms by default): a
//! burst of writes becomes one message. A subscriber that reads slowly
//! only ever has the latest state waiting (see `statistics::live`), so it
//! neither slows the others nor grows the server's memory.

use crate::graphql::access;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::EventLevel;
use crate::graphql::error::db_error;
use crate::graphql::events::{Event, event_by_id};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::scalars::Date;
use crate::graphql::statistics::{Statistics, scope};
use crate::statistics::Figures;
use async_graphql::{Context, ID, Result, SimpleObject, Subscription};
use entity::{ParticipationStatus, participation};
use futures_util::Stream;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::watch;

/// What changed at an event, for the coordinator's screen.
#[derive(SimpleObject, Clone, PartialEq)]
#[graphql(complex)]
pub struct EventActivity {
    #[graphql(skip)]
    pub event_id: i64,
    /// Volunteers checked in and not yet out.
    pub checked_in: i64,
    /// Participations attended (checked out, or hours logged).
    pub attended: i64,
    /// Registrations not cancelled.
    pub registered: i64,
}

#[async_graphql::ComplexObject]
impl EventActivity {
    /// The event.
    async fn event(&self, ctx: &Context<'_>) -> Result<Option<Event>> {
        event_by_id(ctx, self.event_id).await
    }
}

async fn activity(db: &sea_orm::DatabaseConnection, event_id: i64) -> Result<EventActivity> {
    let rows = participation::Entity::find()
        .filter(participation::Column::EventId.eq(event_id))
        .all(db)
        .await
        .map_err(db_error)?;
    let mut a = EventActivity {
        event_id,
        checked_in: 0,
        attended: 0,
        registered: 0,
    };
    for p in rows {
        if p.status != ParticipationStatus::Cancelled {
            a.registered += 1;
        }
        if p.status == ParticipationStatus::Attended {
            a.attended += 1;
        }
        if p.checked_in_at.is_some()
            && p.checked_out_at.is_none()
            && p.status == ParticipationStatus::Registered
        {
            a.checked_in += 1;
        }
    }
    Ok(a)
}

/// Wait for the next change, then until `interval` has passed since the
/// last message; false when the server is shutting down.
async fn next_turn(
    changes: &mut watch::Receiver<u64>,
    last: Instant,
    interval: std::time::Duration,
) -> bool {
    if changes.changed().await.is_err() {
        return false;
    }
    tokio::time::sleep(interval.saturating_sub(last.elapsed())).await;
    // Everything that happened while waiting is covered by this turn.
    changes.borrow_and_update();
    true
}

#[derive(Default)]
pub struct LiveSubscription;

/// Live updates, over the WebSocket at `/graphql/ws` (graphql-transport-ws).
#[Subscription(name = "Subscription")]
impl LiveSubscription {
    /// The `statistics` of the same arguments: the current figures at once,
    /// then again after every change that alters them (at most one message
    /// per interval, 250 ms by default). The scope stays cached while
    /// followed.
    #[graphql(complexity = "crate::graphql::statistics::SCOPE_COST + child_complexity")]
    async fn statistics_updated(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (included).")] from: Date,
        #[graphql(desc = "Last day (included).")] to: Date,
        #[graphql(desc = "Narrow to one region, e.g. `KZ-71`.")] region_code: Option<String>,
        #[graphql(desc = "Narrow to one project.")] project_id: Option<ID>,
        #[graphql(desc = "Narrow to one event level.")] level: Option<EventLevel>,
    ) -> Result<impl Stream<Item = Result<Statistics>> + use<>> {
        let scope = scope(from, to, region_code, project_id, level)?;
        crate::graphql::statistics::charge_cold(ctx, &[&scope])?;
        let live = ctx.live().clone();
        let watch = live.watch(&scope);
        let interval = ctx.live_settings().interval;
        let anonymous = !ctx.caller().is_signed_in();
        let min_group = ctx.live_settings().anonymous_min_group;
        let mut changes = live.changes();
        changes.borrow_and_update();
        let state = (changes, None::<Arc<Figures>>, Instant::now() - interval);
        Ok(futures_util::stream::unfold(
            state,
            move |(mut changes, last, sent)| {
                let (live, scope) = (live.clone(), scope.clone());
                // Owned by the stream: the scope leaves the watched ones
                // when the subscription ends.
                let _ = &watch;
                async move {
                    if last.is_some() && !next_turn(&mut changes, sent, interval).await {
                        return None;
                    }
                    loop {
                        let figures = match live.figures(&scope).await {
                            Ok(f) => f,
                            Err(err) => return Some((Err(db_error(err)), (changes, last, sent))),
                        };
                        if last.as_deref() != Some(&*figures) {
                            let message = Statistics::detached(
                                scope.clone(),
                                figures.clone(),
                                anonymous.then_some(min_group),
                            );
                            return Some((Ok(message), (changes, Some(figures), Instant::now())));
                        }
                        // Changed elsewhere, not here: wait for the next change.
                        if !next_turn(&mut changes, sent, interval).await {
                            return None;
                        }
                    }
                }
            },
        ))
    }

    /// Live check-ins and counts of one event: the current state at once,
    /// then again after each change (coalesced like `statisticsUpdated`).
    /// Signed-in callers only.
    async fn event_activity(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The event's id.")] event_id: ID,
    ) -> Result<impl Stream<Item = Result<EventActivity>> + use<>> {
        access::require_signed_in(ctx, crate::msg!("see-the-activity-of-events"))?;
        let event_id = ids::decode_int(&event_id, NodeType::Event, "eventId")?;
        let live = ctx.live().clone();
        let interval = ctx.live_settings().interval;
        let mut changes = live.changes();
        changes.borrow_and_update();
        let state = (changes, None::<EventActivity>, Instant::now() - interval);
        Ok(futures_util::stream::unfold(
            state,
            move |(mut changes, last, sent)| {
                let live = live.clone();
                async move {
                    if last.is_some() && !next_turn(&mut changes, sent, interval).await {
                        return None;
                    }
                    loop {
                        let now = match activity(live.db(), event_id).await {
                            Ok(a) => a,
                            Err(err) => return Some((Err(err), (changes, last, sent))),
                        };
                        if last.as_ref() != Some(&now) {
                            return Some((Ok(now.clone()), (changes, Some(now), Instant::now())));
                        }
                        if !next_turn(&mut changes, sent, interval).await {
                            return None;
                        }
                    }
                }
            },
        ))
    }
}
