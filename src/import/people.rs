//! Finding the people a row is about: by IIN (its keyed hash: the same
//! number is the same person), by the register's id, or by name and birth
//! date compared across scripts (`name_match`).

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::iin::{self, Iin};
use crate::domain::name_match::{self, Likeness};
use crate::domain::write::Write;
use crate::graphql::ids::{self, NodeType};
use crate::import::Context;
use crate::import::headings::Field;
use crate::import::source::{Cell, Row};
use crate::import::values;
use crate::msg;
use async_graphql::ID;
use chrono::NaiveDate;
use entity::volunteer;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The columns that name the volunteer of a row of families or of
/// participations (see `identify`).
pub const VOLUNTEER_ID: Field = Field {
    name: "volunteerId",
    required: false,
    headings: &[
        "Ерікті нөмірі",
        "Номер волонтёра",
        "Volunteer id",
        "Volunteer",
    ],
};
pub const IIN: Field = Field {
    name: "iin",
    required: false,
    headings: &["ЖСН", "ИИН", "IIN"],
};
pub const FULL_NAME: Field = Field {
    name: "fullName",
    required: false,
    headings: &["Аты-жөні", "ФИО", "Ф.И.О.", "Full name", "Name"],
};
pub const BIRTH_DATE: Field = Field {
    name: "birthDate",
    required: false,
    headings: &["Туған күні", "Дата рождения", "Birth date", "Date of birth"],
};

/// The IIN a row gives, as typed: a number cell loses the leading zero of
/// those born in the 2000s, which is put back.
pub fn iin_text(cx: &Context, row: &Row, field: &str) -> Option<String> {
    let text = cx.columns.text(row, field)?;
    match cx.columns.cell(row, field) {
        Some(Cell::Number(_)) if text.len() == 11 => Some(format!("0{text}")),
        _ => Some(text),
    }
}

/// The volunteer (not erased) whose IIN has this keyed hash.
pub async fn by_iin_hash(w: &Write, hash: &str) -> DomainResult<Option<i64>> {
    Ok(volunteer::Entity::find()
        .select_only()
        .column(volunteer::Column::Id)
        .filter(volunteer::Column::IinHash.eq(hash))
        .filter(volunteer::Column::ErasedAt.is_null())
        .into_tuple::<i64>()
        .one(&w.tx)
        .await?)
}

/// Whether a person registered under `known` names (full and Latin) is
/// the same as, or close to, someone named `names` in any of the scripts.
pub fn resembles(known: &[String], names: &[&str]) -> bool {
    known.iter().any(|known| {
        names
            .iter()
            .any(|name| name_match::compare(known, name) != Likeness::Different)
    })
}

/// A volunteer's id, full and Latin names, birth date and region, as read.
type RegisteredRow = (i64, Option<String>, Option<String>, NaiveDate, String);

/// The people already registered: by birth date and region.
pub type Registered = HashMap<(NaiveDate, String), Vec<(i64, Vec<String>)>>;

/// The volunteers (not erased) born on any of `dates` in any of `regions`,
/// with the names they are registered under, by birth date and region in
/// the order of their ids: what an import's rows are compared with, read
/// once for many rows.
pub async fn born_on_any(
    w: &Write,
    dates: &[NaiveDate],
    regions: &[String],
) -> DomainResult<Registered> {
    let mut found = Registered::new();
    if dates.is_empty() || regions.is_empty() {
        return Ok(found);
    }
    let rows: Vec<RegisteredRow> = volunteer::Entity::find()
        .select_only()
        .column(volunteer::Column::Id)
        .column(volunteer::Column::FullName)
        .column(volunteer::Column::LatinName)
        .column(volunteer::Column::BirthDate)
        .column(volunteer::Column::RegionCode)
        .filter(volunteer::Column::BirthDate.is_in(dates.iter().copied()))
        .filter(volunteer::Column::RegionCode.is_in(regions.iter().cloned()))
        .filter(volunteer::Column::ErasedAt.is_null())
        .order_by_asc(volunteer::Column::Id)
        .into_tuple()
        .all(&w.tx)
        .await?;
    for (id, full, latin, born, region) in rows {
        found
            .entry((born, region))
            .or_default()
            .push((id, full.into_iter().chain(latin).collect()));
    }
    Ok(found)
}

/// The volunteers (not erased) born on `birth_date`, with the names they
/// are registered under (full and Latin).
async fn born_on(w: &Write, birth_date: NaiveDate) -> DomainResult<Vec<(i64, Vec<String>)>> {
    let rows: Vec<(i64, Option<String>, Option<String>)> = volunteer::Entity::find()
        .select_only()
        .column(volunteer::Column::Id)
        .column(volunteer::Column::FullName)
        .column(volunteer::Column::LatinName)
        .filter(volunteer::Column::BirthDate.eq(birth_date))
        .filter(volunteer::Column::ErasedAt.is_null())
        .into_tuple()
        .all(&w.tx)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, full, latin)| (id, full.into_iter().chain(latin).collect()))
        .collect())
}

/// The volunteer a row of participations or family members names: by the
/// register's id (`volunteerId`, a global id or a number), by IIN, or by
/// full name and birth date when exactly one volunteer has the same name.
pub async fn identify(w: &Write, cx: &Context, row: &Row) -> DomainResult<i64> {
    if let Some(text) = values::optional(cx, row, "volunteerId") {
        let id = match text.parse::<i64>() {
            Ok(n) => n,
            Err(_) => ids::decode_int(&ID(text), NodeType::Volunteer, "input.volunteerId")?,
        };
        return Ok(id);
    }
    if let Some(text) = iin_text(cx, row, "iin") {
        let invalid =
            || DomainError::validation("input.iin", msg!("iin-not-valid", reason = "digits"));
        let born = iin::stated_birth_date(&text).ok_or_else(invalid)?;
        let hash = Iin::parse(&text, born, "input.iin")?.keyed_hash(&w.rules.secret);
        return by_iin_hash(w, &hash)
            .await?
            .ok_or_else(|| DomainError::NotFound {
                message: msg!("import-no-such-volunteer"),
            });
    }
    let name = values::required(cx, row, "fullName")?;
    let born = values::required_date(cx, row, "birthDate")?;
    let same: Vec<i64> = born_on(w, born)
        .await?
        .into_iter()
        .filter(|(_, known)| {
            known
                .iter()
                .any(|known| name_match::compare(known, &name) == Likeness::Same)
        })
        .map(|(id, _)| id)
        .collect();
    match same.as_slice() {
        [id] => Ok(*id),
        [] => Err(DomainError::NotFound {
            message: msg!("import-no-such-volunteer"),
        }),
        _ => Err(DomainError::conflict(msg!("import-volunteer-ambiguous"))),
    }
}
