//! Annual reports: `annualReport(year)` and `publishAnnualReport`.

use crate::domain::access;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::hours::hours;
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
    /// As published (hours: the published minutes ÷ 60, two decimals).
    pub published: f64,
    /// As it is now.
    pub current: f64,
    /// Current minus published (hours: of the difference in minutes).
    pub difference: f64,
    /// For the hours figures, the published time in whole minutes.
    pub published_minutes: Option<i64>,
    /// For the hours figures, the time now in whole minutes.
    pub current_minutes: Option<i64>,
    /// For the hours figures, current minus published minutes.
    pub difference_minutes: Option<i64>,
}

/// A figure's value as compared: a count, or a time in minutes (shown as
/// hours).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Value {
    Count(i64),
    Minutes(i64),
}

impl Value {
    fn shown(self) -> f64 {
        match self {
            Value::Count(n) => n as f64,
            Value::Minutes(m) => hours(m),
        }
    }

    fn minutes(self) -> Option<i64> {
        match self {
            Value::Minutes(m) => Some(m),
            Value::Count(_) => None,
        }
    }

    fn zero(self) -> Value {
        match self {
            Value::Count(_) => Value::Count(0),
            Value::Minutes(_) => Value::Minutes(0),
        }
    }

    fn raw(self) -> i64 {
        match self {
            Value::Count(n) | Value::Minutes(n) => n,
        }
    }
}

/// The figures as named values, for comparing.
fn flatten(f: &Figures) -> Vec<(String, Value)> {
    let count = |name: &str, n: i64| (name.to_owned(), Value::Count(n));
    let mut out = vec![
        count("registeredVolunteers", f.registered_volunteers),
        count("newVolunteers", f.new_volunteers),
        count("activeVolunteers", f.active_volunteers),
        ("hours".to_owned(), Value::Minutes(f.minutes)),
        (
            "verifiedHours".to_owned(),
            Value::Minutes(f.verified_minutes),
        ),
        (
            "measuredHours".to_owned(),
            Value::Minutes(f.measured_minutes()),
        ),
        (
            "estimatedHours".to_owned(),
            Value::Minutes(f.estimated_minutes),
        ),
        (
            "selfReportedHours".to_owned(),
            Value::Minutes(f.self_reported_minutes),
        ),
        (
            "importedHours".to_owned(),
            Value::Minutes(f.imported_minutes),
        ),
        count("openEstimates", f.open_estimates),
        count("events", f.events()),
        count("youngestActiveAge", f.youngest_active.map_or(0, i64::from)),
        count("oldestActiveAge", f.oldest_active.map_or(0, i64::from)),
        count("familyParticipations", f.family_participations),
        count("activeFamilies", f.active_families),
        count("international.exchanges", f.exchanges),
        count("international.volunteers", f.exchange_volunteers),
        count("international.foreignParticipants", f.foreign_participants),
    ];
    for (i, n) in f.age_groups.iter().enumerate() {
        out.push((format!("ageGroups.{i}"), Value::Count(*n)));
    }
    for (prefix, map) in [
        ("eventsByKind", &f.events_by_kind),
        ("eventsByLevel", &f.events_by_level),
        ("beneficiariesServed", &f.beneficiaries),
    ] {
        for (k, n) in map {
            out.push((format!("{prefix}.{k}"), Value::Count(*n)));
        }
    }
    out
}

fn corrections(region: Option<&str>, published: &Figures, current: &Figures) -> Vec<Correction> {
    let before: std::collections::BTreeMap<String, Value> =
        flatten(published).into_iter().collect();
    let mut after: std::collections::BTreeMap<String, Value> =
        flatten(current).into_iter().collect();
    for (key, value) in &before {
        after.entry(key.clone()).or_insert(value.zero());
    }
    after
        .into_iter()
        .filter_map(|(figure, now)| {
            let then = before.get(&figure).copied().unwrap_or(now.zero());
            (now != then).then(|| {
                let difference = now.raw() - then.raw();
                Correction {
                    region_code: region.map(str::to_owned),
                    figure,
                    published: then.shown(),
                    current: now.shown(),
                    difference: match now {
                        Value::Count(_) => difference as f64,
                        Value::Minutes(_) => hours(difference),
                    },
                    published_minutes: then.minutes(),
                    current_minutes: now.minutes(),
                    difference_minutes: now.minutes().map(|_| difference),
                }
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
        // The regions come with the nation's figures (`LiveFigures`).
        let cold = [!live.is_warm(&scope), !live.is_warm(&earlier)];
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

async fn publish(w: &mut Write, year: i32, min_group: i64) -> DomainResult<i32> {
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
    crate::open_data::publish(w, year, &frozen, min_group, None).await?;
    w.audit("AnnualReport", i64::from(year), None).await?;
    Ok(year)
}

/// Publish a correction of a year's open data.
#[derive(InputObject)]
pub struct PublishOpenDataCorrectionInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// A year whose report is published.
    pub year: i32,
    /// Why the figures changed (published with the version), e.g. «hours
    /// of March imported from Kyzylorda's register».
    pub note: String,
}

/// The version published.
#[derive(SimpleObject)]
pub struct PublishOpenDataCorrectionPayload {
    /// The `clientMutationId` of the input, as sent.
    pub client_mutation_id: Option<String>,
    /// The year corrected.
    pub year: i32,
    /// The new version's number (the report's own is 1).
    pub version: i32,
    /// Where its description is: `/open-data/{year}/v{version}/datapackage.json`.
    pub datapackage_url: String,
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
        let min_group = ctx.live_settings().anonymous_min_group;
        let year = run(ctx, "publishAnnualReport", &input, cmid.as_deref(), |w| {
            Box::pin(publish(w, year, min_group))
        })
        .await?;
        let report = AnnualReportQuery.annual_report(ctx, year).await?;
        Ok(PublishAnnualReportPayload {
            client_mutation_id: cmid,
            report,
        })
    }

    /// Publish the figures of a year as they are now as a new version of
    /// its open data (admins), keeping every earlier version at its own
    /// URL. The report itself stays as published; its `corrections` show
    /// the same changes. `INVALID_STATE` while the report is unpublished
    /// or when nothing changed since the latest version.
    async fn publish_open_data_correction(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to publish.")] input: PublishOpenDataCorrectionInput,
    ) -> Result<PublishOpenDataCorrectionPayload> {
        let (year, note) = (input.year, input.note.clone());
        let cmid = input.client_mutation_id.clone();
        let min_group = ctx.live_settings().anonymous_min_group;
        check_year(year)?;
        let version = run(
            ctx,
            "publishOpenDataCorrection",
            &input,
            cmid.as_deref(),
            |w| {
                Box::pin(crate::open_data::publish_correction(
                    w, year, note, min_group,
                ))
            },
        )
        .await?;
        Ok(PublishOpenDataCorrectionPayload {
            client_mutation_id: cmid,
            year,
            version,
            datapackage_url: format!("/open-data/{year}/v{version}/datapackage.json"),
        })
    }
}
