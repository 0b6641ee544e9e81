//! `import_row`: a record an imported row created — which file
//! (`batch_id`), which row, and the row's fingerprint: a keyed hash of its
//! values (never the values), unique per kind, so a row imported again is
//! recognised and changes nothing.
use crate::enums::ImportKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_row")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub batch_id: i64,
    pub kind: ImportKind,
    pub fingerprint: String,
    /// The row's number as the spreadsheet shows it (the heading is row 1).
    pub row_number: i32,
    /// The record's table (`volunteer`, `family`, `event`, `participation`).
    pub entity: String,
    pub entity_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
