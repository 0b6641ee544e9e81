//! Announcing this process's committed changes to the other processes
//! after the commit, from one sender per process, instead of inside each
//! write's transaction.
//!
//! PostgreSQL commits the transactions that called `pg_notify` one at a
//! time: each takes a global lock on the notification queue at commit and
//! keeps it until its commit record is flushed, so notifying writes cannot
//! share a flush (group commit). With 16 clients an UPDATE and an INSERT
//! ran 2,200 to 2,950 transactions a second without `pg_notify` and about
//! 910 with it (BENCHMARKS.md). So a write whose changes no process keeps
//! in memory commits without notifying, publishes its changes on its own
//! bus, and queues them here; the sender takes everything queued, packs the
//! changes of many commits into as few notifications as fit the payload
//! limit, and sends them in one statement on a connection of its own (not
//! a slot of the request pool, which may be a single one). That session
//! commits with `synchronous_commit` off: what it announces is committed
//! already, and it then holds the queue's lock for no flush of its own.
//!
//! The write does not wait for the send: another process hears of a change
//! a moment after the write answered rather than at its commit. Nothing
//! queued is dropped on a send error (the sender reconnects and tries
//! again), but a backlog beyond `MAX_QUEUED` changes becomes one "something
//! changed", after which every cache computes anew. Shutdown lets the queue
//! go out (`close`) before the process stops listening. Changes go this way
//! only while the process's listening session is up and has introduced
//! itself: a process that dies between a commit and its announcement ends
//! that session, which the other processes notice (`departures`), and
//! compute their figures anew.
//!
//! Writes whose changes every process keeps in memory (accounts, the
//! reference tables) still notify inside their transaction and wait for
//! the acknowledgements (`fanout::Acks`): they must hold everywhere before
//! the write answers.

use super::{CHANNEL, MAX_PAYLOAD, empty_notice, something_changed};
use crate::domain::changes::Change;
use sea_orm::DatabaseConnection;
use sea_orm::sqlx::postgres::{PgConnectOptions, PgConnection};
use sea_orm::sqlx::{self, Connection};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Notify;

/// Changes queued beyond this many (the database out of reach for a
/// while) are announced as one "something changed" instead: memory stays
/// bounded, and that many changes are about what other processes recompute
/// anyway (`statistics::changed::MAX_REFRESHED`).
const MAX_QUEUED: usize = 4096;

/// Wait between attempts when the database cannot be reached.
const RETRY: Duration = Duration::from_secs(1);

/// How long shutdown waits for what is queued to go out, after the last
/// request finished.
pub const DRAIN_WAIT: Duration = Duration::from_secs(5);

/// The `application_name` of the sending session, so an operator tells it
/// apart in `pg_stat_activity` (and the count of listeners does not
/// include it).
const ANNOUNCER_NAME: &str = "frontoffice-announcer";

/// Queues committed changes for the other processes; cheap to clone, one
/// per process.
#[derive(Clone)]
pub struct Announcer {
    shared: Arc<Shared>,
}

struct Shared {
    origin: u64,
    queue: Mutex<Queue>,
    wake: Notify,
    /// Whether this process's listening session is up and introduced: only
    /// then would the other processes notice this one go with changes
    /// unsent (`departures`).
    listening: AtomicBool,
}

#[derive(Default)]
struct Queue {
    changes: Vec<Change>,
    /// Set at shutdown: the sender stops once the queue is empty.
    closed: bool,
}

impl Announcer {
    /// An announcer for the process whose bus marks its changes `origin`.
    pub fn new(origin: u64) -> Self {
        Announcer {
            shared: Arc::new(Shared {
                origin,
                queue: Mutex::default(),
                wake: Notify::new(),
                listening: AtomicBool::new(false),
            }),
        }
    }

    /// Told by the listener whether this process listens (and so is
    /// watched for departure by the others).
    pub fn set_listening(&self, listening: bool) {
        self.shared.listening.store(listening, Ordering::SeqCst);
    }

    /// Whether changes may be announced after their commit: otherwise the
    /// writer announces them inside its transaction.
    pub fn is_listening(&self) -> bool {
        self.shared.listening.load(Ordering::SeqCst)
    }

    /// Queue committed changes to be announced; never waits.
    pub fn announce(&self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        enqueue(&mut self.queue().changes, changes);
        self.shared.wake.notify_one();
    }

    /// No more changes will come: the sender stops once it has sent what is
    /// queued.
    pub fn close(&self) {
        self.queue().closed = true;
        self.shared.wake.notify_one();
    }

    /// Everything queued, and whether the queue is closed.
    fn take(&self) -> (Vec<Change>, bool) {
        let mut queue = self.queue();
        (std::mem::take(&mut queue.changes), queue.closed)
    }

    /// Queue again, ahead of what came since, changes whose send failed.
    fn put_back(&self, changes: Vec<Change>) {
        let mut queue = self.queue();
        let since = std::mem::replace(&mut queue.changes, changes);
        enqueue(&mut queue.changes, since);
    }

    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.shared
            .queue
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Add `changes` to `queue`, which past `MAX_QUEUED` holds one "something
/// changed" instead; once it does, later changes add nothing to it (their
/// commits came before the announcement that makes every cache compute
/// anew).
fn enqueue(queue: &mut Vec<Change>, changes: Vec<Change>) {
    if changes.is_empty() {
        return;
    }
    if let [only] = queue.as_slice()
        && only.id == 0
    {
        return;
    }
    if queue.len() + changes.len() > MAX_QUEUED {
        let at = queue.first().unwrap_or(&changes[0]).at;
        *queue = vec![something_changed("many", at)];
        return;
    }
    queue.extend(changes);
}

/// The notifications announcing `changes` as from `origin`: the changes in
/// order, as many in each as fit PostgreSQL's payload limit. A change that
/// does not fit alone (none does, but a name is a string) is announced as
/// "something changed".
pub fn notifications(origin: u64, changes: &[Change]) -> Vec<String> {
    // The notice's own JSON with the changes cut out, so each notification
    // is sized as it will be sent.
    let tail = "]}";
    let frame = empty_notice(origin);
    let head = frame.strip_suffix(tail).unwrap_or(&frame).to_owned();
    let mut notices = Vec::new();
    let mut notice = head.clone();
    let mut empty = true;
    for change in changes {
        let one = serde_json::to_string(change)
            .ok()
            .filter(|one| head.len() + one.len() + tail.len() <= MAX_PAYLOAD)
            .or_else(|| serde_json::to_string(&something_changed("many", change.at)).ok());
        let Some(one) = one else { continue };
        if !empty && notice.len() + 1 + one.len() + tail.len() > MAX_PAYLOAD {
            notice.push_str(tail);
            notices.push(std::mem::replace(&mut notice, head.clone()));
            empty = true;
        }
        if !empty {
            notice.push(',');
        }
        notice.push_str(&one);
        empty = false;
    }
    if !empty {
        notice.push_str(tail);
        notices.push(notice);
    }
    notices
}

/// Send what `announcer` queues until it is closed and empty, on a
/// connection of its own to the database of `db`.
pub async fn run(db: DatabaseConnection, announcer: Announcer) {
    let options = (*db.get_postgres_connection_pool().connect_options())
        .clone()
        .application_name(ANNOUNCER_NAME)
        .options([("synchronous_commit", "off")]);
    let mut connection = None;
    loop {
        let (changes, closed) = announcer.take();
        if changes.is_empty() {
            if closed {
                break;
            }
            // A wake-up between `take` and here is kept by `Notify`.
            announcer.shared.wake.notified().await;
            continue;
        }
        let notices = notifications(announcer.shared.origin, &changes);
        if let Err(err) = send(&mut connection, &options, notices).await {
            tracing::warn!(error = %err, queued = changes.len(), "cannot announce changes to the other processes; trying again");
            connection = None;
            announcer.put_back(changes);
            tokio::time::sleep(RETRY).await;
        }
    }
    if let Some(connection) = connection {
        let _ = connection.close().await;
    }
}

/// Send `notices` in one statement, connecting first when there is no
/// connection.
async fn send(
    connection: &mut Option<PgConnection>,
    options: &PgConnectOptions,
    notices: Vec<String>,
) -> Result<(), sqlx::Error> {
    let connection = match connection {
        Some(connection) => connection,
        None => connection.insert(PgConnection::connect_with(options).await?),
    };
    sqlx::query("SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload")
        .bind(CHANNEL)
        .bind(notices)
        .execute(connection)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::Notice;
    use super::*;
    use crate::domain::changes::Subject;

    fn check_out(id: i64) -> Change {
        Change {
            subject: Subject::Participation,
            id,
            action: "checkOut".into(),
            at: chrono::Utc::now(),
        }
    }

    fn read(notices: &[String]) -> Vec<Change> {
        notices
            .iter()
            .flat_map(|n| {
                assert!(n.len() <= MAX_PAYLOAD, "{} bytes", n.len());
                let notice: Notice = serde_json::from_str(n).expect("a notice");
                assert_eq!(notice.origin, 7);
                assert_eq!(notice.nonce, None);
                notice.changes
            })
            .collect()
    }

    #[test]
    fn the_changes_of_many_commits_go_out_in_few_notifications() {
        let changes: Vec<Change> = (1..=1000).map(check_out).collect();
        let notices = notifications(7, &changes);
        // About 90 bytes a change, 7,900 bytes a notification.
        assert!(notices.len() <= 13, "{} notifications", notices.len());
        assert_eq!(read(&notices), changes, "every change, in order");
        assert_eq!(notifications(7, &changes[..3]).len(), 1);
        assert!(notifications(7, &[]).is_empty());
    }

    #[test]
    fn a_change_too_large_for_a_notification_is_announced_as_something_changed() {
        let mut huge = check_out(5);
        huge.action = "x".repeat(MAX_PAYLOAD);
        let notices = notifications(7, &[check_out(4), huge]);
        let changes = read(&notices);
        assert_eq!(changes.len(), 2);
        assert_eq!(
            (changes[0].subject, changes[0].id),
            (Subject::Participation, 4)
        );
        assert_eq!((changes[1].subject, changes[1].id), (Subject::Event, 0));
    }

    #[test]
    fn a_large_backlog_becomes_one_something_changed() {
        let announcer = Announcer::new(7);
        for batch in 0..(MAX_QUEUED as i64 / 100) {
            announcer.announce((batch * 100..batch * 100 + 100).map(check_out).collect());
        }
        assert!(announcer.take().0.len() < MAX_QUEUED);
        announcer.announce((0..MAX_QUEUED as i64).map(check_out).collect());
        announcer.announce(vec![check_out(1)]);
        let (queued, closed) = announcer.take();
        assert!(!closed);
        assert_eq!(queued.len(), 1);
        assert_eq!((queued[0].subject, queued[0].id), (Subject::Event, 0));
    }

    #[test]
    fn changes_whose_send_failed_go_out_before_later_ones() {
        let announcer = Announcer::new(7);
        announcer.announce(vec![check_out(1), check_out(2)]);
        let (failed, _) = announcer.take();
        announcer.announce(vec![check_out(3)]);
        announcer.put_back(failed);
        announcer.close();
        let (queued, closed) = announcer.take();
        assert_eq!(queued.iter().map(|c| c.id).collect::<Vec<_>>(), [1, 2, 3]);
        assert!(closed);
    }
}
