//! `open_data_release`: one version of a year's open-data bundle — the
//! figures it was made from (JSON, as an annual report freezes them), who
//! published it and when, why (a correction's note), and the small-group
//! thresholds applied to its counts of people.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "open_data_release")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub year: i32,
    /// 1 with the annual report, then one more per correction.
    pub version: i32,
    pub published_at: DateTimeUtc,
    pub published_by: String,
    pub note: Option<String>,
    /// Counts of people below this are left out.
    pub min_group: i32,
    /// Counts of minors below this are left out.
    pub minor_min_group: i32,
    pub figures: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
