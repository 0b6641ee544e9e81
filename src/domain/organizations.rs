//! Organizations and front offices: the network's own structure and its
//! partners.

use crate::domain::access;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::lookup;
use crate::domain::validate;
use crate::domain::write::Write;
use crate::msg;
use chrono::NaiveDate;
use entity::{FrontOfficeKind, OrganizationKind, front_office, front_office_partner, organization};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

pub async fn create_organization(
    w: &mut Write,
    name: &str,
    kind: OrganizationKind,
    country_code: &str,
) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-record-organizations"))?;
    let name = validate::text("input.name", name, 300)?;
    let country_code = validate::country("input.countryCode", country_code)?;
    let same = organization::Entity::find()
        .filter(organization::Column::Name.eq(&name))
        .one(&w.tx)
        .await?;
    if same.is_some() {
        return Err(DomainError::conflict(msg!(
            "organization-exists",
            name = &name
        )));
    }
    let row = organization::ActiveModel {
        name: Set(name),
        kind: Set(kind),
        country_code: Set(country_code),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    w.record(Subject::Reference, "Organization", row.id, None)
        .await?;
    Ok(row.id)
}

/// Open a front office: the republican one (no region) or one per region.
pub async fn create_front_office(
    w: &mut Write,
    kind: FrontOfficeKind,
    region_code: Option<&str>,
    name: &str,
    opened_on: NaiveDate,
) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-open-front-offices"))?;
    let name = validate::text("input.name", name, 300)?;
    let opened_on = validate::not_future("input.openedOn", opened_on, w.today())?;
    let region_code = match (kind, region_code) {
        (FrontOfficeKind::Republican, None) => None,
        (FrontOfficeKind::Republican, Some(_)) => {
            return Err(DomainError::validation(
                "input.regionCode",
                msg!("republican-office-no-region"),
            ));
        }
        (FrontOfficeKind::Regional, None) => {
            return Err(DomainError::validation(
                "input.regionCode",
                msg!("regional-office-needs-region"),
            ));
        }
        (FrontOfficeKind::Regional, Some(code)) => {
            Some(lookup::region_code(&w.tx, code, "input.regionCode").await?)
        }
    };
    let existing = front_office::Entity::find()
        .filter(front_office::Column::Kind.eq(kind))
        .filter(match &region_code {
            Some(code) => front_office::Column::RegionCode.eq(code.clone()),
            None => front_office::Column::RegionCode.is_null(),
        })
        .one(&w.tx)
        .await?;
    if existing.is_some() {
        return Err(DomainError::conflict(match &region_code {
            Some(code) => msg!("region-has-office", code = code),
            None => msg!("republican-office-exists"),
        }));
    }
    let row = front_office::ActiveModel {
        kind: Set(kind),
        region_code: Set(region_code),
        name: Set(name),
        opened_on: Set(opened_on),
        ..Default::default()
    }
    .insert(&w.tx)
    .await?;
    w.record(Subject::Reference, "FrontOffice", row.id, None)
        .await?;
    Ok(row.id)
}

/// Record an organization as a front office's partner since a date.
pub async fn add_partner(
    w: &mut Write,
    front_office_id: i64,
    organization_id: i64,
    since: NaiveDate,
) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-record-partnerships"))?;
    lookup::get::<front_office::Entity>(&w.tx, front_office_id, "front-office").await?;
    lookup::get::<organization::Entity>(&w.tx, organization_id, "organization").await?;
    let since = validate::not_future("input.since", since, w.today())?;
    let existing = front_office_partner::Entity::find()
        .filter(front_office_partner::Column::FrontOfficeId.eq(front_office_id))
        .filter(front_office_partner::Column::OrganizationId.eq(organization_id))
        .one(&w.tx)
        .await?;
    if existing.is_some() {
        return Err(DomainError::conflict(msg!("already-partner")));
    }
    front_office_partner::ActiveModel {
        front_office_id: Set(front_office_id),
        organization_id: Set(organization_id),
        since: Set(since),
    }
    .insert(&w.tx)
    .await?;
    let detail = serde_json::json!({ "organizationId": organization_id });
    w.record(
        Subject::Reference,
        "FrontOffice",
        front_office_id,
        Some(detail),
    )
    .await?;
    Ok(front_office_id)
}
