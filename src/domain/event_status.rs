//! An event's status as everyone sees it, derived from what is stored and
//! the time.
//!
//! The stored status holds only decisions people make: an event is created
//! PLANNED, and a coordinator may cancel it (`cancelEvent`) or close it
//! (`completeEvent`, before its end or after). Whether an event has begun or
//! is over is not a decision but a fact of the clock, so it is never
//! written: between its start and its end an event that is neither
//! cancelled nor closed reads ONGOING, and after its end COMPLETED. Deriving
//! it when read needs no background job, is exact on every server process at
//! every instant, and cannot lag behind a missed update. A stored ONGOING
//! (older rows, the national data set) reads like PLANNED: by the clock.
//!
//! Everything that depends on the status goes through here with the same
//! instant: the `status` field, the `statuses` filter (as SQL, so filtered
//! lists, their counts and their pages agree with what is shown), and the
//! writes (registration closes at the end; a completed event can no longer
//! be changed, cancelled or completed). Statistics only ever exclude
//! CANCELLED, which is a stored decision, so they need no clock.

use chrono::{DateTime, Utc};
use entity::{EventStatus, event};
use sea_orm::ColumnTrait;
use sea_orm::sea_query::Condition;

/// The status of an event at `now`.
pub fn status_at(e: &event::Model, now: DateTime<Utc>) -> EventStatus {
    derive(e.status, e.starts_at, e.ends_at, now)
}

fn derive(
    stored: EventStatus,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> EventStatus {
    match stored {
        EventStatus::Cancelled | EventStatus::Completed => stored,
        EventStatus::Planned | EventStatus::Ongoing if now >= ends_at => EventStatus::Completed,
        EventStatus::Planned | EventStatus::Ongoing if now >= starts_at => EventStatus::Ongoing,
        EventStatus::Planned | EventStatus::Ongoing => EventStatus::Planned,
    }
}

/// Whether the event is closed: cancelled, or completed (closed by a
/// coordinator or over).
pub fn is_closed(status: EventStatus) -> bool {
    matches!(status, EventStatus::Cancelled | EventStatus::Completed)
}

/// The SQL condition "the status at `now` is one of `statuses`", the same
/// rule as [`status_at`].
pub fn condition(statuses: &[EventStatus], now: DateTime<Utc>) -> Condition {
    let decided = [EventStatus::Cancelled, EventStatus::Completed].map(|s| s.as_str());
    let open = || event::Column::Status.is_not_in(decided);
    let mut any = Condition::any();
    // An empty list matches nothing (an empty OR would match everything).
    any = any.add(event::Column::Status.is_in(Vec::<&str>::new()));
    for status in statuses {
        any = any.add(match status {
            EventStatus::Cancelled => {
                Condition::all().add(event::Column::Status.eq(EventStatus::Cancelled))
            }
            EventStatus::Completed => Condition::any()
                .add(event::Column::Status.eq(EventStatus::Completed))
                .add(
                    Condition::all()
                        .add(open())
                        .add(event::Column::EndsAt.lte(now)),
                ),
            EventStatus::Ongoing => Condition::all()
                .add(open())
                .add(event::Column::StartsAt.lte(now))
                .add(event::Column::EndsAt.gt(now)),
            EventStatus::Planned => Condition::all()
                .add(open())
                .add(event::Column::StartsAt.gt(now)),
        });
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone};

    fn at(hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 9, hour, 0, 0).unwrap()
    }

    /// An event from 10:00 to 14:00, stored as `stored`, read at `hour`.
    fn read(stored: EventStatus, hour: u32) -> EventStatus {
        derive(stored, at(10), at(14), at(hour))
    }

    #[test]
    fn an_open_event_follows_the_clock() {
        assert_eq!(read(EventStatus::Planned, 9), EventStatus::Planned);
        assert_eq!(read(EventStatus::Planned, 10), EventStatus::Ongoing);
        assert_eq!(read(EventStatus::Planned, 13), EventStatus::Ongoing);
        assert_eq!(read(EventStatus::Planned, 14), EventStatus::Completed);
        assert_eq!(read(EventStatus::Ongoing, 9), EventStatus::Planned);
        assert_eq!(read(EventStatus::Ongoing, 15), EventStatus::Completed);
    }

    #[test]
    fn decisions_stand_whatever_the_time() {
        for hour in [9, 12, 15] {
            assert_eq!(read(EventStatus::Cancelled, hour), EventStatus::Cancelled);
            assert_eq!(read(EventStatus::Completed, hour), EventStatus::Completed);
        }
    }

    #[test]
    fn the_end_is_the_first_instant_completed() {
        let just_before = at(14) - Duration::seconds(1);
        assert_eq!(
            derive(EventStatus::Planned, at(10), at(14), just_before),
            EventStatus::Ongoing
        );
    }
}
