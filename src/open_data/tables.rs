//! The tables of an open-data bundle, written from a year's frozen
//! figures: the figures of the country and of each region, active
//! volunteers by age group, events by kind, and people served by category.
//!
//! Counts of people smaller than the minimum group are left empty, and the
//! hours of a group left out are too, as for anonymous callers of the API;
//! counts of minors (the age groups under 18) are left out below a higher
//! threshold, as a child is easier to single out in a small place.

use crate::domain::hours::hours;
use crate::statistics::Figures;
use crate::statistics::figures::AGE_GROUPS;
use crate::statistics::report::Frozen;

/// The thresholds a release applies.
#[derive(Clone, Copy, Debug)]
pub struct Thresholds {
    pub min_group: i64,
    pub minor_min_group: i64,
}

/// One column: its name, its type in Table Schema terms, and what it holds.
pub struct Column {
    pub name: &'static str,
    pub kind: &'static str,
    pub description: &'static str,
}

/// One table of the bundle.
pub struct Table {
    pub name: &'static str,
    pub title: &'static str,
    pub columns: &'static [Column],
    write: fn(&mut Rows, &Scopes<'_>, Thresholds),
}

macro_rules! col {
    ($name:literal, $kind:literal, $description:literal) => {
        Column {
            name: $name,
            kind: $kind,
            description: $description,
        }
    };
}

const REGION: Column = col!(
    "region_code",
    "string",
    "ISO 3166-2:KZ code of the region; KZ for the whole country"
);

pub const TABLES: &[Table] = &[
    Table {
        name: "figures",
        title: "The year's figures, nationally and by region",
        columns: &[
            REGION,
            col!(
                "registered_volunteers",
                "integer",
                "volunteers registered by 31 December, not erased"
            ),
            col!(
                "new_volunteers",
                "integer",
                "volunteers registered during the year"
            ),
            col!(
                "active_volunteers",
                "integer",
                "distinct volunteers with an attended participation in the year"
            ),
            col!("minutes", "integer", "minutes of attended participations"),
            col!(
                "hours",
                "number",
                "the minutes in hours, rounded to two decimals"
            ),
            col!(
                "verified_minutes",
                "integer",
                "of the minutes, those verified by a coordinator"
            ),
            col!(
                "verified_hours",
                "number",
                "the verified minutes in hours, rounded to two decimals"
            ),
            col!(
                "estimated_minutes",
                "integer",
                "of the minutes, estimated by the server for check-outs that never came"
            ),
            col!(
                "self_reported_minutes",
                "integer",
                "of the minutes, reported by volunteers and approved"
            ),
            col!(
                "imported_minutes",
                "integer",
                "of the minutes, imported from files"
            ),
            col!("events", "integer", "events, actions and raids held"),
            col!(
                "family_participations",
                "integer",
                "attended participations of volunteers in a family"
            ),
            col!(
                "active_families",
                "integer",
                "families with an active member"
            ),
            col!(
                "exchanges",
                "integer",
                "international exchanges overlapping the year"
            ),
            col!(
                "foreign_participants",
                "integer",
                "foreign participants of those exchanges"
            ),
        ],
        write: figures,
    },
    Table {
        name: "age_groups",
        title: "Active volunteers by age group",
        columns: &[
            REGION,
            col!("min_age", "integer", "lowest age of the group"),
            col!(
                "max_age",
                "integer",
                "highest age of the group; empty for the oldest (65 and over)"
            ),
            col!(
                "active_volunteers",
                "integer",
                "active volunteers whose age at their first attended participation of the year is in the group"
            ),
        ],
        write: age_groups,
    },
    Table {
        name: "events_by_kind",
        title: "Events held, by kind",
        columns: &[
            REGION,
            col!("kind", "string", "EVENT, ACTION or RAID"),
            col!("events", "integer", "events of that kind held in the year"),
        ],
        write: events_by_kind,
    },
    Table {
        name: "beneficiaries",
        title: "People served, by category",
        columns: &[
            REGION,
            col!(
                "category",
                "string",
                "who was served (the API's BeneficiaryCategory)"
            ),
            col!("people_served", "integer", "people served in the year"),
        ],
        write: beneficiaries,
    },
];

pub fn named(name: &str) -> Option<&'static Table> {
    TABLES.iter().find(|t| t.name == name)
}

/// The scopes of a bundle: the country, then each region in code order.
pub struct Scopes<'f>(Vec<(&'f str, &'f Figures)>);

impl<'f> Scopes<'f> {
    pub fn of(frozen: &'f Frozen) -> Self {
        let mut scopes = vec![("KZ", &frozen.national)];
        scopes.extend(frozen.regions.iter().map(|(code, f)| (code.as_str(), f)));
        Scopes(scopes)
    }
}

/// Rows being written: CSV text in memory (a bundle is a few hundred rows).
pub struct Rows(csv::Writer<Vec<u8>>);

impl Rows {
    fn push(&mut self, cells: &[String]) {
        // Writing to memory cannot fail.
        let _ = self.0.write_record(cells);
    }
}

/// The CSV text of `table`.
pub fn csv(table: &Table, frozen: &Frozen, thresholds: Thresholds) -> Vec<u8> {
    let mut rows = Rows(csv::Writer::from_writer(Vec::new()));
    rows.push(
        &table
            .columns
            .iter()
            .map(|c| c.name.to_owned())
            .collect::<Vec<_>>(),
    );
    (table.write)(&mut rows, &Scopes::of(frozen), thresholds);
    rows.0.into_inner().unwrap_or_default()
}

/// A count of people, or nothing when it is smaller than `min` (and not 0).
fn people(n: i64, min: i64) -> String {
    if n > 0 && n < min {
        String::new()
    } else {
        n.to_string()
    }
}

fn figures(rows: &mut Rows, scopes: &Scopes<'_>, t: Thresholds) {
    for (code, f) in &scopes.0 {
        let shown = !(f.active_volunteers > 0 && f.active_volunteers < t.min_group);
        let of_group = |text: String| if shown { text } else { String::new() };
        rows.push(&[
            code.to_string(),
            people(f.registered_volunteers, t.min_group),
            people(f.new_volunteers, t.min_group),
            people(f.active_volunteers, t.min_group),
            of_group(f.minutes.to_string()),
            of_group(hours(f.minutes).to_string()),
            of_group(f.verified_minutes.to_string()),
            of_group(hours(f.verified_minutes).to_string()),
            of_group(f.estimated_minutes.to_string()),
            of_group(f.self_reported_minutes.to_string()),
            of_group(f.imported_minutes.to_string()),
            f.events().to_string(),
            people(f.family_participations, t.min_group),
            people(f.active_families, t.min_group),
            f.exchanges.to_string(),
            f.foreign_participants.to_string(),
        ]);
    }
}

fn age_groups(rows: &mut Rows, scopes: &Scopes<'_>, t: Thresholds) {
    for (code, f) in &scopes.0 {
        for ((min, max), n) in AGE_GROUPS.iter().zip(&f.age_groups) {
            let minors = max.is_some_and(|m| m < 18);
            let threshold = if minors {
                t.minor_min_group
            } else {
                t.min_group
            };
            rows.push(&[
                code.to_string(),
                min.to_string(),
                max.map(|m| m.to_string()).unwrap_or_default(),
                people(*n, threshold),
            ]);
        }
    }
}

fn events_by_kind(rows: &mut Rows, scopes: &Scopes<'_>, _: Thresholds) {
    for (code, f) in &scopes.0 {
        for (kind, n) in &f.events_by_kind {
            rows.push(&[code.to_string(), kind.clone(), n.to_string()]);
        }
    }
}

fn beneficiaries(rows: &mut Rows, scopes: &Scopes<'_>, _: Thresholds) {
    for (code, f) in &scopes.0 {
        for (category, n) in &f.beneficiaries {
            rows.push(&[code.to_string(), category.clone(), n.to_string()]);
        }
    }
}
