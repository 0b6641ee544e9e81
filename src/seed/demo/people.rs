//! The demo's volunteers: families with children and grandparents in the
//! five regions with a front office, and single volunteers in every region,
//! with skills, languages and (for minors on their own) a legal
//! representative.

use super::calendar::Calendar;
use super::organizations::OFFICES;
use crate::domain::collation::sort_key;
use crate::domain::search::search_key;
use crate::domain::time::age_on;
use crate::seed::names::{self, Person};
use crate::seed::national::regions::REGIONS;
use crate::seed::rng::Rng;
use chrono::{Datelike, Duration, NaiveDate};
use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

/// A volunteer as the rest of the demo needs it.
pub struct Member {
    pub id: i64,
    pub birth: NaiveDate,
    pub registered: NaiveDate,
    pub region: &'static str,
    pub family: Option<usize>,
    pub guardian: bool,
}

/// The volunteers, and how many families they form.
pub struct People {
    pub members: Vec<Member>,
    pub families: usize,
}

const FAMILIES: usize = 40;
/// Adults living in each of the 20 regions, so that every region has
/// enough people at its events for public figures.
const ADULTS_PER_REGION: usize = 9;
const VOLUNTEERS: usize = 340;

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

/// The rows being built.
struct Register<'c> {
    calendar: &'c Calendar,
    members: Vec<Member>,
    volunteers: Vec<volunteer::ActiveModel>,
    tags: Vec<volunteer_tag::ActiveModel>,
}

/// Who is added, where, in which family and role.
struct Newcomer {
    who: Person,
    birth: NaiveDate,
    region: &'static str,
    family: Option<usize>,
    guardian: bool,
    /// A minor on its own has a legal representative on record.
    represented: bool,
}

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

fn surname(rng: &mut Rng, kazakh: bool) -> &'static str {
    let list = if kazakh {
        names::KAZAKH_SURNAMES
    } else {
        names::RUSSIAN_SURNAMES
    };
    let picked: &&'static str = rng.pick(list);
    picked
}

impl Register<'_> {
    /// A birth date between two ages (in years, today).
    fn born(&self, rng: &mut Rng, oldest: i32, youngest: i32) -> NaiveDate {
        let year = self.calendar.year() - rng.range(i64::from(youngest), i64::from(oldest)) as i32;
        Calendar::date(year, rng.range(1, 12) as u32, rng.range(1, 28) as u32)
    }

    fn add(&mut self, rng: &mut Rng, n: Newcomer) -> i64 {
        let id = self.members.len() as i64 + 1;
        let today = self.calendar.today;
        // Registered when at least 7, within the last ten years, and at
        // least a few months ago, so everyone has had time to volunteer.
        let earliest = n
            .birth
            .with_year(n.birth.year() + 7)
            .unwrap_or(n.birth)
            .max(Calendar::date(self.calendar.year() - 10, 1, 1));
        let span = (today - earliest).num_days().max(1);
        let registered = earliest + Duration::days(rng.below(span as u64 * 3 / 4) as i64);
        let at = Calendar::at(registered, 10);
        let rep = (n.represented && age_on(n.birth, registered) < 18)
            .then(|| format!("{} (законный представитель)", names::to_latin("Ата-ана")));
        self.volunteers.push(volunteer::ActiveModel {
            id: Set(id),
            search_name: Set(Some(search_key(&n.who.full_name, n.who.latin.as_deref()))),
            name_sort_key: Set(Some(sort_key(Some(&n.who.full_name)))),
            full_name: Set(Some(n.who.full_name)),
            latin_name: Set(n.who.latin),
            birth_date: Set(n.birth),
            region_code: Set(n.region.into()),
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
            status: Set(entity::VolunteerStatus::Active),
            created_at: Set(at),
            updated_at: Set(at),
        });
        self.tag(rng, id);
        self.members.push(Member {
            id,
            birth: n.birth,
            registered,
            region: n.region,
            family: n.family,
            guardian: n.guardian,
        });
        id
    }

    fn tag(&mut self, rng: &mut Rng, id: i64) {
        for skill in SKILLS {
            if rng.chance(0.2) {
                self.tags.push(volunteer_tag::ActiveModel {
                    volunteer_id: Set(id),
                    kind: Set(TagKind::Skill),
                    tag: Set((*skill).into()),
                });
            }
        }
        for (i, language) in LANGUAGES.iter().enumerate() {
            if i < 2 && rng.chance(0.8) || i >= 2 && rng.chance(0.15) {
                self.tags.push(volunteer_tag::ActiveModel {
                    volunteer_id: Set(id),
                    kind: Set(TagKind::Language),
                    tag: Set((*language).into()),
                });
            }
        }
    }

    /// A family: one or two parents, one to three children, sometimes a
    /// grandparent. The first family's youngest child is 7 today and the
    /// second family's grandmother 74, the register's youngest and oldest.
    fn family(&mut self, rng: &mut Rng, f: usize) -> family::ActiveModel {
        let kazakh = rng.chance(0.7);
        let surname = surname(rng, kazakh);
        let region = rng.pick(&OFFICES).0;
        let name = if kazakh {
            format!("{surname}тар отбасы")
        } else {
            format!(
                "Семья {}ых",
                surname.trim_end_matches("ов").trim_end_matches("ин")
            )
        };
        let parent_age = rng.range(31, 50) as i32;
        let member = |who, birth, guardian| Newcomer {
            who,
            birth,
            region,
            family: Some(f),
            guardian,
            represented: false,
        };
        for g in 0..1 + rng.below(2) as usize {
            let who = person(rng, g == 1, kazakh, surname);
            let birth = self.born(rng, parent_age + 2, parent_age - 2);
            self.add(rng, member(who, birth, true));
        }
        for c in 0..1 + rng.below(3) as usize {
            let female = rng.chance(0.5);
            let who = person(rng, female, kazakh, surname);
            let birth = if f == 0 && c == 0 {
                self.calendar.ago(7, 60)
            } else {
                self.born(rng, 17, 9)
            };
            self.add(rng, member(who, birth, false));
        }
        if rng.chance(0.25) || f == 1 {
            let female = f == 1 || rng.chance(0.5);
            let who = person(rng, female, kazakh, surname);
            let birth = if f == 1 {
                self.calendar.ago(74, 100)
            } else {
                self.born(rng, 72, 60)
            };
            self.add(rng, member(who, birth, false));
        }
        family::ActiveModel {
            id: Set(f as i64 + 1),
            name: Set(name),
            region_code: Set(region.into()),
            created_on: Set(Calendar::date(
                self.calendar.year() - 9 + (f % 8) as i32,
                3,
                1,
            )),
        }
    }

    /// A volunteer on its own: 14 or older, under 18 only with a legal
    /// representative on record.
    fn single(&mut self, rng: &mut Rng, region: &'static str, oldest: i32, youngest: i32) {
        let kazakh = rng.chance(0.65);
        let female = rng.chance(0.55);
        let surname = surname(rng, kazakh);
        let who = person(rng, female, kazakh, surname);
        let birth = self.born(rng, oldest, youngest);
        self.add(
            rng,
            Newcomer {
                who,
                birth,
                region,
                family: None,
                guardian: false,
                represented: true,
            },
        );
    }
}

pub async fn seed(
    db: &impl ConnectionTrait,
    rng: &mut Rng,
    calendar: &Calendar,
) -> Result<People, DbErr> {
    let mut register = Register {
        calendar,
        members: Vec::new(),
        volunteers: Vec::new(),
        tags: Vec::new(),
    };
    let families: Vec<family::ActiveModel> =
        (0..FAMILIES).map(|f| register.family(rng, f)).collect();
    for region in &REGIONS {
        for _ in 0..ADULTS_PER_REGION {
            register.single(rng, region.code, 64, 19);
        }
    }
    while register.members.len() < VOLUNTEERS {
        let region = rng.pick(&OFFICES).0;
        register.single(rng, region, 73, 16);
    }
    let memberships: Vec<family_member::ActiveModel> = register
        .members
        .iter()
        .filter_map(|m| {
            let f = m.family?;
            let role = if m.guardian {
                FamilyRole::Guardian
            } else if age_on(m.birth, calendar.today) < 18 {
                FamilyRole::Child
            } else {
                FamilyRole::Other
            };
            Some(family_member::ActiveModel {
                volunteer_id: Set(m.id),
                family_id: Set(f as i64 + 1),
                role: Set(role),
                joined_on: Set(m.registered),
            })
        })
        .collect();
    family::Entity::insert_many(families).exec(db).await?;
    for chunk in register.volunteers.chunks(200) {
        volunteer::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    for chunk in register.tags.chunks(300) {
        volunteer_tag::Entity::insert_many(chunk.to_vec())
            .exec(db)
            .await?;
    }
    family_member::Entity::insert_many(memberships)
        .exec(db)
        .await?;
    Ok(People {
        members: register.members,
        families: FAMILIES,
    })
}
