//! Families (the law's *groups of volunteers*) and their members.

use crate::domain::access;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::guardianship;
use crate::domain::lookup;
use crate::domain::validate;
use crate::domain::volunteers;
use crate::domain::write::Write;
use crate::msg;
use entity::{FamilyRole, family, family_member, volunteer};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, ModelTrait, QueryFilter, Set};

pub async fn create(w: &mut Write, name: &str, region_code: &str) -> DomainResult<i64> {
    let name = validate::text("input.name", name, 200)?;
    let region_code = lookup::region_code(&w.tx, region_code, "input.regionCode").await?;
    access::ensure_coordinates(w.caller(), &region_code, msg!("to-create-families"))?;
    let row = family::ActiveModel {
        name: Set(name),
        region_code: Set(region_code),
        created_on: Set(w.today()),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    w.record(Subject::Family, "Family", row.id, None).await?;
    Ok(row.id)
}

pub async fn update(
    w: &mut Write,
    id: i64,
    name: Option<&str>,
    region_code: Option<&str>,
) -> DomainResult<i64> {
    let f = lookup::locked::<family::Entity>(&w.tx, id, "family").await?;
    access::ensure_coordinates(w.caller(), &f.region_code, msg!("to-change-families"))?;
    let mut row: family::ActiveModel = f.into();
    if let Some(name) = name {
        row.name = Set(validate::text("input.name", name, 200)?);
    }
    if let Some(code) = region_code {
        let code = lookup::region_code(&w.tx, code, "input.regionCode").await?;
        access::ensure_coordinates(w.caller(), &code, msg!("to-move-families"))?;
        row.region_code = Set(code);
    }
    row.update(&w.tx).await?;
    w.record(Subject::Family, "Family", id, None).await?;
    Ok(id)
}

pub async fn add_member(
    w: &mut Write,
    family_id: i64,
    volunteer_id: i64,
    role: FamilyRole,
) -> DomainResult<i64> {
    volunteers::active(&w.tx, volunteer_id).await?;
    let f = lookup::locked::<family::Entity>(&w.tx, family_id, "family").await?;
    access::ensure_coordinates(w.caller(), &f.region_code, msg!("to-change-families"))?;
    if let Some(existing) = family_member::Entity::find_by_id(volunteer_id)
        .one(&w.tx)
        .await?
    {
        return Err(DomainError::conflict(if existing.family_id == family_id {
            msg!("already-family-member")
        } else {
            msg!("in-another-family")
        }));
    }
    family_member::ActiveModel {
        volunteer_id: Set(volunteer_id),
        family_id: Set(family_id),
        role: Set(role),
        joined_on: Set(w.today()),
    }
    .insert(&w.tx)
    .await?;
    let detail = serde_json::json!({ "volunteerId": volunteer_id, "role": role.as_str() });
    w.record(Subject::Family, "Family", family_id, Some(detail))
        .await?;
    w.changed(Subject::Volunteer, volunteer_id);
    Ok(family_id)
}

/// Remove a member. Refused while it would leave a minor, the member or
/// one staying behind, without any guardian on record.
pub async fn remove_member(w: &mut Write, family_id: i64, volunteer_id: i64) -> DomainResult<i64> {
    let f = lookup::locked::<family::Entity>(&w.tx, family_id, "family").await?;
    access::ensure_coordinates(w.caller(), &f.region_code, msg!("to-change-families"))?;
    let membership = family_member::Entity::find_by_id(volunteer_id)
        .filter(family_member::Column::FamilyId.eq(family_id))
        .one(&w.tx)
        .await?
        .ok_or_else(|| DomainError::not_found("family-member"))?;
    membership.delete(&w.tx).await?;
    let today = w.today();
    let remaining = family_member::Entity::find()
        .filter(family_member::Column::FamilyId.eq(family_id))
        .all(&w.tx)
        .await?;
    let mut affected: Vec<i64> = remaining.iter().map(|m| m.volunteer_id).collect();
    affected.push(volunteer_id);
    let people = volunteer::Entity::find()
        .filter(volunteer::Column::Id.is_in(affected))
        .filter(volunteer::Column::ErasedAt.is_null())
        .all(&w.tx)
        .await?;
    for person in &people {
        match guardianship::ensure_guardian(&w.tx, person, today).await {
            Err(DomainError::GuardianRequired { .. }) => {
                return Err(DomainError::guardian_required(msg!(
                    "removal-leaves-minor",
                    who = if person.id == volunteer_id {
                        "them"
                    } else {
                        "member"
                    }
                )));
            }
            other => other?,
        }
    }
    let detail = serde_json::json!({ "volunteerId": volunteer_id });
    w.record(Subject::Family, "Family", family_id, Some(detail))
        .await?;
    w.changed(Subject::Volunteer, volunteer_id);
    Ok(family_id)
}
