//! Accounts as the API shows them (never the password hash), the signed-in
//! caller (`me`), and a volunteer's export of its own data (`myData`).

use crate::domain::caller::Caller;
use crate::domain::error::DomainError;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::Role;
use crate::graphql::exchanges::InternationalExchange;
use crate::graphql::volunteers::{Volunteer, volunteer_by_id};
use crate::msg;
use async_graphql::{Context, Object, Result, SimpleObject};
use entity::{exchange_participant, international_exchange};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// A signed-in account.
#[derive(SimpleObject)]
#[graphql(complex)]
pub struct Account {
    /// Login name.
    pub username: String,
    /// What the account may do.
    pub role: Role,
    /// The regions a coordinator is scoped to.
    pub region_codes: Vec<String>,
    #[graphql(skip)]
    pub volunteer_id: Option<i64>,
}

#[async_graphql::ComplexObject]
impl Account {
    /// The volunteer the account is, for volunteers.
    async fn volunteer(&self, ctx: &Context<'_>) -> Result<Option<Volunteer>> {
        match self.volunteer_id {
            Some(id) => volunteer_by_id(ctx, id).await,
            None => Ok(None),
        }
    }
}

impl Account {
    pub fn of(caller: &Caller) -> Option<Account> {
        caller.principal().map(|p| Account {
            username: p.username.clone(),
            role: p.role.into(),
            region_codes: p.regions.clone(),
            volunteer_id: p.volunteer_id,
        })
    }
}

/// Everything the register holds about the signed-in volunteer.
pub struct MyData {
    account: Account,
    volunteer: Option<Volunteer>,
}

/// Everything the register holds about the signed-in volunteer: the
/// record (with family, participations and hours through its fields) and
/// the exchanges it took part in.
#[Object]
impl MyData {
    /// The account.
    async fn account(&self) -> &Account {
        &self.account
    }

    /// The volunteer record, with every personal field.
    async fn volunteer(&self) -> Option<&Volunteer> {
        self.volunteer.as_ref()
    }

    /// The international exchanges the volunteer took part in.
    async fn exchanges(&self, ctx: &Context<'_>) -> Result<Vec<InternationalExchange>> {
        let Some(id) = self.account.volunteer_id else {
            return Ok(Vec::new());
        };
        let ids: Vec<i64> = exchange_participant::Entity::find()
            .filter(exchange_participant::Column::VolunteerId.eq(id))
            .all(ctx.db())
            .await
            .map_err(crate::graphql::error::db_error)?
            .into_iter()
            .map(|p| p.exchange_id)
            .collect();
        Ok(international_exchange::Entity::find()
            .filter(international_exchange::Column::Id.is_in(ids))
            .all(ctx.db())
            .await
            .map_err(crate::graphql::error::db_error)?
            .into_iter()
            .map(InternationalExchange)
            .collect())
    }
}

#[derive(Default)]
pub struct AccountQuery;

#[Object]
impl AccountQuery {
    /// The signed-in account; null for anonymous callers.
    async fn me(&self, ctx: &Context<'_>) -> Option<Account> {
        Account::of(ctx.caller())
    }

    /// A volunteer's own data, for export (the right of access of the law
    /// on personal data). Volunteers' accounts only.
    async fn my_data(&self, ctx: &Context<'_>) -> Result<MyData> {
        let caller = ctx.caller();
        let (Some(account), Some(id)) = (Account::of(caller), caller.volunteer_id()) else {
            return Err(DomainError::forbidden(msg!("sign-in-as-volunteer")).into());
        };
        Ok(MyData {
            account,
            volunteer: volunteer_by_id(ctx, id).await?,
        })
    }
}
