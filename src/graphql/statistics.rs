//! The statistics of docs/domain.md as GraphQL: `statistics` for any period and
//! narrowing, `statisticsByRegion` (all 20 regions at once),
//! `statisticsSeries` (by month or year), and the types they share with
//! the annual report and the live subscription.
//!
//! To anonymous callers, a figure about fewer people than the configured
//! minimum group (5 by default) is null, and so are the hours and ages of
//! such a group: nobody can be singled out from public figures.
//!
//! Figures are costly when not cached: a scope computed anew reads every
//! participation of its period. In the query cost each scope a field may
//! compute counts `SCOPE_COST` (a series one per step, the regions twenty
//! rows), so a document asking for many long series is refused with
//! `QUERY_TOO_COMPLEX` before it runs; and the scopes actually computed
//! anew are charged to the caller's rate limit (`graphql::throttle`).

use crate::domain::error::DomainError;
use crate::domain::hours::{hours, ratio};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::EventLevel;
use crate::graphql::ids::{self, NodeType};
use crate::graphql::regions::{Region, region_by_code};
use crate::graphql::scalars::Date;
use crate::msg;
use crate::statistics::{AGE_GROUPS, Figures, Scope};
use async_graphql::{Context, Enum, ID, Object, Result, SimpleObject};
use chrono::{Datelike, Months, NaiveDate};
use std::sync::Arc;

/// The most days one statistics call may span (a century).
const MAX_DAYS: i64 = 36_600;

/// What one scope of figures costs in the query cost: computing it anew
/// is worth a hundred fields of a page.
pub const SCOPE_COST: usize = 100;

/// Regions in `statisticsByRegion` and an annual report's table.
const REGIONS: usize = 20;

/// Charge the caller for the scopes of `scopes` not at hand in the cache.
pub fn charge_cold(ctx: &Context<'_>, scopes: &[&Scope]) -> Result<()> {
    let live = ctx.live();
    let cold = scopes.iter().filter(|s| !live.is_warm(s)).count();
    crate::graphql::throttle::statistics(ctx, cold)
}

/// The narrowing arguments every statistics field takes, checked.
pub fn scope(
    from: Date,
    to: Date,
    region_code: Option<String>,
    project_id: Option<ID>,
    level: Option<EventLevel>,
) -> Result<Scope> {
    if to.0 < from.0 {
        return Err(DomainError::validation("to", msg!("period-ends-before-start")).into());
    }
    if (to.0 - from.0).num_days() > MAX_DAYS {
        return Err(DomainError::validation("to", msg!("period-too-long")).into());
    }
    let region = match region_code {
        Some(code) => {
            let code = code.trim().to_uppercase();
            if !entity::region::CODES.contains(&code.as_str()) {
                return Err(DomainError::validation(
                    "regionCode",
                    msg!("not-a-region", code = &code),
                )
                .into());
            }
            Some(code)
        }
        None => None,
    };
    Ok(Scope {
        from: from.0,
        to: to.0,
        region,
        project: project_id
            .map(|id| ids::decode_int(&id, NodeType::Project, "projectId"))
            .transpose()?,
        level: level.map(Into::into),
    })
}

/// Figures of one scope as the caller may see them.
#[derive(Clone)]
pub struct Statistics {
    scope: Scope,
    figures: Arc<Figures>,
    /// Groups smaller than this are hidden (anonymous callers only).
    min_group: Option<i64>,
}

impl Statistics {
    pub fn new(ctx: &Context<'_>, scope: Scope, figures: Arc<Figures>) -> Self {
        let min_group =
            (!ctx.caller().is_signed_in()).then(|| ctx.live_settings().anonymous_min_group);
        Statistics {
            scope,
            figures,
            min_group,
        }
    }

    /// For streams, which outlive the request context.
    pub fn detached(scope: Scope, figures: Arc<Figures>, min_group: Option<i64>) -> Self {
        Statistics {
            scope,
            figures,
            min_group,
        }
    }

    pub fn figures(&self) -> &Figures {
        &self.figures
    }

    /// A count of people, or null if it would single people out.
    fn people(&self, n: i64) -> Option<i64> {
        match self.min_group {
            Some(min) if n > 0 && n < min => None,
            _ => Some(n),
        }
    }

    /// Whether figures about the active volunteers as a group may be shown.
    fn group_shown(&self) -> bool {
        self.people(self.figures.active_volunteers).is_some()
    }
}

/// A count per kind of event.
#[derive(SimpleObject)]
pub struct EventKindCount {
    /// The kind.
    pub kind: crate::graphql::enums::EventKind,
    /// Events of that kind.
    pub count: i64,
}

/// A count per level of event.
#[derive(SimpleObject)]
pub struct EventLevelCount {
    /// The level.
    pub level: EventLevel,
    /// Events at that level.
    pub count: i64,
}

/// Active volunteers of an age group.
#[derive(SimpleObject)]
pub struct AgeGroupCount {
    /// Lowest age of the group.
    pub min_age: i32,
    /// Highest age of the group; null for the oldest (65+).
    pub max_age: Option<i32>,
    /// Active volunteers whose age at their first attended participation in
    /// the period falls in the group.
    pub volunteers: Option<i64>,
}

/// People served in one category.
#[derive(SimpleObject)]
pub struct ServedCount {
    /// Who was served.
    pub category: crate::graphql::enums::BeneficiaryCategory,
    /// How many.
    pub count: i64,
}

/// A count per key (a direction or a country).
#[derive(SimpleObject)]
pub struct KeyCount {
    /// `INBOUND`/`OUTBOUND`, or an ISO 3166-1 alpha-2 country code.
    pub key: String,
    /// Exchanges.
    pub count: i64,
}

/// International work in the period.
pub struct InternationalFigures(Statistics);

/// International exchanges overlapping the period.
#[Object]
impl InternationalFigures {
    /// Exchanges overlapping the period.
    async fn exchanges(&self) -> i64 {
        self.0.figures.exchanges
    }

    /// Exchanges by direction.
    async fn by_direction(&self) -> Vec<KeyCount> {
        counts(&self.0.figures.exchanges_by_direction)
    }

    /// Exchanges by partner country.
    async fn by_country(&self) -> Vec<KeyCount> {
        counts(&self.0.figures.exchanges_by_country)
    }

    /// Distinct volunteers of Kazakhstan taking part.
    async fn volunteers(&self) -> Option<i64> {
        self.0.people(self.0.figures.exchange_volunteers)
    }

    /// Foreign participants, summed over the exchanges.
    async fn foreign_participants(&self) -> i64 {
        self.0.figures.foreign_participants
    }
}

fn counts(map: &std::collections::BTreeMap<String, i64>) -> Vec<KeyCount> {
    map.iter()
        .map(|(key, count)| KeyCount {
            key: key.clone(),
            count: *count,
        })
        .collect()
}

/// The register's figures for one period and narrowing. Counts of people
/// are null to anonymous callers when the group is smaller than the
/// minimum group size.
#[Object]
impl Statistics {
    /// First day of the period (included).
    async fn from(&self) -> Date {
        self.scope.from.into()
    }

    /// Last day of the period (included).
    async fn to(&self) -> Date {
        self.scope.to.into()
    }

    /// The region the figures are narrowed to, if any.
    async fn region_code(&self) -> Option<&str> {
        self.scope.region.as_deref()
    }

    /// The project the figures are narrowed to, if any.
    async fn project_id(&self) -> Option<ID> {
        self.scope
            .project
            .map(|p| ids::encode(NodeType::Project, p))
    }

    /// The event level the figures are narrowed to, if any.
    async fn level(&self) -> Option<EventLevel> {
        self.scope.level.map(Into::into)
    }

    /// Volunteers registered on or before the last day, not erased (by home
    /// region; project and level do not apply to registrations).
    async fn registered_volunteers(&self) -> Option<i64> {
        self.people(self.figures.registered_volunteers)
    }

    /// Volunteers registered in the period (by home region).
    async fn new_volunteers(&self) -> Option<i64> {
        self.people(self.figures.new_volunteers)
    }

    /// Distinct volunteers with at least one attended participation dated
    /// in the period.
    async fn active_volunteers(&self) -> Option<i64> {
        self.people(self.figures.active_volunteers)
    }

    /// Hours of attended participations dated in the period, cancelled
    /// events excluded: `minutes` ÷ 60 rounded to two decimals.
    async fn hours(&self) -> Option<f64> {
        self.group_shown().then(|| hours(self.figures.minutes))
    }

    /// The same time, in whole minutes (the exact figure).
    async fn minutes(&self) -> Option<i64> {
        self.group_shown().then_some(self.figures.minutes)
    }

    /// The same hours, verified participations only.
    async fn verified_hours(&self) -> Option<f64> {
        self.group_shown()
            .then(|| hours(self.figures.verified_minutes))
    }

    /// Verified time, in whole minutes.
    async fn verified_minutes(&self) -> Option<i64> {
        self.group_shown().then_some(self.figures.verified_minutes)
    }

    /// Of `hours`, those measured: check-in and check-out, or recorded by
    /// a coordinator.
    async fn measured_hours(&self) -> Option<f64> {
        self.group_shown()
            .then(|| hours(self.figures.measured_minutes()))
    }

    /// Measured time, in whole minutes.
    async fn measured_minutes(&self) -> Option<i64> {
        self.group_shown().then(|| self.figures.measured_minutes())
    }

    /// Of `hours`, those the server estimated for check-outs that never
    /// came (never verified; a coordinator confirms or corrects them).
    async fn estimated_hours(&self) -> Option<f64> {
        self.group_shown()
            .then(|| hours(self.figures.estimated_minutes))
    }

    /// Estimated time, in whole minutes.
    async fn estimated_minutes(&self) -> Option<i64> {
        self.group_shown().then_some(self.figures.estimated_minutes)
    }

    /// Of `hours`, those reported by volunteers and approved.
    async fn self_reported_hours(&self) -> Option<f64> {
        self.group_shown()
            .then(|| hours(self.figures.self_reported_minutes))
    }

    /// Self-reported time, in whole minutes.
    async fn self_reported_minutes(&self) -> Option<i64> {
        self.group_shown()
            .then_some(self.figures.self_reported_minutes)
    }

    /// Of `hours`, those imported from the regions' files.
    async fn imported_hours(&self) -> Option<f64> {
        self.group_shown()
            .then(|| hours(self.figures.imported_minutes))
    }

    /// Imported time, in whole minutes.
    async fn imported_minutes(&self) -> Option<i64> {
        self.group_shown().then_some(self.figures.imported_minutes)
    }

    /// Counted participations whose minutes are still the server's
    /// estimate, waiting for a coordinator.
    async fn open_estimates(&self) -> Option<i64> {
        self.group_shown().then_some(self.figures.open_estimates)
    }

    /// Hours in the same period a year earlier.
    async fn hours_year_earlier(&self) -> Option<f64> {
        self.group_shown()
            .then(|| hours(self.figures.minutes_year_earlier))
    }

    /// Time in the same period a year earlier, in whole minutes.
    async fn minutes_year_earlier(&self) -> Option<i64> {
        self.group_shown()
            .then_some(self.figures.minutes_year_earlier)
    }

    /// Minutes over minutes a year earlier, minus one, to four decimals
    /// (0.25 is 25% more); null when there were none a year earlier.
    async fn hours_growth(&self) -> Option<f64> {
        if self.group_shown() {
            self.figures.hours_growth().map(ratio)
        } else {
            None
        }
    }

    /// Events not cancelled starting in the period.
    async fn events(&self) -> i64 {
        self.figures.events()
    }

    /// Those events by kind.
    async fn events_by_kind(&self) -> Vec<EventKindCount> {
        self.figures
            .events_by_kind
            .iter()
            .filter_map(|(k, n)| {
                Some(EventKindCount {
                    kind: entity::EventKind::try_from_str(k)?.into(),
                    count: *n,
                })
            })
            .collect()
    }

    /// Those events by level.
    async fn events_by_level(&self) -> Vec<EventLevelCount> {
        self.figures
            .events_by_level
            .iter()
            .filter_map(|(k, n)| {
                Some(EventLevelCount {
                    level: entity::EventLevel::try_from_str(k)?.into(),
                    count: *n,
                })
            })
            .collect()
    }

    /// The least age, in whole years on the participation's date, over
    /// attended participations in the period.
    async fn youngest_active_age(&self) -> Option<i32> {
        if self.group_shown() {
            self.figures.youngest_active
        } else {
            None
        }
    }

    /// The greatest such age.
    async fn oldest_active_age(&self) -> Option<i32> {
        if self.group_shown() {
            self.figures.oldest_active
        } else {
            None
        }
    }

    /// Active volunteers by age at their first attended participation in
    /// the period: 7–13, 14–17, 18–24, 25–34, 35–44, 45–54, 55–64, 65+.
    async fn age_groups(&self) -> Vec<AgeGroupCount> {
        AGE_GROUPS
            .iter()
            .zip(&self.figures.age_groups)
            .map(|((min, max), n)| AgeGroupCount {
                min_age: *min,
                max_age: *max,
                volunteers: self.people(*n),
            })
            .collect()
    }

    /// Pairs (family, event) with at least two members attending that
    /// event in the period.
    async fn family_participations(&self) -> Option<i64> {
        self.people(self.figures.family_participations)
    }

    /// Distinct families among those pairs.
    async fn active_families(&self) -> Option<i64> {
        self.people(self.figures.active_families)
    }

    /// People served at the period's events, by category (counts only).
    async fn beneficiaries_served(&self) -> Vec<ServedCount> {
        self.figures
            .beneficiaries
            .iter()
            .filter_map(|(k, n)| {
                Some(ServedCount {
                    category: entity::BeneficiaryCategory::try_from_str(k)?.into(),
                    count: *n,
                })
            })
            .collect()
    }

    /// International exchanges overlapping the period (narrowed through the
    /// event an exchange is linked to, when narrowed at all).
    async fn international(&self) -> InternationalFigures {
        InternationalFigures(self.clone())
    }
}

/// One region's figures.
pub struct RegionStatistics {
    pub code: String,
    pub statistics: Statistics,
}

/// One region's figures.
#[Object]
impl RegionStatistics {
    /// The region.
    async fn region(&self, ctx: &Context<'_>) -> Result<Option<Region>> {
        region_by_code(ctx, &self.code).await
    }

    /// Its figures.
    async fn statistics(&self) -> &Statistics {
        &self.statistics
    }
}

/// The length of a step of a time series.
#[derive(Enum, Copy, Clone, Debug, PartialEq, Eq)]
pub enum Interval {
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// The most steps one series may have.
pub const MAX_STEPS: usize = 240;

/// How many steps `steps` cuts `[from, to]` into, without cutting.
pub fn step_count(from: NaiveDate, to: NaiveDate, interval: Interval) -> usize {
    if to < from {
        return 0;
    }
    let years = i64::from(to.year()) - i64::from(from.year());
    let steps = match interval {
        Interval::Year => years + 1,
        Interval::Month => years * 12 + i64::from(to.month()) - i64::from(from.month()) + 1,
    };
    usize::try_from(steps).unwrap_or(usize::MAX)
}

/// The query cost of a series: each step is a scope.
pub fn series_cost(from: &Date, to: &Date, interval: Interval, child_complexity: usize) -> usize {
    step_count(from.0, to.0, interval).saturating_mul(SCOPE_COST.saturating_add(child_complexity))
}

/// The steps of `[from, to]` cut at month or year boundaries.
pub fn steps(from: NaiveDate, to: NaiveDate, interval: Interval) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut start = from;
    while start <= to {
        let next = match interval {
            Interval::Month => NaiveDate::from_ymd_opt(start.year(), start.month(), 1)
                .and_then(|d| d.checked_add_months(Months::new(1))),
            Interval::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1),
        };
        let Some(next) = next else { break };
        let end = next.pred_opt().unwrap_or(next).min(to);
        out.push((start, end));
        start = next;
    }
    out
}

#[derive(Default)]
pub struct StatisticsQuery;

#[Object]
impl StatisticsQuery {
    /// The register's figures for the period `[from, to]` (Kazakhstan's
    /// calendar, both days included), optionally narrowed to a region (the
    /// event's host region; for registrations the volunteer's home
    /// region), a project and an event level.
    #[graphql(complexity = "SCOPE_COST + child_complexity")]
    async fn statistics(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (included).")] from: Date,
        #[graphql(desc = "Last day (included).")] to: Date,
        #[graphql(desc = "Narrow to one region, e.g. `KZ-71`.")] region_code: Option<String>,
        #[graphql(desc = "Narrow to one project.")] project_id: Option<ID>,
        #[graphql(desc = "Narrow to one event level.")] level: Option<EventLevel>,
    ) -> Result<Statistics> {
        let scope = scope(from, to, region_code, project_id, level)?;
        charge_cold(ctx, &[&scope])?;
        let figures = ctx
            .live()
            .figures(&scope)
            .await
            .map_err(crate::graphql::error::db_error)?;
        Ok(Statistics::new(ctx, scope, figures))
    }

    /// The same figures for each of the 20 regions, in code order.
    #[graphql(complexity = "2 * SCOPE_COST + REGIONS * child_complexity")]
    async fn statistics_by_region(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (included).")] from: Date,
        #[graphql(desc = "Last day (included).")] to: Date,
        #[graphql(desc = "Narrow to one project.")] project_id: Option<ID>,
        #[graphql(desc = "Narrow to one event level.")] level: Option<EventLevel>,
    ) -> Result<Vec<RegionStatistics>> {
        let base = scope(from, to, None, project_id, level)?;
        let cold = usize::from(!ctx.live().is_warm_by_region(&base));
        crate::graphql::throttle::statistics(ctx, cold)?;
        let all = ctx
            .live()
            .figures_by_region(&base)
            .await
            .map_err(crate::graphql::error::db_error)?;
        Ok(all
            .iter()
            .map(|(code, figures)| RegionStatistics {
                code: code.clone(),
                statistics: Statistics::new(
                    ctx,
                    Scope {
                        region: Some(code.clone()),
                        ..base.clone()
                    },
                    figures.clone(),
                ),
            })
            .collect())
    }

    /// The figures step by step (calendar months or years, at most 240
    /// steps: a longer series is refused with VALIDATION), for charts of
    /// hours, active volunteers and events. Each step costs as much as a
    /// `statistics` field in the query cost.
    #[allow(clippy::too_many_arguments)]
    #[graphql(complexity = "series_cost(&from, &to, interval, child_complexity)")]
    async fn statistics_series(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "First day (included).")] from: Date,
        #[graphql(desc = "Last day (included).")] to: Date,
        #[graphql(desc = "The length of a step.")] interval: Interval,
        #[graphql(desc = "Narrow to one region, e.g. `KZ-71`.")] region_code: Option<String>,
        #[graphql(desc = "Narrow to one project.")] project_id: Option<ID>,
        #[graphql(desc = "Narrow to one event level.")] level: Option<EventLevel>,
    ) -> Result<Vec<Statistics>> {
        let base = scope(from, to, region_code, project_id, level)?;
        let count = step_count(base.from, base.to, interval);
        if count > MAX_STEPS {
            return Err(DomainError::validation(
                "to",
                msg!("series-too-long", max = MAX_STEPS, count = count),
            )
            .into());
        }
        let scopes: Vec<Scope> = steps(base.from, base.to, interval)
            .into_iter()
            .map(|(from, to)| Scope {
                from,
                to,
                ..base.clone()
            })
            .collect();
        charge_cold(ctx, &scopes.iter().collect::<Vec<_>>())?;
        let mut out = Vec::new();
        for scope in scopes {
            let figures = ctx
                .live()
                .figures(&scope)
                .await
                .map_err(crate::graphql::error::db_error)?;
            out.push(Statistics::new(ctx, scope, figures));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn step_counts_match_the_steps_cut() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let periods = [
            (d(2024, 1, 15), d(2024, 3, 10)),
            (d(2023, 6, 1), d(2024, 2, 1)),
            (d(2024, 12, 31), d(2025, 1, 1)),
            (d(2000, 1, 1), d(2039, 12, 31)),
            (d(2024, 5, 5), d(2024, 5, 5)),
            (d(2024, 5, 6), d(2024, 5, 5)),
        ];
        for (from, to) in periods {
            for interval in [Interval::Month, Interval::Year] {
                assert_eq!(
                    step_count(from, to, interval),
                    steps(from, to, interval).len(),
                    "{from} to {to} by {interval:?}"
                );
            }
        }
    }

    #[test]
    fn series_steps_follow_the_calendar() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            steps(d(2024, 1, 15), d(2024, 3, 10), Interval::Month),
            vec![
                (d(2024, 1, 15), d(2024, 1, 31)),
                (d(2024, 2, 1), d(2024, 2, 29)),
                (d(2024, 3, 1), d(2024, 3, 10))
            ]
        );
        assert_eq!(
            steps(d(2023, 6, 1), d(2024, 2, 1), Interval::Year),
            vec![
                (d(2023, 6, 1), d(2023, 12, 31)),
                (d(2024, 1, 1), d(2024, 2, 1))
            ]
        );
    }
}
