//! The events of a scope and the beneficiaries served at them, kept per
//! event, so cached figures catch up with an event edited, cancelled or
//! given its beneficiaries by re-reading the events a change names (by
//! primary key) instead of every event of the period with its
//! beneficiaries (20 ms a change for a national year, most of a
//! cancellation's catch-up).
//!
//! As with `registrations`, an entry is replaced by a fresh read, never
//! adjusted: an event no longer in the scope (cancelled, moved to another
//! day or region) is simply not found again. The figures are summed from
//! the entries when derived: a year holds a few thousand events.

use super::activity::Group;
use super::changed::MAX_REFRESHED;
use super::figures::{Figures, Grouping, Scope, count, entry, group_of, int, text};
use super::sql::Sql;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::{BTreeMap, HashMap};

/// The region column of the events read.
const EVENT_REGION: &str = "e.region_code";

/// One counted event: its group (host region by region), kind and level,
/// and the beneficiaries served at it, by category.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Held {
    group: Group,
    kind: String,
    level: String,
    beneficiaries: Vec<(String, i64)>,
}

/// The counted events of one scope, by id.
#[derive(Clone, Default)]
pub struct Events {
    events: HashMap<i64, Held>,
}

impl Events {
    /// Read every counted event of `scope`.
    pub async fn read(
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
    ) -> Result<Events, DbErr> {
        Ok(Events {
            events: read(db, scope, by, None).await?,
        })
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
                self.events.remove(id);
            }
            self.events.extend(found);
        }
        Ok(())
    }

    /// Entries in memory, a measure of the memory they take.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Add each group's events and beneficiaries to `figures` (indexed by
    /// group).
    pub fn add_to(&self, figures: &mut BTreeMap<Group, Figures>) {
        for held in self.events.values() {
            add(entry(figures, held.group), held);
        }
    }

    /// Add every group's events to `f`: each event is in one region only,
    /// so they add up.
    pub fn add_nation_to(&self, f: &mut Figures) {
        for held in self.events.values() {
            add(f, held);
        }
    }
}

fn add(f: &mut Figures, held: &Held) {
    count(&mut f.events_by_kind, &held.kind, 1);
    count(&mut f.events_by_level, &held.level, 1);
    for (category, n) in &held.beneficiaries {
        count(&mut f.beneficiaries, category, *n);
    }
}

/// The counted events of `scope` (of `only`, or all), with their
/// beneficiaries.
async fn read(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
    only: Option<&[i64]>,
) -> Result<HashMap<i64, Held>, DbErr> {
    let narrowed = |sql: &mut Sql| {
        scope.events(sql);
        if let Some(ids) = only {
            sql.and_in("e.id", ids);
        }
    };
    let mut sql = Sql::new(&format!(
        "SELECT e.id AS id, {}, e.kind AS kind, e.level AS level FROM event e",
        by.select(EVENT_REGION)
    ));
    narrowed(&mut sql);
    let mut found = HashMap::new();
    for row in sql.all(db).await? {
        let held = Held {
            group: group_of(&row)?,
            kind: text(&row, "kind")?,
            level: text(&row, "level")?,
            beneficiaries: Vec::new(),
        };
        found.insert(row.try_get::<i64>("", "id")?, held);
    }

    let mut sql = Sql::new(
        "SELECT b.event_id AS id, b.category AS category, CAST(b.count AS BIGINT) AS n \
         FROM beneficiaries_served b JOIN event e ON e.id = b.event_id",
    );
    narrowed(&mut sql);
    for row in sql.all(db).await? {
        // An event that came into the scope between the two statements is
        // left out here and read whole when its change is caught up.
        if let Some(held) = found.get_mut(&row.try_get::<i64>("", "id")?) {
            held.beneficiaries
                .push((text(&row, "category")?, int(&row, "n")?));
        }
    }
    Ok(found)
}
