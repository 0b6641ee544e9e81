//! What every filter input shares: AND/OR composition, date periods in
//! Kazakhstan's calendar, and the canonical text that lets identical
//! nested filters be batched into one statement.

use crate::domain::error::DomainError;
use crate::domain::time::kz_day_start;
use crate::msg;
use chrono::{DateTime, Days, NaiveDate, Utc};
use sea_orm::sea_query::Condition;
use serde::Serialize;

/// A filter input object: its own conditions, plus lists of sub-filters
/// that must all hold (`and`) or of which one must hold (`or`).
pub trait FilterInput: Serialize + Sized {
    /// The conditions of this object's own fields, all of which must hold,
    /// at the instant `now` (statuses and ages depend on it).
    fn own(&self, now: DateTime<Utc>) -> Result<Condition, DomainError>;
    fn and(&self) -> Option<&[Self]>;
    fn or(&self) -> Option<&[Self]>;
    /// What holds unless the filter says otherwise (volunteers: only
    /// ACTIVE ones unless a filter names statuses).
    fn implied(_filter: Option<&Self>) -> Condition {
        Condition::all()
    }
}

/// Deepest nesting of `and`/`or` accepted (query depth bounds it anyway;
/// this keeps variables, which depth does not see, bounded too).
const MAX_NESTING: usize = 5;

/// The whole condition of a filter at `now`, or of no filter (everything).
pub fn condition<F: FilterInput>(
    filter: Option<&F>,
    now: DateTime<Utc>,
) -> Result<Condition, DomainError> {
    let implied = F::implied(filter);
    match filter {
        Some(f) => Ok(implied.add(condition_at(f, now, 0)?)),
        None => Ok(implied),
    }
}

fn condition_at<F: FilterInput>(
    filter: &F,
    now: DateTime<Utc>,
    depth: usize,
) -> Result<Condition, DomainError> {
    if depth > MAX_NESTING {
        return Err(DomainError::validation(
            "filter",
            msg!("filter-too-deep", max = MAX_NESTING),
        ));
    }
    let mut all = filter.own(now)?;
    for sub in filter.and().unwrap_or_default() {
        all = all.add(condition_at(sub, now, depth + 1)?);
    }
    if let Some(alternatives) = filter.or().filter(|list| !list.is_empty()) {
        let mut any = Condition::any();
        for sub in alternatives {
            any = any.add(condition_at(sub, now, depth + 1)?);
        }
        all = all.add(any);
    }
    Ok(all)
}

/// Canonical text of a filter (requests with equal text share a statement).
pub fn filter_key<F: Serialize>(filter: Option<&F>) -> String {
    filter
        .and_then(|f| serde_json::to_string(f).ok())
        .unwrap_or_default()
}

/// Start (included) and end (excluded) of a range of instants.
pub type InstantBounds = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// A period of whole days `[from, to]`, both included, in Kazakhstan's
/// calendar, as the half-open instant range `[start of from, start of to+1)`.
pub fn instant_range(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    field: &str,
) -> Result<InstantBounds, DomainError> {
    check_order(from, to, field)?;
    let end = match to {
        Some(day) => Some(
            day.checked_add_days(Days::new(1))
                .map(kz_day_start)
                .ok_or_else(|| DomainError::validation(field, msg!("period-ends-too-late")))?,
        ),
        None => None,
    };
    Ok((from.map(kz_day_start), end))
}

/// Refuse a period that ends before it starts.
pub fn check_order(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    field: &str,
) -> Result<(), DomainError> {
    match (from, to) {
        (Some(f), Some(t)) if t < f => Err(DomainError::validation(
            field,
            msg!("period-order", to = t.to_string(), from = f.to_string()),
        )),
        _ => Ok(()),
    }
}
