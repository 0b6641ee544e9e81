//! Which of a volunteer's columns a page brings with its rows.
//!
//! A page of participations that brings its volunteers (`nodes {
//! volunteer { … } }`) reads them in its own statement. Most of a
//! volunteer's columns are read by every field that shows one (its name,
//! birth date, region and status decide what the caller may see), but some
//! are read by one field each and are the bulk of the row: the personal
//! contact and guardian columns. Those are selected only when their field
//! is asked for; otherwise they come as NULL, which no field can then
//! show, since no field asked for it. The search and sort keys and the
//! IIN's hash are read by no field of a volunteer (the connections that
//! order or search by them read their own rows) and are never brought.
//!
//! The columns asked for are part of the batch's key, so concurrent
//! requests share a statement only when they need the same columns.
//!
//! Other rows are read whole: a page's own participations and events
//! (narrow rows every field of which is cheap), and a volunteer read by
//! id (one row). Choosing columns by field everywhere would put every
//! field one forgotten column away from showing NULL for a value that is
//! there; here the choice is confined to six columns with one reader
//! each, which `tests/api/batching.rs` asks for every way a query can.

use async_graphql::Lookahead;

/// The columns read by one field each, with the field that reads it.
const BY_FIELD: [(&str, &str); 6] = [
    ("latin_name", "latinName"),
    ("phone", "phone"),
    ("email", "email"),
    ("guardian_name", "guardianName"),
    ("guardian_consent_on", "guardianConsentOn"),
    ("unaccompanied_consent_on", "unaccompaniedConsentOn"),
];

/// The columns no field of a volunteer reads.
const UNREAD: [&str; 3] = ["search_name", "name_sort_key", "iin_hash"];

/// The columns of `BY_FIELD` whose field a query asks for, one bit each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct VolunteerColumns(u8);

impl VolunteerColumns {
    /// Those asked for under `volunteer` (fragments and aliases included:
    /// the look-ahead goes by field name).
    pub fn asked(volunteers: &[Lookahead<'_>]) -> VolunteerColumns {
        let mut bits = 0;
        for (i, (_, field)) in BY_FIELD.iter().enumerate() {
            if volunteers.iter().any(|v| v.field(field).exists()) {
                bits |= 1 << i;
            }
        }
        VolunteerColumns(bits)
    }

    /// Whether the column `name` is selected.
    pub fn selects(self, name: &str) -> bool {
        if UNREAD.contains(&name) {
            return false;
        }
        match BY_FIELD.iter().position(|(column, _)| *column == name) {
            Some(i) => self.0 & (1 << i) != 0,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::VolunteerColumns;

    #[test]
    fn a_column_read_by_one_field_is_selected_only_with_it() {
        let none = VolunteerColumns::default();
        assert!(none.selects("full_name"));
        assert!(none.selects("birth_date"));
        assert!(none.selects("region_code"));
        assert!(!none.selects("phone"));
        assert!(!none.selects("name_sort_key"));
        let phone = VolunteerColumns(1 << 1);
        assert!(phone.selects("phone"));
        assert!(!phone.selects("email"));
        assert!(!VolunteerColumns(u8::MAX).selects("iin_hash"));
    }
}
