//! Batching the loaders' keys without a timer.
//!
//! A page of results asks for its relations item by item; the executor
//! polls every item of a page in one go, so the keys of one *wave* (the
//! regions of 100 volunteers, say) are asked for together. The first key
//! of a batch starts a dispatcher task, which yields to the runtime before
//! it takes the batch, again as long as a turn brought more keys: every
//! task able to run — the rest of this wave, and the waves of other
//! requests in flight — adds its keys first, and then one statement
//! answers them all. A fixed delay (async-graphql's `DataLoader` waits one
//! out on every level of nesting) costs each level its length even when
//! nothing else is coming; yielding costs microseconds and still lets
//! concurrent requests share statements.
//!
//! The keys and the statements are the `Loader` impls of `loaders`,
//! unchanged: this is only the dispatcher in front of them.

use async_graphql::dataloader::Loader;
use std::any::{Any, TypeId};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;
use std::sync::{Arc, Mutex, MutexGuard};
use tokio::sync::oneshot;

/// Most keys one statement asks for; a larger batch is split.
const MOST_KEYS: usize = 1_000;

/// What a batch's statement answers each of its waiters.
type Answer<K, V, E> = Result<Arc<HashMap<K, V>>, E>;

/// The keys asked for one type and not yet dispatched.
struct Batch<K, V, E> {
    keys: HashSet<K>,
    waiters: Vec<oneshot::Sender<Answer<K, V, E>>>,
}

impl<K, V, E> Default for Batch<K, V, E> {
    fn default() -> Self {
        Batch {
            keys: HashSet::new(),
            waiters: Vec::new(),
        }
    }
}

struct Inner<T> {
    loader: T,
    /// One `Batch` per key type, by the key's type.
    batches: Mutex<HashMap<TypeId, Box<dyn Any + Send>>>,
}

/// The batching front of a loader, shared by every request of a server.
pub struct Batcher<T> {
    inner: Arc<Inner<T>>,
}

impl<T> Clone for Batcher<T> {
    fn clone(&self) -> Self {
        Batcher {
            inner: self.inner.clone(),
        }
    }
}

impl<T: Send + Sync + 'static> Batcher<T> {
    pub fn new(loader: T) -> Self {
        Batcher {
            inner: Arc::new(Inner {
                loader,
                batches: Mutex::new(HashMap::new()),
            }),
        }
    }

    /// The value of `key`, if there is one.
    pub async fn load_one<K>(&self, key: K) -> Result<Option<T::Value>, T::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        T: Loader<K>,
    {
        let answer = self.ask(std::iter::once(key.clone())).await?;
        Ok(answer.get(&key).cloned())
    }

    /// The values of those of `keys` that have one.
    pub async fn load_many<K, I>(&self, keys: I) -> Result<HashMap<K, T::Value>, T::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        I: IntoIterator<Item = K>,
        T: Loader<K>,
    {
        let keys: Vec<K> = keys.into_iter().collect();
        if keys.is_empty() {
            return Ok(HashMap::new());
        }
        let answer = self.ask(keys.iter().cloned()).await?;
        Ok(keys
            .into_iter()
            .filter_map(|k| {
                let value = answer.get(&k).cloned()?;
                Some((k, value))
            })
            .collect())
    }

    /// Add `keys` to their type's batch, and wait for its answer.
    async fn ask<K>(
        &self,
        keys: impl Iterator<Item = K>,
    ) -> Result<Arc<HashMap<K, T::Value>>, T::Error>
    where
        K: Send + Sync + Hash + Eq + Clone + 'static,
        T: Loader<K>,
    {
        let (tx, rx) = oneshot::channel();
        let first = {
            let mut batches = lock(&self.inner.batches);
            let batch = batches
                .entry(TypeId::of::<K>())
                .or_insert_with(|| Box::new(Batch::<K, T::Value, T::Error>::default()));
            // The entry of `TypeId::of::<K>()` is always a batch of `K`.
            let Some(batch) = batch.downcast_mut::<Batch<K, T::Value, T::Error>>() else {
                unreachable!("a batch is kept under its own key type")
            };
            let first = batch.waiters.is_empty();
            batch.keys.extend(keys);
            batch.waiters.push(tx);
            first
        };
        if first {
            let inner = self.inner.clone();
            tokio::spawn(async move {
                settle::<T, K>(&inner).await;
                dispatch::<T, K>(&inner).await;
            });
        }
        match rx.await {
            Ok(answer) => answer,
            // The dispatcher is gone only if the runtime is shutting down;
            // the request goes with it.
            Err(_) => std::future::pending().await,
        }
    }
}

fn lock<B>(batches: &Mutex<B>) -> MutexGuard<'_, B> {
    // A panic elsewhere while holding the lock leaves the map usable.
    batches
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Most turns a dispatcher gives the runtime before it sends its batch.
const MOST_TURNS: usize = 8;

/// Yield to the runtime until a turn adds no key to `K`'s batch: the keys
/// of a wave come from tasks woken one after another (the answers of the
/// level before reach their waiters one by one, and another thread may
/// run a request before all of its waiters are answered), so a batch
/// waits for as long as keys keep coming, a few turns at most.
async fn settle<T, K>(inner: &Inner<T>)
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    let size = || {
        lock(&inner.batches)
            .get(&TypeId::of::<K>())
            .and_then(|b| b.downcast_ref::<Batch<K, T::Value, T::Error>>())
            .map_or(0, |b| b.waiters.len())
    };
    let mut seen = size();
    for _ in 0..MOST_TURNS {
        tokio::task::yield_now().await;
        let now = size();
        if now == seen {
            return;
        }
        seen = now;
    }
}

/// Take the batch of `K` and answer its waiters.
async fn dispatch<T, K>(inner: &Inner<T>)
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    T: Loader<K>,
{
    let batch = {
        let mut batches = lock(&inner.batches);
        match batches
            .get_mut(&TypeId::of::<K>())
            .and_then(|b| b.downcast_mut::<Batch<K, T::Value, T::Error>>())
        {
            Some(batch) => std::mem::take(batch),
            None => return,
        }
    };
    let keys: Vec<K> = batch.keys.into_iter().collect();
    let mut values = HashMap::with_capacity(keys.len());
    let mut failure = None;
    for chunk in keys.chunks(MOST_KEYS) {
        match inner.loader.load(chunk).await {
            Ok(found) => values.extend(found),
            Err(err) => {
                failure = Some(err);
                break;
            }
        }
    }
    let answer = match failure {
        Some(err) => Err(err),
        None => Ok(Arc::new(values)),
    };
    for waiter in batch.waiters {
        let _ = waiter.send(answer.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::Batcher;
    use async_graphql::dataloader::Loader;
    use std::collections::HashMap;
    use std::sync::Mutex;

    /// Doubles its keys and remembers every batch it was asked.
    #[derive(Default)]
    struct Doubler(Mutex<Vec<Vec<i64>>>);

    impl Loader<i64> for Doubler {
        type Value = i64;
        type Error = ();

        async fn load(&self, keys: &[i64]) -> Result<HashMap<i64, i64>, ()> {
            let mut sorted = keys.to_vec();
            sorted.sort_unstable();
            self.0.lock().unwrap().push(sorted);
            Ok(keys.iter().map(|k| (*k, k * 2)).collect())
        }
    }

    #[tokio::test(start_paused = true)]
    async fn one_wave_is_one_batch_without_waiting() {
        let batcher = Batcher::new(Doubler::default());
        let wave = futures_util::future::join_all((1..=100).map(|k| batcher.load_one(k % 50)));
        let started = tokio::time::Instant::now();
        let values = wave.await;
        assert!(values.iter().all(Result::is_ok));
        assert_eq!(values[0], Ok(Some(2)));
        assert_eq!(values[99], Ok(Some(0)));
        // Paused time does not move unless something sleeps: nothing did.
        assert_eq!(started.elapsed(), std::time::Duration::ZERO);
        let batches = batcher.inner.loader.0.lock().unwrap().clone();
        assert_eq!(batches, vec![(0..50).collect::<Vec<_>>()]);
    }

    #[tokio::test]
    async fn concurrent_requests_share_a_batch_and_waves_do_not() {
        let batcher = std::sync::Arc::new(Batcher::new(Doubler::default()));
        let (a, b) = (batcher.clone(), batcher.clone());
        let first = tokio::spawn(async move { a.load_many([1, 2, 3]).await });
        let second = tokio::spawn(async move { b.load_many([3, 4]).await });
        let (first, second) = (first.await.unwrap(), second.await.unwrap());
        assert_eq!(first.unwrap().len(), 3);
        assert_eq!(second.unwrap(), HashMap::from([(3, 6), (4, 8)]));
        // A later wave is a batch of its own.
        assert_eq!(batcher.load_one(9).await, Ok(Some(18)));
        assert_eq!(batcher.load_one(1000).await, Ok(Some(2000)));
        let batches = batcher.inner.loader.0.lock().unwrap().clone();
        assert_eq!(batches, vec![vec![1, 2, 3, 4], vec![9], vec![1000]]);
    }
}
