//! Who may change what (reads are guarded in the GraphQL layer with the
//! same notions).
//!
//! | role | may change |
//! |---|---|
//! | ADMIN | everything |
//! | COORDINATOR | volunteers, families, events and participations of the regions it is scoped to (a volunteer's home region; an event's host region) |
//! | VOLUNTEER | its own record; as an adult GUARDIAN of its family, the records of the family's minors; its own (and those minors') registrations, cancellations, check-ins and check-outs |
//! | ANALYST, anonymous | nothing |
//!
//! Projects, organizations, front offices and international exchanges are
//! the republican office's: admins only.

use crate::domain::caller::Caller;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::guardianship;
use crate::domain::time::age_on;
use crate::domain::write::Write;
use crate::i18n::Message;
use crate::msg;
use entity::volunteer;

/// FORBIDDEN for `action` (a message `to-…`: "change events").
fn refuse(caller: &Caller, action: Message) -> DomainError {
    DomainError::forbidden(match caller {
        Caller::Anonymous => msg!("sign-in-to", action = action),
        _ => msg!("account-may-not", action = action),
    })
}

/// Only admins.
pub fn ensure_admin(caller: &Caller, action: Message) -> DomainResult<()> {
    if caller.is_admin() {
        Ok(())
    } else {
        Err(refuse(caller, action))
    }
}

/// Admins, and coordinators of `region`.
pub fn ensure_coordinates(caller: &Caller, region: &str, action: Message) -> DomainResult<()> {
    if caller.coordinates(region) {
        Ok(())
    } else {
        Err(DomainError::forbidden(match caller {
            Caller::Anonymous => msg!("sign-in-to-in-region", action = action, region = region),
            _ => msg!(
                "account-may-not-in-region",
                action = action,
                region = region
            ),
        }))
    }
}

/// Whether the caller is `v`, or an adult GUARDIAN in the family of the
/// minor `v`.
pub async fn speaks_for(w: &Write, v: &volunteer::Model) -> DomainResult<bool> {
    let Some(own) = w.caller().volunteer_id() else {
        return Ok(false);
    };
    if own == v.id {
        return Ok(true);
    }
    if age_on(v.birth_date, w.today()) >= guardianship::ADULT {
        return Ok(false);
    }
    let guardians = guardianship::family_guardians(&w.tx, v.id, w.today()).await?;
    Ok(guardians.contains(&own))
}

/// Admins, coordinators of `v`'s region, `v` itself, and the guardian of a
/// minor `v`.
pub async fn ensure_person(w: &Write, v: &volunteer::Model, action: Message) -> DomainResult<()> {
    if w.caller().coordinates(&v.region_code) || speaks_for(w, v).await? {
        Ok(())
    } else {
        Err(refuse(w.caller(), action))
    }
}
