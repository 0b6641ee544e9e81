//! What can be downloaded: every list and every figure table, each as the
//! GraphQL query that answers it and the columns read from its answer.
//! Exports run these queries through the schema as the caller, so the
//! filters, the role rules and the small-group suppression are the API's
//! own: a field the caller may not see is null in GraphQL and an empty
//! cell in the file.

use serde_json::Value;

/// How the answer's rows are found.
pub enum Shape {
    /// A connection at `data.{root}`, read page by page with `$after`.
    List { root: &'static str },
    /// A fixed table: the rows `rows` finds in `data`.
    Table { rows: fn(&Value) -> Vec<Value> },
}

/// One downloadable list or table.
pub struct Export {
    /// The file's name without its extension, as in `/export/{name}.csv`.
    pub name: &'static str,
    pub shape: Shape,
    pub document: &'static str,
    /// Query parameters that are arguments of the query (tables), with
    /// whether each is a whole number; lists take their filter instead.
    pub arguments: &'static [(&'static str, bool)],
    /// Columns: a heading key (`headings`) and the path read in each row.
    pub columns: &'static [(&'static str, &'static str)],
    /// Whether rows can hold personal data: such an export is audited.
    pub personal: bool,
    /// The audit log's action for it.
    pub action: &'static str,
}

/// The scalar figures of a `Statistics` object.
macro_rules! figures {
    () => {
        "from to regionCode registeredVolunteers newVolunteers activeVolunteers hours minutes verifiedHours verifiedMinutes measuredHours measuredMinutes estimatedHours estimatedMinutes selfReportedHours selfReportedMinutes importedHours importedMinutes openEstimates hoursYearEarlier minutesYearEarlier hoursGrowth events youngestActiveAge oldestActiveAge familyParticipations activeFamilies"
    };
}

macro_rules! figure_columns {
    ($prefix:literal) => {
        &[
            ("from", concat!($prefix, "from")),
            ("to", concat!($prefix, "to")),
            ("regionCode", concat!($prefix, "regionCode")),
            (
                "registeredVolunteers",
                concat!($prefix, "registeredVolunteers"),
            ),
            ("newVolunteers", concat!($prefix, "newVolunteers")),
            ("activeVolunteers", concat!($prefix, "activeVolunteers")),
            ("hours", concat!($prefix, "hours")),
            ("minutes", concat!($prefix, "minutes")),
            ("verifiedHours", concat!($prefix, "verifiedHours")),
            ("verifiedMinutes", concat!($prefix, "verifiedMinutes")),
            ("measuredHours", concat!($prefix, "measuredHours")),
            ("measuredMinutes", concat!($prefix, "measuredMinutes")),
            ("estimatedHours", concat!($prefix, "estimatedHours")),
            ("estimatedMinutes", concat!($prefix, "estimatedMinutes")),
            ("selfReportedHours", concat!($prefix, "selfReportedHours")),
            (
                "selfReportedMinutes",
                concat!($prefix, "selfReportedMinutes"),
            ),
            ("importedHours", concat!($prefix, "importedHours")),
            ("importedMinutes", concat!($prefix, "importedMinutes")),
            ("openEstimates", concat!($prefix, "openEstimates")),
            ("hoursYearEarlier", concat!($prefix, "hoursYearEarlier")),
            ("minutesYearEarlier", concat!($prefix, "minutesYearEarlier")),
            ("hoursGrowth", concat!($prefix, "hoursGrowth")),
            ("events", concat!($prefix, "events")),
            ("youngestActiveAge", concat!($prefix, "youngestActiveAge")),
            ("oldestActiveAge", concat!($prefix, "oldestActiveAge")),
            (
                "familyParticipations",
                concat!($prefix, "familyParticipations"),
            ),
            ("activeFamilies", concat!($prefix, "activeFamilies")),
        ]
    };
}

fn at(data: &Value, field: &str) -> Vec<Value> {
    match &data[field] {
        Value::Array(rows) => rows.clone(),
        Value::Null => Vec::new(),
        one => vec![one.clone()],
    }
}

/// The published report: the country's row (no region), then a row per
/// region.
fn report_rows(data: &Value) -> Vec<Value> {
    let report = &data["annualReport"];
    let mut rows = vec![serde_json::json!({ "statistics": report["statistics"] })];
    rows.extend(at(report, "regions"));
    rows
}

pub const EXPORTS: &[Export] = &[
    Export {
        name: "volunteers",
        shape: Shape::List { root: "volunteers" },
        document: "query($filter: VolunteerFilter, $after: String, $first: Int) { volunteers(filter: $filter, after: $after, first: $first) { pageInfo { hasNextPage endCursor } nodes { id fullName latinName birthDate age region { code } registeredOn phone email skills languages familyRole guardianName guardianConsentOn totalMinutes totalHours } } }",
        arguments: &[],
        columns: &[
            ("id", "id"),
            ("fullName", "fullName"),
            ("latinName", "latinName"),
            ("birthDate", "birthDate"),
            ("age", "age"),
            ("regionCode", "region.code"),
            ("registeredOn", "registeredOn"),
            ("phone", "phone"),
            ("email", "email"),
            ("skills", "skills"),
            ("languages", "languages"),
            ("familyRole", "familyRole"),
            ("guardianName", "guardianName"),
            ("guardianConsentOn", "guardianConsentOn"),
            ("minutes", "totalMinutes"),
            ("hours", "totalHours"),
        ],
        personal: true,
        action: "exportVolunteers",
    },
    Export {
        name: "families",
        shape: Shape::List { root: "families" },
        document: "query($after: String, $first: Int) { families(after: $after, first: $first) { pageInfo { hasNextPage endCursor } nodes { id name region { code } createdOn totalMinutes totalHours } } }",
        arguments: &[],
        columns: &[
            ("id", "id"),
            ("familyName", "name"),
            ("regionCode", "region.code"),
            ("createdOn", "createdOn"),
            ("minutes", "totalMinutes"),
            ("hours", "totalHours"),
        ],
        personal: true,
        action: "exportFamilies",
    },
    Export {
        name: "events",
        shape: Shape::List { root: "events" },
        document: "query($filter: EventFilter, $after: String, $first: Int) { events(filter: $filter, after: $after, first: $first) { pageInfo { hasNextPage endCursor } nodes { id title kind level activityType hazardous project { id } region { code } startsAt endsAt capacity status registeredCount participantCount minutes hours } } }",
        arguments: &[],
        columns: &[
            ("id", "id"),
            ("title", "title"),
            ("kind", "kind"),
            ("level", "level"),
            ("activityType", "activityType"),
            ("hazardous", "hazardous"),
            ("projectId", "project.id"),
            ("regionCode", "region.code"),
            ("startsAt", "startsAt"),
            ("endsAt", "endsAt"),
            ("capacity", "capacity"),
            ("status", "status"),
            ("registeredCount", "registeredCount"),
            ("participantCount", "participantCount"),
            ("minutes", "minutes"),
            ("hours", "hours"),
        ],
        personal: false,
        action: "exportEvents",
    },
    Export {
        name: "participations",
        shape: Shape::List {
            root: "participations",
        },
        document: "query($filter: ParticipationFilter, $after: String, $first: Int) { participations(filter: $filter, after: $after, first: $first) { pageInfo { hasNextPage endCursor } nodes { id volunteer { id fullName } event { id title region { code } } date status registeredAt checkedInAt checkedOutAt minutes hours minutesSource estimated verified verifiedAt } } }",
        arguments: &[],
        columns: &[
            ("id", "id"),
            ("volunteerId", "volunteer.id"),
            ("fullName", "volunteer.fullName"),
            ("eventId", "event.id"),
            ("eventTitle", "event.title"),
            ("regionCode", "event.region.code"),
            ("date", "date"),
            ("status", "status"),
            ("registeredAt", "registeredAt"),
            ("checkedInAt", "checkedInAt"),
            ("checkedOutAt", "checkedOutAt"),
            ("minutes", "minutes"),
            ("hours", "hours"),
            ("minutesSource", "minutesSource"),
            ("estimated", "estimated"),
            ("verified", "verified"),
            ("verifiedAt", "verifiedAt"),
        ],
        personal: true,
        action: "exportParticipations",
    },
    Export {
        name: "exchanges",
        shape: Shape::List {
            root: "internationalExchanges",
        },
        document: "query($filter: ExchangeFilter, $after: String, $first: Int) { internationalExchanges(filter: $filter, after: $after, first: $first) { pageInfo { hasNextPage endCursor } nodes { id title direction countryCode organization { id } event { id } startsOn endsOn foreignParticipants } } }",
        arguments: &[],
        columns: &[
            ("id", "id"),
            ("title", "title"),
            ("direction", "direction"),
            ("countryCode", "countryCode"),
            ("organizationId", "organization.id"),
            ("eventId", "event.id"),
            ("startsOn", "startsOn"),
            ("endsOn", "endsOn"),
            ("foreignParticipants", "foreignParticipants"),
        ],
        personal: false,
        action: "exportExchanges",
    },
    Export {
        name: "audit-log",
        shape: Shape::List { root: "auditLog" },
        document: "query($filter: AuditLogFilter, $after: String, $first: Int) { auditLog(filter: $filter, after: $after, first: $first) { pageInfo { hasNextPage endCursor } nodes { at actor action entity entityId summary requestId } } }",
        arguments: &[],
        columns: &[
            ("at", "at"),
            ("actor", "actor"),
            ("action", "action"),
            ("entity", "entity"),
            ("entityId", "entityId"),
            ("summary", "summary"),
            ("requestId", "requestId"),
        ],
        personal: false,
        action: "exportAuditLog",
    },
    Export {
        name: "statistics",
        shape: Shape::Table {
            rows: |data| at(data, "statistics"),
        },
        document: concat!(
            "query($from: Date!, $to: Date!, $regionCode: String, $projectId: ID, $level: EventLevel) { statistics(from: $from, to: $to, regionCode: $regionCode, projectId: $projectId, level: $level) { ",
            figures!(),
            " } }"
        ),
        arguments: &[
            ("from", false),
            ("to", false),
            ("regionCode", false),
            ("projectId", false),
            ("level", false),
        ],
        columns: figure_columns!(""),
        personal: false,
        action: "exportStatistics",
    },
    Export {
        name: "statistics-by-region",
        shape: Shape::Table {
            rows: |data| at(data, "statisticsByRegion"),
        },
        document: concat!(
            "query($from: Date!, $to: Date!, $projectId: ID, $level: EventLevel) { statisticsByRegion(from: $from, to: $to, projectId: $projectId, level: $level) { statistics { ",
            figures!(),
            " } } }"
        ),
        arguments: &[
            ("from", false),
            ("to", false),
            ("projectId", false),
            ("level", false),
        ],
        columns: figure_columns!("statistics."),
        personal: false,
        action: "exportStatistics",
    },
    Export {
        name: "statistics-series",
        shape: Shape::Table {
            rows: |data| at(data, "statisticsSeries"),
        },
        document: concat!(
            "query($from: Date!, $to: Date!, $interval: Interval!, $regionCode: String, $projectId: ID, $level: EventLevel) { statisticsSeries(from: $from, to: $to, interval: $interval, regionCode: $regionCode, projectId: $projectId, level: $level) { ",
            figures!(),
            " } }"
        ),
        arguments: &[
            ("from", false),
            ("to", false),
            ("interval", false),
            ("regionCode", false),
            ("projectId", false),
            ("level", false),
        ],
        columns: figure_columns!(""),
        personal: false,
        action: "exportStatistics",
    },
    Export {
        name: "annual-report",
        shape: Shape::Table { rows: report_rows },
        document: concat!(
            "query($year: Int!) { annualReport(year: $year) { statistics { ",
            figures!(),
            " } regions { statistics { ",
            figures!(),
            " } } } }"
        ),
        arguments: &[("year", true)],
        columns: figure_columns!("statistics."),
        personal: false,
        action: "exportAnnualReport",
    },
    Export {
        name: "annual-report-corrections",
        shape: Shape::Table {
            rows: |data| at(&data["annualReport"], "corrections"),
        },
        document: "query($year: Int!) { annualReport(year: $year) { corrections { regionCode figure published current difference publishedMinutes currentMinutes differenceMinutes } } }",
        arguments: &[("year", true)],
        columns: &[
            ("regionCode", "regionCode"),
            ("figure", "figure"),
            ("published", "published"),
            ("current", "current"),
            ("difference", "difference"),
            ("publishedMinutes", "publishedMinutes"),
            ("currentMinutes", "currentMinutes"),
            ("differenceMinutes", "differenceMinutes"),
        ],
        personal: false,
        action: "exportAnnualReport",
    },
];

pub fn named(name: &str) -> Option<&'static Export> {
    EXPORTS.iter().find(|e| e.name == name)
}

/// The value at a dotted `path` of `row` (`event.region.code`).
pub fn value_at<'v>(row: &'v Value, path: &str) -> &'v Value {
    path.split('.').fold(row, |v, key| &v[key])
}
