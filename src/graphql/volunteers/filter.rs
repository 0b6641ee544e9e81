//! Filtering and ordering volunteers.

use crate::domain::error::DomainError;
use crate::domain::search::contains_pattern;
use crate::domain::time::kz_date;
use crate::graphql::connection::{
    Direction, KeyKind, KeyValue, Nested, ParentKey, SortKey, by_column,
};
use crate::graphql::enums::VolunteerStatus;
use crate::graphql::filtering::{FilterInput, check_order};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::scalars::Date;
use crate::msg;
use async_graphql::{Enum, ID, InputObject};
use chrono::{DateTime, Months, NaiveDate, Utc};
use entity::volunteer;
use sea_orm::ColumnTrait;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr, Query};
use serde::Serialize;

/// Which volunteers to list. Every condition given must hold; `and` and
/// `or` combine further filters.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
pub struct VolunteerFilter {
    /// Home region, by ISO 3166-2:KZ code (e.g. `KZ-71`).
    pub region_code: Option<String>,
    /// Members of this family.
    pub family_id: Option<ID>,
    /// Only volunteers in a family (true) or in none (false).
    pub has_family: Option<bool>,
    /// Youngest age, in whole years on `ageOn`.
    pub age_min: Option<i32>,
    /// Oldest age, in whole years on `ageOn`.
    pub age_max: Option<i32>,
    /// The day ages are taken on; today in Kazakhstan when omitted.
    pub age_on: Option<Date>,
    /// Registered on or after this day.
    pub registered_from: Option<Date>,
    /// Registered on or before this day.
    pub registered_to: Option<Date>,
    /// Has every one of these skills (e.g. `first_aid`).
    pub skills: Option<Vec<String>>,
    /// Speaks every one of these languages (ISO 639-1, e.g. `kk`).
    pub languages: Option<Vec<String>>,
    /// In one of these states (admins and coordinators); when no filter
    /// names statuses, only ACTIVE volunteers are listed: PENDING ones,
    /// signed up and not yet confirmed, are in the register for nobody
    /// else.
    pub statuses: Option<Vec<VolunteerStatus>>,
    /// Name contains this text, in Cyrillic or Latin, ignoring case
    /// (including Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І; `ё` matches `е`).
    pub name: Option<String>,
    /// Every one of these filters must hold too.
    pub and: Option<Vec<VolunteerFilter>>,
    /// At least one of these filters must hold too.
    pub or: Option<Vec<VolunteerFilter>>,
}

/// Latest birth date of someone at least `years` old on `on`.
fn born_by(on: NaiveDate, years: i32, field: &str) -> Result<NaiveDate, DomainError> {
    u32::try_from(years)
        .ok()
        .and_then(|y| on.checked_sub_months(Months::new(y.saturating_mul(12))))
        .ok_or_else(|| DomainError::validation(field, msg!("impossible-age", years = years)))
}

fn tagged(kind: &str, tag: &str) -> Condition {
    Condition::all().add(
        volunteer::Column::Id.in_subquery(
            Query::select()
                .column("volunteer_id")
                .from("volunteer_tag")
                .and_where(Expr::col("kind").eq(kind))
                .and_where(Expr::col("tag").eq(tag.trim().to_lowercase()))
                .to_owned(),
        ),
    )
}

fn in_family() -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column("volunteer_id")
        .from("family_member")
        .to_owned()
}

impl FilterInput for VolunteerFilter {
    fn own(&self, now: DateTime<Utc>) -> Result<Condition, DomainError> {
        let mut c = Condition::all();
        if let Some(code) = &self.region_code {
            c = c.add(volunteer::Column::RegionCode.eq(code.trim()));
        }
        if let Some(family) = &self.family_id {
            let family = ids::decode_int(family, NodeType::Family, "filter.familyId")?;
            c = c.add(
                volunteer::Column::Id.in_subquery(
                    in_family()
                        .and_where(Expr::col("family_id").eq(family))
                        .to_owned(),
                ),
            );
        }
        match self.has_family {
            Some(true) => c = c.add(volunteer::Column::Id.in_subquery(in_family())),
            Some(false) => c = c.add(volunteer::Column::Id.not_in_subquery(in_family())),
            None => {}
        }
        let on = self.age_on.map(|d| d.0).unwrap_or_else(|| kz_date(now));
        if let (Some(min), Some(max)) = (self.age_min, self.age_max)
            && min > max
        {
            return Err(DomainError::validation(
                "filter.ageMax",
                msg!("age-max-below-min"),
            ));
        }
        if self.age_min.is_some() || self.age_max.is_some() {
            // Erased volunteers keep their birth date for statistics only:
            // no one may find them by age.
            c = c.add(volunteer::Column::ErasedAt.is_null());
        }
        if let Some(min) = self.age_min {
            c = c.add(volunteer::Column::BirthDate.lte(born_by(on, min, "filter.ageMin")?));
        }
        if let Some(max) = self.age_max {
            let plus_one = max.checked_add(1).unwrap_or(max);
            c = c.add(volunteer::Column::BirthDate.gt(born_by(on, plus_one, "filter.ageMax")?));
        }
        let (from, to) = (
            self.registered_from.map(|d| d.0),
            self.registered_to.map(|d| d.0),
        );
        check_order(from, to, "filter.registeredTo")?;
        if let Some(from) = from {
            c = c.add(volunteer::Column::RegisteredOn.gte(from));
        }
        if let Some(to) = to {
            c = c.add(volunteer::Column::RegisteredOn.lte(to));
        }
        for skill in self.skills.iter().flatten() {
            c = c.add(tagged("SKILL", skill));
        }
        for language in self.languages.iter().flatten() {
            c = c.add(tagged("LANGUAGE", language));
        }
        if let Some(statuses) = &self.statuses {
            c = c.add(
                volunteer::Column::Status.is_in(
                    statuses
                        .iter()
                        .map(|&s| entity::VolunteerStatus::from(s).as_str()),
                ),
            );
        }
        if let Some(name) = self.name.as_deref().filter(|n| !n.trim().is_empty()) {
            c = c.add(
                Expr::col(volunteer::Column::SearchName)
                    .like(LikeExpr::new(contains_pattern(name)).escape('\\')),
            );
        }
        Ok(c)
    }

    fn and(&self) -> Option<&[Self]> {
        self.and.as_deref()
    }

    fn or(&self) -> Option<&[Self]> {
        self.or.as_deref()
    }

    fn implied(filter: Option<&Self>) -> Condition {
        if filter.is_some_and(mentions_statuses) {
            Condition::all()
        } else {
            Condition::all()
                .add(volunteer::Column::Status.eq(entity::VolunteerStatus::Active.as_str()))
        }
    }
}

/// Whether a filter names statuses anywhere in it.
pub fn mentions_statuses(f: &VolunteerFilter) -> bool {
    f.statuses.is_some()
        || f.and.iter().flatten().any(mentions_statuses)
        || f.or.iter().flatten().any(mentions_statuses)
}

/// The birth date as volunteers are ordered by it. An erased volunteer's
/// birth date serves statistics only: erased volunteers sort together after
/// everyone else (before, descending), by id, as if they had none, so their
/// place in the list tells nothing of their age.
const ERASED_LAST_BY_BIRTH_DATE: &str =
    "CASE WHEN erased_at IS NULL THEN birth_date ELSE '9999-12-31' END";

/// The date `ERASED_LAST_BY_BIRTH_DATE` gives erased volunteers.
const ERASED_SORT_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(day) => day,
    None => NaiveDate::MAX,
};

fn birth_date_sort_key(m: &volunteer::Model) -> NaiveDate {
    match m.erased_at {
        None => m.birth_date,
        Some(_) => ERASED_SORT_DATE,
    }
}

/// Fields volunteers can be ordered by.
#[derive(Enum, Copy, Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub enum VolunteerOrderField {
    /// The order they were recorded in.
    #[default]
    Id,
    /// Full name in Kazakh alphabetical order (А Ә Б В Г Ғ … І Ь Э Ю Я,
    /// Latin names after Cyrillic ones; the same on every database);
    /// erased volunteers first, as an empty name.
    Name,
    /// Date of birth (oldest first when ascending; erased volunteers last,
    /// by id, as their birth date is shown to no one).
    BirthDate,
    /// Registration date.
    RegisteredOn,
}

/// How to order volunteers; ties are broken by id.
#[derive(InputObject, Clone, Copy, Debug, Default, Serialize)]
pub struct VolunteerOrder {
    /// The field to order by.
    pub field: VolunteerOrderField,
    /// Ascending (default) or descending.
    #[graphql(default)]
    pub direction: Direction,
}

impl VolunteerOrder {
    pub fn sort_key(order: Option<VolunteerOrder>) -> SortKey<volunteer::Model> {
        let order = order.unwrap_or_default();
        let d = order.direction;
        let f = order.field;
        match f {
            VolunteerOrderField::Id => SortKey::by_id(f, d),
            // Kazakh alphabetical order (`domain::collation`): the stored
            // sort key, present on every row once the server has started.
            VolunteerOrderField::Name => SortKey::new(
                f,
                "name_sort_key",
                KeyKind::Bytes,
                d,
                |m: &volunteer::Model| KeyValue::Bytes(m.name_sort_key.clone().unwrap_or_default()),
            ),
            VolunteerOrderField::BirthDate => SortKey::new(
                f,
                ERASED_LAST_BY_BIRTH_DATE,
                KeyKind::Date,
                d,
                |m: &volunteer::Model| KeyValue::Date(birth_date_sort_key(m)),
            ),
            VolunteerOrderField::RegisteredOn => by_column!(f, d, volunteer.registered_on: Date),
        }
    }
}

/// The volunteers whose home is a region.
pub struct VolunteersOfRegion;

impl Nested for VolunteersOfRegion {
    type Entity = volunteer::Entity;
    type Model = volunteer::Model;
    const PARENT_SQL: &'static str = "region_code";
    fn parent_of(row: &volunteer::Model) -> ParentKey {
        ParentKey::Code(row.region_code.clone())
    }
}
