//! Domain events: what changed in the register, announced after the change
//! is committed.
//!
//! Writers collect `Change`s while their transaction runs and publish them
//! only once it commits, so a listener never hears of a change that was
//! rolled back. The bus is an in-process broadcast channel: a listener that
//! falls behind loses the oldest announcements (and learns it did, through
//! `RecvError::Lagged`) instead of making writers wait or memory grow.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::broadcast;

/// The kinds of objects whose changes are announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Volunteer,
    Family,
    Event,
    Participation,
    InternationalExchange,
}

/// One committed change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub subject: Subject,
    pub id: i64,
    /// The operation that made it (the mutation's name).
    pub action: String,
    pub at: DateTime<Utc>,
}

impl Change {
    /// Whether the change can alter a statistic. Signing up and checking in
    /// only touch a participation not yet attended, which no figure counts
    /// (DOMAIN.md counts attended participations), so cached figures stay
    /// valid through them: a busy event's check-ins do not make every
    /// dashboard recompute.
    pub fn alters_statistics(&self) -> bool {
        !matches!(self.action.as_str(), "registerForEvent" | "checkIn")
    }
}

/// The channel changes are published on; cheap to clone.
#[derive(Clone, Debug)]
pub struct ChangeBus {
    sender: broadcast::Sender<Change>,
    /// This process's mark on the changes it sends to other processes, so
    /// it can ignore its own when they come back.
    origin: u64,
    /// Bumped before each announcement that can alter statistics, so a read
    /// that starts after such a write returned sees a newer version than
    /// any figures cached before it.
    version: Arc<AtomicU64>,
}

impl ChangeBus {
    /// How many announcements a listener may fall behind before it loses
    /// the oldest.
    const BACKLOG: usize = 4096;

    pub fn new() -> Self {
        ChangeBus {
            sender: broadcast::channel(Self::BACKLOG).0,
            origin: std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish(),
            version: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Announce committed changes; nobody listening is fine.
    pub fn publish(&self, changes: impl IntoIterator<Item = Change>) {
        let changes: Vec<Change> = changes.into_iter().collect();
        if changes.iter().any(Change::alters_statistics) {
            self.version.fetch_add(1, Ordering::SeqCst);
        }
        for change in changes {
            let _ = self.sender.send(change);
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.sender.subscribe()
    }

    /// How many announcements that can alter statistics were made.
    pub fn version(&self) -> u64 {
        self.version.load(Ordering::SeqCst)
    }

    pub fn origin(&self) -> u64 {
        self.origin
    }
}

impl Default for ChangeBus {
    fn default() -> Self {
        ChangeBus::new()
    }
}
