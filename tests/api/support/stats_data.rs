//! A register with known statistical answers, written straight to the
//! database, built around the edges of the definitions: ages on the
//! boundary of age groups, participations on 31 December and 1 January,
//! an event starting just after midnight in Kazakhstan (still the previous
//! day in UTC), a cancelled event, a family with one attending member, an
//! exchange spanning two years, an erased volunteer.
//!
//! Volunteers (home region, born, registered):
//!   v1 KZ-71 2010-12-31 2023-01-01   family F
//!   v2 KZ-71 2006-06-15 2024-03-01   family F
//!   v3 KZ-75 1959-01-01 2022-05-05
//!   v4 KZ-75 1990-01-01 2024-12-31
//!   v5 KZ-79 1980-05-05 2025-01-01
//!   v6 KZ-71 1985-01-01 2020-01-01   erased, family F
//! Events (kind, level, region, project, KZ start, status):
//!   e1 RAID  REGIONAL      KZ-71 P 2024-12-31 00:30 completed
//!   e2 ACTION REPUBLICAN   KZ-75 - 2025-01-01 10:00 completed
//!   e3 EVENT INTERNATIONAL KZ-71 - 2024-06-15 10:00 cancelled
//!   e4 EVENT REGIONAL      KZ-71 P 2024-06-15 10:00 completed
//!   e5 RAID  REGIONAL      KZ-75 - 2023-06-01 10:00 completed
//! Participations (volunteer@event status minutes day verified):
//!   v1@e1 ATTENDED 120 2024-12-31 yes   v1@e4 ATTENDED 60 2024-06-15
//!   v2@e1 ATTENDED 180 2024-12-31       v2@e4 REGISTERED   2024-06-15
//!   v2@e3 ATTENDED 100 2024-06-15 (cancelled event)
//!   v3@e2 ATTENDED 240 2025-01-01       v3@e5 ATTENDED 300 2023-06-01
//!   v3@e4 ATTENDED  90 2024-06-15       v4@e2 ATTENDED 60 2025-01-01 yes
//!   v4@e1 NO_SHOW      2024-12-31
//! Beneficiaries: e1 VETERAN 3, ELDERLY 2; e2 VETERAN 4; e3 VETERAN 10.
//! Exchanges: x1 OUTBOUND DE 2024-12-28..2025-01-05 with v2, v3;
//!   x2 INBOUND TR 2024-07-01..07-10, event e4, 12 foreign, with v3;
//!   x3 INBOUND TR 2023-01-01..01-05, 5 foreign.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, DatabaseConnection, NotSet};

pub struct StatsData {
    pub project: i64,
    /// v2's registration at e4 (REGISTERED, no hours yet).
    pub open_registration: i64,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a date")
}

fn kz(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("an instant")
        - chrono::Duration::hours(5)
}

pub async fn load(db: &DatabaseConnection) -> StatsData {
    let now = Utc::now();
    let office = front_office::ActiveModel {
        id: NotSet,
        kind: Set(FrontOfficeKind::Republican),
        region_code: Set(None),
        name: Set("Республикалық".into()),
        opened_on: Set(day(2015, 1, 1)),
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let project = project::ActiveModel {
        id: NotSet,
        name: Set("Жеңіс".into()),
        description: Set(None),
        started_on: Set(day(2015, 5, 9)),
        owner_front_office_id: Set(office),
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    let mut v = Vec::new();
    for (i, (region, born, registered, erased)) in [
        ("KZ-71", day(2010, 12, 31), day(2023, 1, 1), false),
        ("KZ-71", day(2006, 6, 15), day(2024, 3, 1), false),
        ("KZ-75", day(1959, 1, 1), day(2022, 5, 5), false),
        ("KZ-75", day(1990, 1, 1), day(2024, 12, 31), false),
        ("KZ-79", day(1980, 5, 5), day(2025, 1, 1), false),
        ("KZ-71", day(1985, 1, 1), day(2020, 1, 1), true),
    ]
    .into_iter()
    .enumerate()
    {
        let name = (!erased).then(|| format!("Ерікті {}", i + 1));
        v.push(
            volunteer::ActiveModel {
                id: NotSet,
                search_name: Set(name.clone()),
                name_sort_key: Set(Some(frontoffice::domain::collation::sort_key(
                    name.as_deref(),
                ))),
                full_name: Set(name),
                latin_name: Set(None),
                birth_date: Set(born),
                region_code: Set(region.into()),
                registered_on: Set(registered),
                phone: Set(None),
                email: Set(None),
                iin_hash: Set(None),
                guardian_name: Set(None),
                guardian_consent_on: Set(None),
                unaccompanied_consent_on: Set(None),
                erased_at: Set(erased.then_some(now)),
                status: Set(entity::VolunteerStatus::Active),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await
            .unwrap()
            .id,
        );
    }
    let family = family::ActiveModel {
        id: NotSet,
        name: Set("F".into()),
        region_code: Set("KZ-71".into()),
        created_on: Set(day(2023, 1, 1)),
    }
    .insert(db)
    .await
    .unwrap()
    .id;
    for (member, role) in [
        (v[0], FamilyRole::Child),
        (v[1], FamilyRole::Guardian),
        (v[5], FamilyRole::Other),
    ] {
        family_member::ActiveModel {
            volunteer_id: Set(member),
            family_id: Set(family),
            role: Set(role),
            joined_on: Set(day(2023, 1, 1)),
        }
        .insert(db)
        .await
        .unwrap();
    }
    use EventKind::*;
    use EventLevel::*;
    let mut e = Vec::new();
    for (kind, level, region, with_project, start, status) in [
        (
            Raid,
            Regional,
            "KZ-71",
            true,
            kz(2024, 12, 31, 0, 30),
            EventStatus::Completed,
        ),
        (
            Action,
            Republican,
            "KZ-75",
            false,
            kz(2025, 1, 1, 10, 0),
            EventStatus::Completed,
        ),
        (
            Event,
            International,
            "KZ-71",
            false,
            kz(2024, 6, 15, 10, 0),
            EventStatus::Cancelled,
        ),
        (
            Event,
            Regional,
            "KZ-71",
            true,
            kz(2024, 6, 15, 10, 0),
            EventStatus::Completed,
        ),
        (
            Raid,
            Regional,
            "KZ-75",
            false,
            kz(2023, 6, 1, 10, 0),
            EventStatus::Completed,
        ),
    ] {
        e.push(
            event::ActiveModel {
                id: NotSet,
                title: Set(format!("{kind:?} {start}")),
                kind: Set(kind),
                level: Set(level),
                activity_type: Set(ActivityType::VeteranCare),
                hazardous: Set(false),
                project_id: Set(with_project.then_some(project)),
                region_code: Set(region.into()),
                starts_at: Set(start),
                ends_at: Set(start + chrono::Duration::hours(8)),
                capacity: Set(None),
                status: Set(status),
                search_title: Set(None),
            }
            .insert(db)
            .await
            .unwrap()
            .id,
        );
    }
    use ParticipationStatus::*;
    let mut open_registration = 0;
    for (who, at, status, minutes, on, verified) in [
        (0, 0, Attended, Some(120), day(2024, 12, 31), true),
        (0, 3, Attended, Some(60), day(2024, 6, 15), false),
        (1, 0, Attended, Some(180), day(2024, 12, 31), false),
        (1, 3, Registered, None, day(2024, 6, 15), false),
        (1, 2, Attended, Some(100), day(2024, 6, 15), false),
        (2, 1, Attended, Some(240), day(2025, 1, 1), false),
        (2, 4, Attended, Some(300), day(2023, 6, 1), false),
        (2, 3, Attended, Some(90), day(2024, 6, 15), false),
        (3, 1, Attended, Some(60), day(2025, 1, 1), true),
        (3, 0, NoShow, None, day(2024, 12, 31), false),
    ] {
        let id = participation::ActiveModel {
            id: NotSet,
            volunteer_id: Set(v[who]),
            event_id: Set(e[at]),
            status: Set(status),
            registered_at: Set(now),
            checked_in_at: Set(None),
            checked_out_at: Set(None),
            minutes: Set(minutes),
            minutes_source: Set(minutes.map(|_| entity::HoursSource::Coordinator)),
            on_date: Set(on),
            verified_at: Set(verified.then_some(now)),
            verified_by: Set(verified.then(|| "test".into())),
        }
        .insert(db)
        .await
        .unwrap()
        .id;
        if status == Registered {
            open_registration = id;
        }
    }
    for (at, category, count) in [
        (0, BeneficiaryCategory::Veteran, 3),
        (0, BeneficiaryCategory::Elderly, 2),
        (1, BeneficiaryCategory::Veteran, 4),
        (2, BeneficiaryCategory::Veteran, 10),
    ] {
        beneficiaries_served::ActiveModel {
            event_id: Set(e[at]),
            category: Set(category),
            count: Set(count),
        }
        .insert(db)
        .await
        .unwrap();
    }
    for (direction, country, event_id, from, to, foreign, people) in [
        (
            ExchangeDirection::Outbound,
            "DE",
            None,
            day(2024, 12, 28),
            day(2025, 1, 5),
            0,
            vec![v[1], v[2]],
        ),
        (
            ExchangeDirection::Inbound,
            "TR",
            Some(e[3]),
            day(2024, 7, 1),
            day(2024, 7, 10),
            12,
            vec![v[2]],
        ),
        (
            ExchangeDirection::Inbound,
            "TR",
            None,
            day(2023, 1, 1),
            day(2023, 1, 5),
            5,
            vec![],
        ),
    ] {
        let x = international_exchange::ActiveModel {
            id: NotSet,
            title: Set(format!("{country} {from}")),
            direction: Set(direction),
            country_code: Set(country.into()),
            organization_id: Set(None),
            event_id: Set(event_id),
            starts_on: Set(from),
            ends_on: Set(to),
            foreign_participants: Set(foreign),
        }
        .insert(db)
        .await
        .unwrap()
        .id;
        for person in people {
            exchange_participant::ActiveModel {
                exchange_id: Set(x),
                volunteer_id: Set(person),
            }
            .insert(db)
            .await
            .unwrap();
        }
    }
    // The minutes written above, in the hours ledger as the seeds write them.
    sea_orm::ConnectionTrait::execute_unprepared(db, frontoffice::domain::ledger::SEEDED_ENTRIES)
        .await
        .expect("ledger entries");
    StatsData {
        project,
        open_registration,
    }
}
