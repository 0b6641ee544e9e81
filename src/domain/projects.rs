//! Projects (the law's *programs*), e.g. «Жеңіс».

use crate::domain::access;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::lookup;
use crate::domain::validate;
use crate::domain::write::Write;
use crate::msg;
use chrono::NaiveDate;
use entity::{BeneficiaryCategory, front_office, project, project_beneficiary_category};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

#[derive(Clone, Debug, Default)]
pub struct ProjectChanges {
    pub name: Option<String>,
    pub description: Option<Option<String>>,
    pub started_on: Option<NaiveDate>,
    pub owner_front_office_id: Option<i64>,
    pub beneficiary_categories: Option<Vec<BeneficiaryCategory>>,
}

/// Create a project; every field of `changes` but `description` is needed.
pub async fn create(w: &mut Write, fields: ProjectChanges) -> DomainResult<i64> {
    let missing = |field: &str| DomainError::validation(field, msg!("is-required"));
    let row = project::ActiveModel {
        name: Set(String::new()),
        description: Set(None),
        started_on: Set(fields
            .started_on
            .ok_or_else(|| missing("input.startedOn"))?),
        owner_front_office_id: Set(fields
            .owner_front_office_id
            .ok_or_else(|| missing("input.ownerFrontOfficeId"))?),
        ..Default::default()
    };
    let fields = ProjectChanges {
        name: Some(fields.name.ok_or_else(|| missing("input.name"))?),
        ..fields
    };
    save(w, row, fields).await
}

pub async fn update(w: &mut Write, id: i64, changes: ProjectChanges) -> DomainResult<i64> {
    let p = lookup::locked::<project::Entity>(&w.tx, id, "project").await?;
    save(w, p.into(), changes).await
}

async fn save(
    w: &mut Write,
    mut row: project::ActiveModel,
    changes: ProjectChanges,
) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-change-projects"))?;
    if let Some(name) = &changes.name {
        let name = validate::text("input.name", name, 200)?;
        let same = project::Entity::find()
            .filter(project::Column::Name.eq(&name))
            .one(&w.tx)
            .await?;
        if same.is_some_and(|p| Some(p.id) != row.id.clone().take()) {
            return Err(DomainError::conflict(msg!("project-exists", name = &name)));
        }
        row.name = Set(name);
    }
    if let Some(description) = &changes.description {
        row.description = Set(validate::optional_multiline_text(
            "input.description",
            description.as_deref(),
            4000,
        )?);
    }
    if let Some(started_on) = changes.started_on {
        row.started_on = Set(validate::not_future(
            "input.startedOn",
            started_on,
            w.today(),
        )?);
    }
    if let Some(office) = changes.owner_front_office_id {
        lookup::get::<front_office::Entity>(&w.tx, office, "front-office").await?;
        row.owner_front_office_id = Set(office);
    }
    let saved = row.save(&w.tx).await?;
    let id = saved.id.clone().take().unwrap_or_default();
    if let Some(categories) = &changes.beneficiary_categories {
        project_beneficiary_category::Entity::delete_many()
            .filter(project_beneficiary_category::Column::ProjectId.eq(id))
            .exec(&w.tx)
            .await?;
        let mut unique = categories.clone();
        unique.sort_by_key(|c| c.as_str());
        unique.dedup();
        if !unique.is_empty() {
            project_beneficiary_category::Entity::insert_many(unique.into_iter().map(|category| {
                project_beneficiary_category::ActiveModel {
                    project_id: Set(id),
                    category: Set(category),
                }
            }))
            .exec(&w.tx)
            .await?;
        }
    }
    w.record(Subject::Reference, "Project", id, None).await?;
    Ok(id)
}
