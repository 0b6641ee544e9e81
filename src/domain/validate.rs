//! Checks of single input values: text, contacts, tags, countries, dates.
//! Each returns the value normalised, or VALIDATION naming the field.

use crate::domain::error::{DomainError, DomainResult};
use chrono::NaiveDate;

/// Trimmed text of 1 to `max` characters.
pub fn text(field: &str, value: &str, max: usize) -> DomainResult<String> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DomainError::validation(field, "must not be empty"));
    }
    if value.chars().count() > max {
        return Err(DomainError::validation(
            field,
            format!("must be at most {max} characters"),
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

/// A phone number in international form, kept as `+` and digits.
pub fn phone(field: &str, value: &str) -> DomainResult<String> {
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let body = digits.strip_prefix('+').unwrap_or(&digits);
    if !(10..=15).contains(&body.len()) || !body.chars().all(|c| c.is_ascii_digit()) {
        return Err(DomainError::validation(
            field,
            "is not a phone number; write it with the country code, e.g. +7 701 123 45 67",
        ));
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
        Err(DomainError::validation(field, "is not an e-mail address"))
    }
}

/// Skill or language tags: lower-case words of letters, digits, `_` and `-`,
/// without repeats.
pub fn tags(field: &str, values: &[String]) -> DomainResult<Vec<String>> {
    const MAX_TAGS: usize = 30;
    if values.len() > MAX_TAGS {
        return Err(DomainError::validation(
            field,
            format!("at most {MAX_TAGS} tags"),
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
                format!("`{value}` is not a tag: use 1 to 50 letters, digits, `_` or `-`"),
            ));
        }
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

/// An ISO 3166-1 alpha-2 country code, upper-cased.
pub fn country(field: &str, value: &str) -> DomainResult<String> {
    let code = value.trim().to_uppercase();
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err(DomainError::validation(
            field,
            format!("`{value}` is not an ISO 3166-1 alpha-2 country code (e.g. DE, TR)"),
        ))
    }
}

/// A day that is not after `today`.
pub fn not_future(field: &str, date: NaiveDate, today: NaiveDate) -> DomainResult<NaiveDate> {
    if date > today {
        Err(DomainError::validation(
            field,
            format!("{date} is in the future"),
        ))
    } else {
        Ok(date)
    }
}

/// A count that is zero or more.
pub fn non_negative(field: &str, value: i32) -> DomainResult<i32> {
    if value < 0 {
        Err(DomainError::validation(field, "must not be negative"))
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
