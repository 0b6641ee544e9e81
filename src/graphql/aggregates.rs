//! Batched computed figures shown on objects: a volunteer's or a family's
//! hours in a period, an event's participant count and hours.
//!
//! They follow the definition of hours in docs/domain.md: minutes of ATTENDED
//! participations, events CANCELLED excluded, dated by the participation's
//! date. One statement per field per response, whatever the page size.

use crate::graphql::loaders::AppLoader;
use async_graphql::dataloader::Loader;
use chrono::NaiveDate;
use entity::{EventStatus, ParticipationStatus, event, family_member, participation};
use sea_orm::sea_query::{Alias, Condition, Expr, ExprTrait, Func, Query, SelectStatement};
use sea_orm::{ConnectionTrait, DbErr, RelationTrait, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// An optional period of days, both ends included.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl Period {
    /// The period of a field's `from` and `to` arguments, VALIDATION on
    /// `to` when it ends before it starts.
    pub fn of_arguments(
        from: Option<crate::graphql::scalars::Date>,
        to: Option<crate::graphql::scalars::Date>,
    ) -> Result<Period, crate::domain::error::DomainError> {
        let (from, to) = (from.map(|d| d.0), to.map(|d| d.0));
        crate::graphql::filtering::check_order(from, to, "to")?;
        Ok(Period { from, to })
    }
}

/// Minutes a volunteer worked in a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MinutesOfVolunteer {
    pub volunteer_id: i64,
    pub period: Period,
}

/// Minutes a family's members worked in a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MinutesOfFamily {
    pub family_id: i64,
    pub period: Period,
}

/// An event's participation figures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TotalsOfEvent(pub i64);

/// What `TotalsOfEvent` loads.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventTotals {
    /// Volunteers who attended.
    pub attended: i64,
    /// Registrations not cancelled (registered, attended or no-show).
    pub registered: i64,
    /// Minutes of attended participations.
    pub minutes: i64,
}

/// `SELECT <group> AS k, SUM(minutes) AS m` over attended participations of
/// events not cancelled, within `period`.
fn attended_minutes(group: Expr, period: Period) -> SelectStatement {
    let mut q = Query::select()
        .expr_as(group, Alias::new("k"))
        .expr_as(
            Expr::cust("COALESCE(SUM(participation.minutes), 0)"),
            Alias::new("m"),
        )
        .from(participation::Entity)
        .inner_join(
            event::Entity,
            Condition::from(participation::Relation::Event.def()),
        )
        .and_where(
            Expr::col((participation::Entity, participation::Column::Status))
                .eq(ParticipationStatus::Attended.as_str()),
        )
        .and_where(
            Expr::col((event::Entity, event::Column::Status)).ne(EventStatus::Cancelled.as_str()),
        )
        .to_owned();
    if let Some(from) = period.from {
        q.and_where(Expr::col((participation::Entity, participation::Column::OnDate)).gte(from));
    }
    if let Some(to) = period.to {
        q.and_where(Expr::col((participation::Entity, participation::Column::OnDate)).lte(to));
    }
    q
}

/// `COALESCE(SUM(CASE WHEN condition THEN value ELSE 0 END), 0)`.
fn count_where(condition: Expr, value: Expr) -> Expr {
    let case = Expr::case(condition, value).finally(Expr::val(0));
    Func::coalesce([Func::sum(case).into(), Expr::val(0)]).into()
}

async fn sums(loader: &AppLoader, stmt: &SelectStatement) -> Result<HashMap<i64, i64>, DbErr> {
    let rows = loader.db().query_all(stmt).await?;
    rows.into_iter()
        .map(|row| Ok((row.try_get::<i64>("", "k")?, row.try_get::<i64>("", "m")?)))
        .collect()
}

fn group_by_period<K: Copy>(keys: &[K], period: impl Fn(&K) -> Period) -> HashMap<Period, Vec<K>> {
    let mut groups: HashMap<Period, Vec<K>> = HashMap::new();
    for key in keys {
        groups.entry(period(key)).or_default().push(*key);
    }
    groups
}

impl Loader<MinutesOfVolunteer> for AppLoader {
    type Value = i64;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[MinutesOfVolunteer],
    ) -> Result<HashMap<MinutesOfVolunteer, i64>, Self::Error> {
        let mut out = HashMap::new();
        for (period, group) in group_by_period(keys, |k| k.period) {
            let column = (participation::Entity, participation::Column::VolunteerId);
            let mut stmt = attended_minutes(Expr::col(column), period);
            stmt.and_where(
                Expr::col(column).is_in(group.iter().map(|k| Value::from(k.volunteer_id))),
            )
            .group_by_col(column);
            let sums = sums(self, &stmt).await?;
            out.extend(
                group
                    .into_iter()
                    .map(|k| (k, sums.get(&k.volunteer_id).copied().unwrap_or(0))),
            );
        }
        Ok(out)
    }
}

impl Loader<MinutesOfFamily> for AppLoader {
    type Value = i64;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[MinutesOfFamily],
    ) -> Result<HashMap<MinutesOfFamily, i64>, Self::Error> {
        let mut out = HashMap::new();
        for (period, group) in group_by_period(keys, |k| k.period) {
            let column = (family_member::Entity, family_member::Column::FamilyId);
            let mut stmt = attended_minutes(Expr::col(column), period);
            stmt.inner_join(
                family_member::Entity,
                Expr::col((family_member::Entity, family_member::Column::VolunteerId))
                    .equals((participation::Entity, participation::Column::VolunteerId)),
            )
            .and_where(Expr::col(column).is_in(group.iter().map(|k| Value::from(k.family_id))))
            .group_by_col(column);
            let sums = sums(self, &stmt).await?;
            out.extend(
                group
                    .into_iter()
                    .map(|k| (k, sums.get(&k.family_id).copied().unwrap_or(0))),
            );
        }
        Ok(out)
    }
}

impl Loader<TotalsOfEvent> for AppLoader {
    type Value = EventTotals;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[TotalsOfEvent],
    ) -> Result<HashMap<TotalsOfEvent, EventTotals>, Self::Error> {
        let status = || Expr::col(participation::Column::Status);
        let attended = status().eq(ParticipationStatus::Attended.as_str());
        let not_cancelled = status().ne(ParticipationStatus::Cancelled.as_str());
        let stmt = Query::select()
            .column(participation::Column::EventId)
            .expr_as(
                count_where(attended.clone(), Expr::val(1)),
                Alias::new("attended"),
            )
            .expr_as(
                count_where(not_cancelled, Expr::val(1)),
                Alias::new("registered"),
            )
            .expr_as(
                count_where(attended, Expr::col(participation::Column::Minutes)),
                Alias::new("minutes"),
            )
            .from(participation::Entity)
            .and_where(
                Expr::col(participation::Column::EventId)
                    .is_in(keys.iter().map(|k| Value::from(k.0))),
            )
            .group_by_col(participation::Column::EventId)
            .to_owned();
        let rows = self.db().query_all(&stmt).await?;
        let mut out: HashMap<TotalsOfEvent, EventTotals> =
            keys.iter().map(|k| (*k, EventTotals::default())).collect();
        for row in rows {
            let id: i64 = row.try_get("", "event_id")?;
            out.insert(
                TotalsOfEvent(id),
                EventTotals {
                    attended: row.try_get("", "attended")?,
                    registered: row.try_get("", "registered")?,
                    minutes: row.try_get("", "minutes")?,
                },
            );
        }
        Ok(out)
    }
}
