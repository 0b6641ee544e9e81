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

use super::figures::{Figures, Scope, compute, compute_by_region};
use crate::domain::changes::ChangeBus;
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

/// One cached value and the change-bus version it was computed at; its
/// lock makes concurrent askers of a missing value wait for one
/// computation instead of each running their own.
type Slot<V> = Arc<tokio::sync::Mutex<Option<(u64, Arc<V>)>>>;

/// Per-region figures of one scope, in region code order.
pub type ByRegion = std::collections::BTreeMap<String, Arc<Figures>>;

/// Values by key, each valid for one version.
struct Cache<K, V>(Mutex<HashMap<K, Slot<V>>>);

impl<K: std::hash::Hash + Eq + Clone, V> Cache<K, V> {
    fn new() -> Self {
        Cache(Mutex::new(HashMap::new()))
    }

    fn slot(&self, key: &K) -> Slot<V> {
        let mut map = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() > MAX_SCOPES {
            map.clear();
        }
        map.entry(key.clone()).or_default().clone()
    }

    async fn get_or_compute<F>(&self, key: &K, version: u64, compute: F) -> Result<Arc<V>, DbErr>
    where
        F: Future<Output = Result<V, DbErr>>,
    {
        let slot = self.slot(key);
        let mut cached = slot.lock().await;
        if let Some((v, value)) = cached.as_ref()
            && *v == version
        {
            return Ok(value.clone());
        }
        let value = Arc::new(compute.await?);
        *cached = Some((version, value.clone()));
        Ok(value)
    }

    /// Store a value computed elsewhere, unless someone is computing it.
    fn offer(&self, key: &K, version: u64, value: Arc<V>) {
        if let Ok(mut cached) = self.slot(key).try_lock()
            && cached.as_ref().is_none_or(|(v, _)| *v < version)
        {
            *cached = Some((version, value));
        }
    }
}

/// Scopes kept in the cache before it is cleared; far above what the
/// dashboards of one network subscribe to.
const MAX_SCOPES: usize = 10_000;

#[derive(Clone)]
pub struct LiveFigures {
    db: DatabaseConnection,
    bus: ChangeBus,
    wake: watch::Receiver<u64>,
    cache: Arc<Cache<Scope, Figures>>,
    by_region: Arc<Cache<Scope, ByRegion>>,
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
            cache: Arc::new(Cache::new()),
            by_region: Arc::new(Cache::new()),
        }
    }

    /// A receiver that wakes after each change.
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.wake.clone()
    }

    /// The figures of `scope` as of the latest change.
    pub async fn figures(&self, scope: &Scope) -> Result<Arc<Figures>, DbErr> {
        let version = self.bus.version();
        self.cache
            .get_or_compute(scope, version, compute(&self.db, scope))
            .await
    }

    /// The figures of `base` (its region ignored) for every region, as of
    /// the latest change: computed in one grouped pass, which also fills
    /// the cache of each region's own scope.
    pub async fn figures_by_region(&self, base: &Scope) -> Result<Arc<ByRegion>, DbErr> {
        let version = self.bus.version();
        let base = Scope {
            region: None,
            ..base.clone()
        };
        let computed = async {
            let all = compute_by_region(&self.db, &base, &entity::region::CODES).await?;
            Ok(all
                .into_iter()
                .map(|(code, figures)| (code, Arc::new(figures)))
                .collect::<ByRegion>())
        };
        let all = self
            .by_region
            .get_or_compute(&base, version, computed)
            .await?;
        for (code, figures) in all.iter() {
            let scope = Scope {
                region: Some(code.clone()),
                ..base.clone()
            };
            self.cache.offer(&scope, version, figures.clone());
        }
        Ok(all)
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}
