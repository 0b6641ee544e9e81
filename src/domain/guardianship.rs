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
use crate::i18n::Arg;
use crate::msg;
use chrono::NaiveDate;
use entity::{FamilyRole, ParticipationStatus, event, family_member, participation, volunteer};
use sea_orm::sea_query::Query;
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
    let family = Query::select()
        .column(family_member::Column::FamilyId)
        .from(family_member::Entity)
        .and_where(family_member::Column::VolunteerId.eq(volunteer_id))
        .to_owned();
    let adults = volunteer::Entity::find()
        .inner_join(family_member::Entity)
        .filter(family_member::Column::FamilyId.in_subquery(family))
        .filter(family_member::Column::Role.eq(FamilyRole::Guardian))
        .filter(volunteer::Column::Id.ne(volunteer_id))
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
    if !needs_family_guardian(v.birth_date, v.guardian_consent_on, on) {
        return Ok(());
    }
    check_guardian(v, on, &family_guardians(db, v.id, on).await?)
}

/// Whether only an adult GUARDIAN of the family can stand on `on` for
/// someone born on `birth_date`: a minor with no legal representative's
/// consent on record.
fn needs_family_guardian(
    birth_date: NaiveDate,
    guardian_consent_on: Option<NaiveDate>,
    on: NaiveDate,
) -> bool {
    age_on(birth_date, on) < ADULT && guardian_consent_on.is_none()
}

/// The guardian rule for someone without an adult family guardian, as
/// everyone new to the register outside a family is.
pub fn check_without_family_guardian(
    birth_date: NaiveDate,
    guardian_consent_on: Option<NaiveDate>,
    on: NaiveDate,
) -> DomainResult<()> {
    if needs_family_guardian(birth_date, guardian_consent_on, on) {
        return Err(DomainError::guardian_required(msg!("guardian-needed")));
    }
    Ok(())
}

/// The guardian rule on `on`, given the adult GUARDIAN members of `v`'s
/// family.
pub fn check_guardian(
    v: &volunteer::Model,
    on: NaiveDate,
    family_guardians: &[i64],
) -> DomainResult<()> {
    if family_guardians.is_empty() {
        return check_without_family_guardian(v.birth_date, v.guardian_consent_on, on);
    }
    Ok(())
}

/// Refuse a minor on an event closed to minors.
pub fn ensure_open_to(v: &volunteer::Model, e: &event::Model, field: &str) -> DomainResult<()> {
    let age = age_on(v.birth_date, kz_date(e.starts_at));
    if age < ADULT && (e.activity_type.is_adults_only() || e.hazardous) {
        return Err(DomainError::age_restricted(
            field,
            if e.hazardous {
                msg!("minors-no-hazardous-work", age = age)
            } else {
                msg!(
                    "minors-not-in-activity",
                    activity = Arg::label("ActivityType", e.activity_type.as_str()),
                    age = age
                )
            },
        ));
    }
    Ok(())
}

/// Whether `v` attends an event on `on` only in a guardian's company: a
/// child under 14 without written consent to attend unaccompanied.
fn needs_company(v: &volunteer::Model, on: NaiveDate) -> bool {
    age_on(v.birth_date, on) < UNACCOMPANIED && v.unaccompanied_consent_on.is_none()
}

/// The company rule on `on`, given whether a family guardian attends the
/// same event.
pub fn check_company(
    v: &volunteer::Model,
    on: NaiveDate,
    guardian_attends: bool,
) -> DomainResult<()> {
    if needs_company(v, on) && !guardian_attends {
        return Err(DomainError::guardian_required(msg!(
            "child-needs-guardian-present"
        )));
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
    if !needs_company(v, on) {
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
    check_company(v, on, attending.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, TimeZone, Utc};
    use entity::{ActivityType, EventKind, EventLevel, EventStatus};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn at(date: NaiveDate) -> DateTime<Utc> {
        // Noon in Astana, well inside the day.
        Utc.from_utc_datetime(&date.and_hms_opt(7, 0, 0).unwrap())
    }

    /// A volunteer born on 15 June 2012 with no consents on record.
    fn child() -> volunteer::Model {
        volunteer::Model {
            id: 7,
            full_name: Some("Әлихан Серікұлы".into()),
            latin_name: None,
            search_name: None,
            name_sort_key: None,
            birth_date: d(2012, 6, 15),
            region_code: "AST".into(),
            registered_on: d(2020, 1, 10),
            phone: None,
            email: None,
            iin_hash: None,
            guardian_name: None,
            guardian_consent_on: None,
            unaccompanied_consent_on: None,
            erased_at: None,
            status: entity::VolunteerStatus::Active,
            created_at: at(d(2020, 1, 10)),
            updated_at: at(d(2020, 1, 10)),
        }
    }

    fn event_on(date: NaiveDate, activity: ActivityType, hazardous: bool) -> event::Model {
        event::Model {
            id: 3,
            title: "Сенбілік".into(),
            kind: EventKind::Action,
            level: EventLevel::Regional,
            activity_type: activity,
            hazardous,
            project_id: None,
            region_code: "AST".into(),
            starts_at: at(date),
            ends_at: at(date) + chrono::Duration::hours(3),
            capacity: None,
            status: EventStatus::Planned,
            search_title: None,
        }
    }

    fn code(result: DomainResult<()>) -> Option<&'static str> {
        result.err().map(|e| e.code().as_str())
    }

    #[test]
    fn a_minor_needs_a_guardian_until_the_eighteenth_birthday() {
        let v = child();
        let eve = d(2030, 6, 14);
        let birthday = d(2030, 6, 15);
        assert_eq!(
            code(check_guardian(&v, eve, &[])),
            Some("GUARDIAN_REQUIRED")
        );
        assert_eq!(code(check_guardian(&v, birthday, &[])), None);
    }

    #[test]
    fn a_family_guardian_or_a_legal_representative_stands_for_a_minor() {
        let v = child();
        let on = d(2025, 9, 1);
        assert_eq!(code(check_guardian(&v, on, &[12])), None);
        let represented = volunteer::Model {
            guardian_name: Some("Серік Әлиев".into()),
            guardian_consent_on: Some(d(2020, 1, 10)),
            ..child()
        };
        assert_eq!(code(check_guardian(&represented, on, &[])), None);
    }

    #[test]
    fn a_child_needs_company_until_the_fourteenth_birthday() {
        let v = child();
        let eve = d(2026, 6, 14);
        let birthday = d(2026, 6, 15);
        assert_eq!(
            code(check_company(&v, eve, false)),
            Some("GUARDIAN_REQUIRED")
        );
        assert_eq!(code(check_company(&v, eve, true)), None);
        assert_eq!(code(check_company(&v, birthday, false)), None);
    }

    #[test]
    fn written_consent_lets_a_child_attend_unaccompanied() {
        let v = volunteer::Model {
            unaccompanied_consent_on: Some(d(2024, 5, 1)),
            ..child()
        };
        assert_eq!(code(check_company(&v, d(2024, 9, 1), false)), None);
    }

    #[test]
    fn events_closed_to_minors_open_on_the_eighteenth_birthday() {
        let v = child();
        for (activity, hazardous) in [
            (ActivityType::EmergencyResponse, false),
            (ActivityType::Environment, true),
        ] {
            let eve = event_on(d(2030, 6, 14), activity, hazardous);
            let birthday = event_on(d(2030, 6, 15), activity, hazardous);
            assert_eq!(
                code(ensure_open_to(&v, &eve, "input.eventId")),
                Some("AGE_RESTRICTED")
            );
            assert_eq!(code(ensure_open_to(&v, &birthday, "input.eventId")), None);
        }
        let open = event_on(d(2025, 9, 1), ActivityType::Environment, false);
        assert_eq!(code(ensure_open_to(&v, &open, "input.eventId")), None);
    }
}
