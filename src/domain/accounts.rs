//! Accounts: creating them (admins, or the command line) and signing in.

use crate::auth::{password, password_rules};
use crate::domain::access;
use crate::domain::caller::Principal;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::lookup;
use crate::domain::volunteers;
use crate::domain::write::{Rules, Write, ensure};
use crate::msg;
use entity::{Role, SignInOutcome, account, account_region, sign_in};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

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
    let username = valid_username(&input.username)?;
    password_rules::check(&input.password, &username, "input.password")?;
    ensure_username_free(&w.tx, &username).await?;
    let regions = regions_of_role(w, input.role, &input.regions).await?;
    if let Some(v) = input.volunteer_id {
        volunteers::active(&w.tx, v).await?;
        ensure_no_account(&w.tx, v).await?;
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
    let row = insert(
        w,
        &username,
        &input.password,
        input.role,
        input.volunteer_id,
        None,
    )
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

/// A login name as kept: trimmed, lower-case, 3 to 64 letters, digits,
/// `.`, `_`, `-` or `@`.
pub fn valid_username(text: &str) -> DomainResult<String> {
    let username = text.trim().to_lowercase();
    ensure(
        (3..=64).contains(&username.chars().count())
            && username
                .chars()
                .all(|c| c.is_alphanumeric() || "._-@".contains(c)),
        || DomainError::validation("input.username", msg!("username-rule")),
    )?;
    Ok(username)
}

/// Refuse a login name already taken.
pub async fn ensure_username_free(db: &impl ConnectionTrait, username: &str) -> DomainResult<()> {
    let taken = account::Entity::find()
        .filter(account::Column::Username.eq(username))
        .one(db)
        .await?;
    ensure(taken.is_none(), || {
        DomainError::conflict_on("input.username", msg!("username-taken"))
    })
}

/// Refuse a second account for volunteer `v`.
pub async fn ensure_no_account(db: &impl ConnectionTrait, v: i64) -> DomainResult<()> {
    let linked = account::Entity::find()
        .filter(account::Column::VolunteerId.eq(v))
        .one(db)
        .await?;
    ensure(linked.is_none(), || {
        DomainError::conflict_on("input.volunteerId", msg!("volunteer-has-account"))
    })
}

/// The regions `given` for an account of `role`, checked: at least one for
/// a coordinator, none for the other roles.
pub async fn regions_of_role(w: &Write, role: Role, given: &[String]) -> DomainResult<Vec<String>> {
    let mut regions = Vec::new();
    for (i, code) in given.iter().enumerate() {
        let code = lookup::region_code(&w.tx, code, &format!("input.regionCodes.{i}")).await?;
        if !regions.contains(&code) {
            regions.push(code);
        }
    }
    match role {
        Role::Coordinator => ensure(!regions.is_empty(), || {
            DomainError::validation("input.regionCodes", msg!("coordinator-needs-region"))
        })?,
        _ => ensure(regions.is_empty(), || {
            DomainError::validation("input.regionCodes", msg!("only-coordinators-have-regions"))
        })?,
    }
    Ok(regions)
}

/// Insert an account whose name and password have passed their rules; the
/// password is kept only as its argon2id hash.
pub async fn insert(
    w: &Write,
    username: &str,
    password: &str,
    role: Role,
    volunteer_id: Option<i64>,
    email: Option<String>,
) -> DomainResult<account::Model> {
    let hash = password::hash(password)
        .await
        .map_err(|e| DomainError::internal("password hashing", e))?;
    Ok(account::ActiveModel {
        username: Set(username.to_owned()),
        password_hash: Set(hash),
        role: Set(role),
        volunteer_id: Set(volunteer_id),
        created_at: Set(w.now),
        disabled_at: Set(None),
        token_version: Set(0),
        email: Set(email),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?)
}

/// Revoke every token account `id` was issued so far: its version becomes
/// the greatest of all accounts plus one (so `MAX(token_version)` moves
/// with every revocation, see `auth::versions`), and the change goes out
/// on the change bus, to every server process, once committed.
pub async fn revoke_tokens(w: &mut Write, id: i64) -> DomainResult<()> {
    account::Entity::update_many()
        .col_expr(
            account::Column::TokenVersion,
            Expr::cust("(SELECT COALESCE(MAX(token_version), 0) + 1 FROM account)"),
        )
        .filter(account::Column::Id.eq(id))
        .exec(&w.tx)
        .await?;
    w.changed(Subject::Account, id);
    Ok(())
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
        token_version: a.token_version,
    })
}

/// Why a sign-in was refused.
#[derive(Debug)]
pub enum SignInRefusal {
    /// A wrong name or password, a disabled account, or a failure.
    Refused(DomainError),
    /// The name is locked after repeated failures, for this long yet.
    Locked(chrono::Duration),
}

impl From<DomainError> for SignInRefusal {
    fn from(err: DomainError) -> Self {
        SignInRefusal::Refused(err)
    }
}

impl From<sea_orm::DbErr> for SignInRefusal {
    fn from(err: sea_orm::DbErr) -> Self {
        SignInRefusal::Refused(err.into())
    }
}

/// Where a sign-in comes from, and the rules it is judged by.
pub struct Attempt<'a> {
    pub client_address: Option<String>,
    pub rules: &'a Rules,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// Check a username and password; the same refusal whether the name or the
/// password is wrong or the account disabled, and the same work (a hash
/// verification) either way. Every attempt is recorded (`sign_in`); a name
/// with `lock_after` failures within `lock_for` since its last success is
/// locked, refused unchecked, whether or not it is an account's.
pub async fn authenticate(
    db: &impl ConnectionTrait,
    username: &str,
    pass: &str,
    attempt: Attempt<'_>,
) -> Result<Principal, SignInRefusal> {
    // A valid hash of an unguessable string, verified when the account
    // does not exist so both refusals take as long.
    const DECOY: &str =
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFy";
    let name = username.trim().to_lowercase();
    let name_key = name_key(&attempt.rules.secret, &name);
    let found = account::Entity::find()
        .filter(account::Column::Username.eq(&name))
        .one(db)
        .await?;
    let account_id = found.as_ref().map(|a| a.id);
    let record = |outcome: SignInOutcome| sign_in::ActiveModel {
        at: Set(attempt.now),
        account_id: Set(account_id),
        name_key: Set(name_key.clone()),
        client_address: Set(attempt.client_address.clone()),
        outcome: Set(outcome),
        ..Default::default()
    };
    if let Some(wait) = locked_for(db, &name_key, attempt.rules, attempt.now).await? {
        record(SignInOutcome::Locked).insert(db).await?;
        return Err(SignInRefusal::Locked(wait));
    }
    let refused = || DomainError::Unauthenticated {
        message: msg!("wrong-credentials"),
    };
    let hash = found.as_ref().map_or(DECOY, |a| &a.password_hash);
    let matches = password::verify(pass, hash)
        .await
        .map_err(|e| DomainError::internal("password verification", e))?;
    match found {
        Some(a) if matches && a.disabled_at.is_none() => {
            record(SignInOutcome::Succeeded).insert(db).await?;
            Ok(principal(db, &a).await?)
        }
        Some(_) if matches => {
            record(SignInOutcome::Disabled).insert(db).await?;
            Err(refused().into())
        }
        _ => {
            record(SignInOutcome::Failed).insert(db).await?;
            Err(refused().into())
        }
    }
}

/// How much longer the name of `name_key` stays locked, if it is.
async fn locked_for(
    db: &impl ConnectionTrait,
    name_key: &str,
    rules: &Rules,
    now: chrono::DateTime<chrono::Utc>,
) -> DomainResult<Option<chrono::Duration>> {
    let limits = &rules.accounts;
    if limits.lock_after == 0 {
        return Ok(None);
    }
    let since = now - limits.lock_for;
    let last_success: Option<chrono::DateTime<chrono::Utc>> = sign_in::Entity::find()
        .select_only()
        .column_as(sign_in::Column::At.max(), "at")
        .filter(sign_in::Column::NameKey.eq(name_key))
        .filter(sign_in::Column::Outcome.eq(SignInOutcome::Succeeded.as_str()))
        .into_tuple::<Option<chrono::DateTime<chrono::Utc>>>()
        .one(db)
        .await?
        .flatten();
    let from = last_success.map_or(since, |s| s.max(since));
    let failures: Vec<chrono::DateTime<chrono::Utc>> = sign_in::Entity::find()
        .select_only()
        .column(sign_in::Column::At)
        .filter(sign_in::Column::NameKey.eq(name_key))
        .filter(sign_in::Column::Outcome.is_in([
            SignInOutcome::Failed.as_str(),
            SignInOutcome::Disabled.as_str(),
        ]))
        .filter(sign_in::Column::At.gt(from))
        .order_by_desc(sign_in::Column::At)
        .limit(u64::from(limits.lock_after))
        .into_tuple()
        .all(db)
        .await?;
    if failures.len() < limits.lock_after as usize {
        return Ok(None);
    }
    // Locked until the oldest of the last `lock_after` failures is older
    // than `lock_for`.
    let until = failures
        .last()
        .map_or(now, |oldest| *oldest + limits.lock_for);
    Ok((until > now).then(|| until - now))
}

/// The keyed hash a name tried is kept as.
fn name_key(secret: &[u8], name: &str) -> String {
    use hmac::{Hmac, Mac};
    // HMAC takes keys of any length.
    let mut mac = <Hmac<sha2::Sha256> as Mac>::new_from_slice(secret)
        .unwrap_or_else(|_| unreachable!("HMAC accepts keys of any length"));
    mac.update(b"sign-in-name:");
    mac.update(name.as_bytes());
    hex::encode(mac.finalize().into_bytes())
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
