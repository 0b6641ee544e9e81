//! A file of families: one member per row — the family's name and region,
//! the volunteer (by id, IIN, or full name and birth date) and its role.
//! The first row of a family not yet in the region creates it; the rest
//! add members, under the rules of `addFamilyMember`.

use crate::domain::error::{DomainError, DomainResult};
use crate::domain::families;
use crate::domain::search;
use crate::domain::write::Write;
use crate::import::headings::Field;
use crate::import::source::Row;
use crate::import::{Context, Outcome, people, values};
use crate::msg;
use entity::{FamilyRole, family, family_member};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub const FIELDS: &[Field] = &[
    Field {
        name: "familyName",
        required: true,
        headings: &[
            "Отбасы",
            "Отбасының атауы",
            "Семья",
            "Название семьи",
            "Family",
            "Family name",
        ],
    },
    Field {
        name: "regionCode",
        required: false,
        headings: &["Өңір", "Аймақ", "Облыс", "Регион", "Область", "Region"],
    },
    Field {
        name: "role",
        required: true,
        headings: &["Рөлі", "Роль", "Role"],
    },
    people::VOLUNTEER_ID,
    people::IIN,
    people::FULL_NAME,
    people::BIRTH_DATE,
];

pub async fn row(w: &mut Write, cx: &mut Context, row: &Row) -> DomainResult<Outcome> {
    let name = values::required(cx, row, "familyName")?;
    let region_code = values::region(cx, row, "regionCode")?;
    let role = values::label(cx, row, "role", "FamilyRole", FamilyRole::try_from_str)?
        .ok_or_else(|| DomainError::validation("input.role", msg!("is-required")))?;
    let volunteer_id = people::identify(w, cx, row).await?;
    // A region's families are read once per file, by folded name; the
    // ones this file creates join them once their row is kept.
    if !cx.families.contains_key(&region_code) {
        let known = family::Entity::find()
            .filter(family::Column::RegionCode.eq(&region_code))
            .all(&w.tx)
            .await?
            .into_iter()
            .map(|f| (search::fold(&f.name), f.id))
            .collect();
        cx.families.insert(region_code.clone(), known);
    }
    let folded = search::fold(&name);
    let found = cx
        .families
        .get(&region_code)
        .and_then(|f| f.get(&folded))
        .copied();
    let family_id = match found {
        Some(id) => id,
        None => families::create(w, &name, &region_code).await?,
    };
    if let Some(member) = family_member::Entity::find_by_id(volunteer_id)
        .one(&w.tx)
        .await?
        && member.family_id == family_id
        && member.role == role
    {
        return Ok(Outcome::Existing);
    }
    families::add_member(w, family_id, volunteer_id, role).await?;
    if let Some(known) = cx.families.get_mut(&region_code) {
        known.insert(folded, family_id);
    }
    Ok(Outcome::Created {
        entity: "family_member",
        id: volunteer_id,
    })
}
