//! The generated data set as rows of the register's tables. Names,
//! contacts and tags are drawn here from each volunteer's id, so the same
//! id always gets the same person without keeping 160,000 names around.

use super::bulk::Bulk;
use super::calendar::{as_of, kz_at};
use super::events::{Event, served};
use super::exchanges::Exchange;
use super::participations::{Attendance, VERIFIER};
use super::people::{People, Role, Volunteer, surname};
use super::regions::REGIONS;
use crate::domain::collation::sort_key;
use crate::domain::search::{fold, search_key};
use crate::domain::time::age_on;
use crate::seed::names;
use crate::seed::rng::Rng;
use entity::{BeneficiaryCategory, FamilyRole, TagKind};
use sea_orm::DbErr;

const SKILLS: &[&str] = &[
    "first_aid",
    "driving",
    "cooking",
    "it",
    "photography",
    "sign_language",
    "teaching",
    "psychology",
    "event_management",
    "translation",
];

fn pick2(rng: &mut Rng, a: &'static [&'static str], b: &'static [&'static str]) -> &'static str {
    let i = rng.below((a.len() + b.len()) as u64) as usize;
    if i < a.len() { a[i] } else { b[i - a.len()] }
}

fn first_name(rng: &mut Rng, kazakh: bool, female: bool) -> &'static str {
    match (kazakh, female) {
        (true, false) => pick2(rng, names::KAZAKH_MALE, names::MORE_KAZAKH_MALE),
        (true, true) => pick2(rng, names::KAZAKH_FEMALE, names::MORE_KAZAKH_FEMALE),
        (false, false) => pick2(rng, names::RUSSIAN_MALE, names::MORE_RUSSIAN_MALE),
        (false, true) => pick2(rng, names::RUSSIAN_FEMALE, names::MORE_RUSSIAN_FEMALE),
    }
}

fn full_name(first: &str, kazakh: bool, surname_index: u16, female: bool) -> String {
    let family = surname(kazakh, surname_index);
    if female {
        format!("{first} {}", names::female(family))
    } else {
        format!("{first} {family}")
    }
}

struct Identity {
    full_name: String,
    latin: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    guardian: Option<String>,
    tags: Vec<(TagKind, &'static str)>,
}

fn identity(v: &Volunteer, id: i64, seed: u64) -> Identity {
    let mut rng = Rng::new(seed ^ (id as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let first = first_name(&mut rng, v.kazakh, v.female);
    let full_name = full_name(first, v.kazakh, v.surname, v.female);
    let latin = rng.chance(0.4).then(|| names::to_latin(&full_name));
    let grown = age_on(v.birth, as_of()) >= 14;
    let phone = (grown && rng.chance(0.75)).then(|| {
        format!(
            "+77{:02}{:07}",
            [0, 1, 2, 5, 7, 47, 71, 75, 76, 77][rng.below(10) as usize],
            rng.below(10_000_000)
        )
    });
    let email = (grown && rng.chance(0.5)).then(|| format!("volunteer{id}@example.kz"));
    // The legal representative of a minor without a family: a parent.
    let guardian = v.representative.then(|| {
        let parent = first_name(&mut rng, v.kazakh, true);
        full_name_of_parent(parent, v)
    });
    let mut tags = Vec::new();
    for skill in SKILLS {
        if rng.chance(0.15) {
            tags.push((TagKind::Skill, *skill));
        }
    }
    let (kk, ru) = if v.kazakh { (0.97, 0.85) } else { (0.3, 1.0) };
    for (language, p) in [
        ("kk", kk),
        ("ru", ru),
        ("en", 0.35),
        ("tr", 0.04),
        ("de", 0.03),
        ("zh", 0.03),
        ("ko", 0.02),
    ] {
        if rng.chance(p) {
            tags.push((TagKind::Language, language));
        }
    }
    Identity {
        full_name,
        latin,
        phone,
        email,
        guardian,
        tags,
    }
}

fn full_name_of_parent(first: &str, child: &Volunteer) -> String {
    full_name(first, child.kazakh, child.surname, true)
}

fn family_role(role: Role) -> FamilyRole {
    match role {
        Role::Guardian => FamilyRole::Guardian,
        Role::Child => FamilyRole::Child,
        Role::Single | Role::Other => FamilyRole::Other,
    }
}

pub async fn people(bulk: &mut Bulk, people: &People, seed: u64) -> Result<(), DbErr> {
    let mut tags = Vec::new();
    let mut t = bulk
        .table(
            "volunteer",
            &[
                "id",
                "full_name",
                "latin_name",
                "search_name",
                "name_sort_key",
                "birth_date",
                "region_code",
                "registered_on",
                "phone",
                "email",
                "iin_hash",
                "guardian_name",
                "guardian_consent_on",
                "unaccompanied_consent_on",
                "erased_at",
                "created_at",
                "updated_at",
            ],
        )
        .await?;
    for (i, v) in people.volunteers.iter().enumerate() {
        let id = i as i64 + 1;
        let who = identity(v, id, seed);
        let created = kz_at(v.registered, 10 * 60);
        t.int(id)
            .text(&who.full_name)
            .opt_text(who.latin.as_deref())
            .text(&search_key(&who.full_name, who.latin.as_deref()))
            .bytes(&sort_key(Some(&who.full_name)))
            .date(v.birth)
            .text(REGIONS[usize::from(v.region)].code)
            .date(v.registered)
            .opt_text(who.phone.as_deref())
            .opt_text(who.email.as_deref())
            .null()
            .opt_text(who.guardian.as_deref())
            .opt_date(v.representative.then_some(v.registered))
            .opt_date(v.unaccompanied.then_some(v.registered))
            .null()
            .time(created)
            .time(created);
        t.end_row().await?;
        tags.extend(who.tags.into_iter().map(|(kind, tag)| (id, kind, tag)));
    }
    t.finish().await?;

    let mut t = bulk
        .table("volunteer_tag", &["volunteer_id", "kind", "tag"])
        .await?;
    for (id, kind, tag) in tags {
        t.int(id).text(kind.as_str()).text(tag);
        t.end_row().await?;
    }
    t.finish().await?;

    let mut t = bulk
        .table("family", &["id", "name", "region_code", "created_on"])
        .await?;
    for (i, f) in people.families.iter().enumerate() {
        let family = surname(f.kazakh, f.surname);
        let name = if f.kazakh {
            format!("{family}тар отбасы")
        } else {
            format!("Семья {family}ых")
        };
        t.int(i as i64 + 1)
            .text(&name)
            .text(REGIONS[usize::from(f.region)].code)
            .date(f.created);
        t.end_row().await?;
    }
    t.finish().await?;

    let mut t = bulk
        .table(
            "family_member",
            &["volunteer_id", "family_id", "role", "joined_on"],
        )
        .await?;
    for (i, f) in people.families.iter().enumerate() {
        for &m in &f.members {
            let v = &people.volunteers[m as usize];
            t.int(i64::from(m) + 1)
                .int(i as i64 + 1)
                .text(family_role(v.role).as_str())
                .date(v.registered);
            t.end_row().await?;
        }
    }
    t.finish().await?;
    Ok(())
}

pub async fn events(bulk: &mut Bulk, events: &[Event]) -> Result<(), DbErr> {
    let mut t = bulk
        .table(
            "event",
            &[
                "id",
                "title",
                "kind",
                "level",
                "activity_type",
                "hazardous",
                "project_id",
                "region_code",
                "starts_at",
                "ends_at",
                "capacity",
                "status",
                "search_title",
            ],
        )
        .await?;
    for (i, e) in events.iter().enumerate() {
        t.int(i as i64 + 1)
            .text(&e.title)
            .text(e.kind.as_str())
            .text(e.level.as_str())
            .text(e.activity.as_str())
            .bool(e.hazardous)
            .opt_int(e.project)
            .text(e.region_code)
            .time(e.starts_at)
            .time(e.ends_at)
            .opt_int(e.capacity.map(i64::from))
            .text(e.status.as_str())
            .text(&fold(&e.title));
        t.end_row().await?;
    }
    t.finish().await?;
    Ok(())
}

/// Participations, made event by event and written as they come; then the
/// beneficiaries served. Returns the number of participations.
pub async fn participations(
    bulk: &mut Bulk,
    people: &People,
    events: &[Event],
    seed: u64,
) -> Result<u64, DbErr> {
    let mut attendance = Attendance::new(people, seed);
    let mut rng = Rng::new(seed.rotate_left(17));
    let mut served_rows: Vec<(i64, BeneficiaryCategory, i32)> = Vec::new();
    let mut t = bulk
        .table(
            "participation",
            &[
                "id",
                "volunteer_id",
                "event_id",
                "status",
                "registered_at",
                "checked_in_at",
                "checked_out_at",
                "minutes",
                "minutes_source",
                "on_date",
                "verified_at",
                "verified_by",
            ],
        )
        .await?;
    for (i, e) in events.iter().enumerate() {
        let id = i as i64 + 1;
        let attended = attendance.event(e, id);
        for p in &attendance.rows {
            t.int(p.id)
                .int(p.volunteer)
                .int(p.event)
                .text(p.status.as_str())
                .time(p.registered_at)
                .opt_time(p.checked_in)
                .opt_time(p.checked_out)
                .opt_int(p.minutes.map(i64::from))
                .opt_text(p.minutes.map(|_| {
                    crate::domain::ledger::seeded_source(p.checked_out.is_some()).as_str()
                }))
                .date(p.on_date)
                .opt_time(p.verified_at)
                .opt_text(p.verified_at.map(|_| VERIFIER));
            t.end_row().await?;
        }
        served_rows.extend(
            served(&mut rng, e, attended)
                .into_iter()
                .map(|(category, n)| (id, category, n)),
        );
    }
    let written = t.finish().await?;

    let mut t = bulk
        .table("beneficiaries_served", &["event_id", "category", "count"])
        .await?;
    for (event, category, count) in served_rows {
        t.int(event).text(category.as_str()).int(i64::from(count));
        t.end_row().await?;
    }
    t.finish().await?;
    Ok(written)
}

pub async fn exchanges(bulk: &mut Bulk, exchanges: &[Exchange]) -> Result<(), DbErr> {
    let mut t = bulk
        .table(
            "international_exchange",
            &[
                "id",
                "title",
                "direction",
                "country_code",
                "organization_id",
                "event_id",
                "starts_on",
                "ends_on",
                "foreign_participants",
            ],
        )
        .await?;
    for (i, x) in exchanges.iter().enumerate() {
        t.int(i as i64 + 1)
            .text(&x.title)
            .text(x.direction.as_str())
            .text(x.country)
            .opt_int(x.organization)
            .opt_int(x.event)
            .date(x.starts_on)
            .date(x.ends_on)
            .int(i64::from(x.foreign_participants));
        t.end_row().await?;
    }
    t.finish().await?;

    let mut t = bulk
        .table("exchange_participant", &["exchange_id", "volunteer_id"])
        .await?;
    for (i, x) in exchanges.iter().enumerate() {
        for v in &x.participants {
            t.int(i as i64 + 1).int(*v);
            t.end_row().await?;
        }
    }
    t.finish().await?;
    Ok(())
}
