//! The demo's dates, counted from the moment it is loaded.

use crate::domain::time::{kz_date, kz_day_start};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};

/// The moment the data set is laid out around.
#[derive(Clone, Copy, Debug)]
pub struct Calendar {
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Calendar {
    pub fn new(now: DateTime<Utc>) -> Self {
        Calendar {
            now,
            today: kz_date(now),
        }
    }

    /// This year in Kazakhstan.
    pub fn year(&self) -> i32 {
        self.today.year()
    }

    /// A day of a year, the last of the month where `day` is past it.
    pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
        (1..=day)
            .rev()
            .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
            .unwrap_or(NaiveDate::MIN)
    }

    /// `years` years and `days` days before today: the birth date of
    /// someone exactly that old.
    pub fn ago(&self, years: i32, days: i64) -> NaiveDate {
        let anniversary = Calendar::date(self.year() - years, self.today.month(), self.today.day());
        anniversary - Duration::days(days)
    }

    /// An hour of a day in Kazakhstan.
    pub fn at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
        kz_day_start(day) + Duration::hours(i64::from(hour))
    }
}
