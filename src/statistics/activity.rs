//! What the attended participations of a scope come to, kept per volunteer
//! and per family, so cached figures catch up with a change of a few
//! volunteers, families or events by re-reading only the entries concerned.
//!
//! Every figure of this part is a function of per-volunteer and per-family
//! entries: active volunteers are the entries, hours their sum, the
//! youngest and oldest and the age groups come from each entry's ages, and
//! family participations and active families from the per-family counts.
//! A distinct count cannot be adjusted by a delta, but it can be recounted
//! from entries that are each replaced by a fresh read of the database:
//! re-reading a volunteer gives the right entry whatever happened to their
//! participations meanwhile and in whatever order changes are heard, so
//! catching up is exact (tests compare it with a direct computation).

use super::changed::{Changed, MAX_REFRESHED};
use super::figures::{AGE_GROUPS, Figures, Grouping, Scope, entry, group_of, int};
use super::lanes::Lanes;
use super::sql::{Literal, Sql};
use crate::domain::time::age_on;
use chrono::NaiveDate;
use rustc_hash::{FxHashMap, FxHashSet};
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::{BTreeMap, HashMap};

/// The sources of minutes counted apart, as SQL literals (see
/// `figures::ATTENDED`).
const AUTO_CLOSE: Literal = Literal(entity::HoursSource::AutoClose.as_str());
const SELF_REPORT: Literal = Literal(entity::HoursSource::SelfReport.as_str());
const IMPORT: Literal = Literal(entity::HoursSource::Import.as_str());

/// A group: 0 for the whole scope, 1 to 20 for the regions in
/// `entity::region::CODES` order.
pub type Group = u8;

fn groups(by: Grouping) -> std::ops::RangeInclusive<Group> {
    match by {
        Grouping::Whole => 0..=0,
        Grouping::ByRegion => 1..=entity::region::CODES.len() as Group,
    }
}

/// One active volunteer in one group.
#[derive(Clone, Copy, Debug)]
struct Attended {
    minutes: i64,
    verified: i64,
    /// Of `minutes`: estimated, self-reported, imported; and how many
    /// participations are estimates.
    estimated: i64,
    self_reported: i64,
    imported: i64,
    estimates: i64,
    /// Age on the first and on the last attended day in the period.
    youngest: i32,
    oldest: i32,
}

/// The ids whose entries are read: `None` for all.
type Only<'a> = Option<&'a [i64]>;

/// ` AND column IN (…)` when only some ids are read.
fn narrow(sql: &mut Sql, column: &str, only: Only<'_>) {
    if let Some(ids) = only {
        sql.and_in(column, ids);
    }
}

/// The distinct `column` of `table`'s rows whose `key` is one of `ids`, in
/// statements of at most `MAX_REFRESHED` parameters (the volunteers of
/// many events can be more than the changes that named the events).
async fn distinct(
    db: &impl ConnectionTrait,
    column: &str,
    table: &str,
    key: &str,
    ids: &[i64],
) -> Result<Vec<i64>, DbErr> {
    let mut found = Vec::new();
    for some in ids.chunks(MAX_REFRESHED) {
        let mut sql = Sql::new(&format!(
            "SELECT DISTINCT {column} AS id FROM {table} WHERE 1 = 1"
        ));
        sql.and_in(key, some);
        for row in sql.all(db).await? {
            found.push(row.try_get::<i64>("", "id")?);
        }
    }
    Ok(found)
}

/// Drop the entries of `ids` from every group of `by`.
fn forget<V>(entries: &mut HashMap<(Group, i64), V>, by: Grouping, ids: &[i64]) {
    for id in ids {
        for g in groups(by) {
            entries.remove(&(g, *id));
        }
    }
}

/// The per-volunteer and per-family entries of one scope.
#[derive(Clone, Default)]
pub struct Activity {
    volunteers: HashMap<(Group, i64), Attended>,
    earlier: HashMap<(Group, i64), i64>,
    /// (family, event) pairs with at least two members attending, per
    /// family.
    families: HashMap<(Group, i64), i64>,
}

impl Activity {
    /// Read the entries of every volunteer and family of `scope`.
    pub async fn read(
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
        lanes: &Lanes,
    ) -> Result<Activity, DbErr> {
        // Three passes over the participations, each in a lane.
        let (volunteers, earlier, families) = futures_util::try_join!(
            lanes.run(read_volunteers(db, scope, by, None)),
            lanes.run(read_earlier(db, scope, by, None)),
            lanes.run(read_families(db, scope, by, None)),
        )?;
        Ok(Activity {
            volunteers,
            earlier,
            families,
        })
    }

    /// Entries in memory, a measure of the memory they take.
    pub fn len(&self) -> usize {
        self.volunteers.len() + self.earlier.len() + self.families.len()
    }

    /// Re-read the entries of the volunteers and families `changed`
    /// concerns (see `changed`): the volunteers it names, those of the
    /// participations it names and those with participations at the events
    /// it names; the families it names and those of all these volunteers.
    pub async fn refresh(
        &mut self,
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
        changed: &Changed,
    ) -> Result<(), DbErr> {
        let mut volunteers = changed.volunteers.clone();
        volunteers.extend(
            distinct(
                db,
                "volunteer_id",
                "participation",
                "id",
                &changed.participations,
            )
            .await?,
        );
        volunteers.extend(
            distinct(
                db,
                "volunteer_id",
                "participation",
                "event_id",
                &changed.events,
            )
            .await?,
        );
        volunteers.sort_unstable();
        volunteers.dedup();
        forget(&mut self.volunteers, by, &volunteers);
        forget(&mut self.earlier, by, &volunteers);
        for some in volunteers.chunks(MAX_REFRESHED) {
            let read = read_volunteers(db, scope, by, Some(some)).await?;
            let earlier = read_earlier(db, scope, by, Some(some)).await?;
            self.volunteers.extend(read);
            self.earlier.extend(earlier);
        }
        let mut families = changed.families.clone();
        families.extend(
            distinct(
                db,
                "family_id",
                "family_member",
                "volunteer_id",
                &volunteers,
            )
            .await?,
        );
        families.sort_unstable();
        families.dedup();
        forget(&mut self.families, by, &families);
        for some in families.chunks(MAX_REFRESHED) {
            self.families
                .extend(read_families(db, scope, by, Some(some)).await?);
        }
        Ok(())
    }

    /// Add this part's figures to `figures` (indexed by group).
    pub fn add_to(&self, figures: &mut BTreeMap<Group, Figures>) {
        for (&(g, _), a) in &self.volunteers {
            let f = entry(figures, g);
            add_sums(f, a);
            f.active_volunteers += 1;
            f.age_groups[age_group(a.youngest)] += 1;
        }
        // Each key is one family in one group, with at least one pair.
        for (&(g, _), &pairs) in &self.families {
            let f = entry(figures, g);
            f.family_participations += pairs;
            f.active_families += 1;
        }
        for (&(g, _), &minutes) in &self.earlier {
            entry(figures, g).minutes_year_earlier += minutes;
        }
    }

    /// Add the figures of all groups together to `f`, counting a volunteer
    /// or family active in several regions once: the nation's figures from
    /// the entries of a by-region scope. Sums add up; a volunteer's age
    /// group is by their age on their first attended day anywhere, the
    /// youngest of their regions' first days (ages only grow).
    pub fn add_nation_to(&self, f: &mut Figures) {
        // Derived anew from some 300,000 entries at every change a watched
        // national scope catches up with, where this function was a third
        // of the CPU (a profile of the harness's scenario 9): the ids are
        // ours, so a fast hash serves instead of the standard SipHash.
        let mut youngest: FxHashMap<i64, i32> =
            FxHashMap::with_capacity_and_hasher(self.volunteers.len(), Default::default());
        for (&(_, id), a) in &self.volunteers {
            add_sums(f, a);
            youngest
                .entry(id)
                .and_modify(|y| *y = (*y).min(a.youngest))
                .or_insert(a.youngest);
        }
        f.active_volunteers += youngest.len() as i64;
        for age in youngest.into_values() {
            f.age_groups[age_group(age)] += 1;
        }
        // A (family, event) pair is in its event's region only, so pairs
        // add up; families are counted once.
        let mut families =
            FxHashSet::with_capacity_and_hasher(self.families.len(), Default::default());
        for (&(_, family), &pairs) in &self.families {
            f.family_participations += pairs;
            families.insert(family);
        }
        f.active_families += families.len() as i64;
        f.minutes_year_earlier += self.earlier.values().sum::<i64>();
    }
}

/// Add what an active volunteer's entry sums to, and their ages to the
/// youngest and oldest, to `f`.
fn add_sums(f: &mut Figures, a: &Attended) {
    f.minutes += a.minutes;
    f.verified_minutes += a.verified;
    f.estimated_minutes += a.estimated;
    f.self_reported_minutes += a.self_reported;
    f.imported_minutes += a.imported;
    f.open_estimates += a.estimates;
    f.youngest_active = Some(f.youngest_active.map_or(a.youngest, |y| y.min(a.youngest)));
    f.oldest_active = Some(f.oldest_active.map_or(a.oldest, |o| o.max(a.oldest)));
}

/// The `AGE_GROUPS` entry of an age.
fn age_group(age: i32) -> usize {
    AGE_GROUPS
        .iter()
        .rposition(|(low, _)| age >= *low)
        .unwrap_or(0)
}

/// Each active volunteer's entry (of `only`, or all).
async fn read_volunteers(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
    only: Only<'_>,
) -> Result<HashMap<(Group, i64), Attended>, DbErr> {
    let region = "e.region_code";
    let mut found = HashMap::new();
    // Each active volunteer's hours and first and last attended day, in
    // one pass.
    let mut sql = Sql::new(&format!(
        "SELECT a.grp AS grp, a.volunteer AS volunteer, a.minutes AS minutes, a.verified AS verified, \
         a.estimated AS estimated, a.self_reported AS self_reported, a.imported AS imported, a.estimates AS estimates, \
         a.first_on AS first_on, a.last_on AS last_on, v.birth_date AS birth \
         FROM (SELECT {}, p.volunteer_id AS volunteer, MIN(p.on_date) AS first_on, MAX(p.on_date) AS last_on, \
         CAST(SUM(p.minutes) AS BIGINT) AS minutes, \
         CAST(SUM(CASE WHEN p.verified_at IS NOT NULL THEN p.minutes ELSE 0 END) AS BIGINT) AS verified, \
         CAST(SUM(CASE WHEN p.minutes_source = {AUTO_CLOSE} THEN p.minutes ELSE 0 END) AS BIGINT) AS estimated, \
         CAST(SUM(CASE WHEN p.minutes_source = {SELF_REPORT} THEN p.minutes ELSE 0 END) AS BIGINT) AS self_reported, \
         CAST(SUM(CASE WHEN p.minutes_source = {IMPORT} THEN p.minutes ELSE 0 END) AS BIGINT) AS imported, \
         CAST(SUM(CASE WHEN p.minutes_source = {AUTO_CLOSE} THEN 1 ELSE 0 END) AS BIGINT) AS estimates",
        by.select(region)
    ));
    scope.attended(&mut sql, "");
    narrow(&mut sql, "p.volunteer_id", only);
    sql.push(&by.group_by(region, "p.volunteer_id"));
    sql.push(") a JOIN volunteer v ON v.id = a.volunteer");
    for row in sql.all(db).await? {
        let birth: NaiveDate = row.try_get("", "birth")?;
        let first: NaiveDate = row.try_get("", "first_on")?;
        let last: NaiveDate = row.try_get("", "last_on")?;
        let entry = Attended {
            minutes: int(&row, "minutes")?,
            verified: int(&row, "verified")?,
            estimated: int(&row, "estimated")?,
            self_reported: int(&row, "self_reported")?,
            imported: int(&row, "imported")?,
            estimates: int(&row, "estimates")?,
            youngest: age_on(birth, first),
            oldest: age_on(birth, last),
        };
        found.insert((group_of(&row)?, row.try_get("", "volunteer")?), entry);
    }
    Ok(found)
}

/// Each volunteer's hours a year earlier, for the growth.
async fn read_earlier(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
    only: Only<'_>,
) -> Result<HashMap<(Group, i64), i64>, DbErr> {
    let region = "e.region_code";
    let mut found = HashMap::new();
    let mut sql = Sql::new(&format!(
        "SELECT {}, p.volunteer_id AS volunteer, CAST(SUM(p.minutes) AS BIGINT) AS minutes",
        by.select(region)
    ));
    scope.year_earlier().attended(&mut sql, "");
    narrow(&mut sql, "p.volunteer_id", only);
    sql.push(&by.group_by(region, "p.volunteer_id"));
    for row in sql.all(db).await? {
        found.insert(
            (group_of(&row)?, row.try_get("", "volunteer")?),
            int(&row, "minutes")?,
        );
    }
    Ok(found)
}

/// Families: (family, event) pairs with two members attending.
async fn read_families(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
    only: Only<'_>,
) -> Result<HashMap<(Group, i64), i64>, DbErr> {
    let region = "e.region_code";
    let mut found = HashMap::new();
    let mut sql = Sql::new(&format!(
        "SELECT {}, fm.family_id AS family",
        by.select(region)
    ));
    if only.is_none() {
        // Reading all, the period's participations lead and each finds
        // its family (see `Scope::attended`): SQLite otherwise starts
        // from every family member and reads all their participations,
        // four times slower at national size. Reading a few families,
        // their members lead.
        scope.attended(&mut sql, "CROSS JOIN family_member fm");
        sql.push(" AND fm.volunteer_id = p.volunteer_id");
    } else {
        scope.attended(
            &mut sql,
            "JOIN family_member fm ON fm.volunteer_id = p.volunteer_id",
        );
        narrow(&mut sql, "fm.family_id", only);
    }
    sql.push(&by.group_by(
        region,
        "fm.family_id, p.event_id HAVING COUNT(DISTINCT p.volunteer_id) >= 2",
    ));
    for row in sql.all(db).await? {
        *found
            .entry((group_of(&row)?, row.try_get("", "family")?))
            .or_default() += 1;
    }
    Ok(found)
}
