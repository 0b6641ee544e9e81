//! A small data set with known answers, written straight to the database,
//! for tests that assert exact figures.
//!
//! Volunteers (home region, born, registered):
//!   1 Әлия Серікқызы (Aliya Serikkyzy)  KZ-71 2001-03-04 2020-01-10  first_aid; kk ru en
//!   2 Иван Петров                       KZ-71 1990-05-06 2021-02-01  driving; ru
//!   3 Қайрат Нұрланов                   KZ-75 2012-07-08 2022-03-01  child of family 1
//!   4 ҒАЛЫМ ӨМІРЗАҚОВ                   KZ-75 1975-01-01 2019-05-05  first_aid driving; kk — guardian of family 1
//!   5 Семён Ёлкин                       KZ-79 1950-12-31 2023-06-06  ru
//!   6 Үміт Ұланқызы                     KZ-75 2015-09-09 2023-01-01  child of family 1
//! Events: 1 raid «Жеңіс» KZ-71 2024-05-09 (completed), 2 action, project
//! «Таза», KZ-75 2024-06-01 (republican), 3 international event KZ-79
//! 2025-01-15 (cancelled), 4 raid «Жеңіс» KZ-75 2025-05-09.
//! Participations: 9 (see `load`). Exchanges: inbound from TR in July 2024,
//! outbound to DE over the new year 2024/25 with volunteers 1 and 2.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{ActiveModelTrait, DatabaseConnection, NotSet};

pub struct Known {
    pub volunteers: Vec<i64>,
    pub family: i64,
    pub projects: Vec<i64>,
    pub events: Vec<i64>,
    pub participations: Vec<i64>,
    pub exchanges: Vec<i64>,
    pub front_office: i64,
    pub organization: i64,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

/// An instant given in Kazakhstan's time (UTC+5).
fn kz(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, 0, 0)
        .single()
        .expect("a valid instant")
        - chrono::Duration::hours(5)
}

async fn volunteer(
    db: &DatabaseConnection,
    name: &str,
    latin: Option<&str>,
    region: &str,
    born: NaiveDate,
    registered: NaiveDate,
    tags: &[(TagKind, &str)],
) -> i64 {
    let at = kz(2024, 1, 1, 9);
    let row = volunteer::ActiveModel {
        id: NotSet,
        full_name: Set(Some(name.to_owned())),
        latin_name: Set(latin.map(str::to_owned)),
        search_name: Set(Some(frontoffice::domain::search::search_key(name, latin))),
        name_sort_key: Set(Some(frontoffice::domain::collation::sort_key(Some(name)))),
        birth_date: Set(born),
        region_code: Set(region.to_owned()),
        registered_on: Set(registered),
        phone: Set(None),
        email: Set(None),
        iin_hash: Set(None),
        guardian_name: Set(None),
        guardian_consent_on: Set(None),
        unaccompanied_consent_on: Set(None),
        erased_at: Set(None),
        status: Set(entity::VolunteerStatus::Active),
        created_at: Set(at),
        updated_at: Set(at),
    }
    .insert(db)
    .await
    .expect("volunteer inserted");
    for (kind, tag) in tags {
        volunteer_tag::ActiveModel {
            volunteer_id: Set(row.id),
            kind: Set(*kind),
            tag: Set((*tag).to_owned()),
        }
        .insert(db)
        .await
        .expect("tag inserted");
    }
    row.id
}

#[allow(clippy::too_many_arguments)]
async fn event(
    db: &DatabaseConnection,
    title: &str,
    kind: EventKind,
    level: EventLevel,
    project: Option<i64>,
    region: &str,
    start: DateTime<Utc>,
    status: EventStatus,
) -> i64 {
    event::ActiveModel {
        id: NotSet,
        title: Set(title.to_owned()),
        kind: Set(kind),
        level: Set(level),
        activity_type: Set(ActivityType::VeteranCare),
        hazardous: Set(false),
        project_id: Set(project),
        region_code: Set(region.to_owned()),
        starts_at: Set(start),
        ends_at: Set(start + chrono::Duration::hours(6)),
        capacity: Set(None),
        status: Set(status),
        search_title: Set(Some(frontoffice::domain::search::fold(title))),
    }
    .insert(db)
    .await
    .expect("event inserted")
    .id
}

async fn participation(
    db: &DatabaseConnection,
    volunteer: i64,
    event: i64,
    status: ParticipationStatus,
    minutes: Option<i32>,
    on: NaiveDate,
    verified: bool,
) -> i64 {
    let at = kz(2024, 1, 1, 9);
    participation::ActiveModel {
        id: NotSet,
        volunteer_id: Set(volunteer),
        event_id: Set(event),
        status: Set(status),
        registered_at: Set(at),
        checked_in_at: Set(None),
        checked_out_at: Set(None),
        minutes: Set(minutes),
        minutes_source: Set(minutes.map(|_| entity::HoursSource::Coordinator)),
        on_date: Set(on),
        verified_at: Set(verified.then_some(at)),
        verified_by: Set(verified.then(|| "test".to_owned())),
    }
    .insert(db)
    .await
    .expect("participation inserted")
    .id
}

/// Write the known data set; returns the ids it got.
pub async fn load(db: &DatabaseConnection) -> Known {
    use TagKind::{Language as L, Skill as S};
    let office = front_office::ActiveModel {
        id: NotSet,
        kind: Set(FrontOfficeKind::Republican),
        region_code: Set(None),
        name: Set("Республиканский фронт-офис".into()),
        opened_on: Set(day(2015, 3, 1)),
    }
    .insert(db)
    .await
    .expect("office inserted")
    .id;
    let organization = organization::ActiveModel {
        id: NotSet,
        name: Set("Gençlik Gönüllüleri".into()),
        kind: Set(OrganizationKind::VolunteerOrganization),
        country_code: Set("TR".into()),
    }
    .insert(db)
    .await
    .expect("organization inserted")
    .id;
    let volunteers = vec![
        volunteer(
            db,
            "Әлия Серікқызы",
            Some("Aliya Serikkyzy"),
            "KZ-71",
            day(2001, 3, 4),
            day(2020, 1, 10),
            &[(S, "first_aid"), (L, "kk"), (L, "ru"), (L, "en")],
        )
        .await,
        volunteer(
            db,
            "Иван Петров",
            None,
            "KZ-71",
            day(1990, 5, 6),
            day(2021, 2, 1),
            &[(S, "driving"), (L, "ru")],
        )
        .await,
        volunteer(
            db,
            "Қайрат Нұрланов",
            None,
            "KZ-75",
            day(2012, 7, 8),
            day(2022, 3, 1),
            &[],
        )
        .await,
        volunteer(
            db,
            "ҒАЛЫМ ӨМІРЗАҚОВ",
            None,
            "KZ-75",
            day(1975, 1, 1),
            day(2019, 5, 5),
            &[(S, "first_aid"), (S, "driving"), (L, "kk")],
        )
        .await,
        volunteer(
            db,
            "Семён Ёлкин",
            None,
            "KZ-79",
            day(1950, 12, 31),
            day(2023, 6, 6),
            &[(L, "ru")],
        )
        .await,
        volunteer(
            db,
            "Үміт Ұланқызы",
            None,
            "KZ-75",
            day(2015, 9, 9),
            day(2023, 1, 1),
            &[],
        )
        .await,
    ];
    let family = family::ActiveModel {
        id: NotSet,
        name: Set("Нұрлановтар отбасы".into()),
        region_code: Set("KZ-75".into()),
        created_on: Set(day(2022, 3, 1)),
    }
    .insert(db)
    .await
    .expect("family inserted")
    .id;
    for (v, role) in [
        (volunteers[3], FamilyRole::Guardian),
        (volunteers[2], FamilyRole::Child),
        (volunteers[5], FamilyRole::Child),
    ] {
        family_member::ActiveModel {
            volunteer_id: Set(v),
            family_id: Set(family),
            role: Set(role),
            joined_on: Set(day(2023, 1, 1)),
        }
        .insert(db)
        .await
        .expect("member inserted");
    }
    let mut projects = Vec::new();
    for (name, started) in [("Жеңіс", day(2015, 5, 9)), ("Таза", day(2019, 4, 22))] {
        projects.push(
            project::ActiveModel {
                id: NotSet,
                name: Set(name.into()),
                description: Set(None),
                started_on: Set(started),
                owner_front_office_id: Set(office),
            }
            .insert(db)
            .await
            .expect("project inserted")
            .id,
        );
    }
    use EventKind::*;
    use EventLevel::*;
    let events = vec![
        event(
            db,
            "Рейд «Жеңіс» в Астане",
            Raid,
            Regional,
            Some(projects[0]),
            "KZ-71",
            kz(2024, 5, 9, 9),
            EventStatus::Completed,
        )
        .await,
        event(
            db,
            "Таза Алматы",
            Action,
            Republican,
            Some(projects[1]),
            "KZ-75",
            kz(2024, 6, 1, 9),
            EventStatus::Completed,
        )
        .await,
        event(
            db,
            "International Youth Forum",
            Event,
            International,
            None,
            "KZ-79",
            kz(2025, 1, 15, 9),
            EventStatus::Cancelled,
        )
        .await,
        event(
            db,
            "Рейд «Жеңіс» в Алматы",
            Raid,
            Regional,
            Some(projects[0]),
            "KZ-75",
            kz(2025, 5, 9, 9),
            EventStatus::Completed,
        )
        .await,
    ];
    use ParticipationStatus::*;
    let (v, e) = (&volunteers, &events);
    let participations = vec![
        participation(db, v[0], e[0], Attended, Some(120), day(2024, 5, 9), true).await,
        participation(db, v[1], e[0], Attended, Some(180), day(2024, 5, 9), false).await,
        participation(db, v[3], e[1], Attended, Some(240), day(2024, 6, 1), true).await,
        participation(db, v[2], e[1], Attended, Some(60), day(2024, 6, 1), false).await,
        participation(db, v[5], e[1], NoShow, None, day(2024, 6, 1), false).await,
        participation(db, v[0], e[2], Cancelled, None, day(2025, 1, 15), false).await,
        participation(db, v[3], e[3], Attended, Some(90), day(2025, 5, 9), true).await,
        participation(db, v[2], e[3], Attended, Some(90), day(2025, 5, 9), false).await,
        participation(db, v[4], e[3], Registered, None, day(2025, 5, 9), false).await,
    ];
    let mut exchanges = Vec::new();
    for (title, direction, country, from, to, foreign) in [
        (
            "Türk gençleri Astanada",
            ExchangeDirection::Inbound,
            "TR",
            day(2024, 7, 1),
            day(2024, 7, 10),
            12,
        ),
        (
            "Winterschule Berlin",
            ExchangeDirection::Outbound,
            "DE",
            day(2024, 12, 20),
            day(2025, 1, 5),
            0,
        ),
    ] {
        exchanges.push(
            international_exchange::ActiveModel {
                id: NotSet,
                title: Set(title.into()),
                direction: Set(direction),
                country_code: Set(country.into()),
                organization_id: Set(
                    (direction == ExchangeDirection::Inbound).then_some(organization)
                ),
                event_id: Set(None),
                starts_on: Set(from),
                ends_on: Set(to),
                foreign_participants: Set(foreign),
            }
            .insert(db)
            .await
            .expect("exchange inserted")
            .id,
        );
    }
    for v in [volunteers[0], volunteers[1]] {
        exchange_participant::ActiveModel {
            exchange_id: Set(exchanges[1]),
            volunteer_id: Set(v),
        }
        .insert(db)
        .await
        .expect("participant inserted");
    }
    // The minutes written above, in the hours ledger as the seeds write them.
    sea_orm::ConnectionTrait::execute_unprepared(db, frontoffice::domain::ledger::SEEDED_ENTRIES)
        .await
        .expect("ledger entries");
    Known {
        volunteers,
        family,
        projects,
        events,
        participations,
        exchanges,
        front_office: office,
        organization,
    }
}
