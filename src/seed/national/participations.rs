//! Who takes part in each event, and how it went, event by event in the
//! order they start, so the rows can be written as they are made.
//!
//! The rules of docs/domain.md hold by construction:
//! - a volunteer takes part only after the day they registered (so at 7 or
//!   older), at most once per event, and in at most one event per calendar
//!   day (every day of a multi-day event): attended hours on a day are
//!   those of one participation, 1 to 1440 minutes, and never overlap;
//! - under 18: only with a guardian on record, never at an event closed to
//!   minors; under 14: only with written consent on record, or in a family
//!   group whose GUARDIAN attends too (the child checked in after and out
//!   before them);
//! - check-in and check-out fall inside the event, the minutes are the time
//!   between them (or, logged without them, at most the event's length);
//!   `on_date` is the day of check-in in Kazakhstan, or of the event's
//!   start;
//! - an event never gets more registrations than its target, which its
//!   capacity (when it has one) is above;
//! - past events have ATTENDED, NO_SHOW and CANCELLED participations (some
//!   attended ones verified), cancelled events only cancelled ones, events
//!   still to come REGISTERED and CANCELLED ones.

use super::calendar::{as_of_instant, day_no, kz_at};
use super::events::{Draw, Event, MOST_OF_POOL};
use super::people::{People, Role};
use super::regions::REGIONS;
use crate::domain::time::{age_on, kz_date};
use crate::seed::rng::Rng;
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::{EventStatus, ParticipationStatus};

/// Who verifies in the data set (as in the demo).
pub const VERIFIER: &str = "system:seed";

pub struct Row {
    pub id: i64,
    pub volunteer: i64,
    pub event: i64,
    pub status: ParticipationStatus,
    pub registered_at: DateTime<Utc>,
    pub checked_in: Option<DateTime<Utc>>,
    pub checked_out: Option<DateTime<Utc>>,
    pub minutes: Option<i32>,
    pub on_date: NaiveDate,
    pub verified_at: Option<DateTime<Utc>>,
}

/// Volunteers (or families) in the order they registered, with the day
/// numbers to find those registered before a day by binary search.
#[derive(Default)]
struct Pool {
    members: Vec<u32>,
    days: Vec<i32>,
}

impl Pool {
    fn push(&mut self, member: u32, day: NaiveDate) {
        self.members.push(member);
        self.days.push(day_no(day));
    }

    /// How many joined before day number `day`.
    fn before(&self, day: i32) -> usize {
        self.days.partition_point(|d| *d < day)
    }
}

/// Attendance at one event: how a participation (or a family's) went.
#[derive(Clone, Copy)]
enum Outcome {
    Attended {
        times: Option<(DateTime<Utc>, DateTime<Utc>)>,
        minutes: i32,
    },
    Other(ParticipationStatus),
}

pub struct Attendance<'p> {
    people: &'p People,
    regions: Vec<Pool>,
    national: Pool,
    families: Vec<Pool>,
    /// The last day number each volunteer is taken (-1: never).
    busy: Vec<i32>,
    rng: Rng,
    next_id: i64,
    /// The rows of the last event.
    pub rows: Vec<Row>,
    /// Volunteers picked for the event being made, in groups (first the
    /// group's lead).
    picked: Vec<u32>,
    groups: Vec<(usize, usize)>,
}

impl<'p> Attendance<'p> {
    pub fn new(people: &'p People, seed: u64) -> Self {
        let mut regions: Vec<Pool> = (0..REGIONS.len()).map(|_| Pool::default()).collect();
        let mut national = Pool::default();
        for (i, v) in people.volunteers.iter().enumerate() {
            regions[usize::from(v.region)].push(i as u32, v.registered);
            national.push(i as u32, v.registered);
        }
        let mut families: Vec<Pool> = (0..REGIONS.len()).map(|_| Pool::default()).collect();
        for (i, f) in people.families.iter().enumerate() {
            families[usize::from(f.region)].push(i as u32, f.created);
        }
        Attendance {
            people,
            regions,
            national,
            families,
            busy: vec![-1; people.volunteers.len()],
            rng: Rng::new(seed),
            next_id: 1,
            rows: Vec::new(),
            picked: Vec::new(),
            groups: Vec::new(),
        }
    }

    /// Make the participations of event `e`, numbered `event_id`, into
    /// `self.rows`; returns how many attended.
    pub fn event(&mut self, e: &Event, event_id: i64) -> u32 {
        self.rows.clear();
        self.picked.clear();
        self.groups.clear();
        let day = kz_date(e.starts_at);
        self.pick(e, day);
        let mut attended = 0;
        for g in 0..self.groups.len() {
            attended += self.outcomes(e, event_id, day, self.groups[g]);
        }
        attended
    }

    /// Choose the participants of `e`, starting on `day`.
    fn pick(&mut self, e: &Event, day: NaiveDate) {
        let first = day_no(day);
        let last = day_no(kz_date(e.ends_at - Duration::minutes(1)));
        let (host, host_share) = match e.draw {
            Draw::Region(r) => (r, 0.92),
            Draw::National { host, host_share } => (host, host_share),
        };
        let in_host = self.regions[host].before(first);
        let in_country = self.national.before(first);
        let reach = match e.draw {
            Draw::Region(_) => in_host,
            Draw::National { .. } => in_country,
        };
        let mut target = (e.target as usize).min((reach as f64 * MOST_OF_POOL) as usize);
        if e.status == EventStatus::Cancelled {
            // Called off before most had signed up.
            target = target * 3 / 10;
        }
        let families = if e.adults_only() {
            0
        } else {
            self.families[host].before(first)
        };
        let mut taken = 0;
        let mut tries = 0;
        while taken < target && tries < 30 * target + 100 {
            tries += 1;
            if families > 0 && self.rng.unit() < f64::from(e.families) {
                let f = self.families[host].members[self.rng.below(families as u64) as usize];
                taken += self.family(f, day, first, last, target - taken);
                continue;
            }
            let v = if in_host > 0 && (self.rng.chance(host_share) || in_country == 0) {
                self.regions[host].members[self.rng.below(in_host as u64) as usize]
            } else if in_country > 0 {
                self.national.members[self.rng.below(in_country as u64) as usize]
            } else {
                break;
            };
            if self.may_come(v, e, day, first) {
                self.take(&[v], last);
                taken += 1;
            }
        }
    }

    /// May `v` sign up on its own for `e` on `day` (day number `first`)?
    fn may_come(&mut self, v: u32, e: &Event, day: NaiveDate, first: i32) -> bool {
        let p = &self.people.volunteers[v as usize];
        if self.busy[v as usize] >= first || day_no(p.registered) >= first {
            return false;
        }
        if self.rng.unit() >= f64::from(p.eagerness) {
            return false;
        }
        let age = age_on(p.birth, day);
        age >= 18
            || (!e.adults_only()
                && self.people.has_guardian(v, day)
                && (age >= 14 || p.unaccompanied))
    }

    /// Take family `f` to the event if a guardian can come and the group
    /// fits in `room`; returns how many came.
    fn family(&mut self, f: u32, day: NaiveDate, first: i32, last: i32, room: usize) -> usize {
        let people = self.people;
        let members = &people.families[f as usize].members;
        let free = |m: u32, busy: &[i32]| {
            busy[m as usize] < first && day_no(people.volunteers[m as usize].registered) < first
        };
        let Some(lead) = members.iter().copied().find(|&m| {
            let v = &people.volunteers[m as usize];
            v.role == Role::Guardian && age_on(v.birth, day) >= 18 && free(m, &self.busy)
        }) else {
            return 0;
        };
        let mut group = vec![lead];
        for &m in members {
            if m != lead && free(m, &self.busy) && self.rng.chance(0.85) {
                group.push(m);
            }
        }
        if group.len() < 2 || group.len() > room {
            return 0;
        }
        self.take(&group, last);
        group.len()
    }

    fn take(&mut self, group: &[u32], last: i32) {
        self.groups.push((self.picked.len(), group.len()));
        for &v in group {
            self.busy[v as usize] = last;
            self.picked.push(v);
        }
    }

    /// Write the participations of one group; returns how many attended.
    fn outcomes(
        &mut self,
        e: &Event,
        event_id: i64,
        day: NaiveDate,
        (at, len): (usize, usize),
    ) -> u32 {
        let lead = self.outcome(e, day);
        let mut attended = 0;
        for i in at..at + len {
            let v = self.picked[i];
            let outcome = match lead {
                _ if i == at => lead,
                Outcome::Attended { times, minutes } if self.rng.chance(0.96) => {
                    self.follow(times, minutes)
                }
                Outcome::Attended { .. } => Outcome::Other(ParticipationStatus::NoShow),
                // Nobody of the family came without the guardian.
                other => other,
            };
            attended += u32::from(matches!(outcome, Outcome::Attended { .. }));
            self.row(e, event_id, day, v, outcome);
        }
        attended
    }

    /// How a participation (a group's lead's) went.
    fn outcome(&mut self, e: &Event, day: NaiveDate) -> Outcome {
        let rng = &mut self.rng;
        match e.status {
            EventStatus::Cancelled => return Outcome::Other(ParticipationStatus::Cancelled),
            EventStatus::Planned | EventStatus::Ongoing => {
                return Outcome::Other(if rng.chance(0.95) {
                    ParticipationStatus::Registered
                } else {
                    ParticipationStatus::Cancelled
                });
            }
            EventStatus::Completed => {}
        }
        let roll = rng.unit();
        if roll >= 0.94 {
            return Outcome::Other(ParticipationStatus::Cancelled);
        }
        if roll >= 0.88 {
            return Outcome::Other(ParticipationStatus::NoShow);
        }
        let length = (e.ends_at - e.starts_at).num_minutes();
        let multi_day = kz_date(e.ends_at - Duration::minutes(1)) > day;
        // The app's check-in arrived in 2019; before, coordinators logged
        // hours afterwards.
        let logged = multi_day || rng.chance(if day.year() < 2019 { 0.7 } else { 0.12 });
        if logged {
            let days = (e.ends_at - e.starts_at).num_days() + 1;
            let most = (days * 8 * 60).min(length).min(1440);
            let minutes = rng.range(most.min(60), most) as i32;
            return Outcome::Attended {
                times: None,
                minutes,
            };
        }
        let late = rng.range(0, 30.min(length - 60));
        let stay = rng.range(60.min(length - late), length - late);
        let checked_in = e.starts_at + Duration::minutes(late);
        Outcome::Attended {
            times: Some((checked_in, checked_in + Duration::minutes(stay))),
            minutes: stay as i32,
        }
    }

    /// A family member attending with its lead: checked in after them and
    /// out before them.
    fn follow(&mut self, times: Option<(DateTime<Utc>, DateTime<Utc>)>, minutes: i32) -> Outcome {
        let rng = &mut self.rng;
        match times {
            Some((checked_in, checked_out)) => {
                let checked_in = checked_in + Duration::minutes(rng.range(1, 5));
                let checked_out = checked_out - Duration::minutes(rng.range(0, 10));
                Outcome::Attended {
                    times: Some((checked_in, checked_out)),
                    minutes: (checked_out - checked_in).num_minutes() as i32,
                }
            }
            None => Outcome::Attended {
                times: None,
                minutes: (minutes - rng.range(0, 30) as i32).max(minutes.min(30)),
            },
        }
    }

    fn row(&mut self, e: &Event, event_id: i64, day: NaiveDate, v: u32, outcome: Outcome) {
        let rng = &mut self.rng;
        let volunteer = &self.people.volunteers[v as usize];
        // Signed up one to three weeks ahead (by the as-of day at the
        // latest), after joining the register (its record is created at
        // 10:00 on the day of registration, which is before the event's).
        let ahead = e.starts_at - Duration::minutes(rng.range(24 * 60, 21 * 24 * 60));
        let registered_at = ahead
            .min(as_of_instant() - Duration::hours(1))
            .max(kz_at(volunteer.registered, 11 * 60));
        let (status, times, minutes) = match outcome {
            Outcome::Attended { times, minutes } => {
                (ParticipationStatus::Attended, times, Some(minutes))
            }
            Outcome::Other(status) => (status, None, None),
        };
        let verified_at = (status == ParticipationStatus::Attended
            && rng.chance(verified_share(e.ends_at)))
        .then(|| (e.ends_at + Duration::minutes(rng.range(60, 72 * 60))).min(as_of_instant()));
        self.rows.push(Row {
            id: self.next_id,
            volunteer: i64::from(v) + 1,
            event: event_id,
            status,
            registered_at,
            checked_in: times.map(|t| t.0),
            checked_out: times.map(|t| t.1),
            minutes,
            on_date: times.map_or(day, |t| kz_date(t.0)),
            verified_at,
        });
        self.next_id += 1;
    }
}

/// Coordinators verify more of the hours as the network matures; the last
/// weeks before the as-of day are not all verified yet.
fn verified_share(ends_at: DateTime<Utc>) -> f64 {
    if as_of_instant() - ends_at < Duration::days(30) {
        return 0.4;
    }
    (0.55 + 0.035 * f64::from(ends_at.year() - 2016)).min(0.9)
}
