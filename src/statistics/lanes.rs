//! How many of the statistics' passes over participations run at once.
//!
//! A scope read anew makes a few long passes (a national year: about a
//! second each); side by side on their own connections they finish in
//! about the time of the longest, one after another in the sum of all.
//! But every pass holds a connection of the pool that requests share, so
//! the passes of all scopes being read take at most a third of the pool
//! together: with the default pool of 10, one scope's three passes run
//! side by side and the requests keep seven connections; with a pool of
//! one or two they run in turn. (Two cold scopes side by side once held
//! more connections than the pool had, and a pool of one failed them.)

use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The permits of the passes running at once; cheap to clone.
#[derive(Clone, Debug)]
pub struct Lanes(Arc<Semaphore>);

impl Lanes {
    /// A third of `db`'s pool, at least one.
    pub fn of(db: &DatabaseConnection) -> Lanes {
        let pool = match db.get_database_backend() {
            DatabaseBackend::Postgres => db
                .get_postgres_connection_pool()
                .options()
                .get_max_connections(),
            DatabaseBackend::Sqlite => db
                .get_sqlite_connection_pool()
                .options()
                .get_max_connections(),
            _ => 1,
        };
        Lanes::new((pool / 3).max(1) as usize)
    }

    /// One pass at a time.
    pub fn one() -> Lanes {
        Lanes::new(1)
    }

    fn new(lanes: usize) -> Lanes {
        Lanes(Arc::new(Semaphore::new(lanes)))
    }

    /// Run `pass` once a lane is free.
    pub async fn run<T>(&self, pass: impl Future<Output = T>) -> T {
        // The semaphore is never closed, so a permit always comes.
        let _permit = self.0.acquire().await;
        pass.await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn no_more_passes_run_at_once_than_there_are_lanes() {
        for lanes in [1, 3] {
            let limit = Lanes::new(lanes);
            let (running, most) = (AtomicUsize::new(0), AtomicUsize::new(0));
            let pass = || async {
                let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                most.fetch_max(now, Ordering::SeqCst);
                tokio::task::yield_now().await;
                running.fetch_sub(1, Ordering::SeqCst);
            };
            futures_util::future::join_all((0..6).map(|_| limit.run(pass()))).await;
            assert_eq!(most.load(Ordering::SeqCst), lanes);
        }
    }
}
