//! Calendar dates in Kazakhstan's time.
//!
//! The register's dates are calendar days in Kazakhstan's time, UTC+5
//! (docs/domain.md, "Dates, times and ages"). Since 1 March 2024 the whole country keeps UTC+5 with no daylight saving, so a
//! fixed offset is exact for every date the register holds statistics for.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, TimeZone, Utc};

/// Seconds east of UTC of Kazakhstan's single time zone.
const OFFSET_SECONDS: i32 = 5 * 3600;

/// Kazakhstan's time zone as a fixed offset.
pub fn kz_offset() -> FixedOffset {
    // 5 h is well inside FixedOffset's ±24 h range.
    FixedOffset::east_opt(OFFSET_SECONDS).unwrap_or_else(|| unreachable!())
}

/// The calendar date of an instant in Kazakhstan.
pub fn kz_date(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&kz_offset()).date_naive()
}

/// An instant as people in Kazakhstan read it in a message: local time to
/// the minute, e.g. `2026-12-03 14:05 (UTC+5)`, never UTC with nanoseconds.
pub fn kz_minute(at: DateTime<Utc>) -> String {
    at.with_timezone(&kz_offset())
        .format("%Y-%m-%d %H:%M (UTC+5)")
        .to_string()
}

/// The instant a Kazakhstan calendar day starts, in UTC.
pub fn kz_day_start(date: NaiveDate) -> DateTime<Utc> {
    kz_offset()
        .from_local_datetime(&date.and_time(NaiveTime::MIN))
        .single()
        .map(|t| t.with_timezone(&Utc))
        // A fixed offset has exactly one mapping for every local time.
        .unwrap_or_else(|| unreachable!())
}

/// Age in whole years on `on` of someone born on `birth`.
pub fn age_on(birth: NaiveDate, on: NaiveDate) -> i32 {
    let mut age = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age
}

#[cfg(test)]
mod tests {

    #[test]
    fn messages_show_kazakhstan_time_to_the_minute() {
        let at = "2026-12-03T09:05:59.123456789Z"
            .parse::<DateTime<Utc>>()
            .unwrap();
        assert_eq!(kz_minute(at), "2026-12-03 14:05 (UTC+5)");
        let late = "2026-12-03T20:30:00Z".parse::<DateTime<Utc>>().unwrap();
        assert_eq!(kz_minute(late), "2026-12-04 01:30 (UTC+5)");
    }

    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn late_utc_evening_is_next_day_in_kazakhstan() {
        let at = Utc.with_ymd_and_hms(2024, 12, 31, 19, 30, 0).unwrap();
        assert_eq!(kz_date(at), d(2025, 1, 1));
        assert_eq!(
            kz_day_start(d(2025, 1, 1)),
            Utc.with_ymd_and_hms(2024, 12, 31, 19, 0, 0).unwrap()
        );
    }

    #[test]
    fn age_turns_on_the_birthday() {
        assert_eq!(age_on(d(2010, 5, 20), d(2024, 5, 19)), 13);
        assert_eq!(age_on(d(2010, 5, 20), d(2024, 5, 20)), 14);
        // Born on 29 February: a year older on 1 March of common years.
        assert_eq!(age_on(d(2012, 2, 29), d(2019, 2, 28)), 6);
        assert_eq!(age_on(d(2012, 2, 29), d(2019, 3, 1)), 7);
    }

    #[test]
    fn the_ages_the_rules_turn_on_begin_on_the_birthday() {
        let birth = d(2008, 3, 10);
        for years in [7, 14, 18] {
            let birthday = d(2008 + years, 3, 10);
            assert_eq!(age_on(birth, birthday.pred_opt().unwrap()), years - 1);
            assert_eq!(age_on(birth, birthday), years);
        }
    }
}
