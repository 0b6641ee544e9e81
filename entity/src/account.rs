//! `account`: a person who uses the API, with a role. The password is kept
//! only as an argon2id hash.
use crate::enums::Role;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "account")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Login name, lower-case.
    pub username: String,
    /// argon2id PHC string; never returned.
    pub password_hash: String,
    pub role: Role,
    /// The volunteer this account is (required for VOLUNTEER accounts).
    pub volunteer_id: Option<i64>,
    pub created_at: DateTimeUtc,
    /// Disabled accounts cannot log in.
    pub disabled_at: Option<DateTimeUtc>,
    /// Carried by the account's tokens; bumped to revoke every token
    /// issued before (role or regions changed, disabled, password reset).
    pub token_version: i64,
    /// Where password-reset codes are sent, lower-case.
    pub email: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::volunteer::Entity",
        from = "Column::VolunteerId",
        to = "super::volunteer::Column::Id"
    )]
    Volunteer,
    #[sea_orm(has_many = "super::account_region::Entity")]
    AccountRegion,
}

impl Related<super::volunteer::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Volunteer.def()
    }
}

impl Related<super::account_region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::AccountRegion.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
