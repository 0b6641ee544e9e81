//! The data set's calendar: the fixed day it is "as of" (never the clock,
//! so every load is the same), day numbers for cheap comparisons, and days
//! drawn so that the network grows year on year.

use crate::domain::time::{age_on, kz_day_start};
use crate::seed::rng::Rng;
use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};

pub const FIRST_YEAR: i32 = 2016;
pub const LAST_YEAR: i32 = 2026;
pub const YEARS: usize = (LAST_YEAR - FIRST_YEAR + 1) as usize;

/// How much more of everything each year brings: about a fifth.
pub const GROWTH: f64 = 1.22;

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

/// The day the data set describes: events before it are over, later ones
/// are still planned; nobody registers on or after it.
pub fn as_of() -> NaiveDate {
    date(2026, 11, 1)
}

/// The first instant of `as_of()` in Kazakhstan.
pub fn as_of_instant() -> DateTime<Utc> {
    kz_day_start(as_of())
}

/// Days since 1 January of the first year (day 0).
pub fn day_no(d: NaiveDate) -> i32 {
    (d - date(FIRST_YEAR, 1, 1)).num_days() as i32
}

pub fn from_day_no(n: i32) -> NaiveDate {
    date(FIRST_YEAR, 1, 1) + Duration::days(i64::from(n))
}

/// Day numbers of the first and last day of `year`.
pub fn year_days(year: i32) -> (i32, i32) {
    (day_no(date(year, 1, 1)), day_no(date(year, 12, 31)))
}

/// Index of `year` among the data set's years.
pub fn year_index(year: i32) -> usize {
    (year.clamp(FIRST_YEAR, LAST_YEAR) - FIRST_YEAR) as usize
}

/// An instant `minute` minutes after the start of `day` in Kazakhstan.
pub fn kz_at(day: NaiveDate, minute: i64) -> DateTime<Utc> {
    kz_day_start(day) + Duration::minutes(minute)
}

/// The first day someone born on `birth` is `years` old (29 February
/// birthdays come of age on 1 March of common years).
pub fn birthday(birth: NaiveDate, years: u32) -> NaiveDate {
    let mut day = birth
        .checked_add_months(Months::new(12 * years))
        .unwrap_or(NaiveDate::MAX);
    while age_on(birth, day) < years as i32 {
        day = day.succ_opt().unwrap_or(NaiveDate::MAX);
    }
    day
}

/// A day number in `[from, to]`, denser later in proportion to `GROWTH`
/// per year, as registrations and activity grow.
pub fn growing_day(rng: &mut Rng, from: i32, to: i32) -> i32 {
    if to <= from {
        return from;
    }
    let k = GROWTH.ln() / 365.25;
    let width = f64::from(to - from + 1);
    // The inverse of the distribution function of a density growing as
    // e^(k t) on [0, width).
    let t = (rng.unit() * ((k * width).exp() - 1.0) + 1.0).ln() / k;
    (from + t as i32).clamp(from, to)
}

/// A day of `year` in `[month_from/day_from, month_to/day_to]`.
pub fn day_between(rng: &mut Rng, year: i32, from: (u32, u32), to: (u32, u32)) -> NaiveDate {
    let a = day_no(date(year, from.0, from.1));
    let b = day_no(date(year, to.0, to.1));
    from_day_no(rng.range(i64::from(a), i64::from(b.max(a))) as i32)
}

/// Move half the days to the next weekend, when people are free.
pub fn maybe_weekend(rng: &mut Rng, day: NaiveDate) -> NaiveDate {
    if !rng.chance(0.5) {
        return day;
    }
    let ahead = (5 + 7 - day.weekday().num_days_from_monday()) % 7;
    let moved = day + Duration::days(i64::from(ahead + rng.below(2) as u32));
    if moved.year() == day.year() {
        moved
    } else {
        day
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birthdays_follow_the_age_rule() {
        assert_eq!(birthday(date(2012, 2, 29), 7), date(2019, 3, 1));
        assert_eq!(birthday(date(2010, 5, 20), 14), date(2024, 5, 20));
    }

    #[test]
    fn growing_days_stay_in_range_and_favour_later_years() {
        let mut rng = Rng::new(7);
        let (from, to) = (day_no(date(2016, 1, 1)), day_no(date(2025, 12, 31)));
        let mut early = 0;
        for _ in 0..10_000 {
            let d = growing_day(&mut rng, from, to);
            assert!((from..=to).contains(&d));
            if from_day_no(d).year() == 2016 {
                early += 1;
            }
        }
        // 2016 holds about 1/26 of a 22%-a-year series over ten years.
        assert!((200..600).contains(&early), "{early}");
    }

    #[test]
    fn weekends_stay_in_the_year() {
        let mut rng = Rng::new(3);
        for _ in 0..100 {
            let d = maybe_weekend(&mut rng, date(2024, 12, 30));
            assert_eq!(d.year(), 2024);
        }
        let d = (0..50)
            .map(|_| maybe_weekend(&mut rng, date(2024, 5, 1)))
            .find(|d| *d != date(2024, 5, 1));
        assert!(d.is_some_and(|d| d.weekday().num_days_from_monday() >= 5));
    }
}
