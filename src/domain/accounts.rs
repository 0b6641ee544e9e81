//! Accounts: creating them (admins, or the command line) and signing in.

use crate::auth::password;
use crate::domain::access;
use crate::domain::caller::Principal;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::lookup;
use crate::domain::volunteers;
use crate::domain::write::{Write, ensure};
use crate::msg;
use entity::{Role, account, account_region};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// What `create` needs.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub username: String,
    pub password: String,
    pub role: Role,
    /// A coordinator's regions (at least one); none for other roles.
    pub regions: Vec<String>,
    /// The volunteer the account is (required for VOLUNTEER).
    pub volunteer_id: Option<i64>,
}

/// Create an account; admins only.
pub async fn create(w: &mut Write, input: NewAccount) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-create-accounts"))?;
    let username = input.username.trim().to_lowercase();
    ensure(
        (3..=64).contains(&username.chars().count())
            && username
                .chars()
                .all(|c| c.is_alphanumeric() || "._-@".contains(c)),
        || DomainError::validation("input.username", msg!("username-rule")),
    )?;
    ensure(
        input.password.chars().count() >= password::MIN_LENGTH,
        || {
            DomainError::validation(
                "input.password",
                msg!("password-too-short", min = password::MIN_LENGTH),
            )
        },
    )?;
    let taken = account::Entity::find()
        .filter(account::Column::Username.eq(&username))
        .one(&w.tx)
        .await?;
    ensure(taken.is_none(), || {
        DomainError::conflict_on("input.username", msg!("username-taken"))
    })?;
    let mut regions = Vec::new();
    for (i, code) in input.regions.iter().enumerate() {
        let code = lookup::region_code(&w.tx, code, &format!("input.regionCodes.{i}")).await?;
        if !regions.contains(&code) {
            regions.push(code);
        }
    }
    match input.role {
        Role::Coordinator => ensure(!regions.is_empty(), || {
            DomainError::validation("input.regionCodes", msg!("coordinator-needs-region"))
        })?,
        _ => ensure(regions.is_empty(), || {
            DomainError::validation("input.regionCodes", msg!("only-coordinators-have-regions"))
        })?,
    }
    if let Some(v) = input.volunteer_id {
        volunteers::active(&w.tx, v).await?;
        let linked = account::Entity::find()
            .filter(account::Column::VolunteerId.eq(v))
            .one(&w.tx)
            .await?;
        ensure(linked.is_none(), || {
            DomainError::conflict_on("input.volunteerId", msg!("volunteer-has-account"))
        })?;
    }
    ensure(
        input.role != Role::Volunteer || input.volunteer_id.is_some(),
        || {
            DomainError::validation(
                "input.volunteerId",
                msg!("volunteer-account-needs-volunteer"),
            )
        },
    )?;
    let hash = password::hash(&input.password)
        .await
        .map_err(|e| DomainError::internal("password hashing", e))?;
    let row = account::ActiveModel {
        username: Set(username),
        password_hash: Set(hash),
        role: Set(input.role),
        volunteer_id: Set(input.volunteer_id),
        created_at: Set(w.now),
        disabled_at: Set(None),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    for code in regions {
        account_region::ActiveModel {
            account_id: Set(row.id),
            region_code: Set(code),
        }
        .insert(&w.tx)
        .await?;
    }
    w.audit(
        "Account",
        row.id,
        Some(serde_json::json!({ "role": input.role.as_str() })),
    )
    .await?;
    Ok(row.id)
}

/// The principal an account signs in as.
pub async fn principal(db: &impl ConnectionTrait, a: &account::Model) -> DomainResult<Principal> {
    let regions = account_region::Entity::find()
        .filter(account_region::Column::AccountId.eq(a.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.region_code)
        .collect();
    Ok(Principal {
        account_id: a.id,
        username: a.username.clone(),
        role: a.role,
        regions,
        volunteer_id: a.volunteer_id,
    })
}

/// Check a username and password; the same refusal whether the name or the
/// password is wrong, and the same work (a hash verification) either way.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    username: &str,
    pass: &str,
) -> DomainResult<Principal> {
    // A valid hash of an unguessable string, verified when the account
    // does not exist so both refusals take as long.
    const DECOY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy";
    let found = account::Entity::find()
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?;
    let refused = || DomainError::Unauthenticated {
        message: msg!("wrong-credentials"),
    };
    let hash = found.as_ref().map_or(DECOY, |a| &a.password_hash);
    let matches = password::verify(pass, hash)
        .await
        .map_err(|e| DomainError::internal("password verification", e))?;
    match found {
        Some(a) if a.disabled_at.is_none() && matches => principal(db, &a).await,
        _ => Err(refused()),
    }
}

/// The account named `username`, for the command line.
pub async fn by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> DomainResult<account::Model> {
    account::Entity::find()
        .filter(account::Column::Username.eq(username.trim().to_lowercase()))
        .one(db)
        .await?
        .ok_or_else(|| DomainError::NotFound {
            message: msg!("account-not-found", username = username),
        })
}
