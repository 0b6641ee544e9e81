//! The demo data set: deterministic (a fixed seed and fixed dates, never the
//! clock), so the same figures appear on every machine.
//!
//! It respects every rule of docs/domain.md: minors volunteer with their
//! family's guardian attending, or alone only when 14 or older with a legal
//! representative on record; nobody under 18 is at an emergency, disaster
//! relief or hazardous event; hours fit between check-in and check-out
//! inside the event; one event a day per volunteer; capacities hold.

use super::names::{self, Person};
use super::rng::Rng;
use crate::domain::search::{fold, search_key};
use crate::domain::time::{age_on, kz_date};
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait,
    NotSet, PaginatorTrait, TransactionTrait,
};
use std::collections::HashSet;

/// What the demo set holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoSummary {
    pub volunteers: usize,
    pub families: usize,
    pub events: usize,
    pub participations: usize,
    pub exchanges: usize,
}

/// The day the demo data is "as of": later events are still planned.
const AS_OF: (i32, u32, u32) = (2026, 11, 1);
const SEED: u64 = 0x004A_454E_4953_2015;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn as_of() -> NaiveDate {
    date(AS_OF.0, AS_OF.1, AS_OF.2)
}

/// An instant in Kazakhstan's time (UTC+5).
fn kz_at(day: NaiveDate, hour: u32) -> DateTime<Utc> {
    Utc.from_utc_datetime(&day.and_hms_opt(hour, 0, 0).unwrap_or_default()) - Duration::hours(5)
}

/// Is the database free of data (regions aside, which migrations ship)?
pub async fn is_empty(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(front_office::Entity::find().count(db).await? == 0
        && volunteer::Entity::find().count(db).await? == 0
        && event::Entity::find().count(db).await? == 0)
}

struct Member {
    id: i64,
    birth: NaiveDate,
    registered: NaiveDate,
    region: &'static str,
    family: Option<usize>,
    guardian: bool,
}

const REGIONS: [&str; 5] = ["KZ-71", "KZ-75", "KZ-79", "KZ-35", "KZ-61"];
const SKILLS: &[&str] = &[
    "first_aid",
    "driving",
    "cooking",
    "it",
    "photography",
    "sign_language",
    "teaching",
];
const LANGUAGES: &[&str] = &["kk", "ru", "en", "tr", "de"];

fn person(rng: &mut Rng, female: bool, kazakh: bool, surname: &str) -> Person {
    let first = match (kazakh, female) {
        (true, false) => rng.pick(names::KAZAKH_MALE),
        (true, true) => rng.pick(names::KAZAKH_FEMALE),
        (false, false) => rng.pick(names::RUSSIAN_MALE),
        (false, true) => rng.pick(names::RUSSIAN_FEMALE),
    };
    let surname = if female {
        names::female(surname)
    } else {
        surname.to_owned()
    };
    let full_name = format!("{first} {surname}");
    let latin = rng.chance(0.4).then(|| names::to_latin(&full_name));
    Person { full_name, latin }
}

/// Load the demo data set in one transaction.
pub async fn seed_demo(db: &DatabaseConnection) -> Result<DemoSummary, DbErr> {
    let tx = db.begin().await?;
    let mut rng = Rng::new(SEED);

    // Organizations and front offices.
    let mut orgs = Vec::new();
    for (name, kind, country) in [
        ("UNICEF Kazakhstan", OrganizationKind::International, "KZ"),
        (
            "Gençlik Gönüllüleri Derneği",
            OrganizationKind::VolunteerOrganization,
            "TR",
        ),
        (
            "Deutscher Freiwilligendienst",
            OrganizationKind::VolunteerOrganization,
            "DE",
        ),
        (
            "Korea Volunteer Center",
            OrganizationKind::VolunteerOrganization,
            "KR",
        ),
        (
            "Российский союз добровольцев",
            OrganizationKind::VolunteerOrganization,
            "RU",
        ),
        ("«Шапағат» қоғамдық қоры", OrganizationKind::Ngo, "KZ"),
    ] {
        let row = organization::ActiveModel {
            id: NotSet,
            name: Set(name.into()),
            kind: Set(kind),
            country_code: Set(country.into()),
        }
        .insert(&tx)
        .await?;
        orgs.push(row.id);
    }
    let republican = front_office::ActiveModel {
        id: NotSet,
        kind: Set(FrontOfficeKind::Republican),
        region_code: Set(None),
        name: Set("Республиканский фронт-офис Национальной волонтёрской сети".into()),
        opened_on: Set(date(2015, 3, 1)),
    }
    .insert(&tx)
    .await?
    .id;
    let mut offices = vec![(republican, date(2019, 6, 1))];
    for (i, (code, city)) in [
        ("KZ-71", "Астана"),
        ("KZ-75", "Алматы"),
        ("KZ-79", "Шымкент"),
        ("KZ-35", "Қарағанды"),
        ("KZ-61", "Түркістан"),
    ]
    .into_iter()
    .enumerate()
    {
        let opened = date(2019 + i as i32 / 2, 9, 1);
        let id = front_office::ActiveModel {
            id: NotSet,
            kind: Set(FrontOfficeKind::Regional),
            region_code: Set(Some(code.into())),
            name: Set(format!("Фронт-офис: {city}")),
            opened_on: Set(opened),
        }
        .insert(&tx)
        .await?
        .id;
        offices.push((id, opened));
    }
    for (office, since) in &offices {
        front_office_partner::ActiveModel {
            front_office_id: Set(*office),
            organization_id: Set(orgs[0]),
            since: Set(*since),
        }
        .insert(&tx)
        .await?;
    }

    // Projects.
    let mut projects = Vec::new();
    for (name, started, description, categories) in [
        (
            "Жеңіс",
            date(2015, 5, 9),
            "Рейды к ветеранам, труженикам тыла и социально уязвимым людям",
            vec![
                BeneficiaryCategory::Veteran,
                BeneficiaryCategory::HomeFrontWorker,
                BeneficiaryCategory::SociallyVulnerable,
            ],
        ),
        (
            "Жылы қыс",
            date(2019, 12, 1),
            "Зимняя помощь пожилым и людям с инвалидностью",
            vec![BeneficiaryCategory::Elderly, BeneficiaryCategory::Disabled],
        ),
        (
            "Таза Қазақстан",
            date(2021, 4, 22),
            "Экологические акции",
            vec![BeneficiaryCategory::Other],
        ),
        (
            "Білім көпірі",
            date(2020, 9, 1),
            "Наставничество и обучение детей",
            vec![BeneficiaryCategory::Child],
        ),
    ] {
        let id = project::ActiveModel {
            id: NotSet,
            name: Set(name.into()),
            description: Set(Some(description.into())),
            started_on: Set(started),
            owner_front_office_id: Set(republican),
        }
        .insert(&tx)
        .await?
        .id;
        for category in categories {
            project_beneficiary_category::ActiveModel {
                project_id: Set(id),
                category: Set(category),
            }
            .insert(&tx)
            .await?;
        }
        projects.push(id);
    }

    // Families and volunteers.
    let mut members: Vec<Member> = Vec::new();
    let mut volunteer_rows = Vec::new();
    let mut tag_rows = Vec::new();
    let mut membership_rows = Vec::new();
    let mut family_rows = Vec::new();
    let mut next_id = 1i64;
    let mut add = |rng: &mut Rng,
                   members: &mut Vec<Member>,
                   birth: NaiveDate,
                   region: &'static str,
                   who: Person,
                   family: Option<usize>,
                   guardian: bool,
                   representative: bool| {
        let id = next_id;
        next_id += 1;
        // Registered when at least 7, from 2016 on.
        let earliest = birth
            .with_year(birth.year() + 7)
            .unwrap_or(birth)
            .max(date(2016, 1, 1));
        let span = (as_of() - earliest).num_days().max(1);
        let registered = earliest + Duration::days(rng.below(span as u64 * 3 / 4) as i64);
        let at = kz_at(registered, 10);
        let minor = age_on(birth, registered) < 18;
        let rep = (minor && representative)
            .then(|| format!("{} (законный представитель)", names::to_latin("Ата-ана")));
        volunteer_rows.push(volunteer::ActiveModel {
            id: Set(id),
            search_name: Set(Some(search_key(&who.full_name, who.latin.as_deref()))),
            full_name: Set(Some(who.full_name)),
            latin_name: Set(who.latin),
            birth_date: Set(birth),
            region_code: Set(region.into()),
            registered_on: Set(registered),
            phone: Set(rng.chance(0.7).then(|| {
                format!(
                    "+7 70{} {:03} {:04}",
                    rng.below(10),
                    rng.below(1000),
                    rng.below(10000)
                )
            })),
            email: Set(rng.chance(0.5).then(|| format!("volunteer{id}@example.kz"))),
            iin_hash: Set(None),
            guardian_consent_on: Set(rep.as_ref().map(|_| registered)),
            guardian_name: Set(rep),
            unaccompanied_consent_on: Set(None),
            erased_at: Set(None),
            created_at: Set(at),
            updated_at: Set(at),
        });
        for skill in SKILLS {
            if rng.chance(0.2) {
                tag_rows.push(volunteer_tag::ActiveModel {
                    volunteer_id: Set(id),
                    kind: Set(TagKind::Skill),
                    tag: Set((*skill).into()),
                });
            }
        }
        for (i, language) in LANGUAGES.iter().enumerate() {
            if i < 2 && rng.chance(0.8) || i >= 2 && rng.chance(0.15) {
                tag_rows.push(volunteer_tag::ActiveModel {
                    volunteer_id: Set(id),
                    kind: Set(TagKind::Language),
                    tag: Set((*language).into()),
                });
            }
        }
        members.push(Member {
            id,
            birth,
            registered,
            region,
            family,
            guardian,
        });
        id
    };
    let birth_between = |rng: &mut Rng, oldest: i32, youngest: i32| {
        date(
            rng.range(i64::from(oldest), i64::from(youngest)) as i32,
            rng.range(1, 12) as u32,
            rng.range(1, 28) as u32,
        )
    };
    for f in 0..40usize {
        let kazakh = rng.chance(0.7);
        let surname = *rng.pick(if kazakh {
            names::KAZAKH_SURNAMES
        } else {
            names::RUSSIAN_SURNAMES
        });
        let region = *rng.pick(&REGIONS);
        let family_name = if kazakh {
            format!("{surname}тар отбасы")
        } else {
            format!(
                "Семья {}ых",
                surname.trim_end_matches("ов").trim_end_matches("ин")
            )
        };
        family_rows.push(family::ActiveModel {
            id: Set(f as i64 + 1),
            name: Set(family_name),
            region_code: Set(region.into()),
            created_on: Set(date(2017 + (f % 8) as i32, 3, 1)),
        });
        let parent_year = rng.range(1976, 1995) as i32;
        let guardians = 1 + rng.below(2) as usize;
        for g in 0..guardians {
            let who = person(&mut rng, g == 1, kazakh, surname);
            let birth = birth_between(&mut rng, parent_year - 2, parent_year + 2);
            add(
                &mut rng,
                &mut members,
                birth,
                region,
                who,
                Some(f),
                true,
                false,
            );
        }
        // The youngest child of the first family is 7 in May 2024.
        for c in 0..1 + rng.below(3) as usize {
            let female = rng.chance(0.5);
            let who = person(&mut rng, female, kazakh, surname);
            let birth = if f == 0 && c == 0 {
                date(2017, 3, 15)
            } else {
                birth_between(&mut rng, 2008, 2017)
            };
            add(
                &mut rng,
                &mut members,
                birth,
                region,
                who,
                Some(f),
                false,
                false,
            );
        }
        if rng.chance(0.25) || f == 1 {
            let female = rng.chance(0.5);
            let who = person(&mut rng, female, kazakh, surname);
            // The grandmother of the second family is 74 in May 2024.
            let birth = if f == 1 {
                date(1950, 2, 20)
            } else {
                birth_between(&mut rng, 1952, 1965)
            };
            add(
                &mut rng,
                &mut members,
                birth,
                region,
                who,
                Some(f),
                false,
                false,
            );
        }
    }
    while members.len() < 300 {
        let kazakh = rng.chance(0.65);
        let female = rng.chance(0.55);
        let surname = *rng.pick(if kazakh {
            names::KAZAKH_SURNAMES
        } else {
            names::RUSSIAN_SURNAMES
        });
        let who = person(&mut rng, female, kazakh, surname);
        let region = if rng.chance(0.9) {
            *rng.pick(&REGIONS)
        } else {
            *rng.pick(&["KZ-11", "KZ-15", "KZ-23", "KZ-55", "KZ-63"])
        };
        // Singles are 14 or older; under 18 only with a legal representative.
        let birth = birth_between(&mut rng, 1953, 2010);
        add(
            &mut rng,
            &mut members,
            birth,
            region,
            who,
            None,
            false,
            true,
        );
    }
    for m in &members {
        if let Some(f) = m.family {
            membership_rows.push(family_member::ActiveModel {
                volunteer_id: Set(m.id),
                family_id: Set(f as i64 + 1),
                role: Set(if m.guardian {
                    FamilyRole::Guardian
                } else if age_on(m.birth, as_of()) < 18 {
                    FamilyRole::Child
                } else {
                    FamilyRole::Other
                }),
                joined_on: Set(m.registered),
            });
        }
    }
    family::Entity::insert_many(family_rows).exec(&tx).await?;
    for chunk in volunteer_rows.chunks(200) {
        volunteer::Entity::insert_many(chunk.to_vec())
            .exec(&tx)
            .await?;
    }
    for chunk in tag_rows.chunks(300) {
        volunteer_tag::Entity::insert_many(chunk.to_vec())
            .exec(&tx)
            .await?;
    }
    family_member::Entity::insert_many(membership_rows)
        .exec(&tx)
        .await?;

    // Events, participations and beneficiaries, year by year, growing.
    let mut event_rows = Vec::new();
    let mut participation_rows = Vec::new();
    let mut beneficiary_rows = Vec::new();
    let mut busy: HashSet<(i64, NaiveDate)> = HashSet::new();
    let mut event_id = 0i64;
    let mut participation_id = 0i64;
    for year in 2019..=2027 {
        let count = if year == 2027 {
            3
        } else {
            8 + 2 * (year - 2019) as usize
        };
        for n in 0..count {
            event_id += 1;
            let (kind, activity, project, title) = match n % 6 {
                0 | 1 => (
                    EventKind::Raid,
                    ActivityType::VeteranCare,
                    Some(projects[0]),
                    "Рейд «Жеңіс»",
                ),
                2 => (
                    EventKind::Action,
                    ActivityType::SocialSupport,
                    Some(projects[1]),
                    "Акция «Жылы қыс»",
                ),
                3 => (
                    EventKind::Action,
                    ActivityType::Environment,
                    Some(projects[2]),
                    "Акция «Таза Қазақстан»",
                ),
                4 => (
                    EventKind::Event,
                    ActivityType::Education,
                    Some(projects[3]),
                    "Форум «Білім көпірі»",
                ),
                _ if n % 12 == 5 => (
                    EventKind::Action,
                    ActivityType::EmergencyResponse,
                    None,
                    "Помощь при паводке",
                ),
                _ => (
                    EventKind::Event,
                    ActivityType::Culture,
                    None,
                    "Волонтёрский фестиваль",
                ),
            };
            let level = match n % 10 {
                9 => EventLevel::International,
                4 | 7 => EventLevel::Republican,
                _ => EventLevel::Regional,
            };
            let region = *rng.pick(&REGIONS);
            // Raids cluster around 9 May and in winter.
            let day = match (kind, n % 2) {
                (EventKind::Raid, 0) => date(year, 5, rng.range(5, 9) as u32),
                (EventKind::Raid, _) => date(year, 12, rng.range(1, 25) as u32),
                _ => date(year, rng.range(1, 11) as u32, rng.range(1, 28) as u32),
            };
            let hours = rng.range(3, 6);
            let starts = kz_at(day, 10);
            let ends = starts + Duration::hours(hours);
            let cancelled = n % 17 == 16;
            let status = if cancelled {
                EventStatus::Cancelled
            } else if day >= as_of() {
                EventStatus::Planned
            } else {
                EventStatus::Completed
            };
            let adults_only = activity.is_adults_only();
            let hazardous = adults_only || (kind == EventKind::Action && n % 9 == 0);
            // Who comes: whole families to raids, singles elsewhere.
            let mut attendees: Vec<usize> = Vec::new();
            let target = 6 + (year - 2019) as usize * 3 + rng.below(6) as usize;
            let mut tries = 0;
            while attendees.len() < target && tries < 400 {
                tries += 1;
                let i = rng.below(members.len() as u64) as usize;
                // Regional events draw mostly on their own region.
                if level == EventLevel::Regional && members[i].region != region && rng.chance(0.8) {
                    continue;
                }
                let group: Vec<usize> = match members[i].family {
                    Some(f) if kind == EventKind::Raid && !adults_only && !hazardous => members
                        .iter()
                        .enumerate()
                        .filter(|(_, m)| m.family == Some(f))
                        .map(|(j, _)| j)
                        .collect(),
                    _ => vec![i],
                };
                let fits = group.iter().all(|&j| {
                    let m = &members[j];
                    let age = age_on(m.birth, day);
                    let minor_ok = age >= 18
                        || (!adults_only
                            && !hazardous
                            && (m.family.is_some() && group.len() > 1
                                || age >= 14 && m.family.is_none()));
                    m.registered <= day
                        && (7..=74).contains(&age)
                        && minor_ok
                        && !busy.contains(&(m.id, day))
                        && !attendees.contains(&j)
                });
                // A child needs a guardian of the group who can come too.
                let guarded = group.iter().any(|&j| {
                    members[j].guardian
                        && members[j].registered <= day
                        && !busy.contains(&(members[j].id, day))
                });
                if fits && (group.len() == 1 || guarded) {
                    attendees.extend(group);
                }
            }
            let capacity = (n % 4 == 0)
                .then(|| attendees.len() as i32 + rng.range(0, 10) as i32)
                .filter(|c| *c > 0);
            for &j in &attendees {
                let m = &members[j];
                busy.insert((m.id, day));
                participation_id += 1;
                let registered_at = starts - Duration::days(rng.range(1, 20));
                let (status, check_in, minutes) = match status {
                    EventStatus::Planned => (ParticipationStatus::Registered, None, None),
                    EventStatus::Cancelled => (ParticipationStatus::Cancelled, None, None),
                    _ if rng.chance(0.05) && !m.guardian => {
                        (ParticipationStatus::NoShow, None, None)
                    }
                    _ => {
                        let late = rng.range(0, 30);
                        let max = hours * 60 - late;
                        (
                            ParticipationStatus::Attended,
                            Some(starts + Duration::minutes(late)),
                            Some(rng.range(60.min(max), max) as i32),
                        )
                    }
                };
                let check_out = check_in
                    .zip(minutes)
                    .map(|(t, m)| t + Duration::minutes(i64::from(m)));
                let verified = status == ParticipationStatus::Attended && rng.chance(0.8);
                participation_rows.push(participation::ActiveModel {
                    id: Set(participation_id),
                    volunteer_id: Set(m.id),
                    event_id: Set(event_id),
                    status: Set(status),
                    registered_at: Set(registered_at),
                    checked_in_at: Set(check_in),
                    checked_out_at: Set(check_out),
                    minutes: Set(minutes),
                    on_date: Set(kz_date(check_in.unwrap_or(starts))),
                    verified_at: Set(verified.then(|| ends + Duration::hours(2))),
                    verified_by: Set(verified.then(|| "system:seed".to_owned())),
                });
            }
            if matches!(kind, EventKind::Raid | EventKind::Action)
                && status == EventStatus::Completed
            {
                let categories: &[BeneficiaryCategory] = match activity {
                    ActivityType::VeteranCare => &[
                        BeneficiaryCategory::Veteran,
                        BeneficiaryCategory::HomeFrontWorker,
                        BeneficiaryCategory::SociallyVulnerable,
                    ],
                    ActivityType::SocialSupport => {
                        &[BeneficiaryCategory::Elderly, BeneficiaryCategory::Disabled]
                    }
                    _ => &[BeneficiaryCategory::Other],
                };
                for category in categories {
                    beneficiary_rows.push(beneficiaries_served::ActiveModel {
                        event_id: Set(event_id),
                        category: Set(*category),
                        count: Set(rng.range(2, 25) as i32),
                    });
                }
            }
            event_rows.push(event::ActiveModel {
                id: Set(event_id),
                title: Set(format!("{title} {year}")),
                search_title: Set(Some(fold(&format!("{title} {year}")))),
                kind: Set(kind),
                level: Set(level),
                activity_type: Set(activity),
                hazardous: Set(hazardous),
                project_id: Set(project),
                region_code: Set(region.into()),
                starts_at: Set(starts),
                ends_at: Set(ends),
                capacity: Set(capacity),
                status: Set(status),
            });
        }
    }
    let events = event_rows.len();
    let participations = participation_rows.len();
    for chunk in event_rows.chunks(200) {
        event::Entity::insert_many(chunk.to_vec()).exec(&tx).await?;
    }
    for chunk in participation_rows.chunks(300) {
        participation::Entity::insert_many(chunk.to_vec())
            .exec(&tx)
            .await?;
    }
    for chunk in beneficiary_rows.chunks(300) {
        beneficiaries_served::Entity::insert_many(chunk.to_vec())
            .exec(&tx)
            .await?;
    }

    // International exchanges, both directions; one spans the new year.
    let adults: Vec<i64> = members
        .iter()
        .filter(|m| age_on(m.birth, date(2023, 1, 1)) >= 18 && m.registered < date(2022, 1, 1))
        .map(|m| m.id)
        .collect();
    for (i, (title, direction, country, org, from, to, foreign)) in [
        (
            "Türk gençleri Astana'da",
            ExchangeDirection::Inbound,
            "TR",
            orgs[1],
            date(2023, 7, 3),
            date(2023, 7, 14),
            14,
        ),
        (
            "Freiwilligensommer in Berlin",
            ExchangeDirection::Outbound,
            "DE",
            orgs[2],
            date(2024, 8, 5),
            date(2024, 8, 25),
            0,
        ),
        (
            "Winter Volunteer Camp Seoul",
            ExchangeDirection::Outbound,
            "KR",
            orgs[3],
            date(2025, 12, 20),
            date(2026, 1, 10),
            0,
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let id = international_exchange::ActiveModel {
            id: NotSet,
            title: Set(title.into()),
            direction: Set(direction),
            country_code: Set(country.into()),
            organization_id: Set(Some(org)),
            event_id: Set(None),
            starts_on: Set(from),
            ends_on: Set(to),
            foreign_participants: Set(foreign),
        }
        .insert(&tx)
        .await?
        .id;
        for v in adults.iter().skip(i * 5).take(3 + i) {
            exchange_participant::ActiveModel {
                exchange_id: Set(id),
                volunteer_id: Set(*v),
            }
            .insert(&tx)
            .await?;
        }
    }
    if tx.get_database_backend() == DatabaseBackend::Postgres {
        // Explicit ids leave identity sequences behind; move them on.
        for table in ["volunteer", "family", "event", "participation"] {
            tx.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .await?;
        }
    }
    let summary = DemoSummary {
        volunteers: members.len(),
        families: 40,
        events,
        participations,
        exchanges: 3,
    };
    audit_log::ActiveModel {
        id: NotSet,
        at: Set(kz_at(as_of(), 0)),
        actor: Set("system:seed".into()),
        action: Set("seedDemo".into()),
        entity: Set("database".into()),
        entity_id: Set(None),
        summary: Set(format!(
            r#"{{"volunteers":{},"families":{},"events":{},"participations":{},"exchanges":{}}}"#,
            summary.volunteers,
            summary.families,
            summary.events,
            summary.participations,
            summary.exchanges
        )),
        request_id: Set(None),
    }
    .insert(&tx)
    .await?;
    super::accounts::seed(&tx, kz_at(as_of(), 0)).await?;
    tx.commit().await?;
    Ok(summary)
}
