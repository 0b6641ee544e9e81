//! International exchanges, about 2,000 at scale 1 over ten years, in
//! both directions, with partner countries and organizations, the adult
//! volunteers of Kazakhstan taking part and the foreign participants; few
//! in the pandemic years. Every international event of the plan has an
//! inbound exchange of its own, linked to it.

use super::calendar::{FIRST_YEAR, LAST_YEAR, date, day_between, day_no};
use super::events::Event;
use super::people::People;
use super::reference::partner_in;
use super::regions::REGIONS;
use crate::domain::time::{age_on, kz_date};
use crate::seed::rng::Rng;
use chrono::{Duration, NaiveDate};
use entity::{EventLevel, ExchangeDirection};

/// Exchanges at scale 1.
const NATIONAL_EXCHANGES: f64 = 2_000.0;

pub struct Exchange {
    pub title: String,
    pub direction: ExchangeDirection,
    pub country: &'static str,
    pub organization: Option<i64>,
    pub event: Option<i64>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub foreign_participants: i32,
    /// Volunteer ids.
    pub participants: Vec<i64>,
}

/// Partner countries: code, "from ..." and "in ..." in Russian, weight.
const COUNTRIES: &[(&str, &str, &str, u64)] = &[
    ("RU", "из России", "в России", 14),
    ("TR", "из Турции", "в Турции", 12),
    ("UZ", "из Узбекистана", "в Узбекистане", 10),
    ("KG", "из Кыргызстана", "в Кыргызстане", 9),
    ("CN", "из Китая", "в Китае", 8),
    ("KR", "из Кореи", "в Корее", 7),
    ("DE", "из Германии", "в Германии", 6),
    ("US", "из США", "в США", 3),
    ("JP", "из Японии", "в Японии", 4),
    ("AZ", "из Азербайджана", "в Азербайджане", 4),
    ("GE", "из Грузии", "в Грузии", 3),
    ("TJ", "из Таджикистана", "в Таджикистане", 3),
    ("MN", "из Монголии", "в Монголии", 2),
    ("PL", "из Польши", "в Польше", 2),
    ("FR", "из Франции", "во Франции", 2),
    ("GB", "из Великобритании", "в Великобритании", 2),
    ("IN", "из Индии", "в Индии", 2),
    ("AE", "из ОАЭ", "в ОАЭ", 2),
    ("ES", "из Испании", "в Испании", 1),
];

/// Relative number of exchanges per year, 2016 to 2026: growing, with the
/// borders closed in 2020 and half open in 2021.
const YEAR_WEIGHTS: [f64; 11] = [1.0, 1.2, 1.45, 1.75, 0.3, 1.1, 2.5, 3.0, 3.6, 4.3, 4.6];

const OUTBOUND_TITLES: &[&str] = &[
    "Волонтёрский обмен",
    "Летняя школа волонтёров",
    "Молодёжный форум",
    "Международный волонтёрский лагерь",
];
const INBOUND_TITLES: &[&str] = &[
    "Волонтёры",
    "Делегация волонтёров",
    "Молодёжный обмен: гости",
];

fn country(rng: &mut Rng) -> &'static (&'static str, &'static str, &'static str, u64) {
    let total: u64 = COUNTRIES.iter().map(|c| c.3).sum();
    let mut at = rng.below(total);
    for c in COUNTRIES {
        if at < c.3 {
            return c;
        }
        at -= c.3;
    }
    &COUNTRIES[0]
}

/// Adult volunteers registered before `day`, for an exchange.
fn participants(rng: &mut Rng, people: &People, day: NaiveDate, wanted: usize) -> Vec<i64> {
    let registered = people
        .volunteers
        .partition_point(|v| day_no(v.registered) < day_no(day));
    let mut out: Vec<i64> = Vec::with_capacity(wanted);
    let mut tries = 0;
    while out.len() < wanted && registered > 0 && tries < 50 * wanted {
        tries += 1;
        let i = rng.below(registered as u64) as usize;
        let id = i as i64 + 1;
        if age_on(people.volunteers[i].birth, day) >= 18 && !out.contains(&id) {
            out.push(id);
        }
    }
    out.sort_unstable();
    out
}

/// The exchanges of a data set at `scale`; `events` are numbered from 1 in
/// their order.
pub fn generate(people: &People, events: &[Event], scale: f64, seed: u64) -> Vec<Exchange> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    // Each international event hosts foreign volunteers.
    for (i, e) in events.iter().enumerate() {
        if e.level != EventLevel::International {
            continue;
        }
        let c = country(&mut rng);
        let starts_on = kz_date(e.starts_at) - Duration::days(rng.range(1, 3));
        let hosts = rng.range(2, 8) as usize;
        out.push(Exchange {
            title: format!("{} — делегация волонтёров {}", e.title, c.1),
            direction: ExchangeDirection::Inbound,
            country: c.0,
            organization: partner_in(c.0).filter(|_| rng.chance(0.8)),
            event: Some(i as i64 + 1),
            starts_on,
            ends_on: kz_date(e.ends_at) + Duration::days(rng.range(0, 2)),
            foreign_participants: rng.range(10, 80) as i32,
            participants: participants(&mut rng, people, starts_on, hosts),
        });
    }
    let total = (NATIONAL_EXCHANGES * scale).round().max(2.0) as usize;
    let weights: f64 = YEAR_WEIGHTS.iter().sum();
    let mut shares: Vec<usize> = YEAR_WEIGHTS
        .iter()
        .map(|w| (w / weights * total as f64).round() as usize)
        .collect();
    // At tiny scales, at least one exchange in each direction.
    if shares.iter().sum::<usize>() < 2 {
        shares[YEAR_WEIGHTS.len() - 2] = 2;
    }
    // Directions alternate, so even a handful of exchanges has both.
    let mut inbound = false;
    for (y, count) in shares.into_iter().enumerate() {
        let year = FIRST_YEAR + y as i32;
        for _ in 0..count {
            let c = country(&mut rng);
            inbound = !inbound;
            let starts_on = day_between(&mut rng, year, (1, 10), (12, 10));
            let ends_on = starts_on + Duration::days(rng.range(4, 21));
            let ends_on = ends_on.min(date(LAST_YEAR, 12, 31));
            let (title, direction, foreign, wanted) = if inbound {
                let place = REGIONS[rng.below(REGIONS.len() as u64) as usize].town;
                (
                    format!("{} {} — {place}, {year}", rng.pick(INBOUND_TITLES), c.1),
                    ExchangeDirection::Inbound,
                    rng.range(5, 60) as i32,
                    rng.range(1, 6) as usize,
                )
            } else {
                (
                    format!("{} {}, {year}", rng.pick(OUTBOUND_TITLES), c.2),
                    ExchangeDirection::Outbound,
                    rng.range(0, 10) as i32,
                    rng.range(2, 12) as usize,
                )
            };
            out.push(Exchange {
                title,
                direction,
                country: c.0,
                organization: partner_in(c.0).filter(|_| rng.chance(0.7)),
                event: None,
                starts_on,
                ends_on,
                foreign_participants: foreign,
                participants: participants(&mut rng, people, starts_on, wanted),
            });
        }
    }
    out.sort_by_key(|x| x.starts_on);
    out
}
