//! A file of events: one event per row, created as `createEvent` would.
//! An event with the same title, host region and start as one already
//! registered is that event (nothing to do).

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::events::{self, EventFields};
use crate::domain::search;
use crate::domain::write::Write;
use crate::import::headings::Field;
use crate::import::source::Row;
use crate::import::{Context, Outcome, values};
use crate::msg;
use entity::{ActivityType, EventKind, EventLevel, event};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

pub const FIELDS: &[Field] = &[
    Field {
        name: "title",
        required: true,
        headings: &[
            "Атауы",
            "Іс-шараның атауы",
            "Название",
            "Название мероприятия",
            "Title",
        ],
    },
    Field {
        name: "kind",
        required: true,
        headings: &["Түрі", "Вид", "Тип", "Kind"],
    },
    Field {
        name: "level",
        required: true,
        headings: &["Деңгейі", "Уровень", "Level"],
    },
    Field {
        name: "activityType",
        required: true,
        headings: &[
            "Қызмет түрі",
            "Бағыты",
            "Направление",
            "Вид деятельности",
            "Activity type",
        ],
    },
    Field {
        name: "regionCode",
        required: false,
        headings: &["Өңір", "Аймақ", "Облыс", "Регион", "Область", "Region"],
    },
    Field {
        name: "startsAt",
        required: true,
        headings: &[
            "Басталуы",
            "Басталу уақыты",
            "Начало",
            "Дата начала",
            "Starts at",
            "Start",
        ],
    },
    Field {
        name: "endsAt",
        required: true,
        headings: &[
            "Аяқталуы",
            "Аяқталу уақыты",
            "Окончание",
            "Дата окончания",
            "Ends at",
            "End",
        ],
    },
    Field {
        name: "capacity",
        required: false,
        headings: &["Орын саны", "Количество мест", "Capacity", "Places"],
    },
    Field {
        name: "projectId",
        required: false,
        headings: &["Жоба", "Проект", "Project"],
    },
];

pub async fn row(w: &mut Write, cx: &Context, row: &Row) -> DomainResult<Outcome> {
    let title = values::required(cx, row, "title")?;
    let region_code = values::region(cx, row, "regionCode")?;
    let starts_at = values::required_moment(cx, row, "startsAt")?;
    let ends_at = values::required_moment(cx, row, "endsAt")?;
    let same = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::SearchTitle.eq(search::fold(&title)))
        .filter(event::Column::RegionCode.eq(&region_code))
        .filter(event::Column::StartsAt.eq(starts_at))
        .into_tuple::<i64>()
        .one(&w.tx)
        .await?;
    if let Some(id) = same {
        return match cx.created_by("event", id) {
            Some(first) => Err(DomainError::conflict(msg!(
                "import-row-repeated",
                row = first
            ))),
            None => Ok(Outcome::Existing),
        };
    }
    let capacity = values::integer(cx, row, "capacity")?
        .map(|c| {
            i32::try_from(c).map_err(|_| {
                DomainError::validation("input.capacity", msg!("capacity-at-least-one"))
            })
        })
        .transpose()?;
    let fields = EventFields {
        title: Some(title),
        kind: values::label(cx, row, "kind", "EventKind", EventKind::try_from_str)?,
        level: values::label(cx, row, "level", "EventLevel", EventLevel::try_from_str)?,
        activity_type: values::label(
            cx,
            row,
            "activityType",
            "ActivityType",
            ActivityType::try_from_str,
        )?,
        hazardous: None,
        project_id: values::integer(cx, row, "projectId")?.map(Some),
        region_code: Some(region_code),
        starts_at: Some(starts_at),
        ends_at: Some(ends_at),
        capacity: capacity.map(Some),
    };
    let id = events::create(w, fields).await?;
    Ok(Outcome::Created {
        entity: "event",
        id,
    })
}
