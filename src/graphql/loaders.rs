//! Batching loaders for the relations of the schema.
//!
//! One `Batcher<AppLoader>` (`batch`) serves the whole schema; each key
//! type names what it loads (`FamilyById`, `TagsByVolunteer`) and has its
//! own `Loader` impl, so every relation a page of results follows costs one
//! `IN (...)` query per relation, not one per row. Regions, front offices,
//! organizations and projects are not loaded here: they are kept in memory
//! (`reference`).

use async_graphql::dataloader::Loader;
use entity::*;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use std::sync::Arc;

/// The loader behind every key type below.
pub struct AppLoader {
    db: DatabaseConnection,
}

impl AppLoader {
    pub fn new(db: DatabaseConnection) -> Self {
        AppLoader { db }
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}

type LoadResult<K, V> = Result<HashMap<K, V>, Arc<DbErr>>;

/// A key type loading one row of `$module` by its integer primary key.
macro_rules! by_id {
    ($(#[$doc:meta])* $key:ident => $module:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl Loader<$key> for AppLoader {
            type Value = $module::Model;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, Self::Value> {
                let rows = $module::Entity::find()
                    .filter($module::Column::Id.is_in(keys.iter().map(|k| k.0)))
                    .all(&self.db)
                    .await?;
                Ok(rows.into_iter().map(|row| ($key(row.id), row)).collect())
            }
        }
    };
}

/// A key type loading all rows of `$module` whose `$column` is the key,
/// for the small one-to-many relations (a family's members, an event's
/// beneficiary counts) that are returned whole.
macro_rules! group_by {
    ($(#[$doc:meta])* $key:ident($ty:ty) => $module:ident . $column:ident, $field:ident, order $order:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        pub struct $key(pub $ty);

        impl Loader<$key> for AppLoader {
            type Value = Vec<$module::Model>;
            type Error = Arc<DbErr>;

            async fn load(&self, keys: &[$key]) -> LoadResult<$key, Self::Value> {
                let rows = $module::Entity::find()
                    .filter($module::Column::$column.is_in(keys.iter().map(|k| k.0.clone())))
                    .order_by_asc($module::Column::$order)
                    .all(&self.db)
                    .await?;
                let mut groups: HashMap<$key, Self::Value> = HashMap::new();
                for row in rows {
                    groups.entry($key(row.$field.clone())).or_default().push(row);
                }
                Ok(groups)
            }
        }
    };
}

by_id!(VolunteerById => volunteer);
by_id!(AccountById => account);
by_id!(FamilyById => family);
by_id!(EventById => event);
by_id!(ParticipationById => participation);
by_id!(HoursEntryById => hours_entry);
by_id!(ExchangeById => international_exchange);

group_by!(
    /// The regions a coordinator's account is scoped to.
    RegionsByAccount(i64) => account_region.AccountId, account_id, order RegionCode
);
group_by!(
    /// A volunteer's skills and languages.
    TagsByVolunteer(i64) => volunteer_tag.VolunteerId, volunteer_id, order Tag
);
group_by!(
    /// An event's beneficiary counts.
    BeneficiariesByEvent(i64) => beneficiaries_served.EventId, event_id, order Category
);
group_by!(
    /// A participation's hours ledger, oldest entry first.
    EntriesByParticipation(i64) => hours_entry.ParticipationId, participation_id, order Id
);

/// A volunteer's family, if in one: the membership and the family joined
/// in one statement (not one wave for the membership, then one for the
/// family).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FamilyOfVolunteer(pub i64);

impl Loader<FamilyOfVolunteer> for AppLoader {
    type Value = family::Model;
    type Error = Arc<DbErr>;

    async fn load(&self, keys: &[FamilyOfVolunteer]) -> LoadResult<FamilyOfVolunteer, Self::Value> {
        let rows = family_member::Entity::find()
            .find_also_related(family::Entity)
            .filter(family_member::Column::VolunteerId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .filter_map(|(m, f)| Some((FamilyOfVolunteer(m.volunteer_id), f?)))
            .collect())
    }
}

/// A volunteer's family membership, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct MembershipByVolunteer(pub i64);

impl Loader<MembershipByVolunteer> for AppLoader {
    type Value = family_member::Model;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[MembershipByVolunteer],
    ) -> LoadResult<MembershipByVolunteer, Self::Value> {
        let rows = family_member::Entity::find()
            .filter(family_member::Column::VolunteerId.is_in(keys.iter().map(|k| k.0)))
            .all(&self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|m| (MembershipByVolunteer(m.volunteer_id), m))
            .collect())
    }
}

/// The regions hosting the events a volunteer takes part in (registrations
/// not cancelled), for the rule that coordinators see the names of the
/// volunteers they meet at their regions' events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HostRegionsOfVolunteer(pub i64);

impl Loader<HostRegionsOfVolunteer> for AppLoader {
    type Value = Vec<String>;
    type Error = Arc<DbErr>;

    async fn load(
        &self,
        keys: &[HostRegionsOfVolunteer],
    ) -> LoadResult<HostRegionsOfVolunteer, Self::Value> {
        use sea_orm::{QuerySelect, RelationTrait};
        let rows: Vec<(i64, String)> = participation::Entity::find()
            .select_only()
            .column(participation::Column::VolunteerId)
            .column(event::Column::RegionCode)
            .distinct()
            .join(
                sea_orm::JoinType::InnerJoin,
                participation::Relation::Event.def(),
            )
            .filter(participation::Column::VolunteerId.is_in(keys.iter().map(|k| k.0)))
            .filter(participation::Column::Status.ne(ParticipationStatus::Cancelled))
            .into_tuple()
            .all(&self.db)
            .await?;
        let mut regions: HashMap<HostRegionsOfVolunteer, Vec<String>> = HashMap::new();
        for (volunteer, region) in rows {
            regions
                .entry(HostRegionsOfVolunteer(volunteer))
                .or_default()
                .push(region);
        }
        Ok(regions)
    }
}
