//! Values as the regions' spreadsheets write them, read into the
//! register's forms: dates as `dd.mm.yyyy`, ISO `yyyy-mm-dd` or a
//! spreadsheet's serial day number, and Kazakhstan's phone numbers as they
//! are dialled (`8 701 …`, `+7 (701) …`, `701 …`) in E.164 (`+7701…`).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

/// Day 0 of spreadsheet serial dates: 30 December 1899, which makes serial
/// 1 the 31st (Excel's 1900 system, whose phantom 29 February 1900 puts
/// every serial from 61 on one day past the count; LibreOffice and
/// calamine use the same epoch).
fn serial_epoch() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)
}

/// A date written `dd.mm.yyyy` (also with `/` or `-`), `yyyy-mm-dd`, or a
/// serial day number; `None` when it is none of them.
pub fn date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // Four-digit years only: "07.01.95" could be 1995 or 2095.
    let written = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d-%m-%Y"]
        .into_iter()
        .find_map(|format| NaiveDate::parse_from_str(text, format).ok());
    if let Some(d) = written {
        return (d.year() >= 1000).then_some(d);
    }
    let serial: f64 = text.parse().ok()?;
    // Whole days only (a time of day after the point is dropped), within
    // the years a register holds.
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    serial_epoch()?.checked_add_signed(Duration::days(serial.trunc() as i64))
}

/// A date and time of day written `dd.mm.yyyy HH:MM` or ISO
/// (`yyyy-mm-dd HH:MM`, with a space or `T`, seconds optional), or a
/// serial number whose fraction is the time of day; `None` otherwise.
pub fn date_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    let written = [
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%d/%m/%Y %H:%M",
    ]
    .into_iter()
    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok());
    if let Some(d) = written {
        return (d.year() >= 1000).then_some(d);
    }
    let serial: f64 = text.parse().ok()?;
    let day = date(&format!("{}", serial.trunc()))?;
    // Minutes of the day, rounded: a serial's fraction is rarely exact.
    let minutes = (serial.fract() * 1440.0).round() as i64;
    day.and_hms_opt(0, 0, 0)?
        .checked_add_signed(Duration::minutes(minutes))
}

/// A Kazakhstan phone number in E.164 (`+7` and ten digits), from the ways
/// it is written: with `+7`, `7` or the trunk prefix `8`, or the ten digits
/// alone; spaces, dashes, dots and brackets ignored. Numbers with another
/// country code are kept as given in international form. `None` when it is
/// no phone number.
pub fn phone(text: &str) -> Option<String> {
    let text = text.trim();
    let international = text.starts_with('+');
    let mut digits = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '+' => {}
            _ => return None,
        }
    }
    let national = match (international, digits.len()) {
        (_, 11) if digits.starts_with('7') => &digits[1..],
        (false, 11) if digits.starts_with('8') => &digits[1..],
        (false, 10) => digits.as_str(),
        (true, 8..=15) => return Some(format!("+{digits}")),
        _ => return None,
    };
    Some(format!("+7{national}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn dates_with_times() {
        let at = |h, m| d(2026, 3, 14).and_then(|d| d.and_hms_opt(h, m, 0));
        assert_eq!(date_time("14.03.2026 09:30"), at(9, 30));
        assert_eq!(date_time("2026-03-14T09:30"), at(9, 30));
        assert_eq!(date_time("2026-03-14 09:30:00"), at(9, 30));
        // 46095.6875 is 14 March 2026 at 16:30.
        assert_eq!(date_time("46095.6875"), at(16, 30));
        assert_eq!(date_time("14.03.2026 25:00"), None);
        assert_eq!(date_time("tomorrow"), None);
    }

    #[test]
    fn dates_in_the_three_ways_spreadsheets_write_them() {
        assert_eq!(date("07.01.1995"), d(1995, 1, 7));
        assert_eq!(date(" 07/01/1995 "), d(1995, 1, 7));
        assert_eq!(date("1995-01-07"), d(1995, 1, 7));
        // 34706 is 7 January 1995 in Excel and LibreOffice alike.
        assert_eq!(date("34706"), d(1995, 1, 7));
        assert_eq!(date("34706.75"), d(1995, 1, 7));
        assert_eq!(date("45658"), d(2025, 1, 1));
        for bad in [
            "",
            "31.02.2020",
            "1995-13-01",
            "abc",
            "-5",
            "0",
            "1e300",
            "07.01.95",
        ] {
            assert_eq!(date(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn phones_as_dialled_become_e164() {
        for written in [
            "+7 701 123 45 67",
            "8 (701) 123-45-67",
            "87011234567",
            "7011234567",
            "7 701 123 4567",
            "+7(701)123.45.67",
        ] {
            assert_eq!(phone(written).as_deref(), Some("+77011234567"), "{written}");
        }
        assert_eq!(phone("+49 30 1234567").as_deref(), Some("+49301234567"));
        for bad in [
            "",
            "12345",
            "8 701 123",
            "тел. 87011234567",
            "+7 701 123 45 67 89 01 23",
        ] {
            assert_eq!(phone(bad), None, "{bad:?}");
        }
    }
}
