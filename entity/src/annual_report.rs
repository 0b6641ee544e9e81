//! `annual_report`: a year's published figures, frozen as published.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "annual_report")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub published_at: DateTimeUtc,
    /// Who published (caller identity).
    pub published_by: String,
    /// The figures as published (JSON), nationally and per region.
    pub figures: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
