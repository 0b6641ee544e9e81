//! `import_batch`: one file imported into the register — its name and
//! SHA-256, who imported it and when, and the counts of its report. Dry
//! runs and refused files leave no batch.
use crate::enums::ImportKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "import_batch")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kind: ImportKind,
    pub file_name: String,
    pub file_sha256: String,
    /// Who imported it (caller identity, as in the audit log).
    pub actor: String,
    pub at: DateTimeUtc,
    pub rows_read: i32,
    pub created: i32,
    pub unchanged: i32,
    pub refused: i32,
    pub probable_duplicates: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
