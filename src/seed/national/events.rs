//! Ten years of events, 2016–2026: the republican and international ones,
//! about 200 actions, and in every region raids of «Жеңіс» and regional
//! events, as many as its volunteers can fill.
//!
//! Participations are planned before anyone is picked: every volunteer
//! registered on an average day of a year takes part about `RATE` times
//! that year, so the year's participations (and hours) grow with the
//! register. That budget is shared out over the year's events by kind;
//! each event gets a target its participants are drawn up to.

use super::calendar::{
    FIRST_YEAR, LAST_YEAR, YEARS, as_of_instant, kz_at, maybe_weekend, year_index,
};
use super::reference;
use super::regions::{REGIONS, host_code};
use super::themes::{self, Season, Theme};
use crate::seed::rng::Rng;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::{ActivityType, BeneficiaryCategory, EventKind, EventLevel, EventStatus};

/// Participations at scale 1.
pub const NATIONAL_PARTICIPATIONS: f64 = 5_000_000.0;
/// Raids and regional events at scale 1.
const RAIDS: f64 = 30_000.0;
const REGIONAL_EVENTS: f64 = 15_000.0;
/// Actions per year, 2016 to 2026 (200 in all, whatever the scale).
const ACTIONS: [usize; YEARS] = [8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 30];
/// Shares of the participations: republican and international events,
/// actions, raids, regional events.
const SHARES: (f64, f64, f64, f64) = (0.03, 0.12, 0.25, 0.60);
/// An event takes at most this share of the volunteers it draws on.
pub const MOST_OF_POOL: f64 = 0.5;

/// Where an event's volunteers come from.
#[derive(Clone, Copy, Debug)]
pub enum Draw {
    /// Its region's volunteers, with a few visitors.
    Region(usize),
    /// The whole country, `host_share` of them from the host region.
    National { host: usize, host_share: f64 },
}

pub struct Event {
    pub title: String,
    pub kind: EventKind,
    pub level: EventLevel,
    pub activity: ActivityType,
    pub hazardous: bool,
    pub project: Option<i64>,
    pub region_code: &'static str,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub status: EventStatus,
    /// Participations to aim for.
    pub target: u32,
    pub draw: Draw,
    /// Share of participants who come as a family.
    pub families: f32,
    pub serves: &'static [(BeneficiaryCategory, f64)],
}

impl Event {
    /// Closed to volunteers under 18.
    pub fn adults_only(&self) -> bool {
        self.hazardous || self.activity.is_adults_only()
    }
}

struct Plan<'a> {
    rng: Rng,
    events: Vec<Event>,
    pools: &'a [[f64; YEARS]],
    /// Participations per volunteer-year.
    rate: f64,
}

/// Ten years of events for volunteers whose yearly pools per region are
/// `pools`, at `scale`, ordered by start.
pub fn generate(pools: &[[f64; YEARS]], scale: f64, seed: u64) -> Vec<Event> {
    let volunteer_years: f64 = pools.iter().flatten().sum();
    let mut plan = Plan {
        rng: Rng::new(seed),
        events: Vec::new(),
        pools,
        rate: NATIONAL_PARTICIPATIONS * scale / volunteer_years.max(1.0),
    };
    plan.landmarks();
    plan.actions();
    for r in 0..REGIONS.len() {
        for y in 0..YEARS {
            plan.regional(r, y, scale, volunteer_years);
        }
    }
    let mut events = plan.events;
    events.sort_by_key(|e| e.starts_at);
    events
}

fn noise(rng: &mut Rng) -> f64 {
    0.6 + 0.8 * rng.unit()
}

fn status(rng: &mut Rng, starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> EventStatus {
    let now = as_of_instant();
    if ends_at <= now {
        if rng.chance(0.015) {
            EventStatus::Cancelled
        } else {
            EventStatus::Completed
        }
    } else if starts_at >= now {
        if rng.chance(0.03) {
            EventStatus::Cancelled
        } else {
            EventStatus::Planned
        }
    } else {
        EventStatus::Ongoing
    }
}

/// The project, if it had started by `day`.
fn project_on(name: Option<&str>, day: NaiveDate) -> Option<i64> {
    let (id, started) = reference::project(name?)?;
    (started <= day).then_some(id)
}

impl Plan<'_> {
    fn national_pool(&self, y: usize) -> f64 {
        self.pools.iter().map(|p| p[y]).sum()
    }

    fn capacity(&mut self, target: u32) -> Option<i32> {
        let rng = &mut self.rng;
        rng.chance(0.35)
            .then(|| (target + 6 + rng.below(u64::from(target / 5 + 1)) as u32) as i32)
    }

    fn landmarks(&mut self) {
        let landmarks = themes::landmarks(&mut self.rng);
        let per_year = |year: i32| landmarks.iter().filter(|l| l.day.year() == year).count();
        let counts: Vec<usize> = (FIRST_YEAR..=LAST_YEAR).map(per_year).collect();
        for l in &landmarks {
            let y = year_index(l.day.year());
            let budget = self.rate * self.national_pool(y) * SHARES.0 / counts[y].max(1) as f64;
            let target = (budget * noise(&mut self.rng)).round() as u32;
            let starts_at = kz_at(l.day, 10 * 60);
            let ends_at = kz_at(l.day + Duration::days(i64::from(l.days) - 1), 18 * 60);
            let capacity = self.capacity(target);
            self.events.push(Event {
                title: l.title.clone(),
                kind: EventKind::Event,
                level: l.level,
                activity: l.activity,
                hazardous: false,
                project: project_on(l.project, l.day),
                region_code: host_code(l.host, l.day),
                starts_at,
                ends_at,
                capacity,
                status: status(&mut self.rng, starts_at, ends_at),
                target,
                draw: Draw::National {
                    host: l.host,
                    host_share: 0.3,
                },
                families: 0.0,
                serves: &[],
            });
        }
    }

    fn actions(&mut self) {
        let weights: Vec<(usize, u64)> = REGIONS
            .iter()
            .enumerate()
            .map(|(r, region)| (r, u64::from(region.people)))
            .collect();
        for (y, count) in ACTIONS.iter().enumerate() {
            let budget = self.rate * self.national_pool(y) * SHARES.1 / *count as f64;
            for _ in 0..*count {
                let rng = &mut self.rng;
                let mut at = rng.below(weights.iter().map(|w| w.1).sum());
                let host = weights
                    .iter()
                    .find(|(_, w)| {
                        let hit = at < *w;
                        at = at.saturating_sub(*w);
                        hit
                    })
                    .map_or(0, |w| w.0);
                let target = (budget * noise(rng)).round() as u32;
                let theme = themes::pick(rng, themes::ACTIONS);
                self.push(
                    theme,
                    y,
                    host,
                    target,
                    Draw::National {
                        host,
                        host_share: 0.7,
                    },
                );
            }
        }
    }

    /// Raids and regional events of region `r` in year `y`.
    fn regional(&mut self, r: usize, y: usize, scale: f64, volunteer_years: f64) {
        let pool = self.pools[r][y];
        if pool < 0.5 {
            return;
        }
        for (national, share, themes) in [
            (RAIDS, SHARES.2, themes::RAIDS),
            (REGIONAL_EVENTS, SHARES.3, themes::REGIONAL_EVENTS),
        ] {
            let budget = self.rate * pool * share;
            let by_scale = (national * scale * pool / volunteer_years).round();
            // Small regions and scales get enough events for their budget.
            let needed = (budget / (MOST_OF_POOL * pool)).ceil();
            let count = by_scale.max(needed).max(1.0) as usize;
            for _ in 0..count {
                let target = (budget / count as f64 * noise(&mut self.rng))
                    .round()
                    .max(1.0) as u32;
                let theme = themes::pick(&mut self.rng, themes);
                self.push(theme, y, r, target, Draw::Region(r));
            }
        }
    }

    fn push(&mut self, theme: &'static Theme, y: usize, region: usize, target: u32, draw: Draw) {
        let rng = &mut self.rng;
        let year = FIRST_YEAR + y as i32;
        let mut day = theme.season.day(rng, year);
        if !matches!(theme.season, Season::VictoryDay | Season::Floods) {
            day = maybe_weekend(rng, day);
        }
        let (shortest, longest) = match theme.kind {
            EventKind::Raid => (4, 8),
            EventKind::Action => (6, 12),
            EventKind::Event => (4, 12),
        };
        let start = 9 * 60 + 30 * rng.range(0, 10);
        let length = 30 * rng.range(shortest, longest);
        let starts_at = kz_at(day, start);
        let ends_at = kz_at(day, start + length);
        let place = REGIONS[region].town;
        let title = match theme.kind {
            EventKind::Event => format!("{} — {place}", theme.title),
            _ => format!("{} — {place}, {}", theme.title, month_ru(day)),
        };
        let capacity = self.capacity(target);
        let status = status(&mut self.rng, starts_at, ends_at);
        self.events.push(Event {
            title,
            kind: theme.kind,
            level: EventLevel::Regional,
            activity: theme.activity,
            hazardous: theme.hazardous,
            project: project_on(theme.project, day),
            region_code: host_code(region, day),
            starts_at,
            ends_at,
            capacity,
            status,
            target,
            draw,
            families: theme.families,
            serves: theme.serves,
        });
    }
}

fn month_ru(day: NaiveDate) -> String {
    const MONTHS: [&str; 12] = [
        "январь",
        "февраль",
        "март",
        "апрель",
        "май",
        "июнь",
        "июль",
        "август",
        "сентябрь",
        "октябрь",
        "ноябрь",
        "декабрь",
    ];
    format!("{} {}", MONTHS[day.month0() as usize], day.year())
}

/// Beneficiaries served at a completed event attended by `attended`
/// volunteers: veterans of the war and home-front workers grow fewer every
/// year.
pub fn served(rng: &mut Rng, e: &Event, attended: u32) -> Vec<(BeneficiaryCategory, i32)> {
    if e.status != EventStatus::Completed || attended == 0 {
        return Vec::new();
    }
    let years = f64::from(e.starts_at.year() - FIRST_YEAR);
    e.serves
        .iter()
        .filter_map(|(category, per_volunteer)| {
            let fading = match category {
                BeneficiaryCategory::Veteran | BeneficiaryCategory::HomeFrontWorker => {
                    (1.0 - 0.085 * years).max(0.05)
                }
                _ => 1.0,
            };
            let n = (f64::from(attended) * per_volunteer * fading * noise(rng)).round() as i32;
            (n > 0).then_some((*category, n))
        })
        .collect()
}
