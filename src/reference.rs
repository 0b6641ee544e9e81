//! The register's small reference tables — regions, front offices and
//! their partners, organizations, projects and the categories they serve
//! (about a hundred rows nationally) — kept in memory, so that the region
//! or the project of every item of a page costs no statement.
//!
//! Kept exact by the change bus, as the token versions are
//! (`auth::versions`): a write to them announces a `Subject::Reference`
//! change, and `forget` drops the copy synchronously, before the writing
//! request answers, so the next read anywhere in this process loads the
//! tables anew. On PostgreSQL other processes hear the change through
//! `fanout`, and the write waits until each has dropped its copy; while a
//! process is not listening it keeps no copy and reads the tables for
//! every request that needs them. A load that a change overtook serves
//! its request but is not kept (`generation`).

use entity::{
    front_office, front_office_partner, organization, project, project_beneficiary_category, region,
};
use sea_orm::{DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, QueryOrder};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

/// The tables, indexed as the schema follows them.
#[derive(Debug, Default)]
pub struct Tables {
    regions: HashMap<String, region::Model>,
    front_offices: HashMap<i64, front_office::Model>,
    /// A region's front office, by the region's code.
    offices_of_regions: HashMap<String, i64>,
    organizations: HashMap<i64, organization::Model>,
    /// A front office's partnerships, oldest first.
    partners: HashMap<i64, Vec<front_office_partner::Model>>,
    projects: HashMap<i64, project::Model>,
    /// The categories a project serves, in their order.
    categories: HashMap<i64, Vec<project_beneficiary_category::Model>>,
}

impl Tables {
    pub fn region(&self, code: &str) -> Option<&region::Model> {
        self.regions.get(code)
    }

    pub fn front_office(&self, id: i64) -> Option<&front_office::Model> {
        self.front_offices.get(&id)
    }

    pub fn front_office_of_region(&self, code: &str) -> Option<&front_office::Model> {
        self.front_offices.get(self.offices_of_regions.get(code)?)
    }

    pub fn organization(&self, id: i64) -> Option<&organization::Model> {
        self.organizations.get(&id)
    }

    pub fn partners(&self, front_office: i64) -> &[front_office_partner::Model] {
        self.partners.get(&front_office).map_or(&[], Vec::as_slice)
    }

    pub fn project(&self, id: i64) -> Option<&project::Model> {
        self.projects.get(&id)
    }

    pub fn categories(&self, project: i64) -> &[project_beneficiary_category::Model] {
        self.categories.get(&project).map_or(&[], Vec::as_slice)
    }

    async fn load(db: &DatabaseConnection) -> Result<Tables, DbErr> {
        let regions = region::Entity::find().all(db).await?;
        let offices = front_office::Entity::find().all(db).await?;
        let organizations = organization::Entity::find().all(db).await?;
        let partners = front_office_partner::Entity::find()
            .order_by_asc(front_office_partner::Column::Since)
            .all(db)
            .await?;
        let projects = project::Entity::find().all(db).await?;
        let categories = project_beneficiary_category::Entity::find()
            .order_by_asc(project_beneficiary_category::Column::Category)
            .all(db)
            .await?;
        let mut tables = Tables {
            regions: regions.into_iter().map(|r| (r.code.clone(), r)).collect(),
            offices_of_regions: offices
                .iter()
                .filter_map(|o| Some((o.region_code.clone()?, o.id)))
                .collect(),
            front_offices: offices.into_iter().map(|o| (o.id, o)).collect(),
            organizations: organizations.into_iter().map(|o| (o.id, o)).collect(),
            projects: projects.into_iter().map(|p| (p.id, p)).collect(),
            ..Tables::default()
        };
        for p in partners {
            tables
                .partners
                .entry(p.front_office_id)
                .or_default()
                .push(p);
        }
        for c in categories {
            tables.categories.entry(c.project_id).or_default().push(c);
        }
        Ok(tables)
    }
}

#[derive(Default)]
struct Kept {
    tables: Option<Arc<Tables>>,
    /// Bumped by every `forget`: a load that started before one is not kept.
    generation: u64,
}

/// The copy one server process keeps.
pub struct Reference {
    kept: Mutex<Kept>,
    /// Whether a copy may be kept: always on SQLite; on PostgreSQL while
    /// this process hears the other processes' changes.
    trusted: AtomicBool,
    /// Held while the copy is loaded: the resolvers that find none at the
    /// same moment (the 20 regions of `statisticsByRegion`) wait for one
    /// load instead of each reading the tables.
    loading: tokio::sync::Mutex<()>,
}

impl Reference {
    pub fn new(backend: DatabaseBackend) -> Arc<Self> {
        Arc::new(Reference {
            kept: Mutex::new(Kept::default()),
            trusted: AtomicBool::new(backend != DatabaseBackend::Postgres),
            loading: tokio::sync::Mutex::new(()),
        })
    }

    fn kept(&self) -> MutexGuard<'_, Kept> {
        self.kept.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The tables as they are now.
    pub async fn get(&self, db: &DatabaseConnection) -> Result<Arc<Tables>, DbErr> {
        if let Some(tables) = self.kept().tables.clone() {
            return Ok(tables);
        }
        if !self.trusted.load(Ordering::Acquire) {
            return Ok(Arc::new(Tables::load(db).await?));
        }
        let _loading = self.loading.lock().await;
        let generation = {
            let kept = self.kept();
            if let Some(tables) = &kept.tables {
                return Ok(tables.clone());
            }
            kept.generation
        };
        let tables = Arc::new(Tables::load(db).await?);
        let mut kept = self.kept();
        if kept.generation == generation && self.trusted.load(Ordering::Acquire) {
            kept.tables = Some(tables.clone());
        }
        Ok(tables)
    }

    /// Drop the copy if `changes` touch the reference tables.
    pub fn forget(&self, changes: &[crate::domain::changes::Change]) {
        use crate::domain::changes::Subject;
        if changes.iter().any(|c| c.subject == Subject::Reference) {
            let mut kept = self.kept();
            kept.tables = None;
            kept.generation += 1;
        }
    }

    /// Whether this process hears the other processes' changes (PostgreSQL).
    pub fn set_listening(&self, listening: bool) {
        let mut kept = self.kept();
        kept.tables = None;
        kept.generation += 1;
        self.trusted.store(listening, Ordering::Release);
    }
}
