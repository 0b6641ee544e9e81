//! Who may read what.
//!
//! Two rules, applied everywhere:
//! - **Lists and objects about people** (volunteers, families, participations,
//!   exchange participants, accounts) need a signed-in caller; anonymous
//!   callers get `FORBIDDEN` for the field that would lead to them. The audit
//!   log is for admins.
//! - **Personal fields** (a volunteer's names, birth date and age, phone,
//!   e-mail, skills and languages, guardian and consents, family and role in
//!   it; a family's name and members) are `null` for callers not entitled to
//!   that person, never an error, so analysts can list and count with them
//!   hidden. `Volunteer.personalDataVisible` says which case a null is.
//!
//! Entitled to a volunteer's personal data: admins, coordinators of the
//! volunteer's home region, the volunteer itself, and an adult GUARDIAN of
//! the family of a minor volunteer. To a family's: admins, coordinators of
//! its region, and its members.

use crate::domain::caller::Caller;
use crate::domain::error::DomainError;
use crate::domain::guardianship::ADULT;
use crate::domain::time::age_on;
use crate::graphql::context::ContextExt;
use crate::graphql::error::loader_error;
use crate::graphql::loaders::{HostRegionsOfVolunteer, MembershipByVolunteer};
use crate::i18n::Message;
use crate::msg;
use async_graphql::{Context, Result};
use entity::{FamilyRole, Role, family, volunteer};

/// Refuse anonymous callers `what` (a message `see-…`).
pub fn require_signed_in(ctx: &Context<'_>, what: Message) -> Result<()> {
    if ctx.caller().is_signed_in() {
        Ok(())
    } else {
        Err(DomainError::forbidden(msg!("sign-in-to-see", what = what)).into())
    }
}

/// Refuse everyone but admins `what`.
pub fn require_admin(ctx: &Context<'_>, what: Message) -> Result<()> {
    if ctx.caller().is_admin() {
        Ok(())
    } else {
        Err(DomainError::forbidden(msg!("only-admins-see", what = what)).into())
    }
}

/// Whether the caller may search people by name (admins and coordinators).
pub fn require_name_search(ctx: &Context<'_>) -> Result<()> {
    match ctx.caller() {
        c if c.is_admin() || c.role() == Some(Role::Coordinator) => Ok(()),
        _ => Err(DomainError::forbidden(msg!("name-search-forbidden")).into()),
    }
}

/// Whether the caller may list volunteers by status, pending sign-ups
/// among them (admins and coordinators).
pub fn require_status_filter(ctx: &Context<'_>) -> Result<()> {
    match ctx.caller() {
        c if c.is_admin() || c.role() == Some(Role::Coordinator) => Ok(()),
        _ => Err(DomainError::forbidden(msg!("status-filter-forbidden")).into()),
    }
}

/// Whether the caller may see `v`'s personal data: admins; coordinators
/// of `v`'s home region, and of any region hosting an event `v` takes part
/// in (they meet the volunteer there and check them in); `v` itself; the
/// adult guardian of a minor `v` in its family.
pub async fn may_see_person(ctx: &Context<'_>, v: &volunteer::Model) -> Result<bool> {
    let caller = ctx.caller();
    if caller.coordinates(&v.region_code) {
        return Ok(true);
    }
    if caller.role() == Some(Role::Coordinator) {
        let hosts = ctx
            .loader()
            .load_one(HostRegionsOfVolunteer(v.id))
            .await
            .map_err(loader_error)?
            .unwrap_or_default();
        if hosts.iter().any(|r| caller.coordinates(r)) {
            return Ok(true);
        }
    }
    let Some(own) = caller.volunteer_id() else {
        return Ok(false);
    };
    if own == v.id {
        return Ok(true);
    }
    if age_on(v.birth_date, ctx.clock().today()) >= ADULT {
        return Ok(false);
    }
    let loader = ctx.loader();
    let (theirs, mine) = futures_util::try_join!(
        loader.load_one(MembershipByVolunteer(v.id)),
        loader.load_one(MembershipByVolunteer(own)),
    )
    .map_err(loader_error)?;
    Ok(
        matches!((theirs, mine), (Some(t), Some(m)) if t.family_id == m.family_id && m.role == FamilyRole::Guardian),
    )
}

/// Whether the caller may see `f`'s name and members.
pub async fn may_see_family(ctx: &Context<'_>, f: &family::Model) -> Result<bool> {
    let caller: &Caller = ctx.caller();
    if caller.coordinates(&f.region_code) {
        return Ok(true);
    }
    let Some(own) = caller.volunteer_id() else {
        return Ok(false);
    };
    let mine = ctx
        .loader()
        .load_one(MembershipByVolunteer(own))
        .await
        .map_err(loader_error)?;
    Ok(mine.is_some_and(|m| m.family_id == f.id))
}
