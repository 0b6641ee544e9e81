//! The figures of the public page, computed when the server starts.
//!
//! The public page ("Volunteers in numbers") is what anonymous visitors
//! open first; at national size its scopes take seconds each to compute
//! from nothing, and a visitor arriving just after a start would wait out
//! all of them at once. So the server computes them itself, one after
//! another in the background, as soon as it starts serving: this year to
//! today and all of last year, nationally (with the year before, for the
//! growth figures) and by region, and every month of both. Later changes
//! keep them current as for any followed scope.

use crate::graphql::statistics::{Interval, steps};
use crate::statistics::figures::Scope;
use crate::statistics::live::LiveFigures;
use chrono::{Datelike, NaiveDate};

/// The national scope of `[from, to]`.
fn national(from: NaiveDate, to: NaiveDate) -> Scope {
    Scope {
        from,
        to,
        region: None,
        project: None,
        level: None,
    }
}

/// The page's scopes for `today`, the most wanted first.
pub fn public_page_scopes(today: NaiveDate) -> (Vec<Scope>, Vec<Scope>) {
    let year = today.year();
    let first = |y: i32| NaiveDate::from_ymd_opt(y, 1, 1);
    let last_day = |y: i32| NaiveDate::from_ymd_opt(y, 12, 31);
    let (Some(this_from), Some(last_from), Some(last_to)) =
        (first(year), first(year - 1), last_day(year - 1))
    else {
        return (Vec::new(), Vec::new());
    };
    let this_year = national(this_from, today);
    let last_year = national(last_from, last_to);
    let mut whole = vec![
        this_year.clone(),
        last_year.clone(),
        this_year.year_earlier(),
        last_year.year_earlier(),
    ];
    whole.extend(
        steps(last_from, today, Interval::Month)
            .into_iter()
            .map(|(from, to)| national(from, to)),
    );
    (whole, vec![this_year, last_year])
}

/// Compute the public page's figures into the cache; failures are logged
/// and left to the first visitor (the database may still be starting).
pub async fn public_page(live: LiveFigures, today: NaiveDate) {
    let (whole, by_region) = public_page_scopes(today);
    for (i, scope) in whole.iter().enumerate() {
        if let Err(err) = live.figures(scope).await {
            tracing::warn!(error = %err, "warming the public page's figures failed");
            return;
        }
        // By region right after the national figures of the two years.
        if i == 1 {
            for base in &by_region {
                if let Err(err) = live.figures_by_region(base).await {
                    tracing::warn!(error = %err, "warming the public page's figures failed");
                    return;
                }
            }
        }
    }
    tracing::info!(
        scopes = whole.len() + by_region.len(),
        "the public page's figures are computed"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scopes_are_the_two_years_and_their_months() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
        let (whole, by_region) = public_page_scopes(today);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!((whole[0].from, whole[0].to), (day(2026, 1, 1), today));
        assert_eq!(
            (whole[1].from, whole[1].to),
            (day(2025, 1, 1), day(2025, 12, 31))
        );
        // 12 months of last year and 3 of this one, the last to today.
        assert_eq!(whole.len(), 4 + 15);
        assert_eq!(
            whole.last().map(|s| (s.from, s.to)),
            Some((day(2026, 3, 1), today))
        );
        assert_eq!(by_region.len(), 2);
        assert!(whole.iter().all(|s| s.region.is_none()));
    }
}
