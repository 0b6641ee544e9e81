//! Noticing that another server process went away, so that no change it
//! committed without announcing it (`announcer`: the announcement follows
//! the commit) leaves this process's caches behind for good.
//!
//! Every process's listening session is named `frontoffice-changes` in
//! `pg_stat_activity`, and introduces itself once listening with an empty
//! notification (whose sender's PID every listener learns). The listener
//! reads the PIDs of the listening sessions every `EVERY`; when a session
//! seen or heard before is gone, the process that held it stopped, crashed
//! or lost its connection, perhaps with changes queued and never sent, and
//! this process publishes on its own bus the change that names nothing
//! ("something changed"), so every cached figure computes anew from what
//! is committed. A process sends its changes after the commit only while
//! its session listens, that is once it has introduced itself, so no
//! process can take unsent changes with it unseen, however soon after its
//! start it goes (before, and while its listener reconnects, its writes
//! notify inside their transaction).
//!
//! The bound: a process's lost announcements are made up for in every
//! other process within `EVERY` (and a statement) after PostgreSQL ends
//! its listening session, which is at once when the process exits or is
//! killed (the system closes its sockets), and when TCP keepalive gives up
//! on a host that vanished. A process shutting down gracefully sends its
//! queue before it stops listening, so its departure costs the others one
//! recomputation and loses nothing.

use super::LISTENER_NAME;
use sea_orm::sqlx::{self, Executor, Postgres};
use std::collections::HashSet;
use std::time::Duration;

/// How often the listening sessions are read: the longest the other
/// processes stay behind after a process vanished with changes it had not
/// announced. One small read of `pg_stat_activity` every two seconds per
/// process costs nothing worth counting, and a dashboard two seconds late
/// after a crash is within what live figures promise.
pub const EVERY: Duration = Duration::from_secs(2);

/// The listening sessions seen at the last look.
#[derive(Debug, Default)]
pub struct Sessions {
    seen: Option<HashSet<i32>>,
}

impl Sessions {
    /// Take in the sessions listening `now`; whether one seen before is
    /// gone (the first look sees none go).
    pub fn departed(&mut self, now: HashSet<i32>) -> bool {
        let gone = self.seen.as_ref().is_some_and(|seen| !seen.is_subset(&now));
        self.seen = Some(now);
        gone
    }

    /// A session introduced itself: it counts as seen, even if it is gone
    /// by the next look.
    pub fn heard(&mut self, pid: u32) {
        if let Ok(pid) = i32::try_from(pid) {
            self.seen.get_or_insert_default().insert(pid);
        }
    }
}

/// The PIDs of the sessions listening for changes on this database.
pub async fn listening<'c>(
    connection: impl Executor<'c, Database = Postgres>,
) -> Result<HashSet<i32>, sqlx::Error> {
    let pids: Vec<i32> = sqlx::query_scalar(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1",
    )
    .bind(LISTENER_NAME)
    .fetch_all(connection)
    .await?;
    Ok(pids.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pids(p: &[i32]) -> HashSet<i32> {
        p.iter().copied().collect()
    }

    #[test]
    fn a_session_that_is_gone_is_a_departure_and_a_new_one_is_not() {
        let mut sessions = Sessions::default();
        assert!(!sessions.departed(pids(&[10, 11])), "the first look");
        assert!(!sessions.departed(pids(&[10, 11])));
        assert!(!sessions.departed(pids(&[10, 11, 12])), "a process started");
        assert!(sessions.departed(pids(&[10, 12])), "11 went away");
        assert!(!sessions.departed(pids(&[10, 12])), "once");
        assert!(
            sessions.departed(pids(&[10, 13])),
            "12 went away while 13 came"
        );
        assert!(sessions.departed(pids(&[])));
    }

    #[test]
    fn a_session_heard_of_between_two_looks_and_gone_at_the_next_is_a_departure() {
        let mut sessions = Sessions::default();
        assert!(!sessions.departed(pids(&[10])));
        sessions.heard(14);
        assert!(sessions.departed(pids(&[10])), "14 came and went");
        sessions.heard(15);
        assert!(!sessions.departed(pids(&[10, 15])), "15 is still there");
    }
}
