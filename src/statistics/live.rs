//! Live figures for subscriptions.
//!
//! Every committed change (from this process or, on PostgreSQL, from the
//! others) wakes subscribers through a `watch` channel: one that is busy or
//! slow sees only the latest state, never a queue, so its memory stays
//! constant whatever the rate of writes. Figures are cached per scope and
//! change-bus version (bumped synchronously when a write announces its
//! change, so a query after a write never gets figures from before it):
//! many subscribers and dashboards of the same scope cost one computation
//! per change, not one each.

use super::figures::{Figures, Scope, compute};
use crate::domain::changes::ChangeBus;
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

type Slot = Arc<tokio::sync::Mutex<Option<(u64, Arc<Figures>)>>>;

/// Scopes kept in the cache before it is cleared; far above what the
/// dashboards of one network subscribe to.
const MAX_SCOPES: usize = 10_000;

#[derive(Clone)]
pub struct LiveFigures {
    db: DatabaseConnection,
    bus: ChangeBus,
    wake: watch::Receiver<u64>,
    cache: Arc<Mutex<HashMap<Scope, Slot>>>,
}

impl LiveFigures {
    /// Start following `bus`.
    pub fn new(db: DatabaseConnection, bus: &ChangeBus) -> Self {
        let (tx, wake) = watch::channel(0u64);
        let mut changes = bus.subscribe();
        tokio::spawn(async move {
            loop {
                match changes.recv().await {
                    Ok(_) | Err(RecvError::Lagged(_)) => tx.send_modify(|v| *v += 1),
                    Err(RecvError::Closed) => return,
                }
                if tx.is_closed() {
                    return;
                }
            }
        });
        LiveFigures {
            db,
            bus: bus.clone(),
            wake,
            cache: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// A receiver that wakes after each change.
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.wake.clone()
    }

    /// The figures of `scope` as of the latest change.
    pub async fn figures(&self, scope: &Scope) -> Result<Arc<Figures>, DbErr> {
        let version = self.bus.version();
        let slot = {
            let mut cache = self
                .cache
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if cache.len() > MAX_SCOPES {
                cache.clear();
            }
            cache.entry(scope.clone()).or_default().clone()
        };
        let mut cached = slot.lock().await;
        if let Some((v, figures)) = cached.as_ref()
            && *v == version
        {
            return Ok(figures.clone());
        }
        let figures = Arc::new(compute(&self.db, scope).await?);
        *cached = Some((version, figures.clone()));
        Ok(figures)
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}
