//! `volunteer`: a person in the register.
//!
//! Personal columns are nullable only so that erasure can clear them: a CHECK
//! keeps `full_name` present on every volunteer that is not erased. The IIN is
//! never stored, only a keyed hash of it (unique), so a second registration of
//! the same person can be refused without keeping the number.
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Full name as written (Kazakh or Russian Cyrillic).
    pub full_name: Option<String>,
    /// The name in Latin letters, if given.
    pub latin_name: Option<String>,
    /// Both names case-folded for search (see `search_key` in the server).
    pub search_name: Option<String>,
    /// The name's collation sort key in Kazakh alphabetical order (see
    /// `domain::collation` in the server); empty once erased.
    pub name_sort_key: Option<Vec<u8>>,
    /// Required: statistics need ages. Kept after erasure for the same reason.
    pub birth_date: Date,
    pub region_code: String,
    pub registered_on: Date,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Keyed hash of the IIN; never the IIN itself.
    pub iin_hash: Option<String>,
    /// A legal representative on record for a minor (not a volunteer).
    pub guardian_name: Option<String>,
    /// Date the representative consented; present iff `guardian_name` is.
    pub guardian_consent_on: Option<Date>,
    /// Written consent for a child under 14 to attend without the guardian.
    pub unaccompanied_consent_on: Option<Date>,
    pub erased_at: Option<DateTimeUtc>,
    /// ACTIVE, or PENDING from a sign-up until a coordinator confirms it.
    pub status: crate::enums::VolunteerStatus,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::region::Entity",
        from = "Column::RegionCode",
        to = "super::region::Column::Code"
    )]
    Region,
    #[sea_orm(has_many = "super::participation::Entity")]
    Participation,
    #[sea_orm(has_many = "super::volunteer_tag::Entity")]
    VolunteerTag,
    #[sea_orm(has_one = "super::family_member::Entity")]
    FamilyMember,
    #[sea_orm(has_many = "super::exchange_participant::Entity")]
    ExchangeParticipant,
    #[sea_orm(has_many = "super::account::Entity")]
    Account,
}

impl Related<super::region::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Region.def()
    }
}

impl Related<super::participation::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Participation.def()
    }
}

impl Related<super::volunteer_tag::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::VolunteerTag.def()
    }
}

impl Related<super::family_member::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FamilyMember.def()
    }
}

impl Related<super::exchange_participant::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ExchangeParticipant.def()
    }
}

impl Related<super::account::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Account.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
