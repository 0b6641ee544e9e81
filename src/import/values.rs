//! Reading one row's cells into the register's values: dates, phone
//! numbers, lists, numbers, regions named by code or by name, and
//! enumerations named by their value or their label in any language.

use crate::domain::access;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::spreadsheet_values;
use crate::domain::time::kz_offset;
use crate::domain::write::Write;
use crate::i18n::{Lang, labels};
use crate::import::Context;
use crate::import::headings::{Columns, Field, fold};
use crate::import::source::{Cell, Row};
use crate::msg;
use chrono::{DateTime, NaiveDate, Utc};
use entity::region;
use sea_orm::{DatabaseTransaction, EntityTrait};
use std::collections::HashMap;

fn input(field: &str) -> String {
    format!("input.{field}")
}

/// The first column read whose cell is a formula: refused, as a formula's
/// value is not what a person typed and may change when recalculated.
pub fn formula_in_read_column(
    columns: &Columns,
    row: &Row,
    fields: &[Field],
) -> Option<(String, DomainError)> {
    columns
        .fields(fields)
        .find(|f| matches!(columns.cell(row, f.name), Some(Cell::Formula)))
        .map(|f| {
            (
                columns.heading(f.name),
                DomainError::validation(input(f.name), msg!("import-formula")),
            )
        })
}

/// The text of `field`, refused when the field is required and empty.
pub fn required(cx: &Context, row: &Row, field: &str) -> DomainResult<String> {
    cx.columns
        .text(row, field)
        .ok_or_else(|| DomainError::validation(input(field), msg!("is-required")))
}

pub fn optional(cx: &Context, row: &Row, field: &str) -> Option<String> {
    cx.columns.text(row, field)
}

/// A date cell: a spreadsheet date, `dd.mm.yyyy`, ISO, or a serial number.
pub fn date(cx: &Context, row: &Row, field: &str) -> DomainResult<Option<NaiveDate>> {
    match cx.columns.cell(row, field) {
        Some(Cell::DateTime(d)) => Ok(Some(d.date())),
        Some(cell) => match cell.text() {
            None => Ok(None),
            Some(text) => spreadsheet_values::date(&text)
                .map(Some)
                .ok_or_else(|| DomainError::validation(input(field), msg!("import-not-a-date"))),
        },
        None => Ok(None),
    }
}

pub fn required_date(cx: &Context, row: &Row, field: &str) -> DomainResult<NaiveDate> {
    date(cx, row, field)?.ok_or_else(|| DomainError::validation(input(field), msg!("is-required")))
}

pub fn required_moment(cx: &Context, row: &Row, field: &str) -> DomainResult<DateTime<Utc>> {
    moment(cx, row, field)?
        .ok_or_else(|| DomainError::validation(input(field), msg!("is-required")))
}

/// A moment in Kazakhstan's time: a spreadsheet date and time, or
/// `dd.mm.yyyy HH:MM`, or ISO `yyyy-mm-dd HH:MM` (with `T` or a space).
pub fn moment(cx: &Context, row: &Row, field: &str) -> DomainResult<Option<DateTime<Utc>>> {
    let local = match cx.columns.cell(row, field) {
        Some(Cell::DateTime(d)) => Some(*d),
        Some(cell) => match cell.text() {
            None => None,
            Some(text) => Some(spreadsheet_values::date_time(&text).ok_or_else(|| {
                DomainError::validation(input(field), msg!("import-not-a-moment"))
            })?),
        },
        None => None,
    };
    Ok(local
        .and_then(|d| d.and_local_timezone(kz_offset()).single())
        .map(|d| d.with_timezone(&Utc)))
}

/// A phone number as dialled, in E.164.
pub fn phone(cx: &Context, row: &Row, field: &str) -> DomainResult<Option<String>> {
    match optional(cx, row, field) {
        None => Ok(None),
        Some(text) => spreadsheet_values::phone(&text)
            .map(Some)
            .ok_or_else(|| DomainError::validation(input(field), msg!("import-not-a-phone"))),
    }
}

/// A list written in one cell, separated by commas or semicolons.
pub fn list(cx: &Context, row: &Row, field: &str) -> Vec<String> {
    optional(cx, row, field)
        .map(|text| {
            text.split([',', ';'])
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// A number, with a decimal comma or point.
pub fn number(cx: &Context, row: &Row, field: &str) -> DomainResult<Option<f64>> {
    match cx.columns.cell(row, field) {
        Some(Cell::Number(n)) => Ok(Some(*n)),
        Some(cell) => match cell.text() {
            None => Ok(None),
            Some(text) => text
                .replace(',', ".")
                .replace(' ', "")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Some)
                .ok_or_else(|| DomainError::validation(input(field), msg!("import-not-a-number"))),
        },
        None => Ok(None),
    }
}

/// A whole number.
pub fn integer(cx: &Context, row: &Row, field: &str) -> DomainResult<Option<i64>> {
    match number(cx, row, field)? {
        None => Ok(None),
        Some(n) if n.fract() == 0.0 && n.abs() < 1e15 => Ok(Some(n as i64)),
        Some(_) => Err(DomainError::validation(
            input(field),
            msg!("import-not-a-number"),
        )),
    }
}

/// The value of the enum `enum_name` a cell names: its value (`RAID`) or
/// its label in Kazakh, Russian or English («Рейд»).
pub fn label<T>(
    cx: &Context,
    row: &Row,
    field: &str,
    enum_name: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> DomainResult<Option<T>> {
    let Some(text) = optional(cx, row, field) else {
        return Ok(None);
    };
    let folded = fold(&text);
    let value = labels::LABELS
        .iter()
        .filter(|l| l.enum_name == enum_name)
        .find(|l| {
            fold(l.value) == folded || Lang::ALL.iter().any(|&lang| fold(l.text(lang)) == folded)
        })
        .and_then(|l| parse(l.value));
    value.map(Some).ok_or_else(|| {
        DomainError::validation(input(field), msg!("import-unknown-value", value = text))
    })
}

/// The regions by every name a sheet may give them: the ISO code, and the
/// Kazakh, Russian and English names with or without «г.», «қаласы»,
/// "city"; «обл.» read as «область». A name two regions share is not
/// taken (the city of Almaty and Almaty Region fold apart: «облысы»
/// stays).
pub struct Regions {
    by_name: HashMap<String, Option<String>>,
}

fn region_key(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .filter(|w| !matches!(w.as_str(), "г" | "город" | "қ" | "қаласы" | "city" | "of"))
        .map(|w| {
            if w == "обл" {
                "область".to_owned()
            } else {
                w
            }
        })
        .collect();
    fold(&words.join(" "))
}

impl Regions {
    pub async fn load(tx: &DatabaseTransaction) -> DomainResult<Regions> {
        let mut by_name: HashMap<String, Option<String>> = HashMap::new();
        for r in region::Entity::find().all(tx).await? {
            by_name.insert(fold(&r.code), Some(r.code.clone()));
            for name in [&r.name_kk, &r.name_ru, &r.name_en] {
                let key = region_key(name);
                match by_name.get(&key) {
                    Some(Some(code)) if *code != r.code => {
                        by_name.insert(key, None);
                    }
                    Some(_) => {}
                    None => {
                        by_name.insert(key, Some(r.code.clone()));
                    }
                }
            }
        }
        Ok(Regions { by_name })
    }

    /// The code of the region `text` names.
    pub fn code(&self, text: &str) -> Option<&str> {
        self.by_name
            .get(&fold(text))
            .or_else(|| self.by_name.get(&region_key(text)))
            .and_then(|c| c.as_deref())
    }
}

/// The region of a row: its own column, else the one given for the file.
pub fn region(cx: &Context, row: &Row, field: &str) -> DomainResult<String> {
    match optional(cx, row, field) {
        Some(text) => cx.regions.code(&text).map(str::to_owned).ok_or_else(|| {
            DomainError::validation(input(field), msg!("not-a-region", code = text))
        }),
        None => cx
            .region
            .clone()
            .ok_or_else(|| DomainError::validation(input(field), msg!("is-required"))),
    }
}

/// The region given for a whole file: one the caller coordinates.
pub fn default_region(w: &Write, regions: &Regions, text: &str) -> DomainResult<String> {
    let code = regions
        .code(text)
        .ok_or_else(|| DomainError::validation("region", msg!("not-a-region", code = text)))?
        .to_owned();
    access::ensure_coordinates(w.caller(), &code, msg!("to-import"))?;
    Ok(code)
}
