//! The bundle's description: a Frictionless Data Package
//! (`datapackage.json`, https://specs.frictionlessdata.io/data-package/),
//! each table a Tabular Data Resource with its Table Schema, so a tool
//! reads the columns' names, types and meaning without a person.

use crate::open_data::tables::TABLES;
use chrono::{DateTime, Utc};
use entity::open_data_release;
use serde_json::{Value, json};

/// The licence the register's open data is published under.
const LICENCE: (&str, &str, &str) = (
    "CC-BY-4.0",
    "https://creativecommons.org/licenses/by/4.0/",
    "Creative Commons Attribution 4.0",
);

pub fn datapackage(release: &open_data_release::Model, published: DateTime<Utc>) -> Value {
    let resources: Vec<Value> = TABLES
        .iter()
        .map(|t| {
            json!({
                "name": t.name.replace('_', "-"),
                "title": t.title,
                "path": format!("{}.csv", t.name),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": t.columns.iter().map(|c| json!({
                        "name": c.name,
                        "type": c.kind,
                        "description": c.description,
                    })).collect::<Vec<_>>(),
                    "missingValues": [""],
                },
            })
        })
        .collect();
    json!({
        "profile": "tabular-data-package",
        "name": format!("frontoffice-annual-report-{}", release.year),
        "title": format!("Volunteering in Kazakhstan: the annual report of {}", release.year),
        "description": format!(
            "The register's figures of {} as published, version {}{}. Counts of people smaller than {} are left empty (counts of minors: smaller than {}), and so are the hours of such groups.",
            release.year,
            release.version,
            release.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default(),
            release.min_group,
            release.minor_min_group,
        ),
        "version": format!("{}.0.0", release.version),
        "created": published.to_rfc3339(),
        "licenses": [{ "name": LICENCE.0, "path": LICENCE.1, "title": LICENCE.2 }],
        "resources": resources,
    })
}
