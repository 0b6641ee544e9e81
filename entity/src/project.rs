//! `project`: a program in the law's terms, e.g. «Жеңіс» (2015).
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "project")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub started_on: Date,
    pub owner_front_office_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::front_office::Entity",
        from = "Column::OwnerFrontOfficeId",
        to = "super::front_office::Column::Id"
    )]
    FrontOffice,
    #[sea_orm(has_many = "super::event::Entity")]
    Event,
    #[sea_orm(has_many = "super::project_beneficiary_category::Entity")]
    ProjectBeneficiaryCategory,
}

impl Related<super::front_office::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::FrontOffice.def()
    }
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl Related<super::project_beneficiary_category::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::ProjectBeneficiaryCategory.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
