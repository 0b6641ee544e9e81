//! The demo's present: a raid of «Жеңіс» in every region in the last two
//! weeks (so each region has this year's figures to show the public), and
//! an action going on right now in Astana and in Almaty, with volunteers
//! checked in and others registered, ready to be checked in.
//!
//! On the first days of January the raids fall on 1 January; until they
//! are over, the new year's figures are still empty.

use super::calendar::Calendar;
use super::events::{Attendance, Plan, Spec};
use crate::domain::time::kz_day_start;
use crate::seed::accounts::may_be_volunteer_account;
use crate::seed::national::regions::REGIONS;
use crate::seed::rng::Rng;
use chrono::{Datelike, Duration};
use entity::{ActivityType, EventKind, EventLevel, EventStatus};

/// People at each region's recent raid and at each live action.
const ATTENDEES: usize = 10;
/// Of them, how many are already checked in at a live action.
const CHECKED_IN: usize = 6;

pub fn seed(plan: &mut Plan, rng: &mut Rng, projects: &[i64]) {
    recent_raids(plan, rng, projects[0]);
    live_actions(plan, rng, projects[1]);
}

fn recent_raids(plan: &mut Plan, rng: &mut Rng, project: i64) {
    let calendar = plan.calendar;
    let new_year = Calendar::date(calendar.year(), 1, 1);
    for (i, region) in REGIONS.iter().enumerate() {
        let day = (calendar.today - Duration::days(1 + i as i64 % 14)).max(new_year);
        let starts = Calendar::at(day, 10);
        let spec = Spec {
            title: format!("Рейд «Жеңіс»: {}", region.town),
            kind: EventKind::Raid,
            level: EventLevel::Regional,
            activity: ActivityType::VeteranCare,
            hazardous: false,
            project: Some(project),
            region: region.code,
            starts,
            ends: starts + Duration::hours(4),
        };
        let over = spec.ends <= calendar.now;
        let status = if over {
            EventStatus::Completed
        } else {
            EventStatus::Planned
        };
        let attendees = plan.attendees(rng, &spec, ATTENDEES, true);
        let id = plan.event(&spec, status, None);
        for j in attendees {
            let what = if over {
                Plan::worked(rng, &spec)
            } else {
                Attendance::Registered
            };
            plan.attend(rng, id, &spec, j, what);
        }
        if over {
            plan.served(rng, id, spec.activity);
        }
    }
}

fn live_actions(plan: &mut Plan, rng: &mut Rng, project: i64) {
    let calendar = plan.calendar;
    let midnight = kz_day_start(calendar.today);
    let hour = midnight + Duration::hours((calendar.now - midnight).num_hours());
    // The demo's volunteer account is the first adult of Almaty
    // (`seed::accounts`): registered at Almaty's action, not checked in,
    // so a new user can check in as that volunteer.
    let account = plan
        .members
        .iter()
        .position(|m| may_be_volunteer_account(m.region, m.birth, calendar.today));
    for (code, town) in [("KZ-71", "Астана"), ("KZ-75", "Алматы")] {
        let starts = hour - Duration::hours(2);
        let spec = Spec {
            title: format!("Акция «Жылы қыс»: {town}, {}", calendar.today.year()),
            kind: EventKind::Action,
            level: EventLevel::Regional,
            activity: ActivityType::SocialSupport,
            hazardous: false,
            project: Some(project),
            region: code,
            starts,
            ends: starts + Duration::hours(6),
        };
        let mut attendees = plan.attendees(rng, &spec, ATTENDEES, true);
        let waiting = account.filter(|a| plan.members[*a].region == code);
        if let Some(a) = waiting {
            attendees.retain(|j| *j != a);
        }
        let id = plan.event(&spec, EventStatus::Planned, None);
        for (k, j) in attendees.into_iter().enumerate() {
            let what = if k < CHECKED_IN {
                Attendance::CheckedIn(starts + Duration::minutes(5 * k as i64))
            } else {
                Attendance::Registered
            };
            plan.attend(rng, id, &spec, j, what);
        }
        if let Some(a) = waiting {
            plan.attend(rng, id, &spec, a, Attendance::Registered);
        }
    }
}
