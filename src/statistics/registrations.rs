//! Registered and new volunteers of a scope, kept per volunteer, so cached
//! figures catch up with a registration, an erasure or a move to another
//! region by re-reading the volunteers a change names (one row each by
//! primary key) instead of counting all 160,000 again.
//!
//! As with `activity`, each entry is replaced by a fresh read, never
//! adjusted by a delta: a change heard late, twice, or after a read that
//! already saw it leaves the same entry, so the counts stay exact. The
//! counts themselves are kept beside the entries and moved with each
//! replacement, so figures derived after a catch-up do not walk the map.

use super::activity::Group;
use super::changed::MAX_REFRESHED;
use super::figures::{Figures, Grouping, Scope, entry, group_of};
use super::sql::Sql;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::{BTreeMap, HashMap};

/// How one volunteer counts in a scope: in which group (their home region
/// by region), whether registered by the period's end and not erased, and
/// whether registered within the period. Volunteers counting neither way
/// have no entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Registration {
    group: Group,
    registered: bool,
    new: bool,
}

impl Registration {
    /// The two counts it adds, as `(registered, new)`.
    fn counts(self) -> (i64, i64) {
        (i64::from(self.registered), i64::from(self.new))
    }
}

/// The registrations of one scope: each counted volunteer's entry, and the
/// counts per group they add up to.
#[derive(Clone, Default)]
pub struct Registrations {
    volunteers: HashMap<i64, Registration>,
    counts: BTreeMap<Group, (i64, i64)>,
}

impl Registrations {
    /// Read every active volunteer of `scope` who counts.
    pub async fn read(
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
    ) -> Result<Registrations, DbErr> {
        let mut all = Registrations::default();
        for (id, registration) in read(db, scope, by, None).await? {
            all.put(id, registration);
        }
        Ok(all)
    }

    /// Replace the entries of `ids` by what the database holds now.
    pub async fn refresh(
        &mut self,
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
        ids: &[i64],
    ) -> Result<(), DbErr> {
        for some in ids.chunks(MAX_REFRESHED) {
            let found = read(db, scope, by, Some(some)).await?;
            for id in some {
                self.take(*id);
            }
            for (id, registration) in found {
                self.put(id, registration);
            }
        }
        Ok(())
    }

    /// Entries in memory, a measure of the memory they take.
    pub fn len(&self) -> usize {
        self.volunteers.len()
    }

    /// Add the counts of each group to `figures` (indexed by group).
    pub fn add_to(&self, figures: &mut BTreeMap<Group, Figures>) {
        for (&g, &(registered, new)) in &self.counts {
            let f = entry(figures, g);
            f.registered_volunteers += registered;
            f.new_volunteers += new;
        }
    }

    /// Add every group's counts to `f`: each volunteer is in one group
    /// only, so they add up.
    pub fn add_nation_to(&self, f: &mut Figures) {
        for &(registered, new) in self.counts.values() {
            f.registered_volunteers += registered;
            f.new_volunteers += new;
        }
    }

    fn put(&mut self, id: i64, registration: Registration) {
        self.take(id);
        let (registered, new) = registration.counts();
        let counts = self.counts.entry(registration.group).or_default();
        counts.0 += registered;
        counts.1 += new;
        self.volunteers.insert(id, registration);
    }

    fn take(&mut self, id: i64) {
        if let Some(old) = self.volunteers.remove(&id) {
            let (registered, new) = old.counts();
            let counts = self.counts.entry(old.group).or_default();
            counts.0 -= registered;
            counts.1 -= new;
        }
    }
}

/// The entries of the active volunteers of `scope` (of `only`, or all) who
/// count: registered by the period's end and not erased, or registered
/// within it (erased or not, as docs/domain.md counts new volunteers).
async fn read(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
    only: Option<&[i64]>,
) -> Result<Vec<(i64, Registration)>, DbErr> {
    let mut sql = Sql::new(&format!("SELECT id, {}, ", by.select("region_code")));
    let (from, to) = (sql.bind(scope.from), sql.bind(scope.to));
    let registered = format!("registered_on <= {to} AND erased_at IS NULL");
    let new = format!("registered_on >= {from} AND registered_on <= {to}");
    sql.push(&format!(
        "CASE WHEN {registered} THEN 1 ELSE 0 END AS registered, \
         CASE WHEN {new} THEN 1 ELSE 0 END AS new \
         FROM volunteer WHERE status = 'ACTIVE' AND ({registered} OR {new})"
    ));
    if let Some(region) = &scope.region {
        let p = sql.bind(region.clone());
        sql.push(&format!(" AND region_code = {p}"));
    }
    if let Some(ids) = only {
        sql.and_in("id", ids);
    }
    let mut found = Vec::new();
    for row in sql.all(db).await? {
        let flag = |col: &str| row.try_get::<i32>("", col).map(|n| n != 0);
        let registration = Registration {
            group: group_of(&row)?,
            registered: flag("registered")?,
            new: flag("new")?,
        };
        found.push((row.try_get::<i64>("", "id")?, registration));
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(group: Group, registered: bool, new: bool) -> Registration {
        Registration {
            group,
            registered,
            new,
        }
    }

    fn figures(r: &Registrations) -> BTreeMap<Group, (i64, i64)> {
        let mut by_group = BTreeMap::new();
        r.add_to(&mut by_group);
        by_group
            .into_iter()
            .map(|(g, f)| (g, (f.registered_volunteers, f.new_volunteers)))
            .collect()
    }

    #[test]
    fn a_volunteer_read_again_moves_their_counts_and_is_counted_once() {
        let mut r = Registrations::default();
        r.put(1, counted(3, true, true));
        r.put(2, counted(3, true, false));
        assert_eq!(figures(&r), BTreeMap::from([(3, (2, 1))]));
        // Moved to region 5, then heard of again: still one volunteer.
        r.put(1, counted(5, true, true));
        r.put(1, counted(5, true, true));
        assert_eq!(figures(&r), BTreeMap::from([(3, (1, 0)), (5, (1, 1))]));
        // Erased in the period: new, no longer registered.
        r.put(2, counted(3, false, true));
        assert_eq!(figures(&r), BTreeMap::from([(3, (0, 1)), (5, (1, 1))]));
        // No longer counted at all (found by nobody's read).
        r.take(1);
        r.take(1);
        let mut nation = Figures::default();
        r.add_nation_to(&mut nation);
        assert_eq!(
            (nation.registered_volunteers, nation.new_volunteers),
            (0, 1)
        );
        assert_eq!(r.len(), 1);
    }
}
