//! Hours are exact: every hours figure a client reads is its minutes ÷ 60
//! rounded half to even to two decimals, beside the minutes themselves,
//! with no float noise anywhere (statistics, by region, series, the annual
//! report and its corrections, volunteers', families', events' and
//! participations' totals).

use crate::support::{Demo, TestApp, stats_data};
use frontoffice::graphql::ids::{NodeType, encode};
use serde_json::{Value, json};

const EVERYTHING: &str = r#"query {
  statistics(from: "2024-01-01", to: "2024-12-31") { hours minutes verifiedHours verifiedMinutes hoursYearEarlier minutesYearEarlier hoursGrowth measuredHours measuredMinutes estimatedHours estimatedMinutes selfReportedHours selfReportedMinutes importedHours importedMinutes openEstimates }
  statisticsByRegion(from: "2024-01-01", to: "2024-12-31") { statistics { hours minutes verifiedHours verifiedMinutes hoursYearEarlier minutesYearEarlier } }
  statisticsSeries(from: "2023-01-01", to: "2024-12-31", interval: MONTH) { hours minutes verifiedHours verifiedMinutes }
  annualReport(year: 2024) {
    statistics { hours minutes verifiedHours verifiedMinutes measuredHours measuredMinutes estimatedHours estimatedMinutes }
    current { hours minutes verifiedHours verifiedMinutes measuredHours measuredMinutes estimatedHours estimatedMinutes }
    previousYear { hours minutes }
    corrections { regionCode figure published current difference publishedMinutes currentMinutes differenceMinutes }
  }
  volunteers(first: 100) { nodes { totalHours totalMinutes y2024: totalHours(from: "2024-01-01", to: "2024-12-31") m2024: totalMinutes(from: "2024-01-01", to: "2024-12-31")
    participations(first: 50) { nodes { hours minutes } } } }
  families(first: 100) { nodes { totalHours totalMinutes } }
  events(first: 100) { nodes { hours minutes } }
}"#;

/// round(minutes / 60, 2), half to even, in decimal arithmetic of its own.
fn expected_hours(minutes: i64) -> String {
    let hundredths_times_60 = minutes * 100;
    let (q, r) = (
        hundredths_times_60.div_euclid(60),
        hundredths_times_60.rem_euclid(60),
    );
    let q = if 2 * r > 60 || (2 * r == 60 && q % 2 != 0) {
        q + 1
    } else {
        q
    };
    let sign = if q < 0 { "-" } else { "" };
    let q = q.abs();
    let text = format!("{sign}{}.{:02}", q / 100, q % 100);
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The hours fields of one object and the minutes beside each.
const PAIRS: &[(&str, &str)] = &[
    ("hours", "minutes"),
    ("verifiedHours", "verifiedMinutes"),
    ("hoursYearEarlier", "minutesYearEarlier"),
    ("totalHours", "totalMinutes"),
    ("measuredHours", "measuredMinutes"),
    ("estimatedHours", "estimatedMinutes"),
    ("selfReportedHours", "selfReportedMinutes"),
    ("importedHours", "importedMinutes"),
    ("y2024", "m2024"),
];

/// Walks every object of `value`, checking each hours field against its
/// minutes; returns how many it checked.
fn walk(value: &Value, path: &str, problems: &mut Vec<String>) -> usize {
    let mut checked = 0;
    match value {
        Value::Object(map) => {
            for (hours_key, minutes_key) in PAIRS {
                if let Some(hours) = map.get(*hours_key) {
                    checked += check(
                        hours,
                        &map[*minutes_key],
                        &format!("{path}.{hours_key}"),
                        problems,
                    );
                }
            }
            if map
                .get("figure")
                .and_then(Value::as_str)
                .is_some_and(|f| f.ends_with("ours"))
            {
                for (h, m) in [
                    ("published", "publishedMinutes"),
                    ("current", "currentMinutes"),
                    ("difference", "differenceMinutes"),
                ] {
                    checked += check(&map[h], &map[m], &format!("{path}.{h}"), problems);
                }
            }
            for (key, inner) in map {
                checked += walk(inner, &format!("{path}.{key}"), problems);
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                checked += walk(inner, &format!("{path}.{i}"), problems);
            }
        }
        _ => {}
    }
    checked
}

fn check(hours: &Value, minutes: &Value, path: &str, problems: &mut Vec<String>) -> usize {
    match (hours, minutes.as_i64()) {
        (Value::Null, None) => 0,
        (Value::Number(h), Some(m)) => {
            let text = h.to_string();
            let decimals = text.split_once('.').map_or(0, |(_, d)| d.len());
            if decimals > 2 {
                problems.push(format!("{path} = {text}: more than two decimals"));
            }
            let wanted = expected_hours(m);
            if h.as_f64() != wanted.parse::<f64>().ok() {
                problems.push(format!("{path} = {text}, but {m} minutes are {wanted} h"));
            }
            1
        }
        _ => {
            problems.push(format!("{path}: hours {hours} beside minutes {minutes}"));
            1
        }
    }
}

#[tokio::test]
async fn every_hours_figure_is_its_minutes_rounded_to_two_decimals() {
    let app = TestApp::spawn(Demo::No).await;
    let data = stats_data::load(&app.db).await;
    app.mutate(
        "mutation($input: PublishAnnualReportInput!) { publishAnnualReport(input: $input) { report { published } } }",
        json!({ "year": 2024 }),
    )
    .await;
    // 7 minutes more after publication: hours that are not a whole tenth,
    // and a correction of 0.12 h.
    let p = encode(NodeType::Participation, data.open_registration).to_string();
    app.mutate(
        "mutation($input: LogHoursInput!) { logHours(input: $input) { participation { minutes } } }",
        json!({ "participationId": p, "minutes": 7 }),
    )
    .await;
    let everything = app.query(EVERYTHING, json!({})).await;
    let mut problems = Vec::new();
    let checked = walk(&everything, "data", &mut problems);
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(
        checked > 60,
        "only {checked} hours fields were checked: {everything}"
    );
    let report = &everything["annualReport"];
    assert_eq!(report["current"]["hours"], json!(7.62), "{report}");
    let correction = report["corrections"]
        .as_array()
        .and_then(|c| {
            c.iter()
                .find(|c| c["regionCode"].is_null() && c["figure"] == "hours")
        })
        .unwrap_or_else(|| panic!("a national correction of hours: {report}"));
    assert_eq!(correction["difference"], json!(0.12));
    assert_eq!(correction["differenceMinutes"], 7);
    // Growth is a ratio of minutes, to four decimals.
    let growth = everything["statistics"]["hoursGrowth"].to_string();
    assert!(
        growth.split_once('.').is_none_or(|(_, d)| d.len() <= 4),
        "{growth}"
    );
}

#[test]
fn the_expected_rounding_is_the_stated_one() {
    assert_eq!(expected_hours(1873), "31.22");
    assert_eq!(expected_hours(7), "0.12");
    assert_eq!(expected_hours(60), "1");
    assert_eq!(expected_hours(-12), "-0.2");
}
