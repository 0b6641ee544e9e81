//! International exchanges: volunteers coming to Kazakhstan or going abroad.

use crate::domain::access;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::lookup;
use crate::domain::validate;
use crate::domain::volunteers;
use crate::domain::write::{Write, ensure};
use crate::msg;
use chrono::NaiveDate;
use entity::{
    ExchangeDirection, event, exchange_participant, international_exchange, organization,
};
use sea_orm::{ActiveModelTrait, EntityTrait, ModelTrait, Set};

/// Fields of an exchange; all but the optional ones are needed to create
/// one. For the optional ones, `Some(None)` clears.
#[derive(Clone, Debug, Default)]
pub struct ExchangeFields {
    pub title: Option<String>,
    pub direction: Option<ExchangeDirection>,
    pub country_code: Option<String>,
    pub organization_id: Option<Option<i64>>,
    pub event_id: Option<Option<i64>>,
    pub starts_on: Option<NaiveDate>,
    pub ends_on: Option<NaiveDate>,
    pub foreign_participants: Option<i32>,
}

pub async fn create(w: &mut Write, f: ExchangeFields) -> DomainResult<i64> {
    let missing = |field: &str| DomainError::validation(field, msg!("is-required"));
    let row = international_exchange::ActiveModel {
        title: Set(f.title.clone().ok_or_else(|| missing("input.title"))?),
        direction: Set(f.direction.ok_or_else(|| missing("input.direction"))?),
        country_code: Set(f
            .country_code
            .clone()
            .ok_or_else(|| missing("input.countryCode"))?),
        organization_id: Set(None),
        event_id: Set(None),
        starts_on: Set(f.starts_on.ok_or_else(|| missing("input.startsOn"))?),
        ends_on: Set(f.ends_on.ok_or_else(|| missing("input.endsOn"))?),
        foreign_participants: Set(0),
        ..Default::default()
    };
    save(w, row, f).await
}

pub async fn update(w: &mut Write, id: i64, f: ExchangeFields) -> DomainResult<i64> {
    let x = lookup::locked::<international_exchange::Entity>(&w.tx, id, "international-exchange")
        .await?;
    save(w, x.into(), f).await
}

async fn save(
    w: &mut Write,
    mut row: international_exchange::ActiveModel,
    f: ExchangeFields,
) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-change-international-exchanges"))?;
    if let Some(title) = &f.title {
        row.title = Set(validate::text("input.title", title, 300)?);
    }
    if let Some(direction) = f.direction {
        row.direction = Set(direction);
    }
    if let Some(country) = &f.country_code {
        let code = validate::country("input.countryCode", country)?;
        ensure(code != "KZ", || {
            DomainError::validation("input.countryCode", msg!("exchange-country-not-kz"))
        })?;
        row.country_code = Set(code);
    }
    if let Some(org) = f.organization_id {
        if let Some(id) = org {
            lookup::get::<organization::Entity>(&w.tx, id, "organization").await?;
        }
        row.organization_id = Set(org);
    }
    if let Some(ev) = f.event_id {
        if let Some(id) = ev {
            lookup::get::<event::Entity>(&w.tx, id, "event").await?;
        }
        row.event_id = Set(ev);
    }
    if let Some(on) = f.starts_on {
        row.starts_on = Set(on);
    }
    if let Some(on) = f.ends_on {
        row.ends_on = Set(on);
    }
    ensure(row.ends_on.as_ref() >= row.starts_on.as_ref(), || {
        DomainError::validation("input.endsOn", msg!("exchange-ends-before-start"))
    })?;
    if let Some(n) = f.foreign_participants {
        row.foreign_participants = Set(validate::non_negative("input.foreignParticipants", n)?);
    }
    let saved = match row.id.clone().take() {
        Some(_) => row.update(&w.tx).await?,
        None => row.insert(&w.tx).await?,
    };
    w.record(
        Subject::InternationalExchange,
        "InternationalExchange",
        saved.id,
        None,
    )
    .await?;
    Ok(saved.id)
}

pub async fn add_participant(
    w: &mut Write,
    exchange_id: i64,
    volunteer_id: i64,
) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-change-international-exchanges"))?;
    let v = volunteers::active(&w.tx, volunteer_id).await?;
    volunteers::ensure_confirmed(&v)?;
    lookup::locked::<international_exchange::Entity>(&w.tx, exchange_id, "international-exchange")
        .await?;
    let existing = exchange_participant::Entity::find_by_id((exchange_id, volunteer_id))
        .one(&w.tx)
        .await?;
    ensure(existing.is_none(), || {
        DomainError::conflict(msg!("already-in-exchange"))
    })?;
    exchange_participant::ActiveModel {
        exchange_id: Set(exchange_id),
        volunteer_id: Set(volunteer_id),
    }
    .insert(&w.tx)
    .await?;
    let detail = serde_json::json!({ "added": volunteer_id });
    w.record(
        Subject::InternationalExchange,
        "InternationalExchange",
        exchange_id,
        Some(detail),
    )
    .await?;
    Ok(exchange_id)
}

pub async fn remove_participant(
    w: &mut Write,
    exchange_id: i64,
    volunteer_id: i64,
) -> DomainResult<i64> {
    access::ensure_admin(w.caller(), msg!("to-change-international-exchanges"))?;
    lookup::locked::<international_exchange::Entity>(&w.tx, exchange_id, "international-exchange")
        .await?;
    let existing = exchange_participant::Entity::find_by_id((exchange_id, volunteer_id))
        .one(&w.tx)
        .await?
        .ok_or_else(|| DomainError::not_found("exchange-participant"))?;
    existing.delete(&w.tx).await?;
    let detail = serde_json::json!({ "removed": volunteer_id });
    w.record(
        Subject::InternationalExchange,
        "InternationalExchange",
        exchange_id,
        Some(detail),
    )
    .await?;
    Ok(exchange_id)
}
