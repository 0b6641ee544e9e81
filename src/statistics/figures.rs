//! Computing the figures of one scope.
//!
//! Definitions (docs/domain.md, "Statistics"), in the words of the code
//! below:
//! - a participation counts when ATTENDED, dated (`on_date`, Kazakhstan's
//!   calendar) within the period, at an event not CANCELLED;
//! - an event counts when not CANCELLED and starting within the period;
//! - narrowing: participations and events by the event's host region,
//!   project and level; registrations by the volunteer's home region only
//!   (a registration has no project or level); exchanges, when narrowed at
//!   all, only through the event they are linked to;
//! - families are as recorded now (membership has no history).

use super::activity::{Activity, Group};
use super::changed::Changed;
use super::lanes::Lanes;
use super::registry::Registry;
use super::sql::{Literal, Sql};
use crate::domain::time::kz_day_start;
use chrono::{Months, NaiveDate};
use entity::{EventLevel, EventStatus, ParticipationStatus};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, TransactionTrait,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The stored values the figures count by, as SQL literals. Inlined rather
/// than bound so both databases plan the statement knowing the value, as
/// they would for a hand-written query; they come from the entity enums so
/// a renamed value cannot silently empty a statistic.
const ATTENDED: Literal = Literal(ParticipationStatus::Attended.as_str());
const CANCELLED: Literal = Literal(EventStatus::Cancelled.as_str());

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

    /// The same scope in every region.
    pub fn nationally(&self) -> Scope {
        Scope {
            region: None,
            ..self.clone()
        }
    }

    pub(super) fn narrows_events(&self) -> bool {
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
    ///
    /// Participations lead and each finds its event: `CROSS JOIN` fixes
    /// that order on SQLite (to PostgreSQL it is an ordinary join), whose
    /// planner otherwise starts from the events and reads a year's
    /// participations event by event, half as fast at national size.
    pub(super) fn attended(&self, sql: &mut Sql, joins: &str) {
        let (from, to) = (sql.bind(self.from), sql.bind(self.to));
        sql.push(&format!(
            " FROM participation p CROSS JOIN event e {joins} \
             WHERE e.id = p.event_id AND p.status = {ATTENDED} AND e.status <> {CANCELLED} \
             AND p.on_date >= {from} AND p.on_date <= {to}"
        ));
        self.on_event(sql);
    }

    /// The counted events `e` of the scope.
    pub(super) fn events(&self, sql: &mut Sql) {
        let from = sql.bind(kz_day_start(self.from));
        let to = sql.bind(kz_day_start(self.to.succ_opt().unwrap_or(self.to)));
        sql.push(&format!(
            " WHERE e.status <> {CANCELLED} AND e.starts_at >= {from} AND e.starts_at < {to}"
        ));
        self.on_event(sql);
    }

    /// The exchanges `x` overlapping the period (through their event when
    /// narrowed).
    pub(super) fn exchanges(&self, sql: &mut Sql) {
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
    /// Of `minutes`, those estimated by the server for check-outs that
    /// never came (AUTO_CLOSE), self-reported and approved (SELF_REPORT),
    /// and imported (IMPORT); the rest are measured (check-in and
    /// check-out, or a coordinator's record). Reports published before
    /// these figures existed read them as 0.
    #[serde(default)]
    pub estimated_minutes: i64,
    #[serde(default)]
    pub self_reported_minutes: i64,
    #[serde(default)]
    pub imported_minutes: i64,
    /// Counted participations whose minutes are still an estimate, waiting
    /// for a coordinator to confirm or correct them.
    #[serde(default)]
    pub open_estimates: i64,
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

    /// Minutes measured: check-in and check-out, or recorded by a
    /// coordinator.
    pub fn measured_minutes(&self) -> i64 {
        self.minutes - self.estimated_minutes - self.self_reported_minutes - self.imported_minutes
    }
}

pub(super) fn text(row: &sea_orm::QueryResult, col: &str) -> Result<String, DbErr> {
    row.try_get::<String>("", col)
}

/// How rows are grouped: all into one, or by region (the event's host
/// region; for registrations the volunteer's home region).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grouping {
    Whole,
    ByRegion,
}

impl Grouping {
    /// The grouping column selected as `grp`, given the region column.
    pub(super) fn select(self, region: &str) -> String {
        match self {
            Grouping::Whole => "'' AS grp".to_owned(),
            Grouping::ByRegion => format!("{region} AS grp"),
        }
    }

    /// `GROUP BY` terms to add before `others`.
    pub(super) fn group_by(self, region: &str, others: &str) -> String {
        match self {
            Grouping::Whole => format!(" GROUP BY {others}"),
            Grouping::ByRegion => format!(" GROUP BY {region}, {others}"),
        }
    }
}

pub(super) fn int(row: &sea_orm::QueryResult, col: &str) -> Result<i64, DbErr> {
    Ok(row.try_get::<Option<i64>>("", col)?.unwrap_or(0))
}

/// Add `n` to `key`'s count in one of the figures' maps, copying the key
/// only the first time: figures are summed again at every catch-up, and
/// copying each event's kind and level every time was a fifth of its CPU.
pub(super) fn count(counts: &mut BTreeMap<String, i64>, key: &str, n: i64) {
    match counts.get_mut(key) {
        Some(c) => *c += n,
        None => {
            counts.insert(key.to_owned(), n);
        }
    }
}

/// The figures of group `g`, starting as the figures of nothing.
pub(super) fn entry(figures: &mut BTreeMap<Group, Figures>, g: Group) -> &mut Figures {
    figures.entry(g).or_insert_with(nothing)
}

/// The group of a row's `grp` column (see `activity::Group`).
pub(super) fn group_of(row: &sea_orm::QueryResult) -> Result<Group, DbErr> {
    let code = text(row, "grp")?;
    if code.is_empty() {
        return Ok(0);
    }
    entity::region::CODES
        .iter()
        .position(|c| *c == code)
        .map(|i| i as Group + 1)
        .ok_or_else(|| DbErr::Custom(format!("an unknown region {code}")))
}

/// The figures of a scope, per group, together with what they are made of,
/// so that they can catch up with later changes by re-reading only the
/// registry's small tables and the volunteers and families concerned (see
/// `changed` and `activity`).
#[derive(Clone)]
pub struct Basis {
    scope: Scope,
    by: Grouping,
    /// The figures of the registry: registrations, events, beneficiaries
    /// and exchanges, which changes of participations leave as they are.
    registry: Registry,
    activity: Activity,
}

impl Basis {
    /// Read everything the figures of `scope` are made of: the registry
    /// in one lane, the passes over participations each in one (`Lanes`).
    pub async fn read(
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
        lanes: &Lanes,
    ) -> Result<Basis, DbErr> {
        let (registry, activity) = futures_util::try_join!(
            lanes.run(Registry::read(db, scope, by)),
            Activity::read(db, scope, by, lanes),
        )?;
        Ok(Basis {
            scope: scope.clone(),
            by,
            registry,
            activity,
        })
    }

    /// Catch up with `changed`: the registrations of the volunteers and the
    /// events it names, the exchanges when it touches them, and the entries
    /// of the volunteers and families concerned. On error the basis is half
    /// caught up and must be dropped.
    ///
    /// On PostgreSQL the registry and the entries are read side by side
    /// (each a few short statements in turn), not through `Lanes`, which
    /// the long passes of cold scopes may hold for seconds; each side in a
    /// transaction of `custom_plans`. On SQLite in turn, as every read
    /// there.
    pub async fn catch_up(
        &mut self,
        db: &DatabaseConnection,
        changed: &Changed,
    ) -> Result<(), DbErr> {
        let (scope, by) = (&self.scope, self.by);
        if db.get_database_backend() != DbBackend::Postgres {
            self.registry.catch_up(db, scope, by, changed).await?;
            return self.activity.refresh(db, scope, by, changed).await;
        }
        // A side with nothing to read opens no transaction: most changes
        // are participations', which leave the registry as it is.
        let (registry, activity) = (&mut self.registry, &mut self.activity);
        let registry = async {
            if changed.registry() {
                let tx = custom_plans(db).await?;
                registry.catch_up(&tx, scope, by, changed).await?;
                tx.commit().await?;
            }
            Ok::<_, DbErr>(())
        };
        let activity = async {
            if changed.entries() {
                let tx = custom_plans(db).await?;
                activity.refresh(&tx, scope, by, changed).await?;
                tx.commit().await?;
            }
            Ok(())
        };
        futures_util::try_join!(registry, activity).map(|_| ())
    }

    /// The basis of a scope with nothing in it, for tests of what keeps
    /// bases.
    #[cfg(test)]
    pub fn of_nothing(scope: &Scope) -> Basis {
        Basis {
            scope: scope.clone(),
            by: Grouping::Whole,
            registry: Registry::default(),
            activity: Activity::default(),
        }
    }

    /// How much memory the basis holds, in entries.
    pub fn size(&self) -> usize {
        self.registry.len() + self.activity.len()
    }

    /// The figures of every group with data.
    fn groups(&self) -> BTreeMap<Group, Figures> {
        let mut groups = BTreeMap::new();
        self.registry.add_to(&mut groups);
        self.activity.add_to(&mut groups);
        groups
    }

    /// The figures of the whole scope; of a by-region read, the nation's.
    pub fn whole(&self) -> Figures {
        match self.by {
            Grouping::Whole => self.groups().remove(&0).unwrap_or_else(nothing),
            Grouping::ByRegion => {
                let mut f = nothing();
                self.registry.add_nation_to(&mut f);
                self.activity.add_nation_to(&mut f);
                f
            }
        }
    }

    /// The figures of every region, also those without data.
    pub fn by_region(&self) -> BTreeMap<String, Figures> {
        let mut groups = self.groups();
        entity::region::CODES
            .iter()
            .enumerate()
            .map(|(i, code)| {
                let g = i as Group + 1;
                (
                    (*code).to_owned(),
                    groups.remove(&g).unwrap_or_else(nothing),
                )
            })
            .collect()
    }
}

/// A PostgreSQL transaction whose statements are planned for their
/// parameters on every execution. A catch-up's statements are the cold
/// passes' narrowed to a few volunteers or families, and after five
/// executions PostgreSQL may cache one generic plan for them: for a
/// volunteer's hours of a year it chose a bitmap AND of the volunteer's
/// participations with the whole year's (869,000 index entries), 17–29 ms
/// where the planned-each-time one takes 0.3–0.7 ms. Planning each costs
/// 1–2 ms.
async fn custom_plans(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    let tx = db.begin().await?;
    tx.execute_unprepared("SET LOCAL plan_cache_mode = force_custom_plan")
        .await?;
    Ok(tx)
}

/// The figures of nothing.
fn nothing() -> Figures {
    Figures {
        age_groups: vec![0; AGE_GROUPS.len()],
        ..Figures::default()
    }
}

/// Compute every figure of `scope`.
pub async fn compute(db: &impl ConnectionTrait, scope: &Scope) -> Result<Figures, DbErr> {
    Ok(Basis::read(db, scope, Grouping::Whole, &Lanes::one())
        .await?
        .whole())
}

/// Compute the figures of `scope` (whose own region, if any, is ignored)
/// for every region in one pass: the same statements as `compute`, grouped
/// by region, so the 20 regions cost about what the nation costs.
pub async fn compute_by_region(
    db: &impl ConnectionTrait,
    scope: &Scope,
) -> Result<BTreeMap<String, Figures>, DbErr> {
    Ok(
        Basis::read(db, &scope.nationally(), Grouping::ByRegion, &Lanes::one())
            .await?
            .by_region(),
    )
}
