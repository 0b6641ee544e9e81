//! Who volunteers: 160,000 people at scale 1, spread over the regions by
//! population, aged 7 to 74 on the as-of day, a quarter of them in
//! families of two to six (one or two guardians, children, sometimes a
//! grandparent), registered from 2016 on at a rate growing year on year.
//!
//! Kept compact (no names: those are drawn when the rows are written, from
//! the volunteer's id), since the participations need all of it at hand.

use super::calendar::{YEARS, as_of, birthday, date, day_no, from_day_no, growing_day, year_days};
use super::regions::{REGIONS, quotas};
use crate::domain::time::age_on;
use crate::seed::names;
use crate::seed::rng::Rng;
use chrono::{Duration, Months, NaiveDate};

/// Volunteers at scale 1.
pub const NATIONAL_VOLUNTEERS: f64 = 160_000.0;
/// Share of volunteers who are in a family.
const IN_FAMILIES: f64 = 0.25;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Single,
    Guardian,
    Child,
    Other,
}

pub struct Volunteer {
    pub birth: NaiveDate,
    pub registered: NaiveDate,
    pub region: u8,
    /// The family's index, if in one.
    pub family: Option<u32>,
    pub role: Role,
    pub female: bool,
    pub kazakh: bool,
    pub surname: u16,
    /// A legal representative with a consent date is on record (a minor
    /// without a family, when registered).
    pub representative: bool,
    /// Written consent to attend without the guardian (registered under 14).
    pub unaccompanied: bool,
    /// How readily the volunteer signs up, in (0, 1].
    pub eagerness: f32,
}

pub struct Family {
    pub region: u8,
    pub created: NaiveDate,
    pub kazakh: bool,
    pub surname: u16,
    /// Indices of the members in `People::volunteers`, guardians first.
    pub members: Vec<u32>,
}

pub struct People {
    /// Ordered by registration: a volunteer's id is its index plus one.
    pub volunteers: Vec<Volunteer>,
    /// Ordered by creation: a family's id is its index plus one.
    pub families: Vec<Family>,
}

/// Surnames, male form: Kazakh or Russian.
pub fn surname(kazakh: bool, index: u16) -> &'static str {
    let (a, b) = if kazakh {
        (names::KAZAKH_SURNAMES, names::MORE_KAZAKH_SURNAMES)
    } else {
        (names::RUSSIAN_SURNAMES, names::MORE_RUSSIAN_SURNAMES)
    };
    let i = usize::from(index) % (a.len() + b.len());
    if i < a.len() { a[i] } else { b[i - a.len()] }
}

fn surname_count(kazakh: bool) -> u64 {
    if kazakh {
        (names::KAZAKH_SURNAMES.len() + names::MORE_KAZAKH_SURNAMES.len()) as u64
    } else {
        (names::RUSSIAN_SURNAMES.len() + names::MORE_RUSSIAN_SURNAMES.len()) as u64
    }
}

/// Ages on the as-of day of volunteers without a family: (from, to, weight).
const SINGLE_AGES: [(i64, i64, u64); 8] = [
    (7, 13, 3),
    (14, 17, 14),
    (18, 24, 34),
    (25, 34, 22),
    (35, 44, 12),
    (45, 54, 8),
    (55, 64, 5),
    (65, 74, 2),
];

fn weighted<T: Copy>(rng: &mut Rng, items: &[(T, u64)]) -> T {
    let total: u64 = items.iter().map(|(_, w)| w).sum();
    let mut at = rng.below(total);
    for (item, w) in items {
        if at < *w {
            return *item;
        }
        at -= w;
    }
    items[items.len() - 1].0
}

fn eagerness(rng: &mut Rng) -> f32 {
    (0.08 + 0.92 * rng.unit().powf(1.6)) as f32
}

/// Someone `age` on the as-of day, registered at 7 or older, not on or
/// after the as-of day.
fn birth_at_age(rng: &mut Rng, age: i64) -> NaiveDate {
    let years_back = as_of()
        .checked_sub_months(Months::new(12 * age as u32))
        .unwrap_or(as_of());
    let mut birth = years_back - Duration::days(rng.range(1, 364));
    while birthday(birth, 7) >= as_of() {
        birth -= Duration::days(1);
    }
    birth
}

fn birth_in_year(rng: &mut Rng, year: i32, last_month: u32) -> NaiveDate {
    date(
        year,
        rng.range(1, i64::from(last_month)) as u32,
        rng.range(1, 28) as u32,
    )
}

/// The earliest day someone born on `birth` can register: 7 years old, and
/// not before the register starts.
fn earliest(birth: NaiveDate) -> i32 {
    day_no(birthday(birth, 7)).max(0)
}

struct Builder {
    rng: Rng,
    volunteers: Vec<Volunteer>,
    families: Vec<Family>,
}

impl Builder {
    fn push(&mut self, v: Volunteer) -> u32 {
        self.volunteers.push(v);
        (self.volunteers.len() - 1) as u32
    }

    fn single(&mut self, region: u8) {
        let rng = &mut self.rng;
        let age = {
            let bands: Vec<((i64, i64), u64)> =
                SINGLE_AGES.iter().map(|(a, b, w)| ((*a, *b), *w)).collect();
            let (from, to) = weighted(rng, &bands);
            rng.range(from, to)
        };
        let birth = birth_at_age(rng, age);
        let last = day_no(as_of()) - 1;
        let registered = from_day_no(growing_day(rng, earliest(birth), last));
        let age_then = age_on(birth, registered);
        let kazakh = rng.chance(REGIONS[usize::from(region)].kazakh);
        let v = Volunteer {
            birth,
            registered,
            region,
            family: None,
            role: Role::Single,
            female: rng.chance(0.58),
            kazakh,
            surname: rng.below(surname_count(kazakh)) as u16,
            representative: age_then < 18,
            unaccompanied: age_then < 14,
            eagerness: eagerness(rng),
        };
        self.push(v);
    }

    /// A family of at most `room` (2 or more) members.
    fn family(&mut self, region: u8, room: usize) {
        let rng = &mut self.rng;
        let kazakh = rng.chance(REGIONS[usize::from(region)].kazakh);
        let surname = rng.below(surname_count(kazakh)) as u16;
        let created = growing_day(rng, 0, day_no(as_of()) - 150);
        let mut guardians = 1 + usize::from(rng.chance(0.7));
        let mut children = weighted(rng, &[(1usize, 45), (2, 35), (3, 20)]);
        let mut grandparent = usize::from(rng.chance(0.2));
        while guardians + children + grandparent > room {
            if grandparent > 0 {
                grandparent = 0;
            } else if children > 1 {
                children -= 1;
            } else {
                guardians = 1;
            }
        }
        let index = self.families.len() as u32;
        let mut members = Vec::new();
        let parent_year = rng.range(1968, 1995) as i32;
        let first_female = rng.chance(0.6);
        for g in 0..guardians {
            let rng = &mut self.rng;
            let year = (parent_year + rng.range(-4, 4) as i32).min(1996);
            let registered = created + if g > 0 { rng.range(0, 30) as i32 } else { 0 };
            let v = Volunteer {
                birth: birth_in_year(rng, year, 12),
                registered: from_day_no(registered),
                region,
                family: Some(index),
                role: Role::Guardian,
                female: first_female == (g == 0),
                kazakh,
                surname,
                representative: false,
                unaccompanied: false,
                eagerness: eagerness(rng),
            };
            members.push(self.push(v));
        }
        for _ in 0..children {
            let rng = &mut self.rng;
            let (low, high) = (parent_year + 20, parent_year + 42);
            let (low, high) = if low.max(2000) <= high.min(2019) {
                (low.max(2000), high.min(2019))
            } else {
                (low, low + 6)
            };
            let year = rng.range(i64::from(low), i64::from(high)) as i32;
            // Children born in 2019 are 7 by mid-2026.
            let birth = birth_in_year(rng, year, if year >= 2019 { 6 } else { 12 });
            let registered = from_day_no((created + rng.range(0, 60) as i32).max(earliest(birth)));
            let young = age_on(birth, registered) < 14;
            let v = Volunteer {
                birth,
                registered,
                region,
                family: Some(index),
                role: if age_on(birth, as_of()) < 18 {
                    Role::Child
                } else {
                    Role::Other
                },
                female: rng.chance(0.5),
                kazakh,
                surname,
                representative: false,
                unaccompanied: young && rng.chance(0.2),
                eagerness: eagerness(rng),
            };
            members.push(self.push(v));
        }
        for _ in 0..grandparent {
            let rng = &mut self.rng;
            let year = rng.range(1952, 1966) as i32;
            let v = Volunteer {
                birth: birth_in_year(rng, year, 12),
                registered: from_day_no(created + rng.range(0, 90) as i32),
                region,
                family: Some(index),
                role: Role::Other,
                female: rng.chance(0.6),
                kazakh,
                surname,
                representative: false,
                unaccompanied: false,
                eagerness: eagerness(rng),
            };
            members.push(self.push(v));
        }
        self.families.push(Family {
            region,
            created: from_day_no(created),
            kazakh,
            surname,
            members,
        });
    }
}

/// The volunteers and families of a data set of `total` volunteers.
pub fn generate(total: usize, seed: u64) -> People {
    let mut b = Builder {
        rng: Rng::new(seed),
        volunteers: Vec::with_capacity(total),
        families: Vec::new(),
    };
    for (r, quota) in quotas(total).into_iter().enumerate() {
        let region = r as u8;
        let in_families = (quota as f64 * IN_FAMILIES).round() as usize;
        let start = b.volunteers.len();
        while in_families.saturating_sub(b.volunteers.len() - start) >= 2 {
            let room = in_families - (b.volunteers.len() - start);
            b.family(region, room);
        }
        while b.volunteers.len() - start < quota {
            b.single(region);
        }
    }
    order(b.volunteers, b.families)
}

/// Number volunteers by registration and families by creation, as a
/// register that grew over time would have.
fn order(volunteers: Vec<Volunteer>, families: Vec<Family>) -> People {
    let mut by_day: Vec<u32> = (0..volunteers.len() as u32).collect();
    by_day.sort_by_key(|&i| (volunteers[i as usize].registered, i));
    let mut new_index = vec![0u32; volunteers.len()];
    for (new, &old) in by_day.iter().enumerate() {
        new_index[old as usize] = new as u32;
    }
    let mut fam_order: Vec<u32> = (0..families.len() as u32).collect();
    fam_order.sort_by_key(|&i| (families[i as usize].created, i));
    let mut new_family = vec![0u32; families.len()];
    for (new, &old) in fam_order.iter().enumerate() {
        new_family[old as usize] = new as u32;
    }
    let mut slots: Vec<Option<Volunteer>> = volunteers.into_iter().map(Some).collect();
    let volunteers = by_day
        .iter()
        .filter_map(|&old| slots[old as usize].take())
        .map(|mut v| {
            v.family = v.family.map(|f| new_family[f as usize]);
            v
        })
        .collect();
    let mut fam_slots: Vec<Option<Family>> = families.into_iter().map(Some).collect();
    let families = fam_order
        .iter()
        .filter_map(|&old| fam_slots[old as usize].take())
        .map(|mut f| {
            for m in &mut f.members {
                *m = new_index[*m as usize];
            }
            f
        })
        .collect();
    People {
        volunteers,
        families,
    }
}

impl People {
    /// For each region and year, the volunteers registered on an average
    /// day of that year: how many can take part that year.
    pub fn pools(&self) -> Vec<[f64; YEARS]> {
        let mut pools = vec![[0.0; YEARS]; REGIONS.len()];
        let spans: Vec<(i32, i32)> = (0..YEARS as i32)
            .map(|y| year_days(super::calendar::FIRST_YEAR + y))
            .collect();
        for v in &self.volunteers {
            let day = day_no(v.registered);
            for (y, (from, to)) in spans.iter().enumerate() {
                let days = f64::from(to - from + 1);
                let registered = f64::from((to + 1 - day.max(*from)).max(0));
                pools[usize::from(v.region)][y] += registered / days;
            }
        }
        pools
    }

    /// Does `v` have a guardian on record on `day`: a legal representative,
    /// or an adult GUARDIAN of its family other than itself?
    pub fn has_guardian(&self, v: u32, day: NaiveDate) -> bool {
        let volunteer = &self.volunteers[v as usize];
        volunteer.representative || self.family_guardian(v, day).is_some()
    }

    /// An adult GUARDIAN of `v`'s family other than `v`, on `day`.
    pub fn family_guardian(&self, v: u32, day: NaiveDate) -> Option<u32> {
        let family = &self.families[self.volunteers[v as usize].family? as usize];
        family.members.iter().copied().find(|&m| {
            let member = &self.volunteers[m as usize];
            m != v && member.role == Role::Guardian && age_on(member.birth, day) >= 18
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_obey_the_registration_rules() {
        let people = generate(4_000, 11);
        assert_eq!(people.volunteers.len(), 4_000);
        let in_families: usize = people.families.iter().map(|f| f.members.len()).sum();
        assert!((800..1200).contains(&in_families), "{in_families}");
        for (i, v) in people.volunteers.iter().enumerate() {
            let age_now = age_on(v.birth, as_of());
            assert!((7..=74).contains(&age_now), "{i}: {age_now}");
            assert!(age_on(v.birth, v.registered) >= 7, "{i}");
            assert!(v.registered >= date(2016, 1, 1) && v.registered < as_of());
            if age_on(v.birth, v.registered) < 18 {
                assert!(people.has_guardian(i as u32, v.registered), "{i}");
            }
            if let Some(f) = v.family {
                assert!(people.families[f as usize].members.contains(&(i as u32)));
            }
        }
        for f in &people.families {
            assert!((2..=6).contains(&f.members.len()));
            let first = &people.volunteers[f.members[0] as usize];
            assert_eq!(first.role, Role::Guardian);
            assert!(
                f.members
                    .iter()
                    .all(|&m| people.volunteers[m as usize].registered >= f.created)
            );
        }
        assert!(
            people
                .volunteers
                .windows(2)
                .all(|w| w[0].registered <= w[1].registered)
        );
    }
}
