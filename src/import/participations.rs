//! A file of participations: who took part in which event and for how
//! long. The volunteer is named by id, IIN, or full name and birth date;
//! the event by id, or by title and date. Hours (decimal, e.g. `2,5`) or
//! minutes enter the hours ledger with source IMPORT; a row without them
//! registers the volunteer for an event still to come.

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::participations;
use crate::domain::search;
use crate::domain::time::kz_day_start;
use crate::domain::write::Write;
use crate::graphql::ids::{self, NodeType};
use crate::import::headings::Field;
use crate::import::source::Row;
use crate::import::{Context, Outcome, people, values};
use crate::msg;
use async_graphql::ID;
use chrono::Duration;
use entity::{ParticipationStatus, event, participation};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

pub const FIELDS: &[Field] = &[
    people::VOLUNTEER_ID,
    people::IIN,
    people::FULL_NAME,
    people::BIRTH_DATE,
    Field {
        name: "eventId",
        required: false,
        headings: &["Іс-шара нөмірі", "Номер мероприятия", "Event id"],
    },
    Field {
        name: "eventTitle",
        required: false,
        headings: &[
            "Іс-шара",
            "Іс-шараның атауы",
            "Мероприятие",
            "Название мероприятия",
            "Event",
        ],
    },
    Field {
        name: "eventDate",
        required: false,
        headings: &[
            "Іс-шара күні",
            "Күні",
            "Дата мероприятия",
            "Дата",
            "Event date",
            "Date",
        ],
    },
    Field {
        name: "hours",
        required: false,
        headings: &["Сағат", "Сағат саны", "Часы", "Количество часов", "Hours"],
    },
    Field {
        name: "minutes",
        required: false,
        headings: &["Минут", "Минуты", "Minutes"],
    },
];

pub async fn row(w: &mut Write, cx: &Context, row: &Row) -> DomainResult<Outcome> {
    let volunteer_id = people::identify(w, cx, row).await?;
    let event_id = event_of(w, cx, row).await?;
    let minutes = minutes(cx, row)?;
    let existing = participation::Entity::find()
        .filter(participation::Column::VolunteerId.eq(volunteer_id))
        .filter(participation::Column::EventId.eq(event_id))
        .one(&w.tx)
        .await?;
    if let Some(p) = &existing
        && p.status != ParticipationStatus::Cancelled
        && (minutes.is_none() || p.minutes == minutes)
    {
        return match cx.created_by("participation", p.id) {
            Some(first) => Err(DomainError::conflict(msg!(
                "import-row-repeated",
                row = first
            ))),
            None => Ok(Outcome::Existing),
        };
    }
    let id = match minutes {
        Some(minutes) => {
            participations::import_attended(w, volunteer_id, event_id, minutes).await?
        }
        None => participations::register(w, volunteer_id, event_id).await?,
    };
    Ok(Outcome::Created {
        entity: "participation",
        id,
    })
}

/// Minutes from the `minutes` column, else from decimal `hours`, rounded
/// to the minute.
fn minutes(cx: &Context, row: &Row) -> DomainResult<Option<i32>> {
    let out_of_range = |field: &str| {
        DomainError::validation(
            format!("input.{field}"),
            msg!("minutes-range", max = participations::DAY_MINUTES),
        )
    };
    if let Some(m) = values::integer(cx, row, "minutes")? {
        return i32::try_from(m)
            .map(Some)
            .map_err(|_| out_of_range("minutes"));
    }
    match values::number(cx, row, "hours")? {
        None => Ok(None),
        Some(h) if (0.0..=24.0).contains(&h) => Ok(Some((h * 60.0).round() as i32)),
        Some(_) => Err(out_of_range("hours")),
    }
}

/// The event a row names: by id (a number or a global id), else the one
/// event with that title starting on that date.
async fn event_of(w: &Write, cx: &Context, row: &Row) -> DomainResult<i64> {
    if let Some(text) = values::optional(cx, row, "eventId") {
        return match text.parse::<i64>() {
            Ok(n) => Ok(n),
            Err(_) => ids::decode_int(&ID(text), NodeType::Event, "input.eventId"),
        };
    }
    let title = values::required(cx, row, "eventTitle")?;
    let on = values::required_date(cx, row, "eventDate")?;
    let start = kz_day_start(on);
    let found: Vec<i64> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::SearchTitle.eq(search::fold(&title)))
        .filter(event::Column::StartsAt.gte(start))
        .filter(event::Column::StartsAt.lt(start + Duration::days(1)))
        .into_tuple()
        .all(&w.tx)
        .await?;
    match found.as_slice() {
        [id] => Ok(*id),
        [] => Err(DomainError::NotFound {
            message: msg!("import-no-such-event"),
        }),
        _ => Err(DomainError::conflict(msg!("import-event-ambiguous"))),
    }
}
