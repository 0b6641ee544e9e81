//! Accounts as the API shows them (never the password hash), the signed-in
//! caller (`me`), and a volunteer's export of its own data (`myData`).

use crate::domain::caller::Caller;
use crate::domain::error::DomainError;
use crate::graphql::context::ContextExt;
use crate::graphql::enums::Role;
use crate::graphql::error::loader_error;
use crate::graphql::exchanges::InternationalExchange;
use crate::graphql::loaders::RegionsByAccount;
use crate::graphql::volunteers::{Volunteer, volunteer_by_id};
use crate::msg;
use async_graphql::{Context, Object, Result};
use chrono::{DateTime, Utc};
use entity::{account, exchange_participant, international_exchange};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// An account: the signed-in one (`me`), or one an admin or coordinator
/// manages (`accounts`).
pub struct Account {
    pub id: i64,
    pub username: String,
    pub role: entity::Role,
    /// Known from a token; read when not.
    regions: Option<Vec<String>>,
    pub volunteer_id: Option<i64>,
    /// The row, for accounts read from the database.
    row: Option<account::Model>,
}

/// An account: who signs in, with what role.
#[Object]
impl Account {
    /// Login name.
    async fn username(&self) -> &str {
        &self.username
    }

    /// What the account may do.
    async fn role(&self) -> Role {
        self.role.into()
    }

    /// The regions a coordinator is scoped to.
    async fn region_codes(&self, ctx: &Context<'_>) -> Result<Vec<String>> {
        if let Some(regions) = &self.regions {
            return Ok(regions.clone());
        }
        let rows = ctx
            .loader()
            .load_one(RegionsByAccount(self.id))
            .await
            .map_err(loader_error)?
            .unwrap_or_default();
        Ok(rows.into_iter().map(|r| r.region_code).collect())
    }

    /// The volunteer the account is, for volunteers.
    async fn volunteer(&self, ctx: &Context<'_>) -> Result<Option<Volunteer>> {
        match self.volunteer_id {
            Some(id) => volunteer_by_id(ctx, id).await,
            None => Ok(None),
        }
    }

    /// Whether the account is disabled (it cannot sign in).
    async fn disabled(&self) -> bool {
        self.row.as_ref().is_some_and(|r| r.disabled_at.is_some())
    }

    /// When it was disabled.
    async fn disabled_at(&self) -> Option<DateTime<Utc>> {
        self.row.as_ref().and_then(|r| r.disabled_at)
    }

    /// When it was created (accounts read from the register).
    async fn created_at(&self) -> Option<DateTime<Utc>> {
        self.row.as_ref().map(|r| r.created_at)
    }

    /// Where password-reset codes are sent (accounts read from the
    /// register, for those who manage them).
    async fn email(&self) -> Option<&str> {
        self.row.as_ref().and_then(|r| r.email.as_deref())
    }
}

impl Account {
    pub fn of(caller: &Caller) -> Option<Account> {
        caller.principal().map(|p| Account {
            id: p.account_id,
            username: p.username.clone(),
            role: p.role,
            regions: Some(p.regions.clone()),
            volunteer_id: p.volunteer_id,
            row: None,
        })
    }

    /// An account as the register holds it.
    pub fn from_row(row: account::Model) -> Account {
        Account {
            id: row.id,
            username: row.username.clone(),
            role: row.role,
            regions: None,
            volunteer_id: row.volunteer_id,
            row: Some(row),
        }
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
