//! Live figures for subscriptions.
//!
//! Every committed change (from this process or, on PostgreSQL, from the
//! others) wakes subscribers through a `watch` channel: one that is busy or
//! slow sees only the latest state, never a queue, so its memory stays
//! constant whatever the rate of writes. Figures are cached per scope and
//! change-bus version (bumped synchronously when a write announces its
//! change, so a query after a write never gets figures from before it):
//! many subscribers and dashboards of the same scope cost one computation
//! per change, not one each; and when the change was to participations,
//! that computation only re-reads the volunteers concerned (`Basis`).

use super::figures::{Basis, Figures, Grouping, Scope};
use crate::domain::changes::{Change, ChangeBus, Subject};
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::watch;

/// Per-region figures of one scope, in region code order.
pub type ByRegion = std::collections::BTreeMap<String, Arc<Figures>>;

/// One cached value, the change-bus version it is valid for, and what it
/// was computed from (kept while the memory budget allows).
struct Entry<V> {
    version: u64,
    value: Arc<V>,
    basis: Option<Basis>,
}

/// A cache slot; its lock makes concurrent askers of a missing or stale
/// value wait for one computation instead of each running their own.
type Slot<V> = Arc<tokio::sync::Mutex<Option<Entry<V>>>>;

/// Values by key, each valid for one version.
struct Cache<K, V> {
    slots: Mutex<HashMap<K, Slot<V>>>,
    /// Entries held by the bases of all slots (see `MAX_BASIS_ENTRIES`).
    held: AtomicUsize,
}

/// Scopes kept in the cache before it is cleared; far above what the
/// dashboards of one network subscribe to.
const MAX_SCOPES: usize = 10_000;

/// Basis entries (about 50 bytes each) a cache keeps to catch up cheaply;
/// a national year takes about 250,000. Scopes computed beyond the budget
/// keep only their figures and are recomputed after a change.
const MAX_BASIS_ENTRIES: usize = 2_000_000;

/// Changes of more participations than this are caught up by computing
/// anew. Re-reading a volunteer reads their few dozen participations, a
/// national year about a million: below this many it is much the cheaper
/// (a burst of 2,000 check-outs caught up in one go costs tens of
/// milliseconds), and it keeps statement parameters far from the
/// backends' limits.
const MAX_REFRESHED: usize = 5_000;

/// The participations that changed, when nothing else did.
fn participations_only(changes: &[Change]) -> Option<Vec<i64>> {
    let ids: Vec<i64> = changes
        .iter()
        .map(|c| (c.subject == Subject::Participation).then_some(c.id))
        .collect::<Option<_>>()?;
    (ids.len() <= MAX_REFRESHED).then_some(ids)
}

impl<K: std::hash::Hash + Eq + Clone, V> Cache<K, V> {
    fn new() -> Self {
        Cache {
            slots: Mutex::new(HashMap::new()),
            held: AtomicUsize::new(0),
        }
    }

    fn slot(&self, key: &K) -> Slot<V> {
        let mut map = self
            .slots
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if map.len() > MAX_SCOPES {
            map.clear();
            self.held.store(0, Ordering::Relaxed);
        }
        map.entry(key.clone()).or_default().clone()
    }

    /// The value of `key` at the bus's current version: cached, caught up
    /// from its basis when only participations changed since, or read
    /// anew by `read`; `derive` makes the value from a basis.
    async fn get<R>(
        &self,
        key: &K,
        live: &LiveFigures,
        read: R,
        derive: impl Fn(&Basis) -> V,
    ) -> Result<Arc<V>, DbErr>
    where
        R: Future<Output = Result<Basis, DbErr>>,
    {
        let version = live.bus.version();
        let slot = self.slot(key);
        let mut cached = slot.lock().await;
        if let Some(entry) = cached.as_mut() {
            if entry.version == version {
                return Ok(entry.value.clone());
            }
            let changed = live
                .bus
                .changes_since(entry.version)
                .and_then(|changes| participations_only(&changes));
            if let (Some(basis), Some(participations)) = (entry.basis.as_mut(), changed) {
                if let Err(err) = basis.catch_up(&live.db, &participations).await {
                    // Half caught up is wrong: start over next time.
                    self.release(cached.take());
                    return Err(err);
                }
                entry.value = Arc::new(derive(basis));
                entry.version = version;
                return Ok(entry.value.clone());
            }
        }
        let basis = read.await?;
        let value = Arc::new(derive(&basis));
        let size = basis.size();
        self.release(cached.take());
        let keep = self.held.fetch_add(size, Ordering::Relaxed) + size <= MAX_BASIS_ENTRIES;
        if !keep {
            self.held.fetch_sub(size, Ordering::Relaxed);
        }
        *cached = Some(Entry {
            version,
            value: value.clone(),
            basis: keep.then_some(basis),
        });
        Ok(value)
    }

    /// Give back the budget of an entry being dropped.
    fn release(&self, entry: Option<Entry<V>>) {
        if let Some(basis) = entry.and_then(|e| e.basis) {
            let size = basis.size();
            let _ = self
                .held
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |h| {
                    Some(h.saturating_sub(size))
                });
        }
    }

    /// Store a value computed elsewhere, unless someone is computing it.
    fn offer(&self, key: &K, version: u64, value: Arc<V>) {
        if let Ok(mut cached) = self.slot(key).try_lock()
            && cached.as_ref().is_none_or(|e| e.version < version)
        {
            self.release(cached.take());
            *cached = Some(Entry {
                version,
                value,
                basis: None,
            });
        }
    }
}

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
        let read = Basis::read(&self.db, scope, Grouping::Whole);
        self.cache.get(scope, self, read, Basis::whole).await
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
        let all = self.by_region.get(&base, self, read, derive).await?;
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
