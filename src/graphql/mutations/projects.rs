//! Mutations on projects.

use super::{key, maybe, optional_key, payload, run, written};
use crate::domain::projects::{self as domain, ProjectChanges};
use crate::graphql::enums::BeneficiaryCategory;
use crate::graphql::ids::NodeType;
use crate::graphql::projects::{Project, project_by_id};
use crate::graphql::scalars::Date;
use async_graphql::{Context, ID, InputObject, MaybeUndefined, Object, Result};

/// Create a project (the law's program).
#[derive(InputObject)]
pub struct CreateProjectInput {
    /// Idempotency key (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// Unique name, e.g. «Жеңіс».
    pub name: String,
    /// What it is about.
    pub description: Option<String>,
    /// The day it started.
    pub started_on: Date,
    /// The front office that runs it.
    pub owner_front_office_id: ID,
    /// Who it serves.
    #[graphql(default)]
    pub beneficiary_categories: Vec<BeneficiaryCategory>,
}

/// Change a project; fields left out stay as they are.
#[derive(InputObject)]
pub struct UpdateProjectInput {
    /// Idempotency key, 1 to 255 characters: a retry with the same key and input replays the first result (see `Mutation`).
    pub client_mutation_id: Option<String>,
    /// The project's id.
    pub project_id: ID,
    /// The name.
    pub name: Option<String>,
    /// What it is about.
    pub description: MaybeUndefined<String>,
    /// The day it started.
    pub started_on: Option<Date>,
    /// The front office that runs the project.
    pub owner_front_office_id: Option<ID>,
    /// Replaces all categories.
    pub beneficiary_categories: Option<Vec<BeneficiaryCategory>>,
}

payload!(
    /// The project a mutation changed.
    ProjectPayload { project: Project }
);

async fn payload(ctx: &Context<'_>, cmid: Option<String>, id: i64) -> Result<ProjectPayload> {
    Ok(ProjectPayload {
        client_mutation_id: cmid,
        project: written(project_by_id(ctx, id).await?, "project")?,
    })
}

fn categories(list: &[BeneficiaryCategory]) -> Vec<entity::BeneficiaryCategory> {
    list.iter().map(|c| (*c).into()).collect()
}

#[derive(Default)]
pub struct ProjectMutation;

/// Projects.
#[Object]
impl ProjectMutation {
    /// Create a project.
    async fn create_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: CreateProjectInput,
    ) -> Result<ProjectPayload> {
        let fields = ProjectChanges {
            name: Some(input.name.clone()),
            description: Some(input.description.clone()),
            started_on: Some(input.started_on.0),
            owner_front_office_id: Some(key(
                &input.owner_front_office_id,
                NodeType::FrontOffice,
                "input.ownerFrontOfficeId",
            )?),
            beneficiary_categories: Some(categories(&input.beneficiary_categories)),
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "createProject", &input, cmid.as_deref(), |w| {
            Box::pin(domain::create(w, fields))
        })
        .await?;
        payload(ctx, cmid, id).await
    }

    /// Change a project.
    async fn update_project(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "What to change.")] input: UpdateProjectInput,
    ) -> Result<ProjectPayload> {
        let id = key(&input.project_id, NodeType::Project, "input.projectId")?;
        let changes = ProjectChanges {
            name: input.name.clone(),
            description: maybe(&input.description),
            started_on: input.started_on.map(|d| d.0),
            owner_front_office_id: optional_key(
                input.owner_front_office_id.as_ref(),
                NodeType::FrontOffice,
                "input.ownerFrontOfficeId",
            )?,
            beneficiary_categories: input.beneficiary_categories.as_deref().map(categories),
        };
        let cmid = input.client_mutation_id.clone();
        let id = run(ctx, "updateProject", &input, cmid.as_deref(), |w| {
            Box::pin(domain::update(w, id, changes))
        })
        .await?;
        payload(ctx, cmid, id).await
    }
}
