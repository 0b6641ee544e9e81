//! Where the register's "now" comes from.
//!
//! Domain code never asks the system for the time: a write reads `now` once
//! from the clock when it begins (`Write::now`), so every rule of one
//! operation sees the same instant, and reads take the application's clock
//! from the request context. The server always runs on the system clock;
//! a pinned clock exists for tests, so they can hold the date still (a
//! birthday, the last day of a year) without waiting for it. There is
//! deliberately no setting to pin a running server's clock: a register
//! whose dates could be moved by configuration could not be trusted.

use crate::domain::time::kz_date;
use chrono::{DateTime, NaiveDate, Utc};

/// The application's source of the current instant.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Clock {
    /// The system's clock.
    #[default]
    System,
    /// Always the same instant.
    Pinned(DateTime<Utc>),
}

impl Clock {
    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match self {
            Clock::System => Utc::now(),
            Clock::Pinned(at) => *at,
        }
    }

    /// Today's date in Kazakhstan.
    pub fn today(&self) -> NaiveDate {
        kz_date(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_pinned_clock_stands_still_and_dates_in_kazakhstan() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 19, 0, 0).unwrap();
        let clock = Clock::Pinned(at);
        assert_eq!(clock.now(), at);
        assert_eq!(clock.now(), at);
        // 19:00 UTC is midnight in Astana: already the new year.
        assert_eq!(clock.today(), NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    }

    #[test]
    fn the_system_clock_moves_with_the_system() {
        let before = Utc::now();
        let read = Clock::System.now();
        assert!(read >= before && read <= Utc::now());
    }
}
