//! The demo's events and who came to them: a growing number every year,
//! raids of «Жеңіс» around 9 May and in winter, actions, forums and
//! festivals, some cancelled, the later ones still to come.

use super::calendar::Calendar;
use super::organizations::OFFICES;
use super::people::Member;
use crate::domain::search::fold;
use crate::domain::time::{age_on, kz_date};
use crate::seed::rng::Rng;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};
use std::collections::HashSet;

/// An event to hold.
pub struct Spec {
    pub title: String,
    pub kind: EventKind,
    pub level: EventLevel,
    pub activity: ActivityType,
    pub hazardous: bool,
    pub project: Option<i64>,
    pub region: &'static str,
    pub starts: DateTime<Utc>,
    pub ends: DateTime<Utc>,
}

impl Spec {
    fn day(&self) -> NaiveDate {
        kz_date(self.starts)
    }

    fn closed_to_minors(&self) -> bool {
        self.activity.is_adults_only() || self.hazardous
    }
}

/// What happened to one volunteer at an event.
pub enum Attendance {
    /// Registered, and the event has not happened (or not for them yet).
    Registered,
    /// Checked in at an instant and not yet out.
    CheckedIn(DateTime<Utc>),
    /// Checked in, worked these minutes, and checked out.
    Attended(DateTime<Utc>, i32),
    NoShow,
    Cancelled,
}

/// The events and participations being built, with who is busy on which
/// day (one event a day per volunteer).
pub struct Plan<'m> {
    pub members: &'m [Member],
    pub calendar: Calendar,
    events: Vec<event::ActiveModel>,
    participations: Vec<participation::ActiveModel>,
    beneficiaries: Vec<beneficiaries_served::ActiveModel>,
    busy: HashSet<(i64, NaiveDate)>,
}

impl<'m> Plan<'m> {
    pub fn new(members: &'m [Member], calendar: Calendar) -> Self {
        Plan {
            members,
            calendar,
            events: Vec::new(),
            participations: Vec::new(),
            beneficiaries: Vec::new(),
            busy: HashSet::new(),
        }
    }

    /// Record an event; its id.
    pub fn event(&mut self, spec: &Spec, status: EventStatus, capacity: Option<i32>) -> i64 {
        let id = self.events.len() as i64 + 1;
        self.events.push(event::ActiveModel {
            id: Set(id),
            title: Set(spec.title.clone()),
            search_title: Set(Some(fold(&spec.title))),
            kind: Set(spec.kind),
            level: Set(spec.level),
            activity_type: Set(spec.activity),
            hazardous: Set(spec.hazardous),
            project_id: Set(spec.project),
            region_code: Set(spec.region.into()),
            starts_at: Set(spec.starts),
            ends_at: Set(spec.ends),
            capacity: Set(capacity),
            status: Set(status),
        });
        id
    }

    /// Whether member `j` may come to `spec` alone or within `group`.
    fn fits(&self, spec: &Spec, group: &[usize], j: usize, taken: &[usize]) -> bool {
        let m = &self.members[j];
        let day = spec.day();
        let age = age_on(m.birth, day);
        let minor_ok = age >= 18
            || (!spec.closed_to_minors()
                && (m.family.is_some() && group.len() > 1 || age >= 14 && m.family.is_none()));
        m.registered <= day
            && (7..=74).contains(&age)
            && minor_ok
            && !self.busy.contains(&(m.id, day))
            && !taken.contains(&j)
    }

    /// Up to `target` members who may come to `spec`: whole families to
    /// raids open to minors, single people otherwise, drawn mostly from
    /// the host region for regional events (only from it with `local`).
    pub fn attendees(&self, rng: &mut Rng, spec: &Spec, target: usize, local: bool) -> Vec<usize> {
        let mut chosen: Vec<usize> = Vec::new();
        // Local events draw from the region's own people only: a small
        // region's few would rarely come up in draws from everyone.
        let pool: Vec<usize> = (0..self.members.len())
            .filter(|&i| !local || self.members[i].region == spec.region)
            .collect();
        if pool.is_empty() {
            return chosen;
        }
        for _ in 0..400 {
            if chosen.len() >= target {
                break;
            }
            let i = pool[rng.below(pool.len() as u64) as usize];
            let away = self.members[i].region != spec.region;
            if away && spec.level == EventLevel::Regional && rng.chance(0.8) {
                continue;
            }
            let group: Vec<usize> = match self.members[i].family {
                Some(f) if spec.kind == EventKind::Raid && !spec.closed_to_minors() => {
                    (0..self.members.len())
                        .filter(|&j| self.members[j].family == Some(f))
                        .collect()
                }
                _ => vec![i],
            };
            let day = spec.day();
            // A child needs a guardian of the group who can come too.
            let guarded = group.iter().any(|&j| {
                let m = &self.members[j];
                m.guardian && m.registered <= day && !self.busy.contains(&(m.id, day))
            });
            let fits = group.iter().all(|&j| self.fits(spec, &group, j, &chosen));
            if fits && (group.len() == 1 || guarded) {
                chosen.extend(group);
            }
        }
        chosen
    }

    /// Record member `j`'s participation in event `event_id`.
    pub fn attend(
        &mut self,
        rng: &mut Rng,
        event_id: i64,
        spec: &Spec,
        j: usize,
        what: Attendance,
    ) {
        let members = self.members;
        let m = &members[j];
        self.busy.insert((m.id, spec.day()));
        let registered_at = (spec.starts - Duration::days(rng.range(1, 20))).min(self.calendar.now);
        let (status, checked_in, checked_out, minutes) = match what {
            Attendance::Registered => (ParticipationStatus::Registered, None, None, None),
            Attendance::CheckedIn(at) => (ParticipationStatus::Registered, Some(at), None, None),
            Attendance::Attended(at, minutes) => (
                ParticipationStatus::Attended,
                Some(at),
                Some(at + Duration::minutes(i64::from(minutes))),
                Some(minutes),
            ),
            Attendance::NoShow => (ParticipationStatus::NoShow, None, None, None),
            Attendance::Cancelled => (ParticipationStatus::Cancelled, None, None, None),
        };
        let verified_at = spec.ends + Duration::hours(2);
        let verified = status == ParticipationStatus::Attended
            && verified_at <= self.calendar.now
            && rng.chance(0.8);
        self.participations.push(participation::ActiveModel {
            id: Set(self.participations.len() as i64 + 1),
            volunteer_id: Set(m.id),
            event_id: Set(event_id),
            status: Set(status),
            registered_at: Set(registered_at),
            checked_in_at: Set(checked_in),
            checked_out_at: Set(checked_out),
            minutes: Set(minutes),
            minutes_source: Set(
                minutes.map(|_| crate::domain::ledger::seeded_source(checked_out.is_some()))
            ),
            on_date: Set(kz_date(checked_in.unwrap_or(spec.starts))),
            verified_at: Set(verified.then_some(verified_at)),
            verified_by: Set(verified.then(|| "system:seed".to_owned())),
        });
    }

    /// A past attendance at `spec`: a little late, at least an hour of work
    /// unless the event was shorter, checked out before its end.
    pub fn worked(rng: &mut Rng, spec: &Spec) -> Attendance {
        let length = (spec.ends - spec.starts).num_minutes();
        let late = rng.range(0, 30).min(length - 1);
        let max = length - late;
        let minutes = rng.range(60.min(max), max) as i32;
        Attendance::Attended(spec.starts + Duration::minutes(late), minutes)
    }

    /// The people served by a raid or an action that took place.
    pub fn served(&mut self, rng: &mut Rng, event_id: i64, activity: ActivityType) {
        use BeneficiaryCategory::*;
        let categories: &[BeneficiaryCategory] = match activity {
            ActivityType::VeteranCare => &[Veteran, HomeFrontWorker, SociallyVulnerable],
            ActivityType::SocialSupport => &[Elderly, Disabled],
            _ => &[Other],
        };
        for category in categories {
            self.beneficiaries.push(beneficiaries_served::ActiveModel {
                event_id: Set(event_id),
                category: Set(*category),
                count: Set(rng.range(2, 25) as i32),
            });
        }
    }

    /// Write everything; the counts of events and participations.
    pub async fn insert(self, db: &impl ConnectionTrait) -> Result<(usize, usize), DbErr> {
        let counts = (self.events.len(), self.participations.len());
        for chunk in self.events.chunks(200) {
            event::Entity::insert_many(chunk.to_vec()).exec(db).await?;
        }
        for chunk in self.participations.chunks(300) {
            participation::Entity::insert_many(chunk.to_vec())
                .exec(db)
                .await?;
        }
        for chunk in self.beneficiaries.chunks(300) {
            beneficiaries_served::Entity::insert_many(chunk.to_vec())
                .exec(db)
                .await?;
        }
        Ok(counts)
    }
}

/// The kind, activity, project and title of the `n`-th event of a year.
fn theme(n: usize, projects: &[i64]) -> (EventKind, ActivityType, Option<i64>, &'static str) {
    match n % 6 {
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
    }
}

/// Seven years of events up to today and a few into next year; none on
/// today itself, which belongs to the live day.
pub fn seed_years(plan: &mut Plan, rng: &mut Rng, projects: &[i64]) {
    let calendar = plan.calendar;
    let first = calendar.year() - 7;
    for year in first..=calendar.year() + 1 {
        let count = if year > calendar.year() {
            3
        } else {
            8 + 2 * (year - first) as usize
        };
        for n in 0..count {
            let (kind, activity, project, title) = theme(n, projects);
            let level = match n % 10 {
                9 => EventLevel::International,
                4 | 7 => EventLevel::Republican,
                _ => EventLevel::Regional,
            };
            let region = rng.pick(&OFFICES).0;
            let mut day = match (kind, n % 2) {
                (EventKind::Raid, 0) => Calendar::date(year, 5, rng.range(5, 9) as u32),
                (EventKind::Raid, _) => Calendar::date(year, 12, rng.range(1, 25) as u32),
                _ => Calendar::date(year, rng.range(1, 11) as u32, rng.range(1, 28) as u32),
            };
            if day == calendar.today {
                day = day.succ_opt().unwrap_or(day);
            }
            let starts = Calendar::at(day, 10);
            let spec = Spec {
                title: format!("{title} {year}"),
                kind,
                level,
                activity,
                hazardous: activity.is_adults_only() || (kind == EventKind::Action && n % 9 == 0),
                project,
                region,
                starts,
                ends: starts + Duration::hours(rng.range(3, 6)),
            };
            let cancelled = n % 17 == 16;
            let past = day < calendar.today;
            let status = match (cancelled, past) {
                (true, _) => EventStatus::Cancelled,
                (false, true) => EventStatus::Completed,
                (false, false) => EventStatus::Planned,
            };
            let target = 6 + (year - first) as usize * 3 + rng.below(6) as usize;
            let attendees = plan.attendees(rng, &spec, target, false);
            let capacity = (n % 4 == 0)
                .then(|| attendees.len() as i32 + rng.range(0, 10) as i32)
                .filter(|c| *c > 0);
            let id = plan.event(&spec, status, capacity);
            for j in attendees {
                let what = match status {
                    EventStatus::Cancelled => Attendance::Cancelled,
                    EventStatus::Completed if rng.chance(0.05) && !plan.members[j].guardian => {
                        Attendance::NoShow
                    }
                    EventStatus::Completed => Plan::worked(rng, &spec),
                    _ => Attendance::Registered,
                };
                plan.attend(rng, id, &spec, j, what);
            }
            if matches!(kind, EventKind::Raid | EventKind::Action)
                && status == EventStatus::Completed
            {
                plan.served(rng, id, activity);
            }
        }
    }
}
