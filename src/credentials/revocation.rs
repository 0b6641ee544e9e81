//! Credentials revoked by the register itself, in the transaction of the
//! write that makes them untrue:
//!
//! - a change of a participation's minutes (every change goes through the
//!   hours ledger) to fewer than a credential certified of it revokes that
//!   credential (`HOURS_CORRECTED`); more minutes leave it true, and the
//!   volunteer may ask for a new one;
//! - cancelling an event revokes the credentials that certified hours at
//!   it (`EVENT_CANCELLED`): hours at a cancelled event count nowhere;
//! - erasing a volunteer revokes all its credentials
//!   (`VOLUNTEER_ERASED`) and forgets their signed text, which names the
//!   person.
//!
//! The volunteer may then be issued a new certificate of what the
//! register now holds. Each revocation is an audit entry of the write.

use crate::domain::error::DomainResult;
use crate::domain::write::Write;
use entity::{credential, credential_participation, participation};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

/// Revoke the credentials that certified more than `minutes` of
/// participation `participation_id`; how many.
pub async fn on_minutes(w: &Write, participation_id: i64, minutes: i32) -> DomainResult<usize> {
    let ids: Vec<i64> = credential::Entity::find()
        .select_only()
        .column(credential::Column::Id)
        .filter(credential::Column::RevokedAt.is_null())
        .filter(credential::Column::Id.in_subquery(certifying_more(participation_id, minutes)))
        .into_tuple()
        .all(&w.tx)
        .await?;
    revoke(w, &ids, "HOURS_CORRECTED", false).await?;
    Ok(ids.len())
}

/// Whether a credential still valid certified more than `minutes` of
/// participation `participation_id` (`on_minutes` would revoke it), for
/// a statement that reads this with other checks.
pub fn any_certifying_more(participation_id: i64, minutes: i32) -> SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(credential::Entity)
        .and_where(credential::Column::RevokedAt.is_null())
        .and_where(credential::Column::Id.in_subquery(certifying_more(participation_id, minutes)))
        .to_owned()
}

/// The credentials that certified more than `minutes` of participation
/// `participation_id`.
fn certifying_more(participation_id: i64, minutes: i32) -> SelectStatement {
    Query::select()
        .column(credential_participation::Column::CredentialId)
        .from(credential_participation::Entity)
        .and_where(credential_participation::Column::ParticipationId.eq(participation_id))
        .and_where(credential_participation::Column::Minutes.gt(minutes))
        .to_owned()
}

/// Revoke the credentials that certified hours at event `event_id`,
/// being cancelled; how many.
pub async fn on_event_cancelled(w: &Write, event_id: i64) -> DomainResult<usize> {
    let at_event = Query::select()
        .column(credential_participation::Column::CredentialId)
        .from(credential_participation::Entity)
        .and_where(
            credential_participation::Column::ParticipationId.in_subquery(
                Query::select()
                    .column(participation::Column::Id)
                    .from(participation::Entity)
                    .and_where(participation::Column::EventId.eq(event_id))
                    .to_owned(),
            ),
        )
        .to_owned();
    let ids: Vec<i64> = credential::Entity::find()
        .select_only()
        .column(credential::Column::Id)
        .filter(credential::Column::RevokedAt.is_null())
        .filter(credential::Column::Id.in_subquery(at_event))
        .into_tuple()
        .all(&w.tx)
        .await?;
    revoke(w, &ids, "EVENT_CANCELLED", false).await?;
    Ok(ids.len())
}

/// Revoke every credential of volunteer `volunteer_id`, being erased, and
/// forget their text.
pub async fn on_erasure(w: &Write, volunteer_id: i64) -> DomainResult<usize> {
    let ids: Vec<i64> = credential::Entity::find()
        .select_only()
        .column(credential::Column::Id)
        .filter(credential::Column::VolunteerId.eq(volunteer_id))
        .into_tuple()
        .all(&w.tx)
        .await?;
    revoke(w, &ids, "VOLUNTEER_ERASED", true).await?;
    Ok(ids.len())
}

async fn revoke(w: &Write, ids: &[i64], reason: &str, forget: bool) -> DomainResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    // A credential already revoked keeps its first reason and time.
    credential::Entity::update_many()
        .col_expr(credential::Column::RevokedAt, Expr::value(w.now))
        .col_expr(credential::Column::RevocationReason, Expr::value(reason))
        .filter(credential::Column::Id.is_in(ids.iter().copied()))
        .filter(credential::Column::RevokedAt.is_null())
        .exec(&w.tx)
        .await?;
    if forget {
        credential::Entity::update_many()
            .col_expr(credential::Column::Jwt, Expr::value(Option::<String>::None))
            .filter(credential::Column::Id.is_in(ids.iter().copied()))
            .exec(&w.tx)
            .await?;
    }
    for &id in ids {
        w.audit(
            "Credential",
            id,
            Some(serde_json::json!({ "revoked": reason })),
        )
        .await?;
    }
    Ok(())
}
