//! Computing the figures of one scope.
//!
//! Definitions (DOMAIN.md), in the words of the code below:
//! - a participation counts when ATTENDED, dated (`on_date`, Kazakhstan's
//!   calendar) within the period, at an event not CANCELLED;
//! - an event counts when not CANCELLED and starting within the period;
//! - narrowing: participations and events by the event's host region,
//!   project and level; registrations by the volunteer's home region only
//!   (a registration has no project or level); exchanges, when narrowed at
//!   all, only through the event they are linked to;
//! - families are as recorded now (membership has no history).

use super::sql::Sql;
use crate::domain::time::{age_on, kz_day_start};
use chrono::{Months, NaiveDate};
use entity::EventLevel;
use sea_orm::{ConnectionTrait, DbErr};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The age groups, by age at the first attended participation in the
/// period: (lowest age, highest age or none).
pub const AGE_GROUPS: [(i32, Option<i32>); 8] = [
    (7, Some(13)),
    (14, Some(17)),
    (18, Some(24)),
    (25, Some(34)),
    (35, Some(44)),
    (45, Some(54)),
    (55, Some(64)),
    (65, None),
];

/// What the figures are about: a period `[from, to]` (both days included)
/// and optional narrowing.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scope {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub region: Option<String>,
    pub project: Option<i64>,
    pub level: Option<EventLevel>,
}

impl Scope {
    /// The same narrowing a year earlier (29 February becomes the 28th).
    pub fn year_earlier(&self) -> Scope {
        let back = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
        Scope {
            from: back(self.from),
            to: back(self.to),
            ..self.clone()
        }
    }

    fn narrows_events(&self) -> bool {
        self.region.is_some() || self.project.is_some() || self.level.is_some()
    }

    /// ` AND …` conditions on the event aliased `e`.
    fn on_event(&self, sql: &mut Sql) {
        if let Some(region) = &self.region {
            let p = sql.bind(region.clone());
            sql.push(&format!(" AND e.region_code = {p}"));
        }
        if let Some(project) = self.project {
            let p = sql.bind(project);
            sql.push(&format!(" AND e.project_id = {p}"));
        }
        if let Some(level) = self.level {
            let p = sql.bind(level.as_str());
            sql.push(&format!(" AND e.level = {p}"));
        }
    }

    /// The counted participations `p` (with their event `e`, and `joins`)
    /// of the scope.
    fn attended(&self, sql: &mut Sql, joins: &str) {
        let (from, to) = (sql.bind(self.from), sql.bind(self.to));
        sql.push(&format!(
            " FROM participation p JOIN event e ON e.id = p.event_id {joins} \
             WHERE p.status = 'ATTENDED' AND e.status <> 'CANCELLED' \
             AND p.on_date >= {from} AND p.on_date <= {to}"
        ));
        self.on_event(sql);
    }

    /// The counted events `e` of the scope.
    fn events(&self, sql: &mut Sql) {
        let from = sql.bind(kz_day_start(self.from));
        let to = sql.bind(kz_day_start(self.to.succ_opt().unwrap_or(self.to)));
        sql.push(&format!(
            " WHERE e.status <> 'CANCELLED' AND e.starts_at >= {from} AND e.starts_at < {to}"
        ));
        self.on_event(sql);
    }

    /// The exchanges `x` overlapping the period (through their event when
    /// narrowed).
    fn exchanges(&self, sql: &mut Sql) {
        if self.narrows_events() {
            sql.push(" JOIN event e ON e.id = x.event_id");
        }
        let (from, to) = (sql.bind(self.from), sql.bind(self.to));
        sql.push(&format!(
            " WHERE x.starts_on <= {to} AND x.ends_on >= {from}"
        ));
        self.on_event(sql);
    }
}

/// Every figure of one scope. Hours are kept in minutes, as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    pub registered_volunteers: i64,
    pub new_volunteers: i64,
    pub active_volunteers: i64,
    pub minutes: i64,
    pub verified_minutes: i64,
    pub minutes_year_earlier: i64,
    pub events_by_kind: BTreeMap<String, i64>,
    pub events_by_level: BTreeMap<String, i64>,
    pub youngest_active: Option<i32>,
    pub oldest_active: Option<i32>,
    /// Active volunteers per `AGE_GROUPS` entry, in that order.
    pub age_groups: Vec<i64>,
    pub family_participations: i64,
    pub active_families: i64,
    pub beneficiaries: BTreeMap<String, i64>,
    pub exchanges: i64,
    pub exchanges_by_direction: BTreeMap<String, i64>,
    pub exchanges_by_country: BTreeMap<String, i64>,
    pub exchange_volunteers: i64,
    pub foreign_participants: i64,
}

impl Figures {
    /// Hours in the period over the same period a year earlier, minus one;
    /// none when the earlier is zero.
    pub fn hours_growth(&self) -> Option<f64> {
        (self.minutes_year_earlier > 0)
            .then(|| self.minutes as f64 / self.minutes_year_earlier as f64 - 1.0)
    }

    pub fn events(&self) -> i64 {
        self.events_by_kind.values().sum()
    }
}

fn int(row: &sea_orm::QueryResult, col: &str) -> Result<i64, DbErr> {
    Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}

fn text(row: &sea_orm::QueryResult, col: &str) -> Result<String, DbErr> {
    row.try_get::<String>("", col)
}

/// How rows are grouped: all into one, or by region (the event's host
/// region; for registrations the volunteer's home region).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Grouping {
    Whole,
    ByRegion,
}

impl Grouping {
    /// The grouping column selected as `grp`, given the region column.
    fn select(self, region: &str) -> String {
        match self {
            Grouping::Whole => "'' AS grp".to_owned(),
            Grouping::ByRegion => format!("{region} AS grp"),
        }
    }

    /// `GROUP BY` terms to add before `others`.
    fn group_by(self, region: &str, others: &str) -> String {
        match self {
            Grouping::Whole => format!(" GROUP BY {others}"),
            Grouping::ByRegion => format!(" GROUP BY {region}, {others}"),
        }
    }
}

/// Figures per group, each starting as the figures of nothing.
struct Groups(BTreeMap<String, Figures>);

impl Groups {
    fn of(&mut self, row: &sea_orm::QueryResult) -> Result<&mut Figures, DbErr> {
        let key = text(row, "grp")?;
        Ok(self.0.entry(key).or_insert_with(|| Figures {
            age_groups: vec![0; AGE_GROUPS.len()],
            ..Figures::default()
        }))
    }
}

/// Compute every figure of `scope`.
pub async fn compute(db: &impl ConnectionTrait, scope: &Scope) -> Result<Figures, DbErr> {
    let mut groups = compute_grouped(db, scope, Grouping::Whole).await?;
    Ok(groups.0.remove("").unwrap_or_else(|| Figures {
        age_groups: vec![0; AGE_GROUPS.len()],
        ..Figures::default()
    }))
}

/// Compute the figures of `scope` (whose own region, if any, is ignored)
/// for every region in one pass: the same statements as `compute`, grouped
/// by region, so the 20 regions cost about what the nation costs.
pub async fn compute_by_region(
    db: &impl ConnectionTrait,
    scope: &Scope,
    regions: &[&str],
) -> Result<BTreeMap<String, Figures>, DbErr> {
    let national = Scope {
        region: None,
        ..scope.clone()
    };
    let mut groups = compute_grouped(db, &national, Grouping::ByRegion).await?;
    for code in regions {
        groups
            .0
            .entry((*code).to_owned())
            .or_insert_with(|| Figures {
                age_groups: vec![0; AGE_GROUPS.len()],
                ..Figures::default()
            });
    }
    Ok(groups.0)
}

async fn compute_grouped(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
) -> Result<Groups, DbErr> {
    let mut g = Groups(BTreeMap::new());
    let event_region = "e.region_code";

    // Each active volunteer's hours and first and last attended day, in
    // one pass: the active count, hours and ages all come from it.
    let mut sql = Sql::new(&format!(
        "SELECT a.grp AS grp, a.minutes AS minutes, a.verified AS verified, a.first_on AS first_on, a.last_on AS last_on, v.birth_date AS birth \
         FROM (SELECT {}, p.volunteer_id AS volunteer, MIN(p.on_date) AS first_on, MAX(p.on_date) AS last_on, \
         CAST(SUM(p.minutes) AS BIGINT) AS minutes, \
         CAST(SUM(CASE WHEN p.verified_at IS NOT NULL THEN p.minutes ELSE 0 END) AS BIGINT) AS verified",
        by.select(event_region)
    ));
    scope.attended(&mut sql, "");
    sql.push(&by.group_by(event_region, "p.volunteer_id"));
    sql.push(") a JOIN volunteer v ON v.id = a.volunteer");
    for row in sql.all(db).await? {
        let f = g.of(&row)?;
        f.active_volunteers += 1;
        f.minutes += int(&row, "minutes")?;
        f.verified_minutes += int(&row, "verified")?;
        let birth: NaiveDate = row.try_get("", "birth")?;
        let first: NaiveDate = row.try_get("", "first_on")?;
        let last: NaiveDate = row.try_get("", "last_on")?;
        let (young, old) = (age_on(birth, first), age_on(birth, last));
        f.youngest_active = Some(f.youngest_active.map_or(young, |y| y.min(young)));
        f.oldest_active = Some(f.oldest_active.map_or(old, |o| o.max(old)));
        let group = AGE_GROUPS
            .iter()
            .rposition(|(low, _)| young >= *low)
            .unwrap_or(0);
        f.age_groups[group] += 1;
    }

    // Hours a year earlier, for the growth.
    let mut sql = Sql::new(&format!(
        "SELECT {}, CAST(COALESCE(SUM(p.minutes), 0) AS BIGINT) AS minutes",
        by.select(event_region)
    ));
    scope.year_earlier().attended(&mut sql, "");
    if by == Grouping::ByRegion {
        sql.push(&format!(" GROUP BY {event_region}"));
    }
    for row in sql.all(db).await? {
        g.of(&row)?.minutes_year_earlier += int(&row, "minutes")?;
    }

    // Registrations, by home region.
    let mut sql = Sql::new(&format!("SELECT {}, ", by.select("region_code")));
    let (from, to) = (sql.bind(scope.from), sql.bind(scope.to));
    sql.push(&format!(
        "CAST(COALESCE(SUM(CASE WHEN registered_on <= {to} AND erased_at IS NULL THEN 1 ELSE 0 END), 0) AS BIGINT) AS registered, \
         CAST(COALESCE(SUM(CASE WHEN registered_on >= {from} AND registered_on <= {to} THEN 1 ELSE 0 END), 0) AS BIGINT) AS new \
         FROM volunteer WHERE 1 = 1"
    ));
    if let Some(region) = &scope.region {
        let p = sql.bind(region.clone());
        sql.push(&format!(" AND region_code = {p}"));
    }
    if by == Grouping::ByRegion {
        sql.push(" GROUP BY region_code");
    }
    for row in sql.all(db).await? {
        let f = g.of(&row)?;
        f.registered_volunteers += int(&row, "registered")?;
        f.new_volunteers += int(&row, "new")?;
    }

    // Families: (family, event) pairs with two members attending.
    let mut sql = Sql::new(&format!(
        "SELECT {}, fm.family_id AS family, p.event_id AS event",
        by.select(event_region)
    ));
    scope.attended(
        &mut sql,
        "JOIN family_member fm ON fm.volunteer_id = p.volunteer_id",
    );
    sql.push(&by.group_by(
        event_region,
        "fm.family_id, p.event_id HAVING COUNT(DISTINCT p.volunteer_id) >= 2",
    ));
    let mut families: BTreeMap<String, BTreeSet<i64>> = BTreeMap::new();
    for row in sql.all(db).await? {
        g.of(&row)?.family_participations += 1;
        families
            .entry(text(&row, "grp")?)
            .or_default()
            .insert(int(&row, "family")?);
    }
    for (grp, set) in families {
        if let Some(f) = g.0.get_mut(&grp) {
            f.active_families = set.len() as i64;
        }
    }

    // Events.
    let mut sql = Sql::new(&format!(
        "SELECT {}, e.kind AS kind, e.level AS level, COUNT(*) AS n FROM event e",
        by.select(event_region)
    ));
    scope.events(&mut sql);
    sql.push(&by.group_by(event_region, "e.kind, e.level"));
    for row in sql.all(db).await? {
        let n = int(&row, "n")?;
        let (kind, level) = (text(&row, "kind")?, text(&row, "level")?);
        let f = g.of(&row)?;
        *f.events_by_kind.entry(kind).or_default() += n;
        *f.events_by_level.entry(level).or_default() += n;
    }

    // Beneficiaries served at the period's events.
    let mut sql = Sql::new(&format!(
        "SELECT {}, b.category AS category, CAST(SUM(b.count) AS BIGINT) AS n FROM beneficiaries_served b JOIN event e ON e.id = b.event_id",
        by.select(event_region)
    ));
    scope.events(&mut sql);
    sql.push(&by.group_by(event_region, "b.category"));
    for row in sql.all(db).await? {
        let (category, n) = (text(&row, "category")?, int(&row, "n")?);
        g.of(&row)?.beneficiaries.insert(category, n);
    }

    // International exchanges overlapping the period; by region only
    // those linked to an event, as when narrowed to one region.
    let exchanges = |sql: &mut Sql| {
        if by == Grouping::ByRegion && !scope.narrows_events() {
            sql.push(" JOIN event e ON e.id = x.event_id");
        }
        scope.exchanges(sql);
    };
    let mut sql = Sql::new(&format!(
        "SELECT {}, x.direction AS direction, x.country_code AS country, x.foreign_participants AS foreign_n FROM international_exchange x",
        by.select(event_region)
    ));
    exchanges(&mut sql);
    for row in sql.all(db).await? {
        let (direction, country) = (text(&row, "direction")?, text(&row, "country")?);
        let foreign = i64::from(row.try_get::<i32>("", "foreign_n")?);
        let f = g.of(&row)?;
        f.exchanges += 1;
        *f.exchanges_by_direction.entry(direction).or_default() += 1;
        *f.exchanges_by_country.entry(country).or_default() += 1;
        f.foreign_participants += foreign;
    }
    let mut sql = Sql::new(&format!(
        "SELECT {}, COUNT(DISTINCT ep.volunteer_id) AS n FROM exchange_participant ep JOIN international_exchange x ON x.id = ep.exchange_id",
        by.select(event_region)
    ));
    exchanges(&mut sql);
    if by == Grouping::ByRegion {
        sql.push(&format!(" GROUP BY {event_region}"));
    }
    for row in sql.all(db).await? {
        g.of(&row)?.exchange_volunteers = int(&row, "n")?;
    }
    Ok(g)
}
