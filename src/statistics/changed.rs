//! What a list of committed changes means to cached figures: which parts of
//! the registry's figures to read again, and which volunteers and families
//! to re-read the registrations and entries of (`figures::Basis::catch_up`).
//!
//! Every change the domain announces names what it changed, so the
//! entries it can have altered are found from the names alone:
//! - a participation: its volunteer's entries (and their family's);
//! - an event (edited, cancelled, completed, beneficiaries recorded): the
//!   registry's events, beneficiaries and exchanges (an exchange is narrowed
//!   through its event), and the volunteers with participations at it;
//! - a volunteer (registered, confirmed, edited, erased, joining or leaving
//!   a family): that volunteer's registration and entries;
//! - a family: its entries, by its id, since a member who left is no
//!   longer found from the family (`families::remove_member` announces the
//!   family it leaves, `add_member` the one it joins; an erasure keeps the
//!   membership, so no family entry changes);
//! - an exchange (or its participants): the registry's exchanges.
//!
//! Accounts and the reference tables are in no figure. A change without an
//! id (0: "something changed", from a notification too long to name its
//! changes, or after the notifications were lost) cannot be caught up.

use crate::domain::changes::{Change, Subject};

/// Changes of more records than this are caught up by computing anew.
/// Re-reading a volunteer reads their few dozen participations, a
/// national year about a million: below this many it is much the cheaper
/// (a burst of 2,000 check-outs caught up in one go costs tens of
/// milliseconds).
pub const MAX_REFRESHED: usize = 5_000;

/// The records a list of changes names, by kind, each id once.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changed {
    pub participations: Vec<i64>,
    pub events: Vec<i64>,
    pub volunteers: Vec<i64>,
    pub families: Vec<i64>,
    /// Whether an exchange or its participants changed.
    pub exchanges: bool,
}

impl Changed {
    /// What `changes` name, or none when they cannot be caught up (too
    /// many, or one names nothing).
    pub fn of(changes: &[Change]) -> Option<Changed> {
        let mut changed = Changed::default();
        for change in changes {
            let ids = match change.subject {
                Subject::Participation => &mut changed.participations,
                Subject::Event => &mut changed.events,
                Subject::Volunteer => &mut changed.volunteers,
                Subject::Family => &mut changed.families,
                Subject::InternationalExchange => {
                    changed.exchanges = true;
                    continue;
                }
                Subject::Account | Subject::Reference => continue,
            };
            if change.id <= 0 {
                return None;
            }
            ids.push(change.id);
        }
        let mut count = 0;
        for ids in [
            &mut changed.participations,
            &mut changed.events,
            &mut changed.volunteers,
            &mut changed.families,
        ] {
            ids.sort_unstable();
            ids.dedup();
            count += ids.len();
        }
        (count <= MAX_REFRESHED).then_some(changed)
    }

    /// Whether the exchanges are to be read again: changed themselves, or
    /// an event they may be linked to.
    pub fn exchanges(&self) -> bool {
        self.exchanges || !self.events.is_empty()
    }

    /// Whether the registry's figures have anything to read again: the
    /// registrations of the volunteers named, the events named, the
    /// exchanges.
    pub fn registry(&self) -> bool {
        !self.volunteers.is_empty() || self.exchanges()
    }

    /// Whether any per-volunteer or per-family entry has to be read again.
    pub fn entries(&self) -> bool {
        !(self.participations.is_empty()
            && self.events.is_empty()
            && self.volunteers.is_empty()
            && self.families.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;

    fn change(subject: Subject, id: i64) -> Change {
        Change {
            subject,
            id,
            action: "test".into(),
            at: Utc::now(),
        }
    }

    #[test]
    fn every_kind_of_change_is_named_each_id_once() {
        let changed = Changed::of(&[
            change(Subject::Participation, 3),
            change(Subject::Participation, 3),
            change(Subject::Event, 7),
            change(Subject::Volunteer, 9),
            change(Subject::Family, 2),
            change(Subject::Volunteer, 9),
            change(Subject::InternationalExchange, 4),
            change(Subject::Account, 1),
            change(Subject::Reference, 0),
        ]);
        assert_eq!(
            changed,
            Some(Changed {
                participations: vec![3],
                events: vec![7],
                volunteers: vec![9],
                families: vec![2],
                exchanges: true,
            })
        );
    }

    #[test]
    fn what_touches_no_figure_is_caught_up_at_once() {
        let changed = Changed::of(&[change(Subject::Account, 0), change(Subject::Reference, 5)])
            .expect("nothing to recompute");
        assert!(changed.volunteers.is_empty() && changed.events.is_empty() && !changed.exchanges());
        assert!(changed.participations.is_empty() && changed.families.is_empty());
    }

    #[test]
    fn a_change_naming_nothing_or_too_many_is_computed_anew() {
        assert_eq!(Changed::of(&[change(Subject::Event, 0)]), None);
        let many: Vec<Change> = (1..=MAX_REFRESHED as i64 + 1)
            .map(|id| change(Subject::Volunteer, id))
            .collect();
        assert_eq!(Changed::of(&many), None);
        assert!(Changed::of(&many[1..]).is_some());
    }

    #[test]
    fn each_side_reads_only_what_its_changes_touch() {
        let changed = Changed::of(&[change(Subject::Participation, 3)]).expect("caught up");
        assert!(changed.entries() && !changed.registry());
        let changed = Changed::of(&[change(Subject::InternationalExchange, 4)]).expect("caught up");
        assert!(changed.registry() && !changed.entries());
        let changed = Changed::of(&[change(Subject::Volunteer, 9)]).expect("caught up");
        assert!(changed.registry() && changed.entries());
    }

    #[test]
    fn an_event_reads_its_exchanges_again() {
        let changed = Changed::of(&[change(Subject::Event, 1)]).expect("caught up");
        assert!(changed.exchanges() && changed.volunteers.is_empty());
    }
}
