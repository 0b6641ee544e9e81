//! `accounts`: the accounts an admin (all) or a coordinator (the
//! volunteers' accounts of its regions) manages.

use crate::domain::account_admin;
use crate::domain::error::DomainError;
use crate::domain::search::contains_pattern;
use crate::graphql::accounts::Account;
use crate::graphql::connection::{Conn, Direction, PageArgs, SortKey, root_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::Role;
use crate::graphql::filtering::{self, FilterInput};
use async_graphql::{Context, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use entity::account;
use sea_orm::sea_query::{Condition, Expr, ExprTrait, LikeExpr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde::Serialize;

/// Which accounts to list; every condition given must hold.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
pub struct AccountFilter {
    /// Of this role.
    pub role: Option<Role>,
    /// Disabled (true) or not (false).
    pub disabled: Option<bool>,
    /// The login name contains this text.
    pub username: Option<String>,
}

impl FilterInput for AccountFilter {
    fn own(&self, _now: DateTime<Utc>) -> Result<Condition, DomainError> {
        let mut c = Condition::all();
        if let Some(role) = self.role {
            c = c.add(account::Column::Role.eq(entity::Role::from(role).as_str()));
        }
        match self.disabled {
            Some(true) => c = c.add(account::Column::DisabledAt.is_not_null()),
            Some(false) => c = c.add(account::Column::DisabledAt.is_null()),
            None => {}
        }
        if let Some(name) = self.username.as_deref().filter(|n| !n.trim().is_empty()) {
            c =
                c.add(Expr::col(account::Column::Username).like(
                    LikeExpr::new(contains_pattern(&name.trim().to_lowercase())).escape('\\'),
                ));
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
pub struct AccountAdminQuery;

#[Object]
impl AccountAdminQuery {
    /// Accounts, oldest first: every account for admins, the volunteers'
    /// accounts of their regions for coordinators (FORBIDDEN for others).
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn accounts(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items matching this filter.")] filter: Option<AccountFilter>,
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
    ) -> Result<Conn<Account>> {
        let visible = account_admin::visible_to(ctx.caller())?;
        let condition = filtering::condition(filter.as_ref(), ctx.clock().now())?;
        root_connection(
            ctx,
            account::Entity::find().filter(visible).filter(condition),
            &SortKey::by_key_in(Direction::Asc),
            &PageArgs::new(after, before, first, last),
            Account::from_row,
        )
        .await
    }
}
