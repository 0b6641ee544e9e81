//! Annual reports: `annualReport(year)` and `publishAnnualReport`.

use crate::domain::access;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::write::Write;
use crate::graphql::context::ContextExt;
use crate::graphql::error::db_error;
use crate::graphql::mutations::run;
use crate::graphql::statistics::{RegionStatistics, Statistics};
use crate::msg;
use crate::statistics::Figures;
use crate::statistics::report::{self, Frozen, year_scope};
use async_graphql::{Context, InputObject, Object, Result, SimpleObject};
use chrono::{DateTime, Datelike, Utc};
use std::sync::Arc;

/// A figure whose value changed after the report was published.
#[derive(SimpleObject)]
pub struct Correction {
    /// The region the figure is about; null for the national figures.
    pub region_code: Option<String>,
    /// The figure, e.g. `hours`, `activeVolunteers`, `eventsByKind.RAID`.
    pub figure: String,
    /// As published.
    pub published: f64,
    /// As it is now.
    pub current: f64,
    /// Current minus published.
    pub difference: f64,
}

/// The figures as named numbers, for comparing.
fn flatten(f: &Figures) -> Vec<(String, f64)> {
    let mut out = vec![
        (
            "registeredVolunteers".to_owned(),
            f.registered_volunteers as f64,
        ),
        ("newVolunteers".to_owned(), f.new_volunteers as f64),
        ("activeVolunteers".to_owned(), f.active_volunteers as f64),
        ("hours".to_owned(), f.minutes as f64 / 60.0),
        ("verifiedHours".to_owned(), f.verified_minutes as f64 / 60.0),
        ("events".to_owned(), f.events() as f64),
        (
            "youngestActiveAge".to_owned(),
            f.youngest_active.map_or(0.0, f64::from),
        ),
        (
            "oldestActiveAge".to_owned(),
            f.oldest_active.map_or(0.0, f64::from),
        ),
        (
            "familyParticipations".to_owned(),
            f.family_participations as f64,
        ),
        ("activeFamilies".to_owned(), f.active_families as f64),
        ("international.exchanges".to_owned(), f.exchanges as f64),
        (
            "international.volunteers".to_owned(),
            f.exchange_volunteers as f64,
        ),
        (
            "international.foreignParticipants".to_owned(),
            f.foreign_participants as f64,
        ),
    ];
    for (i, n) in f.age_groups.iter().enumerate() {
        out.push((format!("ageGroups.{i}"), *n as f64));
    }
    for (prefix, map) in [
        ("eventsByKind", &f.events_by_kind),
        ("eventsByLevel", &f.events_by_level),
        ("beneficiariesServed", &f.beneficiaries),
    ] {
        for (k, n) in map {
            out.push((format!("{prefix}.{k}"), *n as f64));
        }
    }
    out
}

fn corrections(region: Option<&str>, published: &Figures, current: &Figures) -> Vec<Correction> {
    let before: std::collections::BTreeMap<String, f64> = flatten(published).into_iter().collect();
    let mut after: std::collections::BTreeMap<String, f64> = flatten(current).into_iter().collect();
    for key in before.keys() {
        after.entry(key.clone()).or_insert(0.0);
    }
    after
        .into_iter()
        .filter_map(|(figure, now)| {
            let then = before.get(&figure).copied().unwrap_or(0.0);
            ((now - then).abs() > f64::EPSILON).then(|| Correction {
                region_code: region.map(str::to_owned),
                figure,
                published: then,
                current: now,
                difference: now - then,
            })
        })
        .collect()
}

/// A year's report.
pub struct AnnualReport {
    year: i32,
    published: Option<(DateTime<Utc>, Frozen)>,
    current: Frozen,
    previous: Frozen,
}

fn region_rows(ctx: &Context<'_>, year: i32, frozen: &Frozen) -> Vec<RegionStatistics> {
    frozen
        .regions
        .iter()
        .filter_map(|(code, figures)| {
            Some(RegionStatistics {
                code: code.clone(),
                statistics: Statistics::new(
                    ctx,
                    year_scope(year, Some(code.clone()))?,
                    Arc::new(figures.clone()),
                ),
            })
        })
        .collect()
}

/// A year's statistics: as published (frozen) once published, with the
/// corrections later writes made beside them; until then, as they are now.
#[Object]
impl AnnualReport {
    /// The year.
    async fn year(&self) -> i32 {
        self.year
    }

    /// Whether the report has been published.
    async fn published(&self) -> bool {
        self.published.is_some()
    }

    /// When it was published.
    async fn published_at(&self) -> Option<DateTime<Utc>> {
        self.published.as_ref().map(|(at, _)| *at)
    }

    /// The year's national figures: as published, or current if not yet.
    async fn statistics(&self, ctx: &Context<'_>) -> Result<Statistics> {
        let figures = self.published.as_ref().map_or(&self.current, |(_, f)| f);
        self.national(ctx, self.year, &figures.national)
    }

    /// The year's national figures as they are now.
    async fn current(&self, ctx: &Context<'_>) -> Result<Statistics> {
        self.national(ctx, self.year, &self.current.national)
    }

    /// The year before, as it is now, for comparison.
    async fn previous_year(&self, ctx: &Context<'_>) -> Result<Statistics> {
        self.national(ctx, self.year - 1, &self.previous.national)
    }

    /// Per region (all 20): as published, or current if not yet.
    #[graphql(complexity = "20 * child_complexity")]
    async fn regions(&self, ctx: &Context<'_>) -> Vec<RegionStatistics> {
        let figures = self.published.as_ref().map_or(&self.current, |(_, f)| f);
        region_rows(ctx, self.year, figures)
    }

    /// Figures that changed since publication (current minus published),
    /// nationally and per region; empty until published.
    async fn corrections(&self) -> Vec<Correction> {
        let Some((_, published)) = &self.published else {
            return Vec::new();
        };
        let mut out = corrections(None, &published.national, &self.current.national);
        for (code, figures) in &published.regions {
            if let Some(now) = self.current.regions.get(code) {
                out.extend(corrections(Some(code), figures, now));
            }
        }
        out
    }
}

impl AnnualReport {
    fn national(&self, ctx: &Context<'_>, year: i32, figures: &Figures) -> Result<Statistics> {
        let scope = year_scope(year, None)
            .ok_or_else(|| DomainError::validation("year", msg!("year-out-of-range")))?;
        Ok(Statistics::new(ctx, scope, Arc::new(figures.clone())))
    }
}

fn check_year(year: i32) -> DomainResult<()> {
    if (2000..=2100).contains(&year) {
        Ok(())
    } else {
        Err(DomainError::validation("year", msg!("year-between")))
    }
}

#[derive(Default)]
pub struct AnnualReportQuery;

#[Object]
impl AnnualReportQuery {
    /// The annual report of a year: its statistics (frozen once published),
    /// the year before for comparison, the 20 regions, and corrections.
    /// Costs three scopes of statistics in the query cost.
    #[graphql(complexity = "3 * crate::graphql::statistics::SCOPE_COST + child_complexity")]
    async fn annual_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The year, e.g. 2025.")] year: i32,
    ) -> Result<AnnualReport> {
        check_year(year)?;
        let live = ctx.live();
        let (scope, earlier) = year_scope(year, None)
            .zip(year_scope(year - 1, None))
            .ok_or_else(|| DomainError::validation("year", msg!("year-out-of-range")))?;
        let cold = [
            !live.is_warm(&scope),
            !live.is_warm(&earlier),
            !live.is_warm_by_region(&scope),
        ];
        crate::graphql::throttle::statistics(ctx, cold.iter().filter(|c| **c).count())?;
        let (published, national, regions, previous) = futures_util::try_join!(
            report::published(ctx.db(), year),
            live.figures(&scope),
            live.figures_by_region(&scope),
            live.figures(&earlier),
        )
        .map_err(db_error)?;
        let current = Frozen {
            national: national.as_ref().clone(),
            regions: regions
                .iter()
                .map(|(code, figures)| (code.clone(), figures.as_ref().clone()))
                .collect(),
        };
        let previous = Frozen {
            national: previous.as_ref().clone(),
            regions: Default::default(),
        };
        Ok(AnnualReport {
            year,
            published: published.map(|(row, frozen)| (row.published_at, frozen)),
            current,
            previous,
        })
    }
}

/// Publish a year's report.
#[derive(InputObject)]
pub struct PublishAnnualReportInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// A year that is over.
    pub year: i32,
}

/// The report published.
#[derive(SimpleObject)]
pub struct PublishAnnualReportPayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// The report, now frozen.
    pub report: AnnualReport,
}

async fn publish(w: &mut Write, year: i32) -> DomainResult<i32> {
    access::ensure_admin(w.caller(), msg!("to-publish-annual-reports"))?;
    check_year(year)?;
    if year >= w.today().year() {
        return Err(DomainError::validation(
            "input.year",
            msg!("year-not-over", year = year),
        ));
    }
    if report::published(&w.tx, year).await?.is_some() {
        return Err(DomainError::conflict_on(
            "input.year",
            msg!("report-of-year-published", year = year),
        ));
    }
    let frozen = report::current(&w.tx, year).await?;
    report::store(&w.tx, year, &frozen, w.caller().audit_name(), w.now).await?;
    w.audit("AnnualReport", i64::from(year), None).await?;
    Ok(year)
}

#[derive(Default)]
pub struct AnnualReportMutation;

#[Object]
impl AnnualReportMutation {
    /// Publish a year's report (admins): its figures are frozen as they
    /// are now; later writes show as corrections beside them.
    async fn publish_annual_report(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: PublishAnnualReportInput,
    ) -> Result<PublishAnnualReportPayload> {
        let year = input.year;
        let cmid = input.client_mutation_id.clone();
        let year = run(ctx, "publishAnnualReport", &input, cmid.as_deref(), |w| {
            Box::pin(publish(w, year))
        })
        .await?;
        let report = AnnualReportQuery.annual_report(ctx, year).await?;
        Ok(PublishAnnualReportPayload {
            client_mutation_id: cmid,
            report,
        })
    }
}
