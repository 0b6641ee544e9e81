//! Open data: publishing a report publishes version 1 of its bundle, which
//! the Frictionless Data validator accepts; small groups are left out as
//! for anonymous callers, counts of minors below a higher threshold; a
//! correction publishes version 2 and version 1 stays as it was.

use crate::support::write::LOG_HOURS;
use crate::support::{Demo, TestApp};
use serde_json::{Value, json};
use std::process::Command;

const PUBLISH: &str = "mutation($input: PublishAnnualReportInput!) { publishAnnualReport(input: $input) { report { published } } }";
const CORRECT: &str = "mutation($input: PublishOpenDataCorrectionInput!) { publishOpenDataCorrection(input: $input) { version datapackageUrl } }";
const REPORT: &str = "{ annualReport(year: 2025) { statistics { activeVolunteers minutes ageGroups { minAge volunteers } } regions { statistics { regionCode activeVolunteers minutes ageGroups { minAge volunteers } } } } }";

async fn get(app: &TestApp, path: &str) -> (u16, Vec<u8>) {
    let response = app
        .client
        .get(app.url(path))
        .send()
        .await
        .expect("an answer");
    let status = response.status().as_u16();
    (status, response.bytes().await.expect("a body").to_vec())
}

/// A table of a release: its rows by region code (the country is `KZ`).
async fn table(app: &TestApp, at: &str, name: &str) -> Vec<Vec<String>> {
    let (status, body) = get(app, &format!("{at}/{name}.csv")).await;
    assert_eq!(status, 200, "{at}/{name}.csv");
    csv::Reader::from_reader(body.as_slice())
        .records()
        .map(|r| r.expect("a record").iter().map(str::to_owned).collect())
        .collect()
}

/// Download a release into a directory and run the Frictionless Data
/// validator on it.
async fn validate(app: &TestApp, at: &str) {
    let dir = tempfile::tempdir().unwrap();
    let (status, package) = get(app, &format!("{at}/datapackage.json")).await;
    assert_eq!(status, 200);
    let parsed: Value = serde_json::from_slice(&package).unwrap();
    for resource in parsed["resources"].as_array().unwrap() {
        let path = resource["path"].as_str().unwrap();
        let (status, body) = get(app, &format!("{at}/{path}")).await;
        assert_eq!(status, 200);
        std::fs::write(dir.path().join(path), body).unwrap();
    }
    std::fs::write(dir.path().join("datapackage.json"), &package).unwrap();
    let run = Command::new(crate::support::py::frictionless())
        .args(["validate", "--json", "datapackage.json"])
        .current_dir(dir.path())
        .output()
        .expect(
            "the Frictionless Data validator runs (`pip install frictionless`, see the README)",
        );
    let report: Value = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&run.stderr)));
    assert_eq!(report["valid"], true, "{report:#}");
}

fn shown(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[tokio::test]
async fn a_published_report_is_open_data_and_a_correction_is_its_next_version() {
    let app = TestApp::spawn(Demo::Yes).await;
    app.query(PUBLISH, json!({ "input": { "year": 2025 } }))
        .await;
    let (status, index) = get(&app, "/open-data").await;
    assert_eq!(status, 200);
    let index: Value = serde_json::from_slice(&index).unwrap();
    assert_eq!(index["releases"][0]["year"], 2025);
    assert_eq!(index["releases"][0]["version"], 1);
    let v1 = "/open-data/2025/v1";
    validate(&app, v1).await;

    // As anonymous callers see the report: small groups left out.
    let (_, anonymous) = app.post_as(None, REPORT, json!({})).await;
    let signed_in = app.query(REPORT, json!({})).await;
    let figures = table(&app, v1, "figures").await;
    assert_eq!(figures.len(), 21);
    assert_eq!(figures[0][0], "KZ");
    let national = &anonymous["data"]["annualReport"]["statistics"];
    assert_eq!(figures[0][3], shown(&national["activeVolunteers"]));
    assert_eq!(figures[0][4], shown(&national["minutes"]));
    for (row, region) in figures[1..].iter().zip(
        anonymous["data"]["annualReport"]["regions"]
            .as_array()
            .unwrap(),
    ) {
        assert_eq!(row[0], region["statistics"]["regionCode"].as_str().unwrap());
        assert_eq!(
            row[3],
            shown(&region["statistics"]["activeVolunteers"]),
            "{row:?}"
        );
    }
    // Minors: left out below twice the minimum group.
    let ages = table(&app, v1, "age_groups").await;
    for region in signed_in["annualReport"]["regions"].as_array().unwrap() {
        let code = region["statistics"]["regionCode"].as_str().unwrap();
        for group in region["statistics"]["ageGroups"].as_array().unwrap() {
            let (min, n) = (
                group["minAge"].as_i64().unwrap(),
                group["volunteers"].as_i64().unwrap(),
            );
            let row = ages
                .iter()
                .find(|r| r[0] == code && r[1] == min.to_string())
                .expect("a row per region and group");
            let threshold = if min < 18 { 10 } else { 5 };
            let expected = if n > 0 && n < threshold {
                String::new()
            } else {
                n.to_string()
            };
            assert_eq!(row[3], expected, "{code} {min}+: {n}");
        }
    }

    // Nothing changed: nothing to correct.
    let (_, refused) = app
        .post(
            CORRECT,
            json!({ "input": { "year": 2025, "note": "re-check" } }),
        )
        .await;
    assert_eq!(
        refused["errors"][0]["extensions"]["code"], "INVALID_STATE",
        "{refused}"
    );

    // A coordinator's correction of 2025's hours, then version 2.
    let found = app
        .query(
            "{ participations(first: 1, filter: { dateFrom: \"2025-01-01\", dateTo: \"2025-12-31\", statuses: [ATTENDED] }) { nodes { id minutes } } }",
            json!({}),
        )
        .await;
    let p = &found["participations"]["nodes"][0];
    let minutes = p["minutes"].as_i64().unwrap();
    app.query(
        LOG_HOURS,
        json!({ "input": { "participationId": p["id"], "minutes": minutes - 30, "reason": "left early" } }),
    )
    .await;
    let v2 = app
        .query(
            CORRECT,
            json!({ "input": { "year": 2025, "note": "hours corrected" } }),
        )
        .await;
    assert_eq!(v2["publishOpenDataCorrection"]["version"], 2);
    let at = v2["publishOpenDataCorrection"]["datapackageUrl"]
        .as_str()
        .unwrap()
        .trim_end_matches("/datapackage.json")
        .to_owned();
    validate(&app, &at).await;
    let corrected = table(&app, &at, "figures").await;
    let before: i64 = figures[0][4].parse().unwrap();
    let after: i64 = corrected[0][4].parse().unwrap();
    assert_eq!(after, before - 30);
    // Version 1 is as it was, at its own URL; `latest` is version 2.
    assert_eq!(table(&app, v1, "figures").await, figures);
    assert_eq!(
        table(&app, "/open-data/2025/latest", "figures").await,
        corrected
    );
    let (_, index) = get(&app, "/open-data").await;
    let index: Value = serde_json::from_slice(&index).unwrap();
    assert_eq!(index["releases"].as_array().map(Vec::len), Some(2));
    assert_eq!(index["releases"][1]["note"], "hours corrected");
    let (status, _) = get(&app, "/open-data/2025/v3/figures.csv").await;
    assert_eq!(status, 404);
    let (status, _) = get(&app, "/open-data/2025/v1/secrets.csv").await;
    assert_eq!(status, 404);
}
