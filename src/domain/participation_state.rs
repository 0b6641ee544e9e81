//! The life of a participation, as a state machine free of the database.
//!
//! ```text
//! REGISTERED ──check in──▶ checked in ──check out──▶ ATTENDED ──verify──▶ ATTENDED
//!     │  │                     │                        ▲
//!     │  └──log hours──────────┼────────────────────────┘ (not while checked in)
//!     ├──cancel──▶ CANCELLED ──register again──▶ REGISTERED
//!     └──no-show──▶ NO_SHOW ──log hours──▶ ATTENDED
//! ```
//!
//! "Checked in" is a REGISTERED participation with a check-in time and no
//! check-out yet; it is stored as such and named here as a stage of its own
//! because most steps treat it differently. The operations in
//! `participations` take the step here first and refuse with the error
//! this module gives, so the rules are tested without a database.

use crate::domain::error::DomainError;
use crate::i18n::Message;
use crate::msg;
use chrono::{DateTime, Utc};
use entity::{ParticipationStatus, participation};

/// Where a participation is in its life.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Stage {
    Registered,
    CheckedIn,
    Attended,
    NoShow,
    Cancelled,
}

/// What an operation does to a participation.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Register again for the same event.
    Register,
    Cancel,
    MarkNoShow,
    CheckIn,
    CheckOut,
    LogHours,
    Verify,
}

impl Stage {
    /// The stage of a stored participation.
    pub fn of(p: &participation::Model) -> Stage {
        match (p.status, p.checked_in_at, p.checked_out_at) {
            (ParticipationStatus::Registered, Some(_), None) => Stage::CheckedIn,
            (ParticipationStatus::Registered, _, _) => Stage::Registered,
            (ParticipationStatus::Attended, _, _) => Stage::Attended,
            (ParticipationStatus::NoShow, _, _) => Stage::NoShow,
            (ParticipationStatus::Cancelled, _, _) => Stage::Cancelled,
        }
    }

    /// The stage in words, as messages give it.
    pub fn describe(self) -> Message {
        let stage = match self {
            Stage::Registered => "registered",
            Stage::CheckedIn => "checked-in",
            Stage::Attended => "attended",
            Stage::NoShow => "no-show",
            Stage::Cancelled => "cancelled",
        };
        msg!("stage", stage = stage)
    }
}

/// The stage `step` leads to from `stage`, or `None` where it may not be
/// taken.
pub fn next(stage: Stage, step: Step) -> Option<Stage> {
    use Stage::*;
    match (step, stage) {
        (Step::Register, Cancelled) => Some(Registered),
        (Step::Cancel, Registered) => Some(Cancelled),
        (Step::MarkNoShow, Registered) => Some(NoShow),
        (Step::CheckIn, Registered) => Some(CheckedIn),
        (Step::CheckOut, CheckedIn) => Some(Attended),
        (Step::LogHours, Registered | NoShow | Attended) => Some(Attended),
        (Step::Verify, Attended) => Some(Attended),
        _ => None,
    }
}

/// Why `step` may not be taken from `stage`.
fn refusal(stage: Stage, step: Step) -> DomainError {
    let is = stage.describe();
    match (step, stage) {
        (Step::Register, _) => DomainError::conflict(msg!("already-registered")),
        (Step::CheckIn, Stage::CheckedIn | Stage::Attended) => {
            DomainError::conflict(msg!("already-checked-in"))
        }
        (Step::CheckIn, _) => DomainError::invalid_state(msg!("cannot-check-in", stage = is)),
        (Step::Cancel, _) => DomainError::invalid_state(msg!("cannot-cancel", stage = is)),
        (Step::MarkNoShow, _) => {
            DomainError::invalid_state(msg!("cannot-mark-no-show", stage = is))
        }
        (Step::CheckOut, _) => DomainError::invalid_state(msg!("cannot-check-out", stage = is)),
        (Step::LogHours, Stage::CheckedIn) => DomainError::invalid_state(msg!("still-checked-in")),
        (Step::LogHours, _) => DomainError::invalid_state(msg!("registration-cancelled")),
        (Step::Verify, _) => DomainError::invalid_state(msg!("cannot-verify", stage = is)),
    }
}

/// Refuse `step` on `p` unless its stage allows it; the stage it leads to.
pub fn ensure(p: &participation::Model, step: Step) -> Result<Stage, DomainError> {
    let stage = Stage::of(p);
    next(stage, step).ok_or_else(|| refusal(stage, step))
}

/// When `p` was checked in, refusing a check-out of one not checked in.
pub fn checked_in_since(p: &participation::Model) -> Result<DateTime<Utc>, DomainError> {
    ensure(p, Step::CheckOut)?;
    p.checked_in_at
        .ok_or_else(|| refusal(Stage::of(p), Step::CheckOut))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Stage::*;

    const STAGES: [Stage; 5] = [Registered, CheckedIn, Attended, NoShow, Cancelled];

    /// Every step from every stage: where it leads, or the code refusing it.
    #[test]
    fn every_step_from_every_stage() {
        let table: [(Step, [Result<Stage, &str>; 5]); 7] = [
            (
                Step::Register,
                [
                    Err("CONFLICT"),
                    Err("CONFLICT"),
                    Err("CONFLICT"),
                    Err("CONFLICT"),
                    Ok(Registered),
                ],
            ),
            (
                Step::Cancel,
                [
                    Ok(Cancelled),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                ],
            ),
            (
                Step::MarkNoShow,
                [
                    Ok(NoShow),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                ],
            ),
            (
                Step::CheckIn,
                [
                    Ok(CheckedIn),
                    Err("CONFLICT"),
                    Err("CONFLICT"),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                ],
            ),
            (
                Step::CheckOut,
                [
                    Err("INVALID_STATE"),
                    Ok(Attended),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                ],
            ),
            (
                Step::LogHours,
                [
                    Ok(Attended),
                    Err("INVALID_STATE"),
                    Ok(Attended),
                    Ok(Attended),
                    Err("INVALID_STATE"),
                ],
            ),
            (
                Step::Verify,
                [
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                    Ok(Attended),
                    Err("INVALID_STATE"),
                    Err("INVALID_STATE"),
                ],
            ),
        ];
        for (step, outcomes) in table {
            for (stage, expected) in STAGES.into_iter().zip(outcomes) {
                let got = next(stage, step).ok_or_else(|| refusal(stage, step).code().as_str());
                assert_eq!(got, expected, "{step:?} from {stage:?}");
            }
        }
    }

    #[test]
    fn refusals_say_where_the_participation_is() {
        let message = refusal(NoShow, Step::CheckIn).message().english();
        assert!(message.contains("no-show"), "{message}");
        let message = refusal(CheckedIn, Step::Cancel).message().english();
        assert!(message.contains("checked in"), "{message}");
        let message = refusal(CheckedIn, Step::LogHours).message().english();
        assert!(message.contains("check out first"), "{message}");
    }

    #[test]
    fn the_stored_row_gives_the_stage() {
        use chrono::TimeZone;
        let t = Utc.with_ymd_and_hms(2026, 5, 9, 5, 0, 0).unwrap();
        let row = |status,
                   checked_in_at: Option<DateTime<Utc>>,
                   checked_out_at: Option<DateTime<Utc>>| participation::Model {
            id: 1,
            volunteer_id: 2,
            event_id: 3,
            status,
            registered_at: t,
            checked_in_at,
            checked_out_at,
            minutes: None,
            minutes_source: None,
            on_date: t.date_naive(),
            verified_at: None,
            verified_by: None,
        };
        assert_eq!(
            Stage::of(&row(ParticipationStatus::Registered, None, None)),
            Registered
        );
        assert_eq!(
            Stage::of(&row(ParticipationStatus::Registered, Some(t), None)),
            CheckedIn
        );
        assert_eq!(
            Stage::of(&row(ParticipationStatus::Attended, Some(t), Some(t))),
            Attended
        );
        let open = row(ParticipationStatus::Registered, Some(t), None);
        assert_eq!(checked_in_since(&open).ok(), Some(t));
        assert!(checked_in_since(&row(ParticipationStatus::Registered, None, None)).is_err());
    }
}
