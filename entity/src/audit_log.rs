//! `audit_log`: who changed what, and when. Append-only.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub at: DateTimeUtc,
    /// Caller identity, e.g. `user:12`, `system:seed`.
    pub actor: String,
    /// The operation, e.g. the mutation's name.
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    /// Compact JSON summary of the change, never secrets.
    pub summary: String,
    pub request_id: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
