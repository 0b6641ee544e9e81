//! The audit log as a connection: who changed what, and when.
//!
//! Entries are written by `domain::write` in the transaction of the change
//! they record, so the log holds exactly the committed writes. Personal
//! values never enter it (the input summary masks them), so erasing a
//! volunteer leaves nothing personal behind here.

use crate::domain::error::DomainError;
use crate::domain::time::kz_day_start;
use crate::graphql::connection::{Conn, Direction, PageArgs, SortKey, root_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::filtering::{self, FilterInput};
use crate::graphql::ids::{self, NodeType};
use crate::graphql::scalars::Date;
use crate::msg;
use async_graphql::{Context, ID, InputObject, Json, Object, Result};
use chrono::{DateTime, Utc};
use entity::audit_log;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};
use serde::Serialize;

/// One committed write.
pub struct AuditEntry(pub audit_log::Model);

/// One committed write: who, what, when.
#[Object]
impl AuditEntry {
    /// When the write committed.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// Who made it, e.g. `anonymous`, `user:12`, `system:seed`.
    async fn actor(&self) -> &str {
        &self.0.actor
    }

    /// The mutation, e.g. `registerVolunteer`.
    async fn action(&self) -> &str {
        &self.0.action
    }

    /// The type of the object changed, e.g. `Volunteer`.
    async fn entity(&self) -> &str {
        &self.0.entity
    }

    /// The global id of the object changed.
    async fn entity_id(&self) -> Option<ID> {
        let key = self.0.entity_id.as_deref()?;
        let ty = NodeType::ALL
            .into_iter()
            .find(|t| t.name() == self.0.entity)?;
        Some(ids::encode(ty, key))
    }

    /// The input of the write, personal values masked, plus any detail of
    /// the change (e.g. a status before and after).
    async fn summary(&self) -> Json<serde_json::Value> {
        Json(serde_json::from_str(&self.0.summary).unwrap_or(serde_json::Value::Null))
    }

    /// The HTTP request id (the `x-request-id` response header), linking the
    /// entry to the server's log.
    async fn request_id(&self) -> Option<&str> {
        self.0.request_id.as_deref().filter(|id| !id.is_empty())
    }
}

/// Which audit entries to list. Every condition given must hold.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
pub struct AuditLogFilter {
    /// Made by this actor.
    pub actor: Option<String>,
    /// This mutation, e.g. `checkIn`.
    pub action: Option<String>,
    /// Changing objects of this type, e.g. `Participation`.
    pub entity: Option<String>,
    /// Changing this object.
    pub entity_id: Option<ID>,
    /// On or after this day (Kazakhstan's calendar).
    pub from: Option<Date>,
    /// On or before this day.
    pub to: Option<Date>,
}

impl FilterInput for AuditLogFilter {
    fn own(&self, _now: DateTime<Utc>) -> Result<Condition, DomainError> {
        let mut c = Condition::all();
        if let Some(actor) = &self.actor {
            c = c.add(audit_log::Column::Actor.eq(actor.as_str()));
        }
        if let Some(action) = &self.action {
            c = c.add(audit_log::Column::Action.eq(action.as_str()));
        }
        if let Some(entity) = &self.entity {
            c = c.add(audit_log::Column::Entity.eq(entity.as_str()));
        }
        if let Some(id) = &self.entity_id {
            let (ty, key) = ids::decode_any(id)
                .map_err(|_| DomainError::validation("filter.entityId", msg!("not-valid-id")))?;
            c = c
                .add(audit_log::Column::Entity.eq(ty.name()))
                .add(audit_log::Column::EntityId.eq(key));
        }
        let (from, to) = (self.from.map(|d| d.0), self.to.map(|d| d.0));
        filtering::check_order(from, to, "filter.to")?;
        if let Some(from) = from {
            c = c.add(audit_log::Column::At.gte(kz_day_start(from)));
        }
        if let Some(to) = to.and_then(|d| d.succ_opt()) {
            c = c.add(audit_log::Column::At.lt(kz_day_start(to)));
        }
        Ok(c)
    }

    fn and(&self) -> Option<&[Self]> {
        None
    }

    fn or(&self) -> Option<&[Self]> {
        None
    }
}

#[derive(Default)]
pub struct AuditLogQuery;

#[Object]
impl AuditLogQuery {
    /// Committed writes, newest first unless `direction: ASC`.
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn audit_log(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items matching this filter.")] filter: Option<AuditLogFilter>,
        #[graphql(desc = "Oldest first with ASC; newest first by default.")] direction: Option<
            Direction,
        >,
        #[graphql(desc = "Items after this cursor (an edge's `cursor` or `pageInfo.endCursor`).")]
        after: Option<String>,
        #[graphql(
            desc = "Items before this cursor (an edge's `cursor` or `pageInfo.startCursor`)."
        )]
        before: Option<String>,
        #[graphql(
            desc = "How many items from the start, 0 to 100 (20 when neither `first` nor `last` is given); 0 returns no items, only `totalCount` and `pageInfo`."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "How many items from the end, 0 to 100; 0 returns no items, only `totalCount` and `pageInfo`."
        )]
        last: Option<i32>,
    ) -> Result<Conn<AuditEntry>> {
        crate::graphql::access::require_admin(ctx, crate::msg!("see-the-audit-log"))?;
        let condition = filtering::condition(filter.as_ref(), ctx.clock().now())?;
        let sort = SortKey::by_key_in(direction.unwrap_or(Direction::Desc));
        root_connection(
            ctx,
            audit_log::Entity::find().filter(condition),
            &sort,
            &PageArgs::new(after, before, first, last),
            AuditEntry,
        )
        .await
    }
}
