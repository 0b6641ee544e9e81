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

async fn minutes(db: &impl ConnectionTrait, scope: &Scope) -> Result<(i64, i64, i64), DbErr> {
    let mut sql = Sql::new(
        "SELECT CAST(COALESCE(SUM(p.minutes), 0) AS BIGINT) AS minutes, \
         CAST(COALESCE(SUM(CASE WHEN p.verified_at IS NOT NULL THEN p.minutes ELSE 0 END), 0) AS BIGINT) AS verified, \
         COUNT(DISTINCT p.volunteer_id) AS active",
    );
    scope.attended(&mut sql, "");
    match sql.one(db).await? {
        Some(row) => Ok((
            int(&row, "minutes")?,
            int(&row, "verified")?,
            int(&row, "active")?,
        )),
        None => Ok((0, 0, 0)),
    }
}

/// Compute every figure of `scope`.
pub async fn compute(db: &impl ConnectionTrait, scope: &Scope) -> Result<Figures, DbErr> {
    let mut f = Figures::default();
    (f.minutes, f.verified_minutes, f.active_volunteers) = minutes(db, scope).await?;
    f.minutes_year_earlier = minutes(db, &scope.year_earlier()).await?.0;

    // Registrations, by home region.
    let mut sql = Sql::new("SELECT ");
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
    if let Some(row) = sql.one(db).await? {
        f.registered_volunteers = int(&row, "registered")?;
        f.new_volunteers = int(&row, "new")?;
    }

    // Ages: each active volunteer's first and last attended day.
    let mut sql = Sql::new(
        "SELECT p.volunteer_id AS volunteer, MIN(p.on_date) AS first_on, MAX(p.on_date) AS last_on, v.birth_date AS birth",
    );
    scope.attended(&mut sql, "JOIN volunteer v ON v.id = p.volunteer_id");
    sql.push(" GROUP BY p.volunteer_id, v.birth_date");
    f.age_groups = vec![0; AGE_GROUPS.len()];
    for row in sql.all(db).await? {
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

    // Families: (family, event) pairs with two members attending.
    let mut sql = Sql::new("SELECT fm.family_id AS family, p.event_id AS event");
    scope.attended(
        &mut sql,
        "JOIN family_member fm ON fm.volunteer_id = p.volunteer_id",
    );
    sql.push(" GROUP BY fm.family_id, p.event_id HAVING COUNT(DISTINCT p.volunteer_id) >= 2");
    let mut families = BTreeSet::new();
    for row in sql.all(db).await? {
        families.insert(int(&row, "family")?);
        f.family_participations += 1;
    }
    f.active_families = families.len() as i64;

    // Events.
    let mut sql = Sql::new("SELECT e.kind AS kind, e.level AS level, COUNT(*) AS n FROM event e");
    scope.events(&mut sql);
    sql.push(" GROUP BY e.kind, e.level");
    for row in sql.all(db).await? {
        let n = int(&row, "n")?;
        *f.events_by_kind.entry(text(&row, "kind")?).or_default() += n;
        *f.events_by_level.entry(text(&row, "level")?).or_default() += n;
    }

    // Beneficiaries served at the period's events.
    let mut sql = Sql::new(
        "SELECT b.category AS category, CAST(SUM(b.count) AS BIGINT) AS n FROM beneficiaries_served b JOIN event e ON e.id = b.event_id",
    );
    scope.events(&mut sql);
    sql.push(" GROUP BY b.category");
    for row in sql.all(db).await? {
        f.beneficiaries
            .insert(text(&row, "category")?, int(&row, "n")?);
    }

    // International exchanges overlapping the period.
    let mut sql = Sql::new(
        "SELECT x.direction AS direction, x.country_code AS country, x.foreign_participants AS foreign_n FROM international_exchange x",
    );
    scope.exchanges(&mut sql);
    for row in sql.all(db).await? {
        f.exchanges += 1;
        *f.exchanges_by_direction
            .entry(text(&row, "direction")?)
            .or_default() += 1;
        *f.exchanges_by_country
            .entry(text(&row, "country")?)
            .or_default() += 1;
        f.foreign_participants += i64::from(row.try_get::<i32>("", "foreign_n")?);
    }
    let mut sql = Sql::new(
        "SELECT COUNT(DISTINCT ep.volunteer_id) AS n FROM exchange_participant ep JOIN international_exchange x ON x.id = ep.exchange_id",
    );
    scope.exchanges(&mut sql);
    if let Some(row) = sql.one(db).await? {
        f.exchange_volunteers = int(&row, "n")?;
    }
    Ok(f)
}
