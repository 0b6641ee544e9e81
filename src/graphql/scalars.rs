//! Scalars of the schema that async-graphql does not name the way DOMAIN.md
//! does: `Date` is a calendar date (`YYYY-MM-DD`, Kazakhstan's calendar).

use async_graphql::{InputValueError, InputValueResult, Scalar, ScalarType, Value};
use chrono::NaiveDate;

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
            Value::String(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Date)
                .map_err(|_| {
                    InputValueError::custom(format!("`{s}` is not a date of the form YYYY-MM-DD"))
                }),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> Value {
        Value::String(self.0.format("%Y-%m-%d").to_string())
    }
}

impl From<NaiveDate> for Date {
    fn from(d: NaiveDate) -> Self {
        Date(d)
    }
}
