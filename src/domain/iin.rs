//! The IIN (individual identification number), Kazakhstan's national ID.
//!
//! An IIN is 12 digits: `YYMMDD` of the birth date, a digit giving century
//! and sex (1–2: 1800s, 3–4: 1900s, 5–6: 2000s), four serial digits and a
//! check digit. The check digit is a weighted sum modulo 11 with weights
//! 1..11; when that gives 10, a second pass uses weights 3..11,1,2; when
//! that gives 10 too, no IIN is issued with those digits.
//!
//! The register never keeps an IIN: only a keyed hash (HMAC-SHA-256 with a
//! secret from configuration), enough to refuse a second registration of
//! the same person and useless to anyone without the secret.

use crate::domain::error::DomainError;
use crate::msg;
use chrono::{Datelike, NaiveDate};
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// A valid IIN, checked against its holder's birth date.
pub struct Iin(String);

impl std::fmt::Debug for Iin {
    // Never print the number, not even in a debug log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Iin(***)")
    }
}

const FIRST_WEIGHTS: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const SECOND_WEIGHTS: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

fn weighted(digits: &[u32], weights: &[u32; 11]) -> u32 {
    digits.iter().zip(weights).map(|(d, w)| d * w).sum::<u32>() % 11
}

/// The check digit of the first 11 digits, or None if no IIN can have them.
fn check_digit(digits: &[u32]) -> Option<u32> {
    match weighted(digits, &FIRST_WEIGHTS) {
        10 => match weighted(digits, &SECOND_WEIGHTS) {
            10 => None,
            d => Some(d),
        },
        d => Some(d),
    }
}

impl Iin {
    /// Parse `text` as the IIN of someone born on `birth_date`; `field`
    /// names the input for the error.
    pub fn parse(text: &str, birth_date: NaiveDate, field: &str) -> Result<Iin, DomainError> {
        let text = text.trim();
        let invalid =
            |why: &'static str| DomainError::validation(field, msg!("iin-not-valid", reason = why));
        if text.len() != 12 {
            return Err(invalid("length"));
        }
        let digits: Vec<u32> = text.chars().filter_map(|c| c.to_digit(10)).collect();
        if digits.len() != 12 {
            return Err(invalid("digits"));
        }
        if check_digit(&digits[..11]) != Some(digits[11]) {
            return Err(invalid("check-digit"));
        }
        if text[..6] != birth_date.format("%y%m%d").to_string() {
            return Err(invalid("birth-date"));
        }
        let century = match digits[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return Err(invalid("seventh-digit")),
        };
        if birth_date.year() / 100 * 100 != century {
            return Err(invalid("century"));
        }
        Ok(Iin(text.to_owned()))
    }

    /// The keyed hash stored instead of the number.
    pub fn keyed_hash(&self, secret: &[u8]) -> String {
        // HMAC accepts keys of any length, so this cannot fail.
        let mut mac =
            <Hmac<Sha256> as Mac>::new_from_slice(secret).unwrap_or_else(|_| unreachable!());
        mac.update(self.0.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// The birth date an IIN states (its first six digits and the century of
/// its seventh), to look a person up by the number alone.
pub fn stated_birth_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let digits: Vec<u32> = text
        .chars()
        .map(|c| c.to_digit(10))
        .collect::<Option<_>>()?;
    if digits.len() != 12 {
        return None;
    }
    let century = match digits[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return None,
    };
    let year = century + (digits[0] * 10 + digits[1]) as i32;
    NaiveDate::from_ymd_opt(year, digits[2] * 10 + digits[3], digits[4] * 10 + digits[5])
}

/// Complete 11 digits with their check digit, for tests and demo data.
pub fn with_check_digit(first11: &str) -> Option<String> {
    let digits: Vec<u32> = first11.chars().filter_map(|c| c.to_digit(10)).collect();
    if digits.len() != 11 || first11.len() != 11 {
        return None;
    }
    check_digit(&digits).map(|d| format!("{first11}{d}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn born(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn valid_iins_pass_and_hash_without_revealing_the_number() {
        let iin = with_check_digit("95010740012").unwrap();
        let parsed = Iin::parse(&iin, born(1995, 1, 7), "iin").unwrap();
        let hash = parsed.keyed_hash(b"secret");
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&iin));
        assert_ne!(hash, parsed.keyed_hash(b"another secret"));
    }

    #[test]
    fn the_second_weighting_applies_when_the_first_gives_ten() {
        // Find 11 digits whose first pass is 10, and check the result uses
        // the second weights.
        let first11 = (0..10_000)
            .map(|n| format!("0001015{n:04}"))
            .find(|s| {
                let d: Vec<u32> = s.chars().map(|c| c.to_digit(10).unwrap()).collect();
                weighted(&d, &FIRST_WEIGHTS) == 10 && weighted(&d, &SECOND_WEIGHTS) != 10
            })
            .unwrap();
        let d: Vec<u32> = first11.chars().map(|c| c.to_digit(10).unwrap()).collect();
        let iin = with_check_digit(&first11).unwrap();
        assert_eq!(
            iin.chars().last().unwrap().to_digit(10).unwrap(),
            weighted(&d, &SECOND_WEIGHTS)
        );
        assert!(Iin::parse(&iin, born(2000, 1, 1), "iin").is_ok());
    }

    #[test]
    fn invalid_iins_are_refused_with_a_reason() {
        let good = with_check_digit("95010740012").unwrap();
        let birth = born(1995, 1, 7);
        let mut wrong_check = good.clone();
        let last = wrong_check.pop().unwrap().to_digit(10).unwrap();
        wrong_check.push(char::from_digit((last + 1) % 10, 10).unwrap());
        for (bad, why) in [
            ("123", "12 digits"),
            ("95010740012X", "digits only"),
            (wrong_check.as_str(), "check digit"),
        ] {
            let err = Iin::parse(bad, birth, "input.iin").unwrap_err();
            assert!(
                err.message().to_string().contains(why),
                "{bad}: {}",
                err.message()
            );
            assert_eq!(err.code(), crate::error_code::ErrorCode::Validation);
        }
        let err = Iin::parse(&good, born(1995, 1, 8), "input.iin").unwrap_err();
        assert!(err.message().to_string().contains("birth date"));
        let wrong_century = with_check_digit("95010750012").unwrap();
        assert!(
            Iin::parse(&wrong_century, birth, "iin")
                .unwrap_err()
                .message()
                .to_string()
                .contains("century")
        );
    }
}
