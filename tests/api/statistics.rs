//! The statistics of docs/domain.md on a register with known answers (see
//! `support/stats_data.rs`), for several periods, regions, projects and
//! levels; the annual report published then corrected.

use crate::support;

use crate::support::{Demo, TestApp, stats_data};
use frontoffice::graphql::ids::{NodeType, encode};
use serde_json::{Value, json};

const STATS: &str = r#"query($from: Date!, $to: Date!, $region: String, $project: ID, $level: EventLevel) {
  statistics(from: $from, to: $to, regionCode: $region, projectId: $project, level: $level) {
    registeredVolunteers newVolunteers activeVolunteers
    hours verifiedHours hoursYearEarlier hoursGrowth
    events eventsByKind { kind count } eventsByLevel { level count }
    youngestActiveAge oldestActiveAge ageGroups { minAge volunteers }
    familyParticipations activeFamilies
    beneficiariesServed { category count }
    international { exchanges byDirection { key count } byCountry { key count } volunteers foreignParticipants }
  }
}"#;

async fn stats(app: &TestApp, vars: Value) -> Value {
    app.query(STATS, vars).await["statistics"].clone()
}

fn groups(s: &Value) -> Vec<i64> {
    s["ageGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["volunteers"].as_i64().unwrap())
        .collect()
}

#[tokio::test]
async fn every_figure_of_a_year_follows_its_definition() {
    let app = TestApp::spawn(Demo::No).await;
    stats_data::load(&app.db).await;
    let y2024 = stats(&app, json!({ "from": "2024-01-01", "to": "2024-12-31" })).await;
    assert_eq!(
        y2024["registeredVolunteers"], 4,
        "v6 is erased, v5 registers in 2025"
    );
    assert_eq!(y2024["newVolunteers"], 2);
    assert_eq!(
        y2024["activeVolunteers"], 3,
        "the cancelled event and the no-show count nowhere"
    );
    assert_eq!(y2024["hours"], 7.5);
    assert_eq!(y2024["verifiedHours"], 2.0);
    assert_eq!(y2024["hoursYearEarlier"], 5.0);
    assert_eq!(y2024["hoursGrowth"], 0.5);
    assert_eq!(
        y2024["events"], 2,
        "e1 starts on 31 December in Kazakhstan (30th in UTC)"
    );
    assert_eq!(
        y2024["eventsByKind"],
        json!([{ "kind": "EVENT", "count": 1 }, { "kind": "RAID", "count": 1 }])
    );
    assert_eq!(
        y2024["eventsByLevel"],
        json!([{ "level": "REGIONAL", "count": 2 }])
    );
    assert_eq!(
        y2024["youngestActiveAge"], 13,
        "v1 is 13 in June and 14 on 31 December"
    );
    assert_eq!(y2024["oldestActiveAge"], 65);
    assert_eq!(
        groups(&y2024),
        vec![1, 0, 1, 0, 0, 0, 0, 1],
        "v1 by first participation (13), v2 turned 18 that day, v3 65"
    );
    assert_eq!(
        y2024["familyParticipations"], 1,
        "at e4 only one member of F attended"
    );
    assert_eq!(y2024["activeFamilies"], 1);
    assert_eq!(
        y2024["beneficiariesServed"],
        json!([{ "category": "ELDERLY", "count": 2 }, { "category": "VETERAN", "count": 3 }])
    );
    assert_eq!(
        y2024["international"],
        json!({ "exchanges": 2, "byDirection": [{ "key": "INBOUND", "count": 1 }, { "key": "OUTBOUND", "count": 1 }],
                "byCountry": [{ "key": "DE", "count": 1 }, { "key": "TR", "count": 1 }], "volunteers": 2, "foreignParticipants": 12 })
    );

    let y2025 = stats(&app, json!({ "from": "2025-01-01", "to": "2025-12-31" })).await;
    assert_eq!(
        (
            y2025["registeredVolunteers"].clone(),
            y2025["newVolunteers"].clone()
        ),
        (json!(5), json!(1))
    );
    assert_eq!(y2025["activeVolunteers"], 2);
    assert_eq!(
        (y2025["hours"].clone(), y2025["verifiedHours"].clone()),
        (json!(5.0), json!(1.0))
    );
    assert_eq!(
        y2025["hoursGrowth"],
        json!(-0.3333),
        "a ratio to four decimals"
    );
    assert_eq!(
        y2025["eventsByLevel"],
        json!([{ "level": "REPUBLICAN", "count": 1 }])
    );
    assert_eq!(
        (
            y2025["youngestActiveAge"].clone(),
            y2025["oldestActiveAge"].clone()
        ),
        (json!(35), json!(66))
    );
    assert_eq!(groups(&y2025), vec![0, 0, 0, 0, 1, 0, 0, 1]);
    assert_eq!(y2025["familyParticipations"], 0);
    assert_eq!(
        y2025["international"]["exchanges"], 1,
        "the exchange over the new year counts in both years"
    );
    assert_eq!(y2025["international"]["volunteers"], 2);

    // The two days around the new year, and a period with nothing in it.
    let eve = stats(&app, json!({ "from": "2024-12-31", "to": "2024-12-31" })).await;
    assert_eq!(
        (
            eve["activeVolunteers"].clone(),
            eve["hours"].clone(),
            eve["events"].clone()
        ),
        (json!(2), json!(5.0), json!(1))
    );
    let new_year = stats(&app, json!({ "from": "2025-01-01", "to": "2025-01-01" })).await;
    assert_eq!(
        (
            new_year["activeVolunteers"].clone(),
            new_year["hours"].clone()
        ),
        (json!(2), json!(5.0))
    );
    let empty = stats(&app, json!({ "from": "2019-01-01", "to": "2019-12-31" })).await;
    assert_eq!(
        (
            empty["activeVolunteers"].clone(),
            empty["hours"].clone(),
            empty["hoursGrowth"].clone()
        ),
        (json!(0), json!(0.0), Value::Null)
    );
    assert_eq!(empty["youngestActiveAge"], Value::Null);
}

#[tokio::test]
async fn figures_narrow_to_a_region_a_project_and_a_level() {
    let app = TestApp::spawn(Demo::No).await;
    let data = stats_data::load(&app.db).await;
    let year = |extra: Value| {
        let mut vars = json!({ "from": "2024-01-01", "to": "2024-12-31" });
        vars.as_object_mut()
            .unwrap()
            .extend(extra.as_object().unwrap().clone());
        vars
    };
    let astana = stats(&app, year(json!({ "region": "KZ-71" }))).await;
    assert_eq!(astana["registeredVolunteers"], 2, "by home region");
    assert_eq!(astana["newVolunteers"], 1);
    assert_eq!(
        astana["activeVolunteers"], 3,
        "v3 of KZ-75 attended an event hosted in KZ-71"
    );
    assert_eq!(astana["hours"], 7.5);
    assert_eq!(
        astana["international"]["exchanges"], 1,
        "only through the linked event"
    );
    let almaty = stats(&app, year(json!({ "region": "kz-75" }))).await;
    assert_eq!(
        (
            almaty["registeredVolunteers"].clone(),
            almaty["activeVolunteers"].clone(),
            almaty["hours"].clone()
        ),
        (json!(2), json!(0), json!(0.0))
    );
    assert_eq!(almaty["events"], 0);
    let project = encode(NodeType::Project, data.project).to_string();
    let zhenis = stats(&app, year(json!({ "project": project }))).await;
    assert_eq!(
        (
            zhenis["activeVolunteers"].clone(),
            zhenis["hours"].clone(),
            zhenis["events"].clone()
        ),
        (json!(3), json!(7.5), json!(2))
    );
    let republican = stats(
        &app,
        json!({ "from": "2025-01-01", "to": "2025-12-31", "level": "REPUBLICAN" }),
    )
    .await;
    assert_eq!(
        (
            republican["activeVolunteers"].clone(),
            republican["hours"].clone(),
            republican["events"].clone()
        ),
        (json!(2), json!(5.0), json!(1))
    );
    let international = stats(&app, year(json!({ "level": "INTERNATIONAL" }))).await;
    assert_eq!(
        (
            international["activeVolunteers"].clone(),
            international["events"].clone()
        ),
        (json!(0), json!(0)),
        "e3 is cancelled"
    );

    // All 20 regions in one query; a series by month.
    let by_region = app
        .query("{ statisticsByRegion(from: \"2024-01-01\", to: \"2024-12-31\") { region { code } statistics { activeVolunteers hours } } }", json!({}))
        .await;
    let rows = by_region["statisticsByRegion"].as_array().unwrap();
    assert_eq!(rows.len(), 20);
    let kz71 = rows
        .iter()
        .find(|r| r["region"]["code"] == "KZ-71")
        .unwrap();
    assert_eq!(kz71["statistics"]["hours"], 7.5);
    let series = app
        .query("{ statisticsSeries(from: \"2024-06-01\", to: \"2024-12-31\", interval: MONTH) { from to hours activeVolunteers events } }", json!({}))
        .await;
    let months = series["statisticsSeries"].as_array().unwrap();
    assert_eq!(months.len(), 7);
    assert_eq!(
        months[0],
        json!({ "from": "2024-06-01", "to": "2024-06-30", "hours": 2.5, "activeVolunteers": 2, "events": 1 })
    );
    assert_eq!(months[6]["hours"], 5.0);
    // Bad arguments.
    let (code, _) = app
        .error(STATS, json!({ "from": "2024-02-01", "to": "2024-01-01" }))
        .await;
    assert_eq!(code, "VALIDATION");
    let (code, _) = app.error(STATS, year(json!({ "region": "KZ-00" }))).await;
    assert_eq!(code, "VALIDATION");
}

#[tokio::test]
async fn the_nation_and_its_regions_come_from_one_reading() {
    let app = TestApp::spawn(Demo::No).await;
    stats_data::load(&app.db).await;
    let (anew, _) = app.statistics_scopes().await;
    let both = app
        .query(
            "{ national: statistics(from: \"2024-01-01\", to: \"2024-12-31\") { activeVolunteers hours activeFamilies }
               statisticsByRegion(from: \"2024-01-01\", to: \"2024-12-31\") {
                 region { code } statistics { activeVolunteers hours activeFamilies } } }",
            json!({}),
        )
        .await;
    assert_eq!(
        app.statistics_scopes().await.0,
        anew + 1,
        "one scope read for the nation and its regions: {both}"
    );
    let rows = both["statisticsByRegion"].as_array().unwrap();
    let astana = rows
        .iter()
        .find(|r| r["region"]["code"] == "KZ-71")
        .unwrap();
    // The same figures as asking for the region alone (the narrowing
    // test above), now without reading anything anew.
    let alone = stats(
        &app,
        json!({ "from": "2024-01-01", "to": "2024-12-31", "region": "KZ-71" }),
    )
    .await;
    assert_eq!(
        (alone["activeVolunteers"].clone(), alone["hours"].clone()),
        (json!(3), json!(7.5))
    );
    assert_eq!(
        astana["statistics"]["activeVolunteers"],
        alone["activeVolunteers"]
    );
    assert_eq!(app.statistics_scopes().await.0, anew + 1);
    // The nation's figures from the by-region reading are those of the
    // definitions (the first test above).
    assert_eq!(
        both["national"],
        json!({ "activeVolunteers": 3, "hours": 7.5, "activeFamilies": 1 })
    );
}

#[tokio::test]
async fn anonymous_callers_do_not_see_groups_smaller_than_five() {
    let app = TestApp::spawn(Demo::No).await;
    stats_data::load(&app.db).await;
    let (_, body) = app
        .post_as(
            None,
            STATS,
            json!({ "from": "2024-01-01", "to": "2024-12-31" }),
        )
        .await;
    let s = &body["data"]["statistics"];
    assert_eq!(s["activeVolunteers"], Value::Null, "{body}");
    assert_eq!(s["hours"], Value::Null);
    assert_eq!(s["youngestActiveAge"], Value::Null);
    assert_eq!(s["registeredVolunteers"], Value::Null);
    assert_eq!(s["events"], 2, "events are not people");
    let app = TestApp::spawn_with(Demo::No, &["--anonymous-min-group", "2"]).await;
    stats_data::load(&app.db).await;
    let (_, body) = app
        .post_as(
            None,
            STATS,
            json!({ "from": "2024-01-01", "to": "2024-12-31" }),
        )
        .await;
    assert_eq!(body["data"]["statistics"]["activeVolunteers"], 3);
    assert_eq!(
        body["data"]["statistics"]["familyParticipations"],
        Value::Null,
        "a group of one"
    );
}

#[tokio::test]
async fn a_published_report_keeps_its_figures_and_shows_corrections() {
    let app = TestApp::spawn(Demo::No).await;
    let data = stats_data::load(&app.db).await;
    const REPORT: &str = "{ annualReport(year: 2024) { year published statistics { hours activeVolunteers } current { hours }
        previousYear { hours } regions { region { code } statistics { hours } }
        corrections { regionCode figure published current difference } } }";
    let draft = app.query(REPORT, json!({})).await["annualReport"].clone();
    assert_eq!(draft["published"], false);
    assert_eq!(draft["statistics"]["hours"], 7.5);
    assert_eq!(draft["previousYear"]["hours"], 5.0);
    assert_eq!(draft["regions"].as_array().unwrap().len(), 20);
    assert_eq!(draft["corrections"], json!([]));
    let publish = "mutation($input: PublishAnnualReportInput!) { publishAnnualReport(input: $input) { report { published statistics { hours } } } }";
    let published = app.mutate(publish, json!({ "year": 2024 })).await;
    assert_eq!(published["report"]["published"], true);
    app.refused(publish, json!({ "year": 2024 }), "CONFLICT")
        .await;
    app.refused(publish, json!({ "year": 2099 }), "VALIDATION")
        .await;
    // A late correction: v2's hours at e4 are logged now.
    let p = encode(NodeType::Participation, data.open_registration).to_string();
    app.mutate(
        "mutation($input: LogHoursInput!) { logHours(input: $input) { participation { minutes } } }",
        json!({ "participationId": p, "minutes": 30 }),
    )
    .await;
    let report = app.query(REPORT, json!({})).await["annualReport"].clone();
    assert_eq!(report["statistics"]["hours"], 7.5, "published figures stay");
    assert_eq!(report["current"]["hours"], 8.0);
    let corrections = report["corrections"].as_array().unwrap();
    assert!(
        corrections.contains(&json!({ "regionCode": null, "figure": "hours", "published": 7.5, "current": 8.0, "difference": 0.5 })),
        "{corrections:?}"
    );
    assert!(
        corrections
            .iter()
            .any(|c| c["regionCode"] == "KZ-71" && c["figure"] == "hours")
    );
    assert!(
        !corrections
            .iter()
            .any(|c| c["figure"] == "activeVolunteers"),
        "v2 was already active"
    );
}

#[tokio::test]
async fn statistics_are_computed_once_per_change_that_alters_them() {
    let app = TestApp::spawn(Demo::No).await;
    let volunteer = app
        .volunteer("Айгүл Серікова", "1990-03-04", json!({}))
        .await;
    let event = app.event("Сенбілік", json!({})).await;
    let participation = app.sign_up(&volunteer, &event).await;
    let stats =
        "{ statistics(from: \"2000-01-01\", to: \"2099-12-31\") { activeVolunteers hours } }";
    let before = app.statements_run().await;
    let cold = app.query(stats, json!({})).await;
    let computing = app.statements_run().await - before;
    // The caller's token version was read with its first request; nothing
    // is read when the figures come from the cache.
    let account_check = 0;
    let before = app.statements_run().await;
    assert_eq!(app.query(stats, json!({})).await, cold);
    assert_eq!(
        app.statements_run().await,
        before + account_check,
        "a repeated question is answered from the cache"
    );

    // Checking in attends nothing yet: the cached figures stay valid.
    app.check_in(&participation, 30).await;
    let before = app.statements_run().await;
    assert_eq!(app.query(stats, json!({})).await, cold);
    assert_eq!(
        app.statements_run().await,
        before + account_check,
        "a check-in alters no figure"
    );

    // Checking out does: the next question sees it at once, and the
    // cached figures catch up by re-reading that volunteer alone.
    app.mutate(
        support::write::CHECK_OUT,
        json!({ "participationId": participation, "at": chrono::Utc::now().to_rfc3339() }),
    )
    .await;
    let before = app.statements_run().await;
    let now = app.query(stats, json!({})).await;
    assert_eq!(now["statistics"]["activeVolunteers"], 1, "{now}");
    let catching_up = app.statements_run().await - before;
    assert!(
        catching_up < computing,
        "caught up in {catching_up} statements; computing anew takes {computing}"
    );
}
