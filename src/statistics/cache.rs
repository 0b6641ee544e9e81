//! The cache of figures behind `statistics::live`: values per scope, each
//! valid for one change-bus version, with what they were computed from so
//! they catch up cheaply after any change the domain announces (`changed`):
//! only a change naming nothing, or too many changes at once, makes a
//! scope compute anew.
//!
//! The cache is bounded by recency (`moka`: a capacity in scopes, and
//! scopes unused for an hour are dropped), so a caller asking for many
//! distinct scopes costs a bounded amount of memory and, thanks to moka's
//! frequency-aware admission, does not push out the scopes that
//! dashboards ask for again and again. Scopes that live subscriptions
//! follow are held apart (`watch`) and are never evicted while watched.

use super::changed::Changed;
use super::figures::Basis;
use crate::domain::changes::ChangeBus;
use sea_orm::{DatabaseConnection, DbErr};
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Scopes kept when the setting says nothing; far above what the
/// dashboards of one network ask for.
pub const DEFAULT_CAPACITY: u64 = 10_000;

/// A scope nobody asked for in this long is dropped.
const TIME_TO_IDLE: Duration = Duration::from_secs(3600);

/// Basis entries (about 50 bytes each) a cache keeps to catch up cheaply;
/// a national year takes about 250,000. Scopes computed beyond the budget
/// keep only their figures and are recomputed after a change.
const MAX_BASIS_ENTRIES: usize = 2_000_000;

/// How often the scopes of a server were computed anew and caught up, for
/// `/metrics` (and tests, which check that changes are caught up).
#[derive(Debug, Default)]
pub struct Tally {
    anew: AtomicU64,
    caught_up: AtomicU64,
}

impl Tally {
    /// Scopes computed from their period's rows.
    pub fn anew(&self) -> u64 {
        self.anew.load(Ordering::Relaxed)
    }

    /// Scopes caught up with changes from their basis.
    pub fn caught_up(&self) -> u64 {
        self.caught_up.load(Ordering::Relaxed)
    }
}

/// A basis counted against the budget; dropping it (when its entry is
/// replaced, or its slot evicted and released) gives the budget back.
struct Held {
    basis: Basis,
    size: usize,
    budget: Arc<AtomicUsize>,
}

impl Drop for Held {
    fn drop(&mut self) {
        let size = self.size;
        let _ = self
            .budget
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |h| {
                Some(h.saturating_sub(size))
            });
    }
}

/// One cached value, the change-bus version it is valid for, and what it
/// was computed from (kept while the memory budget allows).
struct Entry<V> {
    version: u64,
    value: Arc<V>,
    basis: Option<Held>,
}

/// A cache slot; its lock makes concurrent askers of a missing or stale
/// value wait for one computation instead of each running their own.
type Slot<V> = Arc<tokio::sync::Mutex<Option<Entry<V>>>>;

/// Values by key, each valid for one version.
pub struct Cache<K, V> {
    slots: moka::sync::Cache<K, Slot<V>>,
    /// Slots of watched keys with their number of watchers: out of the
    /// recency cache's reach.
    watched: Mutex<HashMap<K, (Slot<V>, usize)>>,
    /// Entries held by the bases of all slots (see `MAX_BASIS_ENTRIES`).
    held: Arc<AtomicUsize>,
    tally: Arc<Tally>,
}

impl<K, V> Cache<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    /// A cache of at most `capacity` scopes besides the watched ones.
    pub fn new(capacity: u64) -> Self {
        Cache::counting(capacity, Arc::default())
    }

    /// `new`, counting its computations into `tally`.
    pub fn counting(capacity: u64, tally: Arc<Tally>) -> Self {
        Cache {
            slots: moka::sync::Cache::builder()
                .max_capacity(capacity)
                .time_to_idle(TIME_TO_IDLE)
                .build(),
            watched: Mutex::new(HashMap::new()),
            held: Arc::new(AtomicUsize::new(0)),
            tally,
        }
    }

    fn watched(&self) -> std::sync::MutexGuard<'_, HashMap<K, (Slot<V>, usize)>> {
        self.watched
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn slot(&self, key: &K) -> Slot<V> {
        if let Some((slot, _)) = self.watched().get(key) {
            return slot.clone();
        }
        self.slots.get_with_by_ref(key, Slot::default)
    }

    /// Keep `key` cached until the guard is dropped (a live subscription
    /// follows it).
    pub fn watch(self: &Arc<Self>, key: &K) -> Watch<K, V> {
        let slot = self.slot(key);
        self.watched()
            .entry(key.clone())
            .and_modify(|(_, n)| *n += 1)
            .or_insert((slot, 1));
        Watch {
            cache: self.clone(),
            key: key.clone(),
        }
    }

    fn unwatch(&self, key: &K) {
        let mut watched = self.watched();
        if let Some((slot, n)) = watched.get_mut(key) {
            *n -= 1;
            if *n == 0 {
                // Back among the others, as recently used.
                self.slots.insert(key.clone(), slot.clone());
                watched.remove(key);
            }
        }
    }

    /// Whether the value of `key` at the bus's current version is at hand
    /// without reading the period anew: cached at that version, being
    /// computed by someone else, or able to catch up from its basis.
    pub fn is_warm(&self, key: &K, bus: &ChangeBus) -> bool {
        let slot = match self.watched().get(key) {
            Some((slot, _)) => slot.clone(),
            None => match self.slots.get(key) {
                Some(slot) => slot,
                None => return false,
            },
        };
        let Ok(cached) = slot.try_lock() else {
            return true;
        };
        cached.as_ref().is_some_and(|entry| {
            entry.version == bus.version()
                || (entry.basis.is_some()
                    && bus
                        .changes_since(entry.version)
                        .and_then(|changes| Changed::of(&changes))
                        .is_some())
        })
    }

    /// The value of `key` at the bus's current version: cached, caught up
    /// from its basis when the changes since can be (`Changed::of`), or
    /// read anew by `read`; `derive` makes the value from a basis.
    ///
    /// Reading and catching up run in a task of their own, which finishes
    /// and stores its result even when the asker stops waiting (a request
    /// past its timeout, a client gone): a scope that takes longer than a
    /// request may wait is then at hand for the next asker instead of
    /// starting over for each. Askers of the same key meanwhile wait for
    /// that task (the slot's lock), not run their own.
    pub async fn get<R, D>(
        self: &Arc<Self>,
        key: &K,
        db: &DatabaseConnection,
        bus: &ChangeBus,
        read: R,
        derive: D,
    ) -> Result<Arc<V>, DbErr>
    where
        R: Future<Output = Result<Basis, DbErr>> + Send + 'static,
        D: Fn(&Basis) -> V + Send + 'static,
    {
        let slot = self.slot(key);
        if let Ok(cached) = slot.try_lock()
            && let Some(entry) = cached.as_ref()
            && entry.version == bus.version()
        {
            return Ok(entry.value.clone());
        }
        let (cache, db, bus) = (self.clone(), db.clone(), bus.clone());
        tokio::spawn(async move { cache.bring_up_to_date(slot, &db, &bus, read, derive).await })
            .await
            .map_err(|err| DbErr::Custom(format!("computing figures stopped: {err}")))?
    }

    /// `get`'s work on the key's slot, under its lock.
    async fn bring_up_to_date<R, D>(
        &self,
        slot: Slot<V>,
        db: &DatabaseConnection,
        bus: &ChangeBus,
        read: R,
        derive: D,
    ) -> Result<Arc<V>, DbErr>
    where
        R: Future<Output = Result<Basis, DbErr>>,
        D: Fn(&Basis) -> V,
    {
        let version = bus.version();
        let mut cached = slot.lock().await;
        if let Some(entry) = cached.as_mut() {
            if entry.version == version {
                return Ok(entry.value.clone());
            }
            let changed = bus
                .changes_since(entry.version)
                .and_then(|changes| Changed::of(&changes));
            if let (Some(held), Some(changed)) = (entry.basis.as_mut(), changed) {
                if let Err(err) = held.basis.catch_up(db, &changed).await {
                    // Half caught up is wrong: start over next time.
                    cached.take();
                    return Err(err);
                }
                entry.value = Arc::new(derive(&held.basis));
                entry.version = version;
                self.tally.caught_up.fetch_add(1, Ordering::Relaxed);
                return Ok(entry.value.clone());
            }
        }
        let basis = read.await?;
        self.tally.anew.fetch_add(1, Ordering::Relaxed);
        let value = Arc::new(derive(&basis));
        cached.take();
        let size = basis.size();
        let keep = self.held.fetch_add(size, Ordering::Relaxed) + size <= MAX_BASIS_ENTRIES;
        let basis = if keep {
            Some(Held {
                basis,
                size,
                budget: self.held.clone(),
            })
        } else {
            self.held.fetch_sub(size, Ordering::Relaxed);
            None
        };
        *cached = Some(Entry {
            version,
            value: value.clone(),
            basis,
        });
        Ok(value)
    }
}

/// A key kept cached while this lives (see `Cache::watch`).
pub struct Watch<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    cache: Arc<Cache<K, V>>,
    key: K,
}

impl<K, V> Drop for Watch<K, V>
where
    K: Hash + Eq + Clone + Send + Sync + 'static,
    V: Send + Sync + 'static,
{
    fn drop(&mut self) {
        self.cache.unwatch(&self.key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn many_keys_keep_the_cache_within_its_capacity_and_watched_keys_in_it() {
        let cache: Arc<Cache<u32, u32>> = Arc::new(Cache::new(10));
        let dashboard = cache.slot(&0);
        let watch = cache.watch(&0);
        for key in 1..=1_000 {
            cache.slot(&key);
        }
        cache.slots.run_pending_tasks();
        assert!(
            cache.slots.entry_count() <= 10,
            "{} scopes kept",
            cache.slots.entry_count()
        );
        assert!(
            Arc::ptr_eq(&dashboard, &cache.slot(&0)),
            "the watched slot stayed"
        );
        drop(watch);
        assert!(cache.watched().is_empty());
        assert!(
            Arc::ptr_eq(&dashboard, &cache.slot(&0)),
            "an unwatched slot goes back among the others"
        );
    }

    #[tokio::test]
    async fn a_computation_left_by_its_asker_is_kept_for_the_next() {
        let db = sea_orm::Database::connect("sqlite::memory:")
            .await
            .expect("an in-memory database");
        let bus = ChangeBus::new();
        let cache: Arc<Cache<u32, usize>> = Arc::new(Cache::new(10));
        let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).expect("a day");
        let scope = crate::statistics::Scope {
            from: day,
            to: day,
            region: None,
            project: None,
            level: None,
        };
        let (began, has_begun) = tokio::sync::oneshot::channel::<()>();
        let (finish, may_finish) = tokio::sync::oneshot::channel::<()>();
        let slow_read = async move {
            let _ = began.send(());
            let _ = may_finish.await;
            Ok(Basis::of_nothing(&scope))
        };
        let asker = tokio::spawn({
            let (cache, db, bus) = (cache.clone(), db.clone(), bus.clone());
            async move { cache.get(&1, &db, &bus, slow_read, Basis::size).await }
        });
        has_begun.await.expect("the read began");
        // The asker gives up (its request timed out) while the read runs.
        asker.abort();
        assert!(asker.await.is_err_and(|e| e.is_cancelled()));
        finish.send(()).expect("the read still runs");
        let must_not_read = async { Err(DbErr::Custom("read anew".into())) };
        let next = cache.get(&1, &db, &bus, must_not_read, Basis::size).await;
        assert_eq!(next.map(|v| *v).ok(), Some(0));
        assert_eq!(cache.tally.anew(), 1, "one computation in all");
    }

    #[test]
    fn two_watchers_of_one_key_keep_it_until_the_last_leaves() {
        let cache: Arc<Cache<u32, u32>> = Arc::new(Cache::new(10));
        let first = cache.watch(&7);
        let second = cache.watch(&7);
        drop(first);
        assert_eq!(cache.watched().get(&7).map(|(_, n)| *n), Some(1));
        drop(second);
        assert!(cache.watched().get(&7).is_none());
    }
}
