//! Open data: each published annual report is also a versioned bundle of
//! CSV tables with a Frictionless Data description (`datapackage.json`),
//! public at stable URLs (`/open-data/{year}/v{version}/…`). Version 1 is
//! published with the report; a correction published later is the next
//! version, and earlier versions stay where they were.

pub mod package;
pub mod tables;

use crate::domain::access;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::write::Write;
use crate::msg;
use crate::statistics::report::{self, Frozen};
use entity::open_data_release;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};
use tables::Thresholds;

/// Counts of minors are left out below this many times the minimum group.
const MINOR_FACTOR: i64 = 2;

pub fn thresholds(min_group: i64) -> Thresholds {
    Thresholds {
        min_group,
        minor_min_group: min_group.saturating_mul(MINOR_FACTOR),
    }
}

async fn latest(
    db: &impl ConnectionTrait,
    year: i32,
) -> Result<Option<open_data_release::Model>, DbErr> {
    open_data_release::Entity::find()
        .filter(open_data_release::Column::Year.eq(year))
        .order_by_desc(open_data_release::Column::Version)
        .one(db)
        .await
}

/// Publish `frozen` as the next version of `year`'s bundle.
pub async fn publish(
    w: &Write,
    year: i32,
    frozen: &Frozen,
    min_group: i64,
    note: Option<String>,
) -> DomainResult<i32> {
    let version = latest(&w.tx, year).await?.map_or(1, |r| r.version + 1);
    let t = thresholds(min_group);
    let figures =
        serde_json::to_string(frozen).map_err(|e| DomainError::internal("writing open data", e))?;
    open_data_release::ActiveModel {
        year: Set(year),
        version: Set(version),
        published_at: Set(w.now),
        published_by: Set(w.caller().audit_name()),
        note: Set(note),
        min_group: Set(t.min_group as i32),
        minor_min_group: Set(t.minor_min_group as i32),
        figures: Set(figures),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    Ok(version)
}

/// Publish the year's figures as they are now as a new version of its
/// bundle (admins): a correction of the report's open data, with a note
/// saying why. Refused while the report is unpublished, and when nothing
/// changed since the latest version.
pub async fn publish_correction(
    w: &mut Write,
    year: i32,
    note: String,
    min_group: i64,
) -> DomainResult<i32> {
    access::ensure_admin(w.caller(), msg!("to-publish-annual-reports"))?;
    let note = crate::domain::validate::text("input.note", &note, 500)?;
    let Some(last) = latest(&w.tx, year).await? else {
        return Err(DomainError::invalid_state(msg!(
            "open-data-unpublished",
            year = year
        )));
    };
    let current = report::current(&w.tx, year).await?;
    let before: Frozen = serde_json::from_str(&last.figures)
        .map_err(|e| DomainError::internal("reading open data", e))?;
    if before == current {
        return Err(DomainError::invalid_state(msg!(
            "open-data-unchanged",
            year = year,
            version = last.version
        )));
    }
    let version = publish(w, year, &current, min_group, Some(note)).await?;
    w.audit(
        "OpenDataRelease",
        i64::from(year),
        Some(serde_json::json!({ "version": version })),
    )
    .await?;
    Ok(version)
}

/// Every release, by year then version.
pub async fn releases(db: &impl ConnectionTrait) -> Result<Vec<open_data_release::Model>, DbErr> {
    open_data_release::Entity::find()
        .order_by_asc(open_data_release::Column::Year)
        .order_by_asc(open_data_release::Column::Version)
        .all(db)
        .await
}

/// One release and its figures; `None` for a version that does not exist.
pub async fn release(
    db: &impl ConnectionTrait,
    year: i32,
    version: Option<i32>,
) -> Result<Option<(open_data_release::Model, Frozen)>, DbErr> {
    let found = match version {
        Some(v) => {
            open_data_release::Entity::find()
                .filter(open_data_release::Column::Year.eq(year))
                .filter(open_data_release::Column::Version.eq(v))
                .one(db)
                .await?
        }
        None => latest(db, year).await?,
    };
    let Some(row) = found else { return Ok(None) };
    let frozen: Frozen = serde_json::from_str(&row.figures)
        .map_err(|e| DbErr::Custom(format!("unreadable open-data release {year}: {e}")))?;
    Ok(Some((row, frozen)))
}
