//! Managing accounts: admins manage every account; coordinators the
//! volunteers' accounts of their regions (disable, enable, link to a
//! volunteer of their regions). Every change is audited and revokes the
//! account's tokens (`accounts::revoke_tokens`), so it takes effect at the
//! next request on every server process.
//!
//! Accounts are named by their login name. To a coordinator, an account
//! that does not exist and one that is not its to manage get the same
//! refusal, so managing tells nobody which accounts exist.

use crate::auth::password_rules;
use crate::domain::accounts;
use crate::domain::caller::Caller;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::volunteers;
use crate::domain::write::{Write, ensure};
use crate::msg;
use entity::{Role, account, account_region, volunteer};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// The account named `username` if the caller may manage it, locked for
/// the write.
pub(crate) async fn managed(w: &Write, username: &str) -> DomainResult<account::Model> {
    let name = username.trim().to_lowercase();
    let found = account::Entity::find()
        .filter(account::Column::Username.eq(&name))
        .one(&w.tx)
        .await?;
    let caller = w.caller();
    if caller.is_admin() {
        return found.ok_or_else(|| DomainError::NotFound {
            message: msg!("account-not-found", username = name),
        });
    }
    let refused = || DomainError::forbidden(msg!("account-outside-regions"));
    if caller.role() != Some(Role::Coordinator) {
        return Err(DomainError::forbidden(msg!(
            "account-may-not",
            action = msg!("to-manage-accounts")
        )));
    }
    let a = found.ok_or_else(refused)?;
    ensure(a.role == Role::Volunteer, refused)?;
    let region = match a.volunteer_id {
        Some(v) => volunteer::Entity::find_by_id(v)
            .one(&w.tx)
            .await?
            .map(|v| v.region_code),
        None => None,
    };
    ensure(region.is_some_and(|r| caller.coordinates(&r)), refused)?;
    Ok(a)
}

fn not_yourself(caller: &Caller, a: &account::Model) -> DomainResult<()> {
    ensure(
        caller.principal().is_none_or(|p| p.account_id != a.id),
        || DomainError::forbidden(msg!("account-is-yourself")),
    )
}

/// Disable an account: it can no longer sign in, and its tokens stop
/// working.
pub async fn disable(w: &mut Write, username: &str) -> DomainResult<i64> {
    let a = managed(w, username).await?;
    not_yourself(w.caller(), &a)?;
    ensure(a.disabled_at.is_none(), || {
        DomainError::invalid_state(msg!("account-already-disabled"))
    })?;
    let id = a.id;
    let mut row: account::ActiveModel = a.into();
    row.disabled_at = Set(Some(w.now));
    row.update(&w.tx).await?;
    accounts::revoke_tokens(w, id).await?;
    w.audit("Account", id, None).await?;
    Ok(id)
}

/// Enable a disabled account again; tokens issued before it was disabled
/// stay revoked.
pub async fn enable(w: &mut Write, username: &str) -> DomainResult<i64> {
    let a = managed(w, username).await?;
    ensure(a.disabled_at.is_some(), || {
        DomainError::invalid_state(msg!("account-already-enabled"))
    })?;
    if let Some(v) = a.volunteer_id {
        // An erased volunteer's account stays disabled for good.
        volunteers::active(&w.tx, v).await?;
    }
    let id = a.id;
    let mut row: account::ActiveModel = a.into();
    row.disabled_at = Set(None);
    row.update(&w.tx).await?;
    accounts::revoke_tokens(w, id).await?;
    w.audit("Account", id, None).await?;
    Ok(id)
}

/// Change an account's role and regions (admins).
pub async fn set_role(
    w: &mut Write,
    username: &str,
    role: Role,
    regions: &[String],
) -> DomainResult<i64> {
    crate::domain::access::ensure_admin(w.caller(), msg!("to-manage-accounts"))?;
    let a = managed(w, username).await?;
    not_yourself(w.caller(), &a)?;
    let regions = accounts::regions_of_role(w, role, regions).await?;
    ensure(role != Role::Volunteer || a.volunteer_id.is_some(), || {
        DomainError::validation("input.role", msg!("volunteer-account-needs-volunteer"))
    })?;
    let id = a.id;
    let before = a.role;
    let mut row: account::ActiveModel = a.into();
    row.role = Set(role);
    row.update(&w.tx).await?;
    account_region::Entity::delete_many()
        .filter(account_region::Column::AccountId.eq(id))
        .exec(&w.tx)
        .await?;
    for code in regions {
        account_region::ActiveModel {
            account_id: Set(id),
            region_code: Set(code),
        }
        .insert(&w.tx)
        .await?;
    }
    accounts::revoke_tokens(w, id).await?;
    let detail = serde_json::json!({ "roleBefore": before.as_str(), "role": role.as_str() });
    w.audit("Account", id, Some(detail)).await?;
    Ok(id)
}

/// Link an account to its volunteer, or (`None`, not for a volunteer's
/// account) unlink it. A coordinator links only to volunteers of its
/// regions.
pub async fn link_volunteer(
    w: &mut Write,
    username: &str,
    volunteer_id: Option<i64>,
) -> DomainResult<i64> {
    let a = managed(w, username).await?;
    match volunteer_id {
        Some(v) => {
            let found = volunteers::active(&w.tx, v).await?;
            crate::domain::access::ensure_coordinates(
                w.caller(),
                &found.region_code,
                msg!("to-manage-accounts"),
            )?;
            if a.volunteer_id != Some(v) {
                accounts::ensure_no_account(&w.tx, v).await?;
            }
        }
        None => ensure(a.role != Role::Volunteer, || {
            DomainError::validation(
                "input.volunteerId",
                msg!("volunteer-account-needs-volunteer"),
            )
        })?,
    }
    let id = a.id;
    let mut row: account::ActiveModel = a.into();
    row.volunteer_id = Set(volunteer_id);
    row.update(&w.tx).await?;
    accounts::revoke_tokens(w, id).await?;
    w.audit("Account", id, None).await?;
    Ok(id)
}

/// Set an account's password (admins, the command line), revoking its
/// tokens.
pub async fn set_password(w: &mut Write, username: &str, password: &str) -> DomainResult<i64> {
    crate::domain::access::ensure_admin(w.caller(), msg!("to-manage-accounts"))?;
    let a = managed(w, username).await?;
    password_rules::check(password, &a.username, "input.password")?;
    store_password(w, a, password).await
}

/// Keep `password` (already checked) as `a`'s and revoke its tokens.
pub async fn store_password(w: &mut Write, a: account::Model, password: &str) -> DomainResult<i64> {
    let hash = crate::auth::password::hash(password)
        .await
        .map_err(|e| DomainError::internal("password hashing", e))?;
    let id = a.id;
    let mut row: account::ActiveModel = a.into();
    row.password_hash = Set(hash);
    row.update(&w.tx).await?;
    accounts::revoke_tokens(w, id).await?;
    w.audit("Account", id, None).await?;
    Ok(id)
}

/// The accounts a caller may list: every account for admins; for
/// coordinators, the volunteers' accounts of their regions.
pub fn visible_to(caller: &Caller) -> DomainResult<sea_orm::Condition> {
    use sea_orm::sea_query::{Expr, ExprTrait, Query};
    if caller.is_admin() {
        return Ok(sea_orm::Condition::all());
    }
    match caller.principal() {
        Some(p) if p.role == Role::Coordinator => {
            let of_regions = Query::select()
                .column(volunteer::Column::Id)
                .from(volunteer::Entity)
                .and_where(Expr::col(volunteer::Column::RegionCode).is_in(p.regions.clone()))
                .to_owned();
            Ok(sea_orm::Condition::all()
                .add(account::Column::Role.eq(Role::Volunteer.as_str()))
                .add(account::Column::VolunteerId.in_subquery(of_regions)))
        }
        _ => Err(DomainError::forbidden(msg!(
            "account-may-not",
            action = msg!("to-manage-accounts")
        ))),
    }
}

/// The regions of account `id`.
pub async fn regions(db: &impl ConnectionTrait, id: i64) -> DomainResult<Vec<String>> {
    Ok(account_region::Entity::find()
        .filter(account_region::Column::AccountId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.region_code)
        .collect())
}
