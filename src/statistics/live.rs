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
//! A scope of the whole country is read region by region in the same
//! pass, so the nation and its 20 regions come from one computation (a
//! dashboard asking for both, or for a region after the nation, reads the
//! period once).
//! The cache itself, bounded by recency, is `statistics::cache`.

use super::cache::{Cache, Tally, Watch};
use super::figures::{Basis, Figures, Grouping, Scope};
use super::lanes::Lanes;
use crate::domain::changes::ChangeBus;
use sea_orm::{DatabaseConnection, DbErr};
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

/// Per-region figures of one scope, in region code order.
pub type ByRegion = std::collections::BTreeMap<String, Arc<Figures>>;

/// What one cached scope holds: its figures and, for a scope of the whole
/// country, those of each region, all from one read.
pub struct Computed {
    whole: Arc<Figures>,
    regions: Option<Arc<ByRegion>>,
}

impl Computed {
    fn nationally(basis: &Basis) -> Computed {
        Computed {
            whole: Arc::new(basis.whole()),
            regions: Some(Arc::new(
                basis
                    .by_region()
                    .into_iter()
                    .map(|(code, figures)| (code, Arc::new(figures)))
                    .collect(),
            )),
        }
    }

    fn in_region(basis: &Basis) -> Computed {
        Computed {
            whole: Arc::new(basis.whole()),
            regions: None,
        }
    }
}

#[derive(Clone)]
pub struct LiveFigures {
    db: DatabaseConnection,
    bus: ChangeBus,
    wake: watch::Receiver<u64>,
    cache: Arc<Cache<Scope, Computed>>,
    lanes: Lanes,
    tally: Arc<Tally>,
}

impl LiveFigures {
    /// Start following `bus`, with the default cache capacity.
    pub fn new(db: DatabaseConnection, bus: &ChangeBus) -> Self {
        LiveFigures::with_capacity(db, bus, super::cache::DEFAULT_CAPACITY)
    }

    /// Start following `bus`, caching at most `capacity` scopes besides
    /// those live subscriptions follow.
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
            lanes: Lanes::of(&db),
            db,
            bus: bus.clone(),
            wake,
            cache: Arc::new(Cache::counting(capacity, tally.clone())),
            tally,
        }
    }

    /// A receiver that wakes after each change.
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.wake.clone()
    }

    /// What `scope` holds as of the latest change. A scope of the whole
    /// country is read by region, which costs about what reading it whole
    /// does (the same pass over the period's participations, grouped
    /// finer) and answers its regions too; a region's scope is read alone.
    async fn computed(&self, scope: &Scope) -> Result<Arc<Computed>, DbErr> {
        let (by, derive): (_, fn(&Basis) -> Computed) = match scope.region {
            None => (Grouping::ByRegion, Computed::nationally),
            Some(_) => (Grouping::Whole, Computed::in_region),
        };
        let (db, owned, lanes) = (self.db.clone(), scope.clone(), self.lanes.clone());
        let read = async move { Basis::read(&db, &owned, by, &lanes).await };
        self.cache
            .get(scope, &self.db, &self.bus, read, derive)
            .await
    }

    /// The figures of `scope` as of the latest change: a region's from its
    /// country's scope when that is at hand.
    pub async fn figures(&self, scope: &Scope) -> Result<Arc<Figures>, DbErr> {
        if let Some(code) = &scope.region
            && self.is_warm_by_region(scope)
            && let Some(figures) = self.figures_by_region(scope).await?.get(code)
        {
            return Ok(figures.clone());
        }
        Ok(self.computed(scope).await?.whole.clone())
    }

    /// Whether the figures of `scope` are at hand without reading its
    /// period anew (what rate limits charge for is the reading).
    pub fn is_warm(&self, scope: &Scope) -> bool {
        self.cache.is_warm(scope, &self.bus)
            || (scope.region.is_some() && self.is_warm_by_region(scope))
    }

    /// Whether `figures_by_region(base)` is at hand without reading anew.
    pub fn is_warm_by_region(&self, base: &Scope) -> bool {
        self.cache.is_warm(&base.nationally(), &self.bus)
    }

    /// Keep the figures of `scope` cached while the guard lives: a live
    /// subscription follows them.
    pub fn watch(&self, scope: &Scope) -> Watch<Scope, Computed> {
        self.cache.watch(scope)
    }

    /// The figures of `base` (its region ignored) for every region, as of
    /// the latest change: the regions of the country's scope.
    pub async fn figures_by_region(&self, base: &Scope) -> Result<Arc<ByRegion>, DbErr> {
        let computed = self.computed(&base.nationally()).await?;
        computed
            .regions
            .clone()
            .ok_or_else(|| DbErr::Custom("a national scope without its regions".into()))
    }

    /// How often scopes were computed anew and caught up.
    pub fn tally(&self) -> Arc<Tally> {
        self.tally.clone()
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}
