//! Events, actions and raids: creating, changing, cancelling and completing
//! them, and the beneficiaries they served.

use crate::domain::access;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::event_status;
use crate::domain::guardianship::ADULT;
use crate::domain::lookup;
use crate::domain::search;
use crate::domain::time::{age_on, kz_date};
use crate::domain::validate;
use crate::domain::write::Write;
use crate::i18n::Arg;
use crate::msg;
use chrono::{DateTime, Utc};
use entity::{
    ActivityType, BeneficiaryCategory, EventKind, EventLevel, EventStatus, ParticipationStatus,
    beneficiaries_served, event, participation, project, volunteer,
};
use sea_orm::sea_query::OnConflict;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set,
};

/// Fields of an event; all but `project_id`, `capacity` and `hazardous` are
/// needed to create one. For the optional ones, `Some(None)` clears.
#[derive(Clone, Debug, Default)]
pub struct EventFields {
    pub title: Option<String>,
    pub kind: Option<EventKind>,
    pub level: Option<EventLevel>,
    pub activity_type: Option<ActivityType>,
    pub hazardous: Option<bool>,
    pub project_id: Option<Option<i64>>,
    pub region_code: Option<String>,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub capacity: Option<Option<i32>>,
}

pub async fn create(w: &mut Write, f: EventFields) -> DomainResult<i64> {
    let missing = |field: &str| DomainError::validation(field, msg!("is-required"));
    let row = event::ActiveModel {
        title: Set(f.title.clone().ok_or_else(|| missing("input.title"))?),
        kind: Set(f.kind.ok_or_else(|| missing("input.kind"))?),
        level: Set(f.level.ok_or_else(|| missing("input.level"))?),
        activity_type: Set(f
            .activity_type
            .ok_or_else(|| missing("input.activityType"))?),
        hazardous: Set(false),
        project_id: Set(None),
        region_code: Set(f
            .region_code
            .clone()
            .ok_or_else(|| missing("input.regionCode"))?),
        starts_at: Set(f.starts_at.ok_or_else(|| missing("input.startsAt"))?),
        ends_at: Set(f.ends_at.ok_or_else(|| missing("input.endsAt"))?),
        capacity: Set(None),
        status: Set(EventStatus::Planned),
        ..Default::default()
    };
    save(w, row, f).await
}

pub async fn update(w: &mut Write, id: i64, f: EventFields) -> DomainResult<i64> {
    {
        let e = lookup::get::<event::Entity>(&w.tx, id, "event").await?;
        access::ensure_coordinates(w.caller(), &e.region_code, msg!("to-change-events"))?;
    }
    let e = lookup::locked::<event::Entity>(&w.tx, id, "event").await?;
    let status = event_status::status_at(&e, w.now);
    if event_status::is_closed(status) {
        return Err(DomainError::event_closed(msg!(
            "event-no-longer-changed",
            status = Arg::label("EventStatus", status.as_str())
        )));
    }
    save(w, e.into(), f).await
}

async fn save(w: &mut Write, mut row: event::ActiveModel, f: EventFields) -> DomainResult<i64> {
    if let Some(title) = &f.title {
        let title = validate::text("input.title", title, 300)?;
        row.search_title = Set(Some(search::fold(&title)));
        row.title = Set(title);
    }
    if let Some(kind) = f.kind {
        row.kind = Set(kind);
    }
    if let Some(level) = f.level {
        row.level = Set(level);
    }
    if let Some(activity) = f.activity_type {
        row.activity_type = Set(activity);
    }
    if let Some(hazardous) = f.hazardous {
        row.hazardous = Set(hazardous);
    }
    if let Some(project_id) = f.project_id {
        if let Some(p) = project_id {
            lookup::get::<project::Entity>(&w.tx, p, "project").await?;
        }
        row.project_id = Set(project_id);
    }
    if let Some(code) = &f.region_code {
        let code = lookup::region_code(&w.tx, code, "input.regionCode").await?;
        access::ensure_coordinates(w.caller(), &code, msg!("to-hold-events"))?;
        row.region_code = Set(code);
    }
    if let Some(at) = f.starts_at {
        row.starts_at = Set(at);
    }
    if let Some(at) = f.ends_at {
        row.ends_at = Set(at);
    }
    if row.ends_at.as_ref() <= row.starts_at.as_ref() {
        return Err(DomainError::validation(
            "input.endsAt",
            msg!("event-ends-before-start"),
        ));
    }
    let id = row.id.clone().take();
    if let Some(capacity) = f.capacity {
        if let Some(c) = capacity {
            if c < 1 {
                return Err(DomainError::validation(
                    "input.capacity",
                    msg!("capacity-at-least-one"),
                ));
            }
            let taken = match id {
                Some(id) => places_taken(&w.tx, id).await?,
                None => 0,
            };
            if u64::try_from(c).unwrap_or(0) < taken {
                return Err(DomainError::CapacityReached {
                    message: msg!("capacity-below-registered", taken = taken),
                });
            }
        }
        row.capacity = Set(capacity);
    }
    let saved: event::Model = match id {
        Some(_) => row.update(&w.tx).await?,
        None => row.insert(&w.tx).await?,
    };
    if id.is_some() {
        ensure_no_minor_excluded(&w.tx, &saved).await?;
    }
    w.record(Subject::Event, "Event", saved.id, None).await?;
    Ok(saved.id)
}

/// Places taken at an event: every participation not cancelled.
pub async fn places_taken(db: &impl ConnectionTrait, event_id: i64) -> DomainResult<u64> {
    Ok(participation::Entity::find()
        .filter(participation::Column::EventId.eq(event_id))
        .filter(participation::Column::Status.ne(ParticipationStatus::Cancelled))
        .count(db)
        .await?)
}

/// After a change that closes an event to minors, refuse if minors are
/// registered for it.
async fn ensure_no_minor_excluded(db: &impl ConnectionTrait, e: &event::Model) -> DomainResult<()> {
    if !(e.hazardous || e.activity_type.is_adults_only()) {
        return Ok(());
    }
    let ids: Vec<i64> = participation::Entity::find()
        .filter(participation::Column::EventId.eq(e.id))
        .filter(participation::Column::Status.ne(ParticipationStatus::Cancelled))
        .all(db)
        .await?
        .into_iter()
        .map(|p| p.volunteer_id)
        .collect();
    let on = kz_date(e.starts_at);
    let minors = volunteer::Entity::find()
        .filter(volunteer::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .filter(|v| age_on(v.birth_date, on) < ADULT)
        .count();
    if minors > 0 {
        return Err(DomainError::age_restricted(
            "input",
            msg!("minors-registered", minors = minors),
        ));
    }
    Ok(())
}

/// Cancel an event: its records stay, it counts nowhere.
pub async fn cancel(w: &mut Write, id: i64) -> DomainResult<i64> {
    transition(w, id, EventStatus::Cancelled).await
}

/// Mark an event completed; refused while volunteers are still checked in.
pub async fn complete(w: &mut Write, id: i64) -> DomainResult<i64> {
    let e = lookup::locked::<event::Entity>(&w.tx, id, "event").await?;
    access::ensure_coordinates(w.caller(), &e.region_code, msg!("to-complete-events"))?;
    let open = participation::Entity::find()
        .filter(participation::Column::EventId.eq(id))
        .filter(participation::Column::CheckedInAt.is_not_null())
        .filter(participation::Column::CheckedOutAt.is_null())
        .count(&w.tx)
        .await?;
    if open > 0 {
        return Err(DomainError::invalid_state(msg!(
            "volunteers-still-checked-in",
            open = open
        )));
    }
    transition(w, id, EventStatus::Completed).await
}

async fn transition(w: &mut Write, id: i64, to: EventStatus) -> DomainResult<i64> {
    {
        let e = lookup::get::<event::Entity>(&w.tx, id, "event").await?;
        access::ensure_coordinates(w.caller(), &e.region_code, msg!("to-change-events"))?;
    }
    let e = lookup::locked::<event::Entity>(&w.tx, id, "event").await?;
    let status = event_status::status_at(&e, w.now);
    if event_status::is_closed(status) {
        return Err(DomainError::invalid_state(msg!(
            "event-already",
            status = Arg::label("EventStatus", status.as_str())
        )));
    }
    let from = e.status;
    let mut row: event::ActiveModel = e.into();
    row.status = Set(to);
    row.update(&w.tx).await?;
    if to == EventStatus::Cancelled {
        // Hours at a cancelled event count nowhere: certificates of them
        // are no longer true.
        crate::credentials::revocation::on_event_cancelled(w, id).await?;
    }
    let detail = serde_json::json!({ "from": from.as_str(), "to": to.as_str() });
    w.record(Subject::Event, "Event", id, Some(detail)).await?;
    Ok(id)
}

/// Set the number of people served per category at an event (categories
/// not given keep their counts).
pub async fn record_beneficiaries(
    w: &mut Write,
    event_id: i64,
    counts: &[(BeneficiaryCategory, i32)],
) -> DomainResult<i64> {
    {
        let e = lookup::get::<event::Entity>(&w.tx, event_id, "event").await?;
        access::ensure_coordinates(w.caller(), &e.region_code, msg!("to-record-beneficiaries"))?;
    }
    let e = lookup::locked::<event::Entity>(&w.tx, event_id, "event").await?;
    if e.status == EventStatus::Cancelled {
        return Err(DomainError::event_closed(msg!(
            "event-cancelled-nobody-served"
        )));
    }
    for (i, (category, count)) in counts.iter().enumerate() {
        validate::non_negative(&format!("input.counts.{i}.count"), *count)?;
        if counts[..i].iter().any(|(c, _)| c == category) {
            return Err(DomainError::validation(
                format!("input.counts.{i}.category"),
                msg!(
                    "category-given-twice",
                    category = Arg::label("BeneficiaryCategory", category.as_str())
                ),
            ));
        }
        beneficiaries_served::Entity::insert(beneficiaries_served::ActiveModel {
            event_id: Set(event_id),
            category: Set(*category),
            count: Set(*count),
        })
        .on_conflict(
            OnConflict::columns([
                beneficiaries_served::Column::EventId,
                beneficiaries_served::Column::Category,
            ])
            .update_column(beneficiaries_served::Column::Count)
            .to_owned(),
        )
        .exec_without_returning(&w.tx)
        .await?;
    }
    w.record(Subject::Event, "Event", event_id, None).await?;
    Ok(event_id)
}
