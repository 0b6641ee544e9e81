//! The figures that do not come from attended participations: registrations
//! (kept per volunteer, see `registrations`), events and beneficiaries
//! served (kept per event, see `events`), international exchanges. The
//! exchanges are a few aggregate statements over a small table, read again
//! whole when a change touches them (see `changed`).

use super::activity::Group;
use super::changed::Changed;
use super::events::Events;
use super::figures::{Figures, Grouping, Scope, count, entry, group_of, int, text};
use super::registrations::Registrations;
use super::sql::Sql;
use sea_orm::{ConnectionTrait, DbErr};
use std::collections::BTreeMap;

/// The registry's figures of one scope, per group, by part.
#[derive(Clone, Default)]
pub struct Registry {
    registrations: Registrations,
    events: Events,
    exchanges: BTreeMap<Group, Figures>,
    /// By region, the nation's exchanges besides: those linked to no event
    /// count nationally but in no region, and a participant of exchanges
    /// in two regions is one exchange volunteer.
    nation_exchanges: BTreeMap<Group, Figures>,
}

const EVENT_REGION: &str = "e.region_code";

impl Registry {
    /// Read every part.
    pub async fn read(
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
    ) -> Result<Registry, DbErr> {
        // In turn, in one lane (`Basis::read`): the parts are small.
        let registrations = Registrations::read(db, scope, by).await?;
        let events = Events::read(db, scope, by).await?;
        let exchanges = exchanges(db, scope, by).await?;
        let nation_exchanges = nation_exchanges(db, scope, by).await?;
        Ok(Registry {
            registrations,
            events,
            exchanges,
            nation_exchanges,
        })
    }

    /// Catch up with `changed`: the registrations of the volunteers and the
    /// events it names, and the exchanges read again whole when it touches
    /// them.
    pub async fn catch_up(
        &mut self,
        db: &impl ConnectionTrait,
        scope: &Scope,
        by: Grouping,
        changed: &Changed,
    ) -> Result<(), DbErr> {
        self.registrations
            .refresh(db, scope, by, &changed.volunteers)
            .await?;
        self.events.refresh(db, scope, by, &changed.events).await?;
        let exchanged = when(changed.exchanges(), exchanges(db, scope, by)).await?;
        let nation_exchanged = when(changed.exchanges(), nation_exchanges(db, scope, by)).await?;
        if let Some(part) = exchanged {
            self.exchanges = part;
        }
        if let Some(part) = nation_exchanged {
            self.nation_exchanges = part;
        }
        Ok(())
    }

    /// Entries in memory, a measure of the memory they take (the
    /// registrations' and the events'; exchanges are a few per group).
    pub fn len(&self) -> usize {
        self.registrations.len() + self.events.len()
    }

    /// Add the nation's registry figures to `f`, from a by-region read:
    /// every volunteer and event is in exactly one region, so those add
    /// up; exchanges are the nation's own.
    pub fn add_nation_to(&self, f: &mut Figures) {
        self.registrations.add_nation_to(f);
        self.events.add_nation_to(f);
        for part in self.nation_exchanges.values() {
            add(f, part);
        }
    }

    /// Add the registry's figures to `figures` (indexed by group).
    pub fn add_to(&self, figures: &mut BTreeMap<Group, Figures>) {
        self.registrations.add_to(figures);
        self.events.add_to(figures);
        for (&g, part) in &self.exchanges {
            add(entry(figures, g), part);
        }
    }
}

/// `part`'s result when `yes`, without running it otherwise.
async fn when<T>(
    yes: bool,
    part: impl Future<Output = Result<T, DbErr>>,
) -> Result<Option<T>, DbErr> {
    match yes {
        true => part.await.map(Some),
        false => Ok(None),
    }
}

/// Add the exchanges' fields of `part` to `f` (the others are 0 or
/// empty).
fn add(f: &mut Figures, part: &Figures) {
    let maps = [
        (&mut f.exchanges_by_direction, &part.exchanges_by_direction),
        (&mut f.exchanges_by_country, &part.exchanges_by_country),
    ];
    for (into, from) in maps {
        for (key, n) in from {
            count(into, key, *n);
        }
    }
    f.exchanges += part.exchanges;
    f.exchange_volunteers += part.exchange_volunteers;
    f.foreign_participants += part.foreign_participants;
}

/// By region, the nation's exchanges (see `Registry::nation_exchanges`);
/// nothing otherwise.
async fn nation_exchanges(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
) -> Result<BTreeMap<Group, Figures>, DbErr> {
    match by {
        Grouping::ByRegion => exchanges(db, scope, Grouping::Whole).await,
        Grouping::Whole => Ok(BTreeMap::new()),
    }
}

/// International exchanges overlapping the period; by region only those
/// linked to an event, as when narrowed to one region.
async fn exchanges(
    db: &impl ConnectionTrait,
    scope: &Scope,
    by: Grouping,
) -> Result<BTreeMap<Group, Figures>, DbErr> {
    let mut g = BTreeMap::new();
    let exchanges = |sql: &mut Sql| {
        if by == Grouping::ByRegion && !scope.narrows_events() {
            sql.push(" JOIN event e ON e.id = x.event_id");
        }
        scope.exchanges(sql);
    };
    let mut sql = Sql::new(&format!(
        "SELECT {}, x.direction AS direction, x.country_code AS country, x.foreign_participants AS foreign_n FROM international_exchange x",
        by.select(EVENT_REGION)
    ));
    exchanges(&mut sql);
    for row in sql.all(db).await? {
        let (direction, country) = (text(&row, "direction")?, text(&row, "country")?);
        let foreign = i64::from(row.try_get::<i32>("", "foreign_n")?);
        let f = entry(&mut g, group_of(&row)?);
        f.exchanges += 1;
        *f.exchanges_by_direction.entry(direction).or_default() += 1;
        *f.exchanges_by_country.entry(country).or_default() += 1;
        f.foreign_participants += foreign;
    }
    let mut sql = Sql::new(&format!(
        "SELECT {}, COUNT(DISTINCT ep.volunteer_id) AS n FROM exchange_participant ep JOIN international_exchange x ON x.id = ep.exchange_id",
        by.select(EVENT_REGION)
    ));
    exchanges(&mut sql);
    if by == Grouping::ByRegion {
        sql.push(&format!(" GROUP BY {EVENT_REGION}"));
    }
    for row in sql.all(db).await? {
        entry(&mut g, group_of(&row)?).exchange_volunteers = int(&row, "n")?;
    }
    Ok(g)
}
