//! Annual reports: a year's figures, frozen when published.
//!
//! Publishing stores the year's figures (national and per region) as they
//! are at that moment. A published report keeps returning those figures;
//! later writes that change the year show as corrections beside them
//! (current minus published), never in place.

use super::figures::{Figures, Scope, compute, compute_by_region};
use chrono::{DateTime, NaiveDate, Utc};
use entity::annual_report;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, Set};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The figures frozen by publishing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frozen {
    pub national: Figures,
    pub regions: BTreeMap<String, Figures>,
}

/// The scope of a whole year, nationally or in one region.
pub fn year_scope(year: i32, region: Option<String>) -> Option<Scope> {
    Some(Scope {
        from: NaiveDate::from_ymd_opt(year, 1, 1)?,
        to: NaiveDate::from_ymd_opt(year, 12, 31)?,
        region,
        project: None,
        level: None,
    })
}

/// The year's figures as they are now, nationally and for every region,
/// computed directly (publishing does this inside its transaction).
pub async fn current(db: &impl ConnectionTrait, year: i32) -> Result<Frozen, DbErr> {
    let scope = year_scope(year, None).ok_or_else(|| DbErr::Custom("year out of range".into()))?;
    Ok(Frozen {
        national: compute(db, &scope).await?,
        regions: compute_by_region(db, &scope).await?,
    })
}

/// The published report of a year, if any.
pub async fn published(
    db: &impl ConnectionTrait,
    year: i32,
) -> Result<Option<(annual_report::Model, Frozen)>, DbErr> {
    let Some(row) = annual_report::Entity::find_by_id(year).one(db).await? else {
        return Ok(None);
    };
    let frozen: Frozen = serde_json::from_str(&row.figures)
        .map_err(|e| DbErr::Custom(format!("unreadable published report {year}: {e}")))?;
    Ok(Some((row, frozen)))
}

/// Store `frozen` as the published report of `year`.
pub async fn store(
    db: &impl ConnectionTrait,
    year: i32,
    frozen: &Frozen,
    by: String,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    annual_report::ActiveModel {
        year: Set(year),
        published_at: Set(at),
        published_by: Set(by),
        figures: Set(serde_json::to_string(frozen).map_err(|e| DbErr::Custom(e.to_string()))?),
    }
    .insert(db)
    .await?;
    Ok(())
}
