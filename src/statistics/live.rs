//! Live figures for subscriptions.
//!
//! Every committed change (from this process or, on PostgreSQL, from the
//! others) wakes subscribers through a `watch` channel: one that is busy or
//! slow sees only the latest state, never a queue, so its memory stays
//! constant whatever the rate of writes. Figures are cached per scope and
//! change-bus version (bumped synchronously when a write announces its
//! change, so a query after a write never gets figures from before it):
//! many subscribers and dashboards of the same scope cost one computation
//! per change, not one each; and that computation only re-reads what the
//! change touched (`Basis::catch_up`).
//! The cache itself, bounded by recency, is `statistics::cache`.

use super::cache::{Cache, Tally, Watch};
use super::figures::{Basis, Figures, Grouping, Scope};
use crate::domain::changes::ChangeBus;
use sea_orm::{DatabaseConnection, DbErr};
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

/// Per-region figures of one scope, in region code order.
pub type ByRegion = std::collections::BTreeMap<String, Arc<Figures>>;

#[derive(Clone)]
pub struct LiveFigures {
    db: DatabaseConnection,
    bus: ChangeBus,
    wake: watch::Receiver<u64>,
    cache: Arc<Cache<Scope, Figures>>,
    by_region: Arc<Cache<Scope, ByRegion>>,
    tally: Arc<Tally>,
}

impl LiveFigures {
    /// Start following `bus`, with the default cache capacity.
    pub fn new(db: DatabaseConnection, bus: &ChangeBus) -> Self {
        LiveFigures::with_capacity(db, bus, super::cache::DEFAULT_CAPACITY)
    }

    /// Start following `bus`, caching at most `capacity` scopes of each
    /// kind besides those live subscriptions follow.
    pub fn with_capacity(db: DatabaseConnection, bus: &ChangeBus, capacity: u64) -> Self {
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
        let tally = Arc::new(Tally::default());
        LiveFigures {
            db,
            bus: bus.clone(),
            wake,
            cache: Arc::new(Cache::counting(capacity, tally.clone())),
            by_region: Arc::new(Cache::counting(capacity, tally.clone())),
            tally,
        }
    }

    /// A receiver that wakes after each change.
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.wake.clone()
    }

    /// The figures of `scope` as of the latest change.
    pub async fn figures(&self, scope: &Scope) -> Result<Arc<Figures>, DbErr> {
        let read = Basis::read(&self.db, scope, Grouping::Whole);
        self.cache
            .get(scope, &self.db, &self.bus, read, Basis::whole)
            .await
    }

    /// Whether the figures of `scope` are at hand without reading its
    /// period anew (what rate limits charge for is the reading).
    pub fn is_warm(&self, scope: &Scope) -> bool {
        self.cache.is_warm(scope, &self.bus)
    }

    /// Whether `figures_by_region(base)` is at hand without reading anew.
    pub fn is_warm_by_region(&self, base: &Scope) -> bool {
        self.by_region.is_warm(&base.nationally(), &self.bus)
    }

    /// Keep the figures of `scope` cached while the guard lives: a live
    /// subscription follows them.
    pub fn watch(&self, scope: &Scope) -> Watch<Scope, Figures> {
        self.cache.watch(scope)
    }

    /// The figures of `base` (its region ignored) for every region, as of
    /// the latest change: computed in one grouped pass, which also fills
    /// the cache of each region's own scope.
    pub async fn figures_by_region(&self, base: &Scope) -> Result<Arc<ByRegion>, DbErr> {
        let version = self.bus.version();
        let base = base.nationally();
        let read = Basis::read(&self.db, &base, Grouping::ByRegion);
        let derive = |basis: &Basis| {
            basis
                .by_region()
                .into_iter()
                .map(|(code, figures)| (code, Arc::new(figures)))
                .collect::<ByRegion>()
        };
        let all = self
            .by_region
            .get(&base, &self.db, &self.bus, read, derive)
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

    /// How often scopes were computed anew and caught up.
    pub fn tally(&self) -> Arc<Tally> {
        self.tally.clone()
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}
