//! A volunteer at an event: registration, check-in and check-out, hours,
//! no-shows and verification.
//!
//! Life of a participation (`participation_state`): REGISTERED → (checked
//! in) → ATTENDED at check-out, or ATTENDED directly when a coordinator logs
//! the hours; a registration may instead be CANCELLED or marked NO_SHOW.
//! Hours exist only
//! on ATTENDED participations, in whole minutes. Correcting the hours of a
//! verified participation withdraws the verification: it must be verified
//! again.
//!
//! Every operation locks, in this order, the volunteer, the event and the
//! participation, so concurrent writes on the same volunteer take turns,
//! writes that change an event wait for those on its participations, and
//! none can deadlock.

use crate::credentials::revocation;
use crate::domain::access;
use crate::domain::changes::Subject;
use crate::domain::error::{DomainError, DomainResult};
use crate::domain::event_status;
use crate::domain::guardianship;
use crate::domain::ledger::{self, Entry};
use crate::domain::lookup;
use crate::domain::participation_state::{self, Step};
use crate::domain::time::{kz_date, kz_minute};
use crate::domain::validate;
use crate::domain::volunteers;
use crate::domain::write::{Write, ensure};
use crate::i18n::Message;
use crate::msg;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{EventStatus, HoursSource, ParticipationStatus, event, participation, volunteer};
use sea_orm::sea_query::{Expr, Func, Query, QueryStatementBuilder};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, FromQueryResult,
    IdenStatic, Iterable, QueryFilter, Set, Statement,
};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// The most minutes a volunteer can attend on one calendar day.
pub const DAY_MINUTES: i32 = 24 * 60;

/// The longest reason a change of hours may give.
pub const MAX_REASON_CHARS: usize = 500;

/// Clock skew tolerated on times sent by devices.
const CLOCK_SKEW: Duration = Duration::minutes(5);

/// The participation with its volunteer and event, all locked.
pub(crate) struct Locked {
    pub v: volunteer::Model,
    pub e: event::Model,
    pub p: participation::Model,
}

/// Admins, coordinators of the event's region, and (with `own`) the
/// volunteer or its guardian.
pub(crate) async fn ensure_allowed(
    w: &Write,
    v: &volunteer::Model,
    e: &event::Model,
    own: bool,
    action: Message,
) -> DomainResult<()> {
    if own && !w.caller().coordinates(&e.region_code) && access::speaks_for(w, v).await? {
        return Ok(());
    }
    access::ensure_coordinates(w.caller(), &e.region_code, action)
}

/// Lock a participation with its volunteer and event, in the order every
/// write takes them (volunteer, event, participation), in one statement:
/// the volunteer and the event are found through the participation, and
/// PostgreSQL locks the rows of one `SELECT` in the order of its locking
/// clauses. The event is only kept from changing: writes to one
/// participation never change their event, so the check-ins of a busy
/// event proceed side by side.
pub(crate) async fn lock(w: &Write, participation_id: i64) -> DomainResult<Locked> {
    let backend = w.tx.get_database_backend();
    let row =
        w.tx.query_one_raw(Statement::from_sql_and_values(
            backend,
            lock_sql(backend),
            [participation_id.into()],
        ))
        .await?
        .ok_or_else(|| DomainError::not_found("participation"))?;
    Ok(Locked {
        v: volunteer::Model::from_query_result(&row, "v_")?,
        e: event::Model::from_query_result(&row, "e_")?,
        p: participation::Model::from_query_result(&row, "p_")?,
    })
}

/// The statement of `lock`: every column of the three rows, each named
/// after its table's alias (`p_id`, `e_title`, `v_birth_date`).
fn lock_sql(backend: DbBackend) -> &'static str {
    static SQL: LazyLock<[String; 2]> = LazyLock::new(|| {
        let select = [
            columns::<participation::Column>("p"),
            columns::<event::Column>("e"),
            columns::<volunteer::Column>("v"),
        ]
        .join(", ");
        let from = "FROM participation p \
            JOIN volunteer v ON v.id = p.volunteer_id \
            JOIN event e ON e.id = p.event_id";
        [
            // SQLite: the write transaction already holds the database.
            format!("SELECT {select} {from} WHERE p.id = ?"),
            // Rows are locked in the order the clauses name their tables.
            format!(
                "SELECT {select} {from} WHERE p.id = $1 \
                 FOR UPDATE OF v FOR SHARE OF e FOR UPDATE OF p"
            ),
        ]
    });
    &SQL[usize::from(backend == DbBackend::Postgres)]
}

/// `alias."column" AS "alias_column"` for every column of an entity.
fn columns<C: Iterable + IdenStatic>(alias: &str) -> String {
    C::iter()
        .map(|c| format!("{alias}.\"{0}\" AS \"{alias}_{0}\"", c.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn ensure_not_cancelled(e: &event::Model) -> DomainResult<()> {
    ensure(e.status != EventStatus::Cancelled, || {
        DomainError::event_closed(msg!("event-cancelled"))
    })
}

/// Register a volunteer for an event; a cancelled registration is renewed.
pub async fn register(w: &mut Write, volunteer_id: i64, event_id: i64) -> DomainResult<i64> {
    let v = volunteers::active(&w.tx, volunteer_id).await?;
    let e = lookup::locked::<event::Entity>(&w.tx, event_id, "event").await?;
    ensure_allowed(w, &v, &e, true, msg!("to-register-volunteers-for-events")).await?;
    ensure_not_cancelled(&e)?;
    ensure(
        event_status::status_at(&e, w.now) != EventStatus::Completed,
        || DomainError::event_closed(msg!("event-over")),
    )?;
    let id = enrol(w, &v, &e).await?;
    w.record(Subject::Participation, "Participation", id, None)
        .await?;
    Ok(id)
}

/// Enrol `v` at `e`: the guardian and age rules, the participation's
/// state, the capacity, and the row (a cancelled registration renewed);
/// what registering and importing share. Returns the participation's id.
async fn enrol(w: &Write, v: &volunteer::Model, e: &event::Model) -> DomainResult<i64> {
    let (volunteer_id, event_id) = (v.id, e.id);
    volunteers::ensure_confirmed(v)?;
    guardianship::ensure_guardian(&w.tx, v, kz_date(e.starts_at)).await?;
    guardianship::ensure_open_to(v, e, "input.volunteerId")?;
    let existing = participation::Entity::find()
        .filter(participation::Column::VolunteerId.eq(volunteer_id))
        .filter(participation::Column::EventId.eq(event_id))
        .one(&w.tx)
        .await?;
    if let Some(p) = &existing {
        participation_state::ensure(p, Step::Register)?;
    }
    if let Some(capacity) = e.capacity {
        let taken = crate::domain::events::places_taken(&w.tx, event_id).await?;
        ensure(taken < u64::try_from(capacity).unwrap_or(0), || {
            DomainError::CapacityReached {
                message: msg!("event-full", capacity = capacity),
            }
        })?;
    }
    Ok(match existing {
        Some(cancelled) => {
            let mut row: participation::ActiveModel = cancelled.into();
            row.status = Set(ParticipationStatus::Registered);
            row.registered_at = Set(w.now);
            row.update(&w.tx).await?.id
        }
        None => {
            participation::ActiveModel {
                volunteer_id: Set(volunteer_id),
                event_id: Set(event_id),
                status: Set(ParticipationStatus::Registered),
                registered_at: Set(w.now),
                checked_in_at: Set(None),
                checked_out_at: Set(None),
                minutes: Set(None),
                on_date: Set(kz_date(e.starts_at)),
                verified_at: Set(None),
                verified_by: Set(None),
                ..Default::default()
            }
            .insert(&w.tx)
            .await?
            .id
        }
    })
}

/// Cancel a registration that has not been attended.
pub async fn cancel(w: &mut Write, id: i64) -> DomainResult<i64> {
    let Locked { v, e, p } = lock(w, id).await?;
    ensure_allowed(w, &v, &e, true, msg!("to-cancel-registrations")).await?;
    participation_state::ensure(&p, Step::Cancel)?;
    set_status(w, p, ParticipationStatus::Cancelled).await
}

/// Mark a registered volunteer as not having come.
pub async fn mark_no_show(w: &mut Write, id: i64) -> DomainResult<i64> {
    let Locked { v, e, p } = lock(w, id).await?;
    ensure_allowed(w, &v, &e, false, msg!("to-mark-no-shows")).await?;
    ensure_not_cancelled(&e)?;
    participation_state::ensure(&p, Step::MarkNoShow)?;
    set_status(w, p, ParticipationStatus::NoShow).await
}

async fn set_status(
    w: &mut Write,
    p: participation::Model,
    to: ParticipationStatus,
) -> DomainResult<i64> {
    let id = p.id;
    let detail = serde_json::json!({ "from": p.status.as_str(), "to": to.as_str() });
    let mut row: participation::ActiveModel = p.into();
    row.status = Set(to);
    row.update(&w.tx).await?;
    w.record(Subject::Participation, "Participation", id, Some(detail))
        .await?;
    Ok(id)
}

/// The window in which attendance at `e` can be recorded.
fn attendance_window(w: &Write, e: &event::Model) -> (DateTime<Utc>, DateTime<Utc>) {
    let grace = w.rules.attendance_grace;
    (e.starts_at - grace, e.ends_at + grace)
}

fn ensure_in_window(
    w: &Write,
    e: &event::Model,
    at: DateTime<Utc>,
    field: &str,
) -> DomainResult<()> {
    let (from, to) = attendance_window(w, e);
    ensure(at <= w.now + CLOCK_SKEW, || {
        DomainError::validation(field, msg!("time-in-future", at = kz_minute(at)))
    })?;
    ensure(at >= from && at <= to, || {
        DomainError::validation(
            field,
            msg!(
                "time-outside-event",
                at = kz_minute(at),
                starts = kz_minute(e.starts_at),
                ends = kz_minute(e.ends_at),
                grace = w.rules.attendance_grace.num_minutes()
            ),
        )
    })
}

/// A participation a write changed: its id, which a keyed retry replays,
/// and the row as the write left it (its UPDATE's `RETURNING`), so the
/// answer needs no second read. A replay has the id only.
#[derive(Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Changed {
    pub id: i64,
    #[serde(skip)]
    pub row: Option<participation::Model>,
}

/// Check a volunteer in at `at` (default: now).
pub async fn check_in(w: &mut Write, id: i64, at: Option<DateTime<Utc>>) -> DomainResult<Changed> {
    let Locked { v, e, p } = lock(w, id).await?;
    ensure_allowed(w, &v, &e, true, msg!("to-check-volunteers-in")).await?;
    ensure_not_cancelled(&e)?;
    participation_state::ensure(&p, Step::CheckIn)?;
    let at = at.unwrap_or(w.now);
    ensure_in_window(w, &e, at, "input.at")?;
    let open = participation::Entity::find()
        .filter(participation::Column::VolunteerId.eq(v.id))
        .filter(participation::Column::CheckedInAt.is_not_null())
        .filter(participation::Column::CheckedOutAt.is_null())
        .filter(participation::Column::Status.eq(ParticipationStatus::Registered))
        .one(&w.tx)
        .await?;
    ensure(open.is_none(), || {
        DomainError::conflict(msg!("checked-in-elsewhere"))
    })?;
    guardianship::ensure_open_to(&v, &e, "input.participationId")?;
    guardianship::ensure_may_attend(&w.tx, &v, &e).await?;
    let mut row: participation::ActiveModel = p.into();
    row.checked_in_at = Set(Some(at));
    row.on_date = Set(kz_date(at));
    let row = row.update(&w.tx).await?;
    w.record_last(Subject::Participation, "Participation", id, None);
    Ok(Changed { id, row: Some(row) })
}

/// Check a volunteer out at `at` (default: now); the hours are the time
/// between check-in and check-out.
pub async fn check_out(w: &mut Write, id: i64, at: Option<DateTime<Utc>>) -> DomainResult<Changed> {
    let Locked { v, e, p } = lock(w, id).await?;
    ensure_allowed(w, &v, &e, true, msg!("to-check-volunteers-out")).await?;
    ensure_not_cancelled(&e)?;
    let checked_in = participation_state::checked_in_since(&p)?;
    let at = at.unwrap_or(w.now);
    ensure_in_window(w, &e, at, "input.at")?;
    ensure(at > checked_in, || {
        DomainError::validation("input.at", msg!("check-out-before-check-in"))
    })?;
    let minutes = i32::try_from((at - checked_in).num_minutes())
        .unwrap_or(i32::MAX)
        .clamp(1, DAY_MINUTES);
    let others = others_at(&w.tx, &p, checked_in, at, minutes).await?;
    ensure(!others.overlapping, || {
        DomainError::conflict(msg!("attended-elsewhere"))
    })?;
    within_day_limit(others.that_day, p.on_date, minutes)?;
    let (mut row, entry) = ledger::set_knowing(
        w,
        p,
        Entry {
            minutes,
            source: HoursSource::Attendance,
            reason: None,
        },
        others.certified_more,
    )
    .await?;
    row.checked_out_at = Set(Some(at));
    row.status = Set(ParticipationStatus::Attended);
    let row = row.update(&w.tx).await?;
    let detail = serde_json::json!({ "hoursEntry": entry, "source": HoursSource::Attendance.as_str(), "minutes": minutes });
    w.record_last(Subject::Participation, "Participation", id, Some(detail));
    Ok(Changed { id, row: Some(row) })
}

/// What a check-out of `p` (checked in at `checked_in`) at `at`, for
/// `minutes`, meets among its volunteer's other participations and its
/// credentials.
struct Others {
    /// One of them overlaps the time from `checked_in` to `at`.
    overlapping: bool,
    /// The minutes they attended on `p`'s day.
    that_day: i64,
    /// A credential certified more than `minutes` of `p`.
    certified_more: bool,
}

/// `Others`, read in one statement.
async fn others_at(
    db: &impl ConnectionTrait,
    p: &participation::Model,
    checked_in: DateTime<Utc>,
    at: DateTime<Utc>,
    minutes: i32,
) -> DomainResult<Others> {
    use participation::Column as P;
    let others = Query::select()
        .from(participation::Entity)
        .and_where(P::VolunteerId.eq(p.volunteer_id))
        .and_where(P::Id.ne(p.id))
        .to_owned();
    let overlapping = others
        .clone()
        .expr(Expr::val(1))
        .and_where(P::CheckedInAt.lt(at))
        .and_where(P::CheckedOutAt.gt(checked_in))
        .to_owned();
    let that_day = others
        .clone()
        .expr(Func::coalesce([
            Func::sum(Expr::col(P::Minutes)).into(),
            Expr::val(0i64),
        ]))
        .and_where(P::OnDate.eq(p.on_date))
        .and_where(P::Status.eq(ParticipationStatus::Attended))
        .to_owned();
    let checks = Query::select()
        .expr_as(Expr::exists(overlapping), "overlapping")
        .expr_as(
            Expr::SubQuery(None, Box::new(that_day.into_sub_query_statement())),
            "that_day",
        )
        .expr_as(
            Expr::exists(revocation::any_certifying_more(p.id, minutes)),
            "certified_more",
        )
        .to_owned();
    let row = db
        .query_one(&checks)
        .await?
        .ok_or_else(|| DomainError::internal("reading a check-out's day", "no row"))?;
    Ok(Others {
        overlapping: row.try_get("", "overlapping")?,
        that_day: row.try_get("", "that_day")?,
        certified_more: row.try_get("", "certified_more")?,
    })
}

/// Log or correct the hours of a participation, in minutes, as a
/// COORDINATOR entry of the ledger. A registration becomes ATTENDED; a
/// verified participation must be verified again. Changing minutes already
/// recorded is a correction and needs `reason`; so do more minutes than
/// the time between check-in and check-out (up to the event's length).
pub async fn log_hours(
    w: &mut Write,
    id: i64,
    minutes: i32,
    reason: Option<String>,
) -> DomainResult<i64> {
    set_hours(w, id, minutes, reason, HoursSource::Coordinator).await
}

/// A participation that happened, brought in from a file: the volunteer
/// is registered for the event (renewing a cancelled registration) and
/// credited `minutes` as an IMPORT entry of the ledger, under the rules of
/// registering and of logging hours, except that the event may be over:
/// the file records what happened.
pub async fn import_attended(
    w: &mut Write,
    volunteer_id: i64,
    event_id: i64,
    minutes: i32,
) -> DomainResult<i64> {
    let v = volunteers::active(&w.tx, volunteer_id).await?;
    let e = lookup::locked::<event::Entity>(&w.tx, event_id, "event").await?;
    ensure_allowed(w, &v, &e, false, msg!("to-import")).await?;
    ensure_not_cancelled(&e)?;
    let id = enrol(w, &v, &e).await?;
    set_hours(w, id, minutes, None, HoursSource::Import).await
}

/// Set a participation's minutes from `source` (see `log_hours`).
async fn set_hours(
    w: &mut Write,
    id: i64,
    minutes: i32,
    reason: Option<String>,
    source: HoursSource,
) -> DomainResult<i64> {
    let Locked { v, e, p } = lock(w, id).await?;
    ensure_allowed(w, &v, &e, false, msg!("to-log-hours")).await?;
    ensure_not_cancelled(&e)?;
    participation_state::ensure(&p, Step::LogHours)?;
    // Hours are worked, not planned: before the event starts only a
    // check-out (within the grace before the start) can justify them.
    ensure(e.starts_at <= w.now || p.checked_out_at.is_some(), || {
        DomainError::invalid_state(msg!("event-not-started"))
    })?;
    ensure((1..=DAY_MINUTES).contains(&minutes), || {
        DomainError::validation("input.minutes", msg!("minutes-range", max = DAY_MINUTES))
    })?;
    let reason = self::reason("input.reason", reason)?;
    let length = (e.ends_at - e.starts_at).num_minutes();
    let span = match (p.checked_in_at, p.checked_out_at) {
        (Some(inn), Some(out)) => (out - inn).num_minutes(),
        _ => length,
    };
    // Beyond the checked time, a coordinator may credit up to the event's
    // length when it says why (a volunteer who stayed on unscanned).
    let limit = if reason.is_some() {
        span.max(length)
    } else {
        span
    };
    ensure(i64::from(minutes) <= limit, || {
        DomainError::validation(
            "input.minutes",
            if limit < length {
                msg!("minutes-exceed-span-reason", minutes = minutes, span = span)
            } else {
                msg!("minutes-exceed-span", minutes = minutes, span = limit)
            },
        )
    })?;
    let estimate = p.minutes_source == Some(HoursSource::AutoClose);
    if p.minutes == Some(minutes) && !estimate {
        // The hours are already these: nothing to record.
        return Ok(id);
    }
    let correction = p.minutes.is_some_and(|m| m != minutes);
    ensure(!correction || reason.is_some(), || {
        DomainError::validation("input.reason", msg!("correction-needs-reason"))
    })?;
    if p.status != ParticipationStatus::Attended {
        guardianship::ensure_open_to(&v, &e, "input.participationId")?;
        guardianship::ensure_may_attend(&w.tx, &v, &e).await?;
    }
    ensure_day_limit(&w.tx, v.id, p.id, p.on_date, minutes).await?;
    let before = p.minutes;
    let reverify = p.verified_at.is_some() && before != Some(minutes);
    let (mut row, entry) = ledger::set(
        w,
        p,
        Entry {
            minutes,
            source,
            reason,
        },
    )
    .await?;
    row.status = Set(ParticipationStatus::Attended);
    if reverify {
        row.verified_at = Set(None);
        row.verified_by = Set(None);
    }
    row.update(&w.tx).await?;
    let detail = serde_json::json!({ "minutesBefore": before, "minutes": minutes, "hoursEntry": entry, "source": source.as_str(), "estimateConfirmed": estimate, "verificationWithdrawn": reverify });
    w.record(Subject::Participation, "Participation", id, Some(detail))
        .await?;
    Ok(id)
}

/// The minutes a volunteer attended on day `on`, participation
/// `participation_id` left out.
pub(crate) async fn minutes_that_day(
    db: &impl ConnectionTrait,
    volunteer_id: i64,
    participation_id: i64,
    on: NaiveDate,
) -> DomainResult<i64> {
    Ok(participation::Entity::find()
        .filter(participation::Column::VolunteerId.eq(volunteer_id))
        .filter(participation::Column::Id.ne(participation_id))
        .filter(participation::Column::OnDate.eq(on))
        .filter(participation::Column::Status.eq(ParticipationStatus::Attended))
        .all(db)
        .await?
        .iter()
        .filter_map(|p| p.minutes)
        .map(i64::from)
        .sum())
}

/// The reason given with a change of hours, checked (at most
/// `MAX_REASON_CHARS`, something readable), if any.
pub(crate) fn reason(field: &str, text: Option<String>) -> DomainResult<Option<String>> {
    text.map(|r| validate::multiline_text(field, &r, MAX_REASON_CHARS))
        .transpose()
}

pub(crate) async fn ensure_day_limit(
    db: &impl ConnectionTrait,
    volunteer_id: i64,
    participation_id: i64,
    on: NaiveDate,
    minutes: i32,
) -> DomainResult<()> {
    let others = minutes_that_day(db, volunteer_id, participation_id, on).await?;
    within_day_limit(others, on, minutes)
}

/// Refuse `minutes` more on day `on` when the volunteer's other
/// participations already hold `others` minutes of it.
fn within_day_limit(others: i64, on: NaiveDate, minutes: i32) -> DomainResult<()> {
    ensure(
        others + i64::from(minutes) <= i64::from(DAY_MINUTES),
        || DomainError::HoursLimit {
            message: msg!(
                "day-limit",
                others = others,
                on = on.to_string(),
                minutes = minutes
            ),
        },
    )
}

/// Verify an attended participation (verifying twice changes nothing).
pub async fn verify(w: &mut Write, id: i64) -> DomainResult<i64> {
    let Locked { v, e, p } = lock(w, id).await?;
    ensure_allowed(w, &v, &e, false, msg!("to-verify-participations")).await?;
    ensure_not_cancelled(&e)?;
    participation_state::ensure(&p, Step::Verify)?;
    ensure(p.minutes_source != Some(HoursSource::AutoClose), || {
        DomainError::invalid_state(msg!("estimate-unconfirmed"))
    })?;
    if p.verified_at.is_none() {
        mark_verified(w, p).await?;
    }
    Ok(id)
}

/// Verify every attended, unverified participation of an event whose
/// minutes are not an estimate; returns the ids verified.
pub async fn verify_event(w: &mut Write, event_id: i64) -> DomainResult<Vec<i64>> {
    let e = lookup::locked::<event::Entity>(&w.tx, event_id, "event").await?;
    access::ensure_coordinates(w.caller(), &e.region_code, msg!("to-verify-participations"))?;
    ensure_not_cancelled(&e)?;
    let pending = participation::Entity::find()
        .filter(participation::Column::EventId.eq(event_id))
        .filter(participation::Column::Status.eq(ParticipationStatus::Attended))
        .filter(participation::Column::VerifiedAt.is_null())
        .filter(
            sea_orm::Condition::any()
                .add(participation::Column::MinutesSource.is_null())
                .add(participation::Column::MinutesSource.ne(HoursSource::AutoClose)),
        )
        .all(&w.tx)
        .await?;
    let mut ids = Vec::with_capacity(pending.len());
    for p in pending {
        ids.push(mark_verified(w, p).await?);
    }
    Ok(ids)
}

async fn mark_verified(w: &mut Write, p: participation::Model) -> DomainResult<i64> {
    let id = p.id;
    let mut row: participation::ActiveModel = p.into();
    row.verified_at = Set(Some(w.now));
    row.verified_by = Set(Some(w.caller().audit_name()));
    row.update(&w.tx).await?;
    w.record(Subject::Participation, "Participation", id, None)
        .await?;
    Ok(id)
}
