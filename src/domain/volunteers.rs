//! Registering volunteers and keeping their records: names, contacts,
//! tags, IIN, guardian and consents.

use crate::domain::access;
use crate::domain::changes::Subject;
use crate::domain::collation;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::guardianship::{self, ADULT};
use crate::domain::iin::Iin;
use crate::domain::lookup;
use crate::domain::search::search_key;
use crate::domain::time::age_on;
use crate::domain::validate;
use crate::domain::write::Write;
use crate::msg;
use chrono::NaiveDate;
use entity::{
    FamilyRole, TagKind, VolunteerStatus, family, family_member, volunteer, volunteer_tag,
};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Set,
};

const NAME_MAX: usize = 200;

/// A legal representative of a minor who is not a volunteer.
#[derive(Clone, Debug)]
pub struct LegalGuardian {
    pub name: String,
    pub consent_on: NaiveDate,
}

/// What `register` needs.
#[derive(Clone, Debug, Default)]
pub struct NewVolunteer {
    pub full_name: String,
    pub latin_name: Option<String>,
    pub birth_date: NaiveDate,
    pub region_code: String,
    pub registered_on: Option<NaiveDate>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub iin: Option<String>,
    pub skills: Vec<String>,
    pub languages: Vec<String>,
    pub guardian: Option<LegalGuardian>,
    pub unaccompanied_consent_on: Option<NaiveDate>,
    /// Join this family at once, in this role (how a child is registered
    /// under a parent already in the register).
    pub family: Option<(i64, FamilyRole)>,
    /// A sign-up: PENDING until a coordinator confirms it, which is when
    /// the guardian rule is checked (`sign_up::confirm`).
    pub pending: bool,
}

/// Register a volunteer; returns the new id.
pub async fn register(w: &mut Write, input: NewVolunteer) -> DomainResult<i64> {
    let region_code = lookup::region_code(&w.tx, &input.region_code, "input.regionCode").await?;
    let checked = check(w, input, region_code)?;
    if let Some(hash) = checked.iin_hash()
        && !iin_holders(&w.tx, &[hash.to_owned()]).await?.is_empty()
    {
        return Err(DomainError::conflict_on(
            "input.iin",
            msg!("iin-registered"),
        ));
    }
    let family = checked.family;
    let rows = insert(w, vec![checked]).await?;
    let Some(row) = rows.into_iter().next() else {
        return Err(DomainError::internal(
            "registering a volunteer",
            "the insert returned no row",
        ));
    };
    if let Some((family_id, role)) = family {
        lookup::get::<family::Entity>(&w.tx, family_id, "family").await?;
        family_member::ActiveModel {
            volunteer_id: Set(row.id),
            family_id: Set(family_id),
            role: Set(role),
            joined_on: Set(row.registered_on),
        }
        .insert(&w.tx)
        .await?;
        if row.status == VolunteerStatus::Active {
            guardianship::ensure_guardian(&w.tx, &row, row.registered_on).await?;
        }
    }
    Ok(row.id)
}

/// A new volunteer that has passed every rule that needs no database: the
/// row `register` inserts, or one of the many an import inserts at once.
pub struct Checked {
    row: volunteer::ActiveModel,
    skills: Vec<String>,
    languages: Vec<String>,
    family: Option<(i64, FamilyRole)>,
}

impl Checked {
    /// The keyed hash of the IIN given, which nobody else may hold.
    pub fn iin_hash(&self) -> Option<&str> {
        self.row.iin_hash.try_as_ref()?.as_deref()
    }
}

/// `input` checked against the rules of registering, its region being
/// `region_code`, a region of the register. Someone registered in no
/// family is checked against the guardian rule here; in a family, by
/// `register` once the family is joined.
pub fn check(w: &Write, input: NewVolunteer, region_code: String) -> DomainResult<Checked> {
    let today = w.today();
    let full_name = validate::text("input.fullName", &input.full_name, NAME_MAX)?;
    let latin_name =
        validate::optional_text("input.latinName", input.latin_name.as_deref(), NAME_MAX)?;
    let birth_date = validate::birth_date("input.birthDate", input.birth_date, today)?;
    let registered_on = validate::not_future(
        "input.registeredOn",
        input.registered_on.unwrap_or(today),
        today,
    )?;
    check_min_age(birth_date, registered_on, w.rules.min_age)?;
    // A sign-up is its own gate (`sign_up`): anyone may sign up.
    if !input.pending {
        access::ensure_coordinates(w.caller(), &region_code, msg!("to-register-volunteers"))?;
    }
    let phone = input
        .phone
        .as_deref()
        .map(|p| validate::phone("input.phone", p))
        .transpose()?;
    let email = input
        .email
        .as_deref()
        .map(|e| validate::email("input.email", e))
        .transpose()?;
    let skills = validate::tags("input.skills", &input.skills)?;
    let languages = validate::tags("input.languages", &input.languages)?;
    let guardian = legal_guardian("input.guardian", input.guardian, birth_date, today)?;
    let iin_hash = input
        .iin
        .as_deref()
        .map(|text| {
            Iin::parse(text, birth_date, "input.iin").map(|iin| iin.keyed_hash(&w.rules.secret))
        })
        .transpose()?;
    let consent_on = guardian.as_ref().map(|g| g.consent_on);
    if input.family.is_none() && !input.pending {
        guardianship::check_without_family_guardian(birth_date, consent_on, registered_on)?;
    }
    let status = if input.pending {
        VolunteerStatus::Pending
    } else {
        VolunteerStatus::Active
    };
    let search_name = search_key(&full_name, latin_name.as_deref());
    let name_sort_key = collation::sort_key(Some(&full_name));
    let row = volunteer::ActiveModel {
        full_name: Set(Some(full_name)),
        latin_name: Set(latin_name),
        search_name: Set(Some(search_name)),
        name_sort_key: Set(Some(name_sort_key)),
        birth_date: Set(birth_date),
        region_code: Set(region_code),
        registered_on: Set(registered_on),
        phone: Set(phone),
        email: Set(email),
        iin_hash: Set(iin_hash),
        guardian_name: Set(guardian.map(|g| g.name)),
        guardian_consent_on: Set(consent_on),
        unaccompanied_consent_on: Set(input.unaccompanied_consent_on),
        erased_at: Set(None),
        status: Set(status),
        created_at: Set(w.now),
        updated_at: Set(w.now),
        ..Default::default()
    };
    Ok(Checked {
        row,
        skills,
        languages,
        family: input.family,
    })
}

/// Of the IIN hashes `hashes`, those a volunteer holds, with its id.
pub async fn iin_holders(
    db: &impl ConnectionTrait,
    hashes: &[String],
) -> DomainResult<Vec<(i64, String)>> {
    if hashes.is_empty() {
        return Ok(Vec::new());
    }
    Ok(volunteer::Entity::find()
        .select_only()
        .column(volunteer::Column::Id)
        .column(volunteer::Column::IinHash)
        .filter(volunteer::Column::IinHash.is_in(hashes.iter().cloned()))
        .into_tuple()
        .all(db)
        .await?)
}

/// Insert `checked` volunteers with their skills and languages, each with
/// its audit entry and change, in a statement per table; the rows, in the
/// order given.
pub async fn insert(w: &mut Write, checked: Vec<Checked>) -> DomainResult<Vec<volunteer::Model>> {
    if checked.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = volunteer::Entity::insert_many(checked.iter().map(|c| c.row.clone()))
        .exec_with_returning(&w.tx)
        .await?;
    // RETURNING promises no order; ids are handed out in the order of the
    // rows inserted, so the order of ids is the order given.
    rows.sort_unstable_by_key(|row| row.id);
    if rows.len() != checked.len() {
        return Err(DomainError::internal(
            "registering volunteers",
            format!("{} inserted, {} returned", checked.len(), rows.len()),
        ));
    }
    let tags: Vec<volunteer_tag::ActiveModel> = rows
        .iter()
        .zip(&checked)
        .flat_map(|(row, c)| {
            let skills = c.skills.iter().map(|t| (TagKind::Skill, t));
            let languages = c.languages.iter().map(|t| (TagKind::Language, t));
            skills
                .chain(languages)
                .map(|(kind, tag)| volunteer_tag::ActiveModel {
                    volunteer_id: Set(row.id),
                    kind: Set(kind),
                    tag: Set(tag.clone()),
                })
        })
        .collect();
    if !tags.is_empty() {
        volunteer_tag::Entity::insert_many(tags).exec(&w.tx).await?;
    }
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    w.record_many(Subject::Volunteer, "Volunteer", &ids).await?;
    Ok(rows)
}

/// Changes to a volunteer's record; `None` leaves a field as it is, and for
/// optional fields `Some(None)` clears it.
#[derive(Clone, Debug, Default)]
pub struct VolunteerChanges {
    pub full_name: Option<String>,
    pub latin_name: Option<Option<String>>,
    pub region_code: Option<String>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub skills: Option<Vec<String>>,
    pub languages: Option<Vec<String>>,
}

/// A volunteer that exists and is not erased, locked for the write.
pub async fn active(db: &impl ConnectionTrait, id: i64) -> DomainResult<volunteer::Model> {
    let v = lookup::locked::<volunteer::Entity>(db, id, "volunteer").await?;
    if v.erased_at.is_some() {
        return Err(DomainError::not_found("volunteer"));
    }
    Ok(v)
}

/// Refuse a volunteer still PENDING (signed up, not yet confirmed by a
/// coordinator): it takes part in nothing until it is in the register.
pub fn ensure_confirmed(v: &volunteer::Model) -> DomainResult<()> {
    if v.status == VolunteerStatus::Pending {
        return Err(DomainError::invalid_state(msg!("volunteer-pending")));
    }
    Ok(())
}

pub async fn update(w: &mut Write, id: i64, changes: VolunteerChanges) -> DomainResult<i64> {
    let v = active(&w.tx, id).await?;
    access::ensure_person(w, &v, msg!("to-change-this-volunteer-record")).await?;
    let mut row: volunteer::ActiveModel = v.clone().into();
    let full_name = match &changes.full_name {
        Some(name) => validate::text("input.fullName", name, NAME_MAX)?,
        None => v.full_name.clone().unwrap_or_default(),
    };
    let latin_name = match &changes.latin_name {
        Some(name) => validate::optional_text("input.latinName", name.as_deref(), NAME_MAX)?,
        None => v.latin_name.clone(),
    };
    row.search_name = Set(Some(search_key(&full_name, latin_name.as_deref())));
    row.name_sort_key = Set(Some(collation::sort_key(Some(&full_name))));
    row.full_name = Set(Some(full_name));
    row.latin_name = Set(latin_name);
    if let Some(code) = &changes.region_code {
        let code = lookup::region_code(&w.tx, code, "input.regionCode").await?;
        if !access::speaks_for(w, &v).await? {
            access::ensure_coordinates(w.caller(), &code, msg!("to-move-volunteers"))?;
        }
        row.region_code = Set(code);
    }
    if let Some(phone) = &changes.phone {
        row.phone = Set(phone
            .as_deref()
            .map(|p| validate::phone("input.phone", p))
            .transpose()?);
    }
    if let Some(email) = &changes.email {
        row.email = Set(email
            .as_deref()
            .map(|e| validate::email("input.email", e))
            .transpose()?);
    }
    if let Some(skills) = &changes.skills {
        let skills = validate::tags("input.skills", skills)?;
        replace_tags(&w.tx, id, TagKind::Skill, &skills).await?;
    }
    if let Some(languages) = &changes.languages {
        let languages = validate::tags("input.languages", languages)?;
        replace_tags(&w.tx, id, TagKind::Language, &languages).await?;
    }
    row.updated_at = Set(w.now);
    row.update(&w.tx).await?;
    w.record(Subject::Volunteer, "Volunteer", id, None).await?;
    Ok(id)
}

/// Set or clear a minor's legal representative and the written consent to
/// attend unaccompanied. Clearing is refused while it would leave a minor
/// without any guardian.
pub async fn set_guardian(
    w: &mut Write,
    id: i64,
    guardian: Option<LegalGuardian>,
    unaccompanied_consent_on: Option<NaiveDate>,
) -> DomainResult<i64> {
    let today = w.today();
    let v = active(&w.tx, id).await?;
    access::ensure_person(w, &v, msg!("to-change-this-volunteer-guardian-or-consent")).await?;
    let guardian = legal_guardian("input.guardian", guardian, v.birth_date, today)?;
    if let Some(on) = unaccompanied_consent_on {
        validate::not_future("input.unaccompaniedConsentOn", on, today)?;
    }
    let mut row: volunteer::ActiveModel = v.clone().into();
    row.guardian_name = Set(guardian.as_ref().map(|g| g.name.clone()));
    row.guardian_consent_on = Set(guardian.as_ref().map(|g| g.consent_on));
    row.unaccompanied_consent_on = Set(unaccompanied_consent_on);
    row.updated_at = Set(w.now);
    let updated = row.update(&w.tx).await?;
    guardianship::ensure_guardian(&w.tx, &updated, today).await?;
    let detail = serde_json::json!({
        "guardianOnRecord": guardian.is_some(),
        "unaccompaniedConsent": unaccompanied_consent_on.is_some(),
        "adult": age_on(v.birth_date, today) >= ADULT,
    });
    w.record(Subject::Volunteer, "Volunteer", id, Some(detail))
        .await?;
    Ok(id)
}

/// Refuse someone younger than `min_age` on the registration date.
pub(crate) fn check_min_age(
    birth_date: NaiveDate,
    registered_on: NaiveDate,
    min_age: i32,
) -> DomainResult<()> {
    let age = age_on(birth_date, registered_on);
    if age < min_age {
        return Err(DomainError::age_restricted(
            "input.birthDate",
            msg!("below-minimum-age", min_age = min_age, age = age),
        ));
    }
    Ok(())
}

pub(crate) fn legal_guardian(
    field: &str,
    guardian: Option<LegalGuardian>,
    birth_date: NaiveDate,
    today: NaiveDate,
) -> DomainResult<Option<LegalGuardian>> {
    let Some(g) = guardian else { return Ok(None) };
    let name = validate::text(&format!("{field}.name"), &g.name, NAME_MAX)?;
    let consent_on = validate::not_future(&format!("{field}.consentOn"), g.consent_on, today)?;
    if consent_on < birth_date {
        return Err(DomainError::validation(
            format!("{field}.consentOn"),
            msg!("consent-before-birth"),
        ));
    }
    Ok(Some(LegalGuardian { name, consent_on }))
}

async fn replace_tags(
    db: &impl ConnectionTrait,
    volunteer_id: i64,
    kind: TagKind,
    tags: &[String],
) -> DomainResult<()> {
    volunteer_tag::Entity::delete_many()
        .filter(volunteer_tag::Column::VolunteerId.eq(volunteer_id))
        .filter(volunteer_tag::Column::Kind.eq(kind))
        .exec(db)
        .await?;
    if tags.is_empty() {
        return Ok(());
    }
    volunteer_tag::Entity::insert_many(tags.iter().map(|tag| volunteer_tag::ActiveModel {
        volunteer_id: Set(volunteer_id),
        kind: Set(kind),
        tag: Set(tag.clone()),
    }))
    .exec(db)
    .await?;
    Ok(())
}

/// Erase a volunteer's personal data, irreversibly: names, contacts, IIN
/// hash, guardian and consents, skills and languages go; the record, its
/// participations and hours, its family membership and its birth date stay,
/// so every statistic (ages and age groups included) is unchanged. The
/// birth date is never shown again, to anyone; the volunteer can no longer
/// be found by name or IIN, and its account is disabled and renamed; its
/// audit entries and an all-erased family's name are cleared too
/// (`erasure`). Admins, the
/// volunteer itself and the guardian of a minor may erase.
pub async fn erase(w: &mut Write, id: i64) -> DomainResult<i64> {
    let v = active(&w.tx, id).await?;
    if !(w.caller().is_admin() || access::speaks_for(w, &v).await?) {
        return Err(DomainError::forbidden(msg!("erase-forbidden")));
    }
    erase_record(w, v).await
}

/// Erase `v` (see `erase`), whoever may.
pub(crate) async fn erase_record(w: &mut Write, v: volunteer::Model) -> DomainResult<i64> {
    let id = v.id;
    let mut row: volunteer::ActiveModel = v.into();
    row.full_name = Set(None);
    row.latin_name = Set(None);
    row.search_name = Set(None);
    row.name_sort_key = Set(Some(collation::sort_key(None)));
    row.phone = Set(None);
    row.email = Set(None);
    row.iin_hash = Set(None);
    row.guardian_name = Set(None);
    row.guardian_consent_on = Set(None);
    row.unaccompanied_consent_on = Set(None);
    row.erased_at = Set(Some(w.now));
    row.updated_at = Set(w.now);
    row.update(&w.tx).await?;
    volunteer_tag::Entity::delete_many()
        .filter(volunteer_tag::Column::VolunteerId.eq(id))
        .exec(&w.tx)
        .await?;
    entity::account::Entity::update_many()
        .col_expr(
            entity::account::Column::DisabledAt,
            sea_orm::sea_query::Expr::value(w.now),
        )
        .filter(entity::account::Column::VolunteerId.eq(id))
        .exec(&w.tx)
        .await?;
    let accounts: Vec<i64> = entity::account::Entity::find()
        .select_only()
        .column(entity::account::Column::Id)
        .filter(entity::account::Column::VolunteerId.eq(id))
        .into_tuple()
        .all(&w.tx)
        .await?;
    for account in accounts {
        crate::domain::accounts::revoke_tokens(w, account).await?;
    }
    crate::domain::erasure::erase_traces(w, id).await?;
    w.record(Subject::Volunteer, "Volunteer", id, None).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_volunteer_registers_from_the_seventh_birthday() {
        let birth = d(2019, 6, 15);
        let refused = check_min_age(birth, d(2026, 6, 14), 7).err();
        assert_eq!(refused.map(|e| e.code().as_str()), Some("AGE_RESTRICTED"));
        assert!(check_min_age(birth, d(2026, 6, 15), 7).is_ok());
    }
}
