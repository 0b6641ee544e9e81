//! Rows of the long exports read by their columns' places, whichever
//! driver read them: the SQLite file's own reader (`rusqlite`, values read
//! in place) or the pool (PostgreSQL). Each kind of row is decoded once,
//! here, for both.
//!
//! By place rather than by name: looking a column up by its name for every
//! value of five million rows was a measurable share of an export.

use crate::export::met::{EventRow, PersonRow};
use chrono::{DateTime, NaiveDate, Utc};
use entity::{HoursSource, ParticipationStatus, event, participation, volunteer};
use sea_orm::{DbErr, QueryResult};

/// A row whose values are read by their column's place.
pub trait Positional {
    fn int(&self, i: usize) -> Result<Option<i64>, DbErr>;
    /// A 32-bit integer column (minutes).
    fn int32(&self, i: usize) -> Result<Option<i32>, DbErr>;
    /// Text handed to `f` where it lies, without a copy where the driver
    /// allows.
    fn with_text<T>(&self, i: usize, f: impl FnOnce(Option<&str>) -> T) -> Result<T, DbErr>;
    fn date(&self, i: usize) -> Result<Option<NaiveDate>, DbErr>;
    fn moment(&self, i: usize) -> Result<Option<DateTime<Utc>>, DbErr>;

    fn text(&self, i: usize) -> Result<Option<String>, DbErr> {
        self.with_text(i, |t| t.map(str::to_owned))
    }
}

fn failed(err: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(format!("reading an export's row: {err}"))
}

fn required<T>(value: Option<T>, column: &str) -> Result<T, DbErr> {
    value.ok_or_else(|| failed(format!("`{column}` is empty")))
}

impl Positional for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<Option<i64>, DbErr> {
        self.get(i).map_err(failed)
    }

    fn int32(&self, i: usize) -> Result<Option<i32>, DbErr> {
        self.get(i).map_err(failed)
    }

    fn with_text<T>(&self, i: usize, f: impl FnOnce(Option<&str>) -> T) -> Result<T, DbErr> {
        let value = self.get_ref(i).map_err(failed)?;
        Ok(f(value.as_str_or_null().map_err(failed)?))
    }

    fn date(&self, i: usize) -> Result<Option<NaiveDate>, DbErr> {
        self.with_text(i, |t| t.map(|t| NaiveDate::parse_from_str(t, "%Y-%m-%d")))?
            .transpose()
            .map_err(failed)
    }

    fn moment(&self, i: usize) -> Result<Option<DateTime<Utc>>, DbErr> {
        self.with_text(i, |t| t.map(DateTime::parse_from_rfc3339))?
            .map(|t| t.map(|t| t.with_timezone(&Utc)))
            .transpose()
            .map_err(failed)
    }
}

impl Positional for QueryResult {
    fn int(&self, i: usize) -> Result<Option<i64>, DbErr> {
        self.try_get_by_index(i)
    }

    fn int32(&self, i: usize) -> Result<Option<i32>, DbErr> {
        self.try_get_by_index(i)
    }

    fn with_text<T>(&self, i: usize, f: impl FnOnce(Option<&str>) -> T) -> Result<T, DbErr> {
        let text: Option<String> = self.try_get_by_index(i)?;
        Ok(f(text.as_deref()))
    }

    fn text(&self, i: usize) -> Result<Option<String>, DbErr> {
        self.try_get_by_index(i)
    }

    fn date(&self, i: usize) -> Result<Option<NaiveDate>, DbErr> {
        self.try_get_by_index(i)
    }

    fn moment(&self, i: usize) -> Result<Option<DateTime<Utc>>, DbErr> {
        self.try_get_by_index(i)
    }
}

/// The columns of a participation an export reads, in this order.
pub const PARTICIPATION_COLUMNS: [participation::Column; 11] = [
    participation::Column::Id,
    participation::Column::VolunteerId,
    participation::Column::EventId,
    participation::Column::Status,
    participation::Column::RegisteredAt,
    participation::Column::CheckedInAt,
    participation::Column::CheckedOutAt,
    participation::Column::Minutes,
    participation::Column::MinutesSource,
    participation::Column::OnDate,
    participation::Column::VerifiedAt,
];

/// A participation read with `PARTICIPATION_COLUMNS`.
pub fn participation(row: &impl Positional) -> Result<participation::Model, DbErr> {
    let status = row.with_text(3, |t| t.and_then(ParticipationStatus::try_from_str))?;
    let source = row.with_text(8, |t| t.map(|t| HoursSource::try_from_str(t).ok_or(())))?;
    Ok(participation::Model {
        id: required(row.int(0)?, "id")?,
        volunteer_id: required(row.int(1)?, "volunteer_id")?,
        event_id: required(row.int(2)?, "event_id")?,
        status: required(status, "status")?,
        registered_at: required(row.moment(4)?, "registered_at")?,
        checked_in_at: row.moment(5)?,
        checked_out_at: row.moment(6)?,
        minutes: row.int32(7)?,
        minutes_source: source
            .transpose()
            .map_err(|()| failed("an unknown source of minutes"))?,
        on_date: required(row.date(9)?, "on_date")?,
        verified_at: row.moment(10)?,
        verified_by: None,
    })
}

/// The columns of a volunteer an export reads, in this order.
pub const VOLUNTEER_COLUMNS: [volunteer::Column; 11] = [
    volunteer::Column::Id,
    volunteer::Column::FullName,
    volunteer::Column::LatinName,
    volunteer::Column::BirthDate,
    volunteer::Column::RegionCode,
    volunteer::Column::RegisteredOn,
    volunteer::Column::Phone,
    volunteer::Column::Email,
    volunteer::Column::GuardianName,
    volunteer::Column::GuardianConsentOn,
    volunteer::Column::ErasedAt,
];

/// What the volunteers' export shows of a volunteer, and what decides who
/// may see it.
pub struct Listed {
    pub id: i64,
    pub full_name: Option<String>,
    pub latin_name: Option<String>,
    pub birth_date: NaiveDate,
    pub region_code: String,
    pub registered_on: NaiveDate,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub guardian_name: Option<String>,
    pub guardian_consent_on: Option<NaiveDate>,
    pub erased: bool,
}

/// A volunteer read with `VOLUNTEER_COLUMNS`.
pub fn volunteer(row: &impl Positional) -> Result<Listed, DbErr> {
    Ok(Listed {
        id: required(row.int(0)?, "id")?,
        full_name: row.text(1)?,
        latin_name: row.text(2)?,
        birth_date: required(row.date(3)?, "birth_date")?,
        region_code: required(row.text(4)?, "region_code")?,
        registered_on: required(row.date(5)?, "registered_on")?,
        phone: row.text(6)?,
        email: row.text(7)?,
        guardian_name: row.text(8)?,
        guardian_consent_on: row.date(9)?,
        erased: row.moment(10)?.is_some(),
    })
}

/// The columns of a volunteer a list of participations reads, in this
/// order (`met::PersonRow`).
pub const PERSON_COLUMNS: [volunteer::Column; 5] = [
    volunteer::Column::Id,
    volunteer::Column::FullName,
    volunteer::Column::RegionCode,
    volunteer::Column::BirthDate,
    volunteer::Column::ErasedAt,
];

pub fn person(row: &impl Positional) -> Result<PersonRow, DbErr> {
    Ok((
        required(row.int(0)?, "id")?,
        row.text(1)?,
        required(row.text(2)?, "region_code")?,
        required(row.date(3)?, "birth_date")?,
        row.moment(4)?.is_some(),
    ))
}

/// The columns of an event a list of participations reads, in this order
/// (`met::EventRow`).
pub const EVENT_COLUMNS: [event::Column; 3] = [
    event::Column::Id,
    event::Column::Title,
    event::Column::RegionCode,
];

pub fn event(row: &impl Positional) -> Result<EventRow, DbErr> {
    Ok((
        required(row.int(0)?, "id")?,
        required(row.text(1)?, "title")?,
        required(row.text(2)?, "region_code")?,
    ))
}
