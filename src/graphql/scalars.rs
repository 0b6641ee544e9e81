//! Scalars of the schema that async-graphql does not name the way the
//! register does (docs/domain.md, "Dates, times and ages"): `Date` is a calendar date (`YYYY-MM-DD`, Kazakhstan's calendar).

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::{Datelike, NaiveDate};

/// A calendar date, `YYYY-MM-DD`. Periods are `[from, to]` with both days
/// included, in Kazakhstan's time (UTC+5).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct Date(pub NaiveDate);

#[Scalar(name = "Date")]
/// A calendar date in ISO 8601 form, `YYYY-MM-DD`, in Kazakhstan's calendar (UTC+5).
impl ScalarType for Date {
    fn parse(value: Value) -> InputValueResult<Self> {
        match &value {
            Value::String(s) => parse_date(s).map(Date).ok_or_else(|| {
                InputValueError::custom(format!(
                    "`{s}` is not a date of the form YYYY-MM-DD with a year from {FIRST_YEAR} to {LAST_YEAR}"
                ))
            }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

/// The years a `Date` may have: four digits. Earlier days than the
/// register knows (a birth before 1900) are the domain's to refuse, with
/// the field named.
const FIRST_YEAR: i32 = 1000;
const LAST_YEAR: i32 = 9999;

/// Exactly `YYYY-MM-DD`: chrono alone also reads signed and longer years
/// (`+10000-01-01`), which no register date has.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let shaped = s.len() == 10
        && s.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()?;
    (shaped && (FIRST_YEAR..=LAST_YEAR).contains(&date.year())).then_some(date)
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_have_four_year_digits_from_1900() {
        assert!(parse_date("2024-02-29").is_some());
        assert!(parse_date("1899-12-31").is_some());
        for bad in [
            "+10000-01-01",
            "10000-01-01",
            "0999-12-31",
            "2024-2-29",
            "2023-02-29",
            " 2024-01-01",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }
}
