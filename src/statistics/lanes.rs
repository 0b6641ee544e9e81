//! How many of the statistics' passes over participations run at once.
//!
//! A scope read anew makes a few long passes (a national year: about a
//! second each). On PostgreSQL, side by side on their own connections they
//! finish in about the time of the longest instead of the sum of all. But
//! every pass holds a connection of the pool that requests share, so the
//! passes of all scopes being read take at most a third of the pool
//! together: with the default pool of 10, one scope's passes run three at
//! a time and the requests keep seven connections; with a pool of one or
//! two they run in turn. (Two cold scopes side by side once held more
//! connections than the pool had, and a pool of one failed them.)
//!
//! On SQLite they always run in turn: the passes of one process share the
//! library's locks, and side by side the same national year took 6.0 s
//! where in turn it takes 4.9 s (the longest pass went from 2.4 to 5.4 s).

use sea_orm::{DatabaseBackend, DatabaseConnection};
use std::sync::Arc;
use tokio::sync::Semaphore;

/// The permits of the passes running at once; cheap to clone.
#[derive(Clone, Debug)]
pub struct Lanes(Arc<Semaphore>);

impl Lanes {
    /// A third of `db`'s pool on PostgreSQL, at least one; one on SQLite.
    pub fn of(db: &DatabaseConnection) -> Lanes {
        match db.get_database_backend() {
            DatabaseBackend::Postgres => {
                let pool = db
                    .get_postgres_connection_pool()
                    .options()
                    .get_max_connections();
                Lanes::new((pool / 3).max(1) as usize)
            }
            _ => Lanes::one(),
        }
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
