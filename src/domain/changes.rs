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
use std::collections::VecDeque;
use std::hash::{BuildHasher, Hasher};
use std::sync::{Arc, Mutex};
use tokio::sync::broadcast;

/// The kinds of objects whose changes are announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Volunteer,
    Family,
    Event,
    Participation,
    InternationalExchange,
    /// An account's tokens were revoked (`auth::versions` drops what it
    /// knew of it); id 0: anything may have changed.
    Account,
    /// A project, organization, front office or partnership: the small
    /// tables every process keeps in memory (`reference`).
    Reference,
}

impl Subject {
    /// Whether every server process keeps something of this subject in
    /// memory, so that a change to it must hold everywhere before the
    /// writing request answers (`fanout::Acks`).
    pub fn kept_in_memory(self) -> bool {
        matches!(self, Subject::Account | Subject::Reference)
    }
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
    /// (docs/domain.md counts attended participations), so cached figures stay
    /// valid through them: a busy event's check-ins do not make every
    /// dashboard recompute.
    /// Sign-ups are pending volunteers, which count nowhere until a
    /// coordinator confirms them; accounts and the reference tables' names
    /// are in no figure.
    pub fn alters_statistics(&self) -> bool {
        !self.subject.kept_in_memory()
            && !matches!(
                self.action.as_str(),
                "registerForEvent" | "checkIn" | "signUp" | "signUpChild" | "confirmGuardianship"
            )
    }
}

/// The statistics-altering changes announced lately, each with the version
/// it brought, so cached figures can catch up with exactly what changed
/// since they were computed instead of starting over.
#[derive(Debug, Default)]
struct Recent {
    version: u64,
    /// The newest version some of whose changes were dropped.
    forgotten: u64,
    changes: VecDeque<(u64, Change)>,
}

/// What must hear of changes before `publish` returns (the token versions:
/// a revocation takes effect before the revoking request answers), unlike
/// listeners of the channel, which hear of them in their own time.
type Observer = Arc<dyn Fn(&[Change]) + Send + Sync>;

#[derive(Clone, Default)]
struct Observers(Arc<Mutex<Vec<Observer>>>);

impl std::fmt::Debug for Observers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Observers")
    }
}

/// The channel changes are published on; cheap to clone.
#[derive(Clone, Debug)]
pub struct ChangeBus {
    sender: broadcast::Sender<Change>,
    /// This process's mark on the changes it sends to other processes, so
    /// it can ignore its own when they come back.
    origin: u64,
    /// The version, bumped before each announcement that can alter
    /// statistics (so a read that starts after such a write returned sees a
    /// newer version than any figures cached before it), and the changes
    /// that bumped it lately.
    recent: Arc<Mutex<Recent>>,
    observers: Observers,
}

impl ChangeBus {
    /// How many announcements a listener may fall behind before it loses
    /// the oldest.
    const BACKLOG: usize = 4096;

    /// How many statistics-altering changes are remembered for
    /// `changes_since`; figures older than that are recomputed instead.
    const REMEMBERED: usize = 4096;

    pub fn new() -> Self {
        ChangeBus {
            sender: broadcast::channel(Self::BACKLOG).0,
            origin: std::collections::hash_map::RandomState::new()
                .build_hasher()
                .finish(),
            recent: Arc::default(),
            observers: Observers::default(),
        }
    }

    /// Call `observer` with every batch of changes, before `publish`
    /// returns.
    pub fn observe(&self, observer: impl Fn(&[Change]) + Send + Sync + 'static) {
        self.observers
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(Arc::new(observer));
    }

    /// Announce committed changes; nobody listening is fine.
    pub fn publish(&self, changes: impl IntoIterator<Item = Change>) {
        let changes: Vec<Change> = changes.into_iter().collect();
        let observers = self
            .observers
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone();
        for observer in observers {
            observer(&changes);
        }
        if changes.iter().any(Change::alters_statistics) {
            let mut recent = self.recent();
            recent.version += 1;
            let version = recent.version;
            for change in changes.iter().filter(|c| c.alters_statistics()) {
                if recent.changes.len() == Self::REMEMBERED
                    && let Some((dropped, _)) = recent.changes.pop_front()
                {
                    recent.forgotten = dropped;
                }
                recent.changes.push_back((version, change.clone()));
            }
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
        self.recent().version
    }

    /// The statistics-altering changes announced after `version`, or none
    /// when some of them are no longer remembered.
    pub fn changes_since(&self, version: u64) -> Option<Vec<Change>> {
        let recent = self.recent();
        if version < recent.forgotten {
            return None;
        }
        Some(
            recent
                .changes
                .iter()
                .filter(|(v, _)| *v > version)
                .map(|(_, c)| c.clone())
                .collect(),
        )
    }

    fn recent(&self) -> std::sync::MutexGuard<'_, Recent> {
        self.recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn change(action: &str, id: i64) -> Change {
        Change {
            subject: Subject::Participation,
            id,
            action: action.into(),
            at: Utc::now(),
        }
    }

    #[test]
    fn the_changes_since_a_version_are_remembered_until_dropped() {
        let bus = ChangeBus::new();
        bus.publish([change("checkIn", 1)]);
        assert_eq!(bus.version(), 0, "a check-in alters no figure");
        bus.publish([change("checkOut", 1), change("checkOut", 2)]);
        bus.publish([change("verifyParticipation", 3)]);
        assert_eq!(bus.version(), 2);
        let ids = |v| {
            bus.changes_since(v)
                .map(|c| c.iter().map(|c| c.id).collect::<Vec<_>>())
        };
        assert_eq!(ids(0), Some(vec![1, 2, 3]));
        assert_eq!(ids(1), Some(vec![3]));
        assert_eq!(ids(2), Some(vec![]));
        for id in 0..ChangeBus::REMEMBERED as i64 {
            bus.publish([change("logHours", id)]);
        }
        assert_eq!(ids(1), None, "older changes were dropped");
        assert_eq!(ids(bus.version() - 1).map(|c| c.len()), Some(1));
    }
}
