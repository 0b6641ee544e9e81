//! The rules for minors (docs/domain.md, "Minors: guardians and consent"):
//! - under 18, a volunteer needs a guardian on record: an adult GUARDIAN
//!   member of the same family, or a legal representative with a consent
//!   date;
//! - under 14, a volunteer attends an event only if that guardian attends it
//!   too (checked in, or attended), or written consent to attend
//!   unaccompanied is on record;
//! - under 18, never on an event whose activity is closed to minors
//!   (emergency response, disaster relief) nor on hazardous work.

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::time::{age_on, kz_date};
use chrono::NaiveDate;
use entity::{FamilyRole, ParticipationStatus, event, family_member, participation, volunteer};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

/// Age of majority.
pub const ADULT: i32 = 18;
/// Below this age a child attends only with the guardian or written consent.
pub const UNACCOMPANIED: i32 = 14;

/// The adult GUARDIAN members of `volunteer`'s family, other than itself.
pub async fn family_guardians(
    db: &impl ConnectionTrait,
    volunteer_id: i64,
    on: NaiveDate,
) -> DomainResult<Vec<i64>> {
    let Some(membership) = family_member::Entity::find_by_id(volunteer_id)
        .one(db)
        .await?
    else {
        return Ok(Vec::new());
    };
    let guardians = family_member::Entity::find()
        .filter(family_member::Column::FamilyId.eq(membership.family_id))
        .filter(family_member::Column::Role.eq(FamilyRole::Guardian))
        .filter(family_member::Column::VolunteerId.ne(volunteer_id))
        .all(db)
        .await?;
    let ids: Vec<i64> = guardians.iter().map(|m| m.volunteer_id).collect();
    let adults = volunteer::Entity::find()
        .filter(volunteer::Column::Id.is_in(ids))
        .filter(volunteer::Column::ErasedAt.is_null())
        .all(db)
        .await?
        .into_iter()
        .filter(|v| age_on(v.birth_date, on) >= ADULT)
        .map(|v| v.id)
        .collect();
    Ok(adults)
}

/// Refuse unless a minor (on `on`) has a guardian on record.
pub async fn ensure_guardian(
    db: &impl ConnectionTrait,
    v: &volunteer::Model,
    on: NaiveDate,
) -> DomainResult<()> {
    if age_on(v.birth_date, on) >= ADULT || v.guardian_consent_on.is_some() {
        return Ok(());
    }
    if family_guardians(db, v.id, on).await?.is_empty() {
        return Err(DomainError::guardian_required(
            "a volunteer under 18 needs a guardian on record: an adult GUARDIAN member of the same family, or a legal representative with the date of consent",
        ));
    }
    Ok(())
}

/// Refuse a minor on an event closed to minors.
pub fn ensure_open_to(v: &volunteer::Model, e: &event::Model, field: &str) -> DomainResult<()> {
    let age = age_on(v.birth_date, kz_date(e.starts_at));
    if age < ADULT && (e.activity_type.is_adults_only() || e.hazardous) {
        return Err(DomainError::age_restricted(
            field,
            format!(
                "volunteers under 18 may not take part in {} (the volunteer is {age} at the event)",
                if e.hazardous {
                    "hazardous work".to_owned()
                } else {
                    format!("{} events", e.activity_type.as_str())
                }
            ),
        ));
    }
    Ok(())
}

/// Refuse a child under 14 attending `event` unless a family guardian
/// attends it too or written consent is on record.
pub async fn ensure_may_attend(
    db: &impl ConnectionTrait,
    v: &volunteer::Model,
    e: &event::Model,
) -> DomainResult<()> {
    let on = kz_date(e.starts_at);
    ensure_guardian(db, v, on).await?;
    if age_on(v.birth_date, on) >= UNACCOMPANIED || v.unaccompanied_consent_on.is_some() {
        return Ok(());
    }
    let guardians = family_guardians(db, v.id, on).await?;
    let attending = participation::Entity::find()
        .filter(participation::Column::EventId.eq(e.id))
        .filter(participation::Column::VolunteerId.is_in(guardians))
        .filter(
            Condition::any()
                .add(participation::Column::Status.eq(ParticipationStatus::Attended))
                .add(participation::Column::CheckedInAt.is_not_null()),
        )
        .one(db)
        .await?;
    if attending.is_none() {
        return Err(DomainError::guardian_required(
            "a child under 14 attends only with a guardian from the family attending the same event (check the guardian in first) or with written consent on record",
        ));
    }
    Ok(())
}
