//! Checks of single input values: text, contacts, tags, countries, dates.
//! Each returns the value normalised, or VALIDATION naming the field.
//!
//! The rule for text: no control characters (NUL included: PostgreSQL
//! cannot store it and SQLite would) and no bidirectional overrides
//! (U+202A–U+202E, U+2066–U+2069, which make a name read as another) in any
//! input at all, which the GraphQL layer checks for every string argument
//! (`graphql::text_guard`); tabs and line breaks only in multi-line free
//! text (descriptions); and a name or title must hold something visible,
//! not only spaces, zero-width or other format characters.

use crate::domain::error::{DomainError, DomainResult};
use crate::i18n::Message;
use crate::msg;
use chrono::{Datelike, NaiveDate};
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// The earliest birth date the register takes.
pub const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// Why `value` cannot be kept as text, if it cannot: the first control
/// character (tabs and line breaks allowed when `multiline`) or
/// bidirectional override in it, by code point (never the text itself).
pub fn refused_char(value: &str, multiline: bool) -> Option<Message> {
    value.chars().find_map(|c| {
        let kind = if c.is_control() && !(multiline && matches!(c, '\t' | '\n' | '\r')) {
            "control"
        } else if matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}') {
            "bidi"
        } else {
            return None;
        };
        Some(msg!(
            "text-refused-char",
            kind = kind,
            code_point = format!("U+{:04X}", u32::from(c))
        ))
    })
}

/// Whether `c` shows nothing: white space, format characters (zero-width
/// spaces and joiners, the byte-order mark) and the blank letters that
/// pass for names (Hangul fillers, the blank Braille pattern).
fn is_invisible(c: char) -> bool {
    c.is_whitespace()
        || c.general_category() == GeneralCategory::Format
        || matches!(
            c,
            '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}' | '\u{2800}'
        )
}

/// Trimmed single-line text of 1 to `max` characters, something of it
/// visible.
pub fn text(field: &str, value: &str, max: usize) -> DomainResult<String> {
    checked_text(field, value, max, false)
}

/// Trimmed free text of 1 to `max` characters that may span lines
/// (descriptions).
pub fn multiline_text(field: &str, value: &str, max: usize) -> DomainResult<String> {
    checked_text(field, value, max, true)
}

fn checked_text(field: &str, value: &str, max: usize, multiline: bool) -> DomainResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::validation(field, msg!("must-not-be-empty")));
    }
    if let Some(reason) = refused_char(value, multiline) {
        return Err(DomainError::validation(field, reason));
    }
    if value.chars().all(is_invisible) {
        return Err(DomainError::validation(
            field,
            msg!("only-invisible-characters"),
        ));
    }
    if value.chars().count() > max {
        return Err(DomainError::validation(
            field,
            msg!("too-many-characters", max = max),
        ));
    }
    Ok(value.to_owned())
}

/// Like `text`, with empty meaning "none".
pub fn optional_text(field: &str, value: Option<&str>, max: usize) -> DomainResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => text(field, v, max).map(Some),
    }
}

/// Like `multiline_text`, with empty meaning "none".
pub fn optional_multiline_text(
    field: &str,
    value: Option<&str>,
    max: usize,
) -> DomainResult<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => multiline_text(field, v, max).map(Some),
    }
}

/// A birth date: not after `today`, and not before 1900 (nobody alive was
/// born earlier; such a date is a typing error).
pub fn birth_date(field: &str, date: NaiveDate, today: NaiveDate) -> DomainResult<NaiveDate> {
    if date.year() < EARLIEST_BIRTH_YEAR {
        return Err(DomainError::validation(
            field,
            msg!(
                "date-too-early",
                date = date.to_string(),
                year = EARLIEST_BIRTH_YEAR
            ),
        ));
    }
    not_future(field, date, today)
}

/// A phone number in international form, kept as `+` and digits.
pub fn phone(field: &str, value: &str) -> DomainResult<String> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let body = digits.strip_prefix('+').unwrap_or(&digits);
    if !(10..=15).contains(&body.len()) || !body.chars().all(|c| c.is_ascii_digit()) {
        return Err(DomainError::validation(field, msg!("not-a-phone-number")));
    }
    Ok(format!("+{body}"))
}

/// An e-mail address (shape only), lower-cased.
pub fn email(field: &str, value: &str) -> DomainResult<String> {
    let value = value.trim().to_lowercase();
    let valid = value.len() <= 254
        && !value.contains(char::is_whitespace)
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(value)
    } else {
        Err(DomainError::validation(field, msg!("not-an-email")))
    }
}

/// Skill or language tags: lower-case words of letters, digits, `_` and `-`,
/// without repeats.
pub fn tags(field: &str, values: &[String]) -> DomainResult<Vec<String>> {
    const MAX_TAGS: usize = 30;
    if values.len() > MAX_TAGS {
        return Err(DomainError::validation(
            field,
            msg!("too-many-tags", max = MAX_TAGS),
        ));
    }
    let mut out: Vec<String> = Vec::with_capacity(values.len());
    for value in values {
        let tag = value.trim().to_lowercase();
        let valid = (1..=50).contains(&tag.chars().count())
            && tag
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
        if !valid {
            return Err(DomainError::validation(
                field,
                msg!("not-a-tag", value = value),
            ));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// An ISO 3166-1 alpha-2 country code, upper-cased: one of the assigned
/// codes (from `rust_iso3166`'s list), not just any two letters.
pub fn country(field: &str, value: &str) -> DomainResult<String> {
    let code = value.trim().to_uppercase();
    if code.len() == 2 && rust_iso3166::from_alpha2(&code).is_some() {
        Ok(code)
    } else {
        Err(DomainError::validation(
            field,
            msg!("not-a-country-code", value = value),
        ))
    }
}

/// A day that is not after `today`.
pub fn not_future(field: &str, date: NaiveDate, today: NaiveDate) -> DomainResult<NaiveDate> {
    if date > today {
        Err(DomainError::validation(
            field,
            msg!("date-in-future", date = date.to_string()),
        ))
    } else {
        Ok(date)
    }
}

/// A count that is zero or more.
pub fn non_negative(field: &str, value: i32) -> DomainResult<i32> {
    if value < 0 {
        Err(DomainError::validation(field, msg!("must-not-be-negative")))
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contacts_are_normalised_or_refused() {
        assert_eq!(phone("p", "+7 (701) 123-45-67").unwrap(), "+77011234567");
        assert!(phone("p", "12345").is_err());
        assert_eq!(email("e", " A.B@Mail.KZ ").unwrap(), "a.b@mail.kz");
        for bad in ["a@b", "@x.kz", "a b@x.kz", "a@.kz"] {
            assert!(email("e", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn text_refuses_controls_overrides_and_invisible_names() {
        assert_eq!(
            text("n", "  Әлия Серікқызы ", 50).unwrap(),
            "Әлия Серікқызы"
        );
        for bad in [
            "Ali\0ya",
            "Ali\u{7}ya",
            "two\nlines",
            "Ali\u{202E}ayl",
            "\u{2066}x",
            "\u{200B}\u{200D}",
            "\u{FEFF}",
            " \u{3164} ",
        ] {
            assert!(text("n", bad, 50).is_err(), "{bad:?}");
        }
        assert_eq!(
            multiline_text("d", "first line\n\tsecond", 50).unwrap(),
            "first line\n\tsecond"
        );
        assert!(multiline_text("d", "nul\0", 50).is_err());
        let reason = refused_char("Secret\0Name", true).unwrap().to_string();
        assert!(
            reason.contains("U+0000") && !reason.contains("Secret"),
            "{reason}"
        );
    }

    #[test]
    fn countries_are_assigned_codes_only() {
        assert_eq!(country("c", " tr ").unwrap(), "TR");
        assert_eq!(country("c", "KZ").unwrap(), "KZ");
        for bad in ["XX", "ZZ", "QQ", "K", "KAZ", "1A"] {
            assert!(country("c", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn birth_dates_start_in_1900() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(birth_date("b", d(1899, 12, 31), today).is_err());
        assert!(birth_date("b", d(1900, 1, 1), today).is_ok());
        assert!(birth_date("b", d(2026, 12, 2), today).is_err());
    }

    #[test]
    fn tags_are_lower_cased_and_deduplicated() {
        let got = tags(
            "t",
            &["First_Aid".into(), "first_aid".into(), "қазақ".into()],
        )
        .unwrap();
        assert_eq!(got, vec!["first_aid", "қазақ"]);
        assert!(tags("t", &["two words".into()]).is_err());
    }
}
