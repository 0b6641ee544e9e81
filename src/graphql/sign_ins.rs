//! The sign-in history: every attempt (time, account, client address,
//! outcome), for the account's owner (`me { … }` through `signIns`) and
//! admins (`signIns`, attempts on names that are no account's included).

use crate::domain::error::DomainError;
use crate::graphql::connection::{Conn, Direction, PageArgs, SortKey, root_connection};
use crate::graphql::context::ContextExt;
use crate::graphql::enums::SignInOutcome;
use crate::graphql::filtering::{self, FilterInput};
use crate::msg;
use async_graphql::{Context, InputObject, Object, Result};
use chrono::{DateTime, Utc};
use entity::{account, sign_in};
use sea_orm::sea_query::Condition;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use serde::Serialize;

/// One sign-in attempt.
pub struct SignIn(pub sign_in::Model);

/// One sign-in attempt.
#[Object]
impl SignIn {
    /// When.
    async fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// What became of it.
    async fn outcome(&self) -> SignInOutcome {
        self.0.outcome.into()
    }

    /// The client address it came from (the TCP peer).
    async fn client_address(&self) -> Option<&str> {
        self.0.client_address.as_deref()
    }

    /// The account's login name; null for a name that is no account's.
    async fn username(&self, ctx: &Context<'_>) -> Result<Option<String>> {
        let Some(id) = self.0.account_id else {
            return Ok(None);
        };
        Ok(ctx
            .loader()
            .load_one(crate::graphql::loaders::AccountById(id))
            .await
            .map_err(crate::graphql::error::loader_error)?
            .map(|a| a.username))
    }
}

/// Which attempts to list.
#[derive(InputObject, Clone, Debug, Default, Serialize)]
pub struct SignInFilter {
    /// Of the account with this login name (admins; a name that is no
    /// account's lists nothing).
    pub username: Option<String>,
    /// With these outcomes.
    pub outcomes: Option<Vec<SignInOutcome>>,
    /// At or after.
    pub from: Option<DateTime<Utc>>,
    /// Before.
    pub to: Option<DateTime<Utc>>,
}

impl FilterInput for SignInFilter {
    fn own(&self, _now: DateTime<Utc>) -> Result<Condition, DomainError> {
        use sea_orm::sea_query::Query;
        let mut c = Condition::all();
        if let Some(name) = &self.username {
            c = c.add(
                sign_in::Column::AccountId.in_subquery(
                    Query::select()
                        .column(account::Column::Id)
                        .from(account::Entity)
                        .and_where(account::Column::Username.eq(name.trim().to_lowercase()))
                        .to_owned(),
                ),
            );
        }
        if let Some(outcomes) = &self.outcomes {
            c = c.add(
                sign_in::Column::Outcome.is_in(
                    outcomes
                        .iter()
                        .map(|&o| entity::SignInOutcome::from(o).as_str()),
                ),
            );
        }
        if let Some(from) = self.from {
            c = c.add(sign_in::Column::At.gte(from));
        }
        if let Some(to) = self.to {
            c = c.add(sign_in::Column::At.lt(to));
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
pub struct SignInQuery;

#[Object]
impl SignInQuery {
    /// Sign-in attempts, newest first: an account sees its own, admins
    /// every attempt (those on names that are no account's too).
    #[graphql(complexity = "crate::graphql::connection::complexity(first, last, child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn sign_ins(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Only the items matching this filter.")] filter: Option<SignInFilter>,
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
    ) -> Result<Conn<SignIn>> {
        let caller = ctx.caller();
        let mut select = sign_in::Entity::find();
        if !caller.is_admin() {
            let Some(p) = caller.principal() else {
                return Err(DomainError::forbidden(msg!("sign-in-history-forbidden")).into());
            };
            select = select.filter(sign_in::Column::AccountId.eq(p.account_id));
        }
        let condition = filtering::condition(filter.as_ref(), ctx.clock().now())?;
        root_connection(
            ctx,
            select.filter(condition),
            &SortKey::by_key_in(Direction::Desc),
            &PageArgs::new(after, before, first, last),
            SignIn,
        )
        .await
    }
}
