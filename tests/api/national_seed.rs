//! The national data set, loaded at a small scale into a fresh database:
//! it reads through the API as a register of ten growing years, every rule
//! of docs/domain.md holds in its rows, the same scale always gives the same
//! rows, a second load is refused, and the API writes normally after it.

use crate::support::{Demo, TestApp};
use chrono::{DateTime, NaiveDate, Utc};
use clap::Parser;
use entity::{
    EventStatus, FamilyRole, ParticipationStatus, event, exchange_participant, family,
    family_member, international_exchange, participation, volunteer,
};
use frontoffice::config::{Cli, Command};
use frontoffice::domain::time::{age_on, kz_date};
use frontoffice::graphql::ids::{NodeType, decode_int, encode};
use frontoffice::seed::national::{self, Summary};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, QueryOrder, Statement};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};

/// 320 volunteers, about 10,000 participations.
const SCALE: f64 = 0.002;

async fn loaded() -> (TestApp, Summary) {
    let app = TestApp::spawn(Demo::No).await;
    let summary = national::load(&app.db, SCALE)
        .await
        .expect("the national set loads into an empty database");
    (app, summary)
}

/// One number from SQL that both backends read the same way.
async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await
        .expect("the query runs")
        .expect("a row");
    row.try_get_by_index::<i64>(0).expect("a number")
}

#[tokio::test]
async fn the_national_set_reads_as_a_growing_register_through_the_api() {
    let (app, summary) = loaded().await;
    assert_eq!(summary.volunteers, 320);
    assert!(summary.families >= 15, "{summary:?}");
    assert!(
        (7_000..=11_000).contains(&summary.participations),
        "participations scale with the volunteers: {summary:?}"
    );
    assert!(summary.exchanges >= 4, "{summary:?}");

    let data = app
        .query(
            "{ volunteers { totalCount } families { totalCount } events { totalCount }
               internationalExchanges { totalCount } }",
            json!({}),
        )
        .await;
    assert_eq!(data["volunteers"]["totalCount"], summary.volunteers);
    assert_eq!(data["families"]["totalCount"], summary.families);
    assert_eq!(data["events"]["totalCount"], summary.events);
    assert_eq!(
        data["internationalExchanges"]["totalCount"],
        summary.exchanges
    );

    let data = app
        .query(
            r#"{ statisticsSeries(from: "2016-01-01", to: "2025-12-31", interval: YEAR) {
                   from hours activeVolunteers newVolunteers events eventsByKind { kind count }
                   youngestActiveAge oldestActiveAge beneficiariesServed { category count } } }"#,
            json!({}),
        )
        .await;
    let years = data["statisticsSeries"].as_array().expect("a series");
    assert_eq!(years.len(), 10);
    let hours: Vec<f64> = years
        .iter()
        .map(|y| y["hours"].as_f64().unwrap_or(0.0))
        .collect();
    assert!(hours[0] > 0.0, "volunteers worked in 2016: {hours:?}");
    for pair in hours.windows(2) {
        assert!(pair[1] > pair[0], "hours grow every year: {hours:?}");
    }
    for year in years {
        assert!(year["activeVolunteers"].as_i64().unwrap_or(0) > 0, "{year}");
        assert!(year["newVolunteers"].as_i64().unwrap_or(0) > 0, "{year}");
        let kinds: HashSet<&str> = year["eventsByKind"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|k| k["kind"].as_str())
            .collect();
        assert_eq!(
            kinds.len(),
            3,
            "events, actions and raids every year: {year}"
        );
        assert!(year["youngestActiveAge"].as_i64().unwrap_or(0) >= 7);
        assert!(year["oldestActiveAge"].as_i64().unwrap_or(99) <= 74);
    }
    let served: i64 = years
        .iter()
        .flat_map(|y| {
            y["beneficiariesServed"]
                .as_array()
                .cloned()
                .unwrap_or_default()
        })
        .map(|c| c["count"].as_i64().unwrap_or(0))
        .sum();
    assert!(served > 0, "raids and actions served people");

    // The whole network: all 20 regions, each with volunteers and events.
    let data = app
        .query(
            r#"{ statisticsByRegion(from: "2016-01-01", to: "2026-10-31") {
                   region { code frontOffice { name } } statistics { registeredVolunteers events } } }"#,
            json!({}),
        )
        .await;
    let regions = data["statisticsByRegion"].as_array().expect("regions");
    assert_eq!(regions.len(), 20);
    for r in regions {
        assert!(
            r["statistics"]["registeredVolunteers"]
                .as_i64()
                .unwrap_or(0)
                > 0,
            "{r}"
        );
        assert!(r["statistics"]["events"].as_i64().unwrap_or(0) > 0, "{r}");
        assert!(r["region"]["frontOffice"]["name"].is_string(), "{r}");
    }

    // Exchanges in both directions, with volunteers and foreign guests.
    let data = app
        .query(
            r#"{ statistics(from: "2016-01-01", to: "2026-12-31") {
                   international { exchanges byDirection { key count } volunteers foreignParticipants } } }"#,
            json!({}),
        )
        .await;
    let international = &data["statistics"]["international"];
    assert_eq!(international["exchanges"], summary.exchanges);
    assert_eq!(
        international["byDirection"].as_array().map(Vec::len),
        Some(2),
        "{international}"
    );
    assert!(international["volunteers"].as_i64().unwrap_or(0) > 0);
    assert!(international["foreignParticipants"].as_i64().unwrap_or(0) > 0);
}

#[tokio::test]
async fn every_rule_holds_in_the_national_set() {
    let (app, _) = loaded().await;
    let db = &app.db;

    // What the database can answer by itself.
    for (rule, sql) in [
        (
            "hours of a participation are 1 to 1440 minutes",
            "SELECT COUNT(*) FROM participation WHERE minutes < 1 OR minutes > 1440",
        ),
        (
            "attended participations have hours, others none",
            "SELECT COUNT(*) FROM participation WHERE (status = 'ATTENDED') <> (minutes IS NOT NULL)",
        ),
        (
            "a volunteer attends at most 24 hours on a day",
            "SELECT COUNT(*) FROM (SELECT volunteer_id, on_date FROM participation \
             WHERE status = 'ATTENDED' GROUP BY volunteer_id, on_date HAVING SUM(minutes) > 1440) t",
        ),
        (
            "nobody takes part before registering",
            "SELECT COUNT(*) FROM participation p JOIN volunteer v ON v.id = p.volunteer_id \
             WHERE p.on_date <= v.registered_on",
        ),
        (
            "one participation per volunteer and event",
            "SELECT COUNT(*) FROM (SELECT volunteer_id, event_id FROM participation \
             GROUP BY volunteer_id, event_id HAVING COUNT(*) > 1) t",
        ),
        (
            "capacity holds",
            "SELECT COUNT(*) FROM event e WHERE e.capacity IS NOT NULL AND e.capacity < \
             (SELECT COUNT(*) FROM participation p WHERE p.event_id = e.id AND p.status <> 'CANCELLED')",
        ),
        (
            "events end after they start",
            "SELECT COUNT(*) FROM event WHERE ends_at <= starts_at",
        ),
        (
            "verified iff a verifier is named, and only attended hours",
            "SELECT COUNT(*) FROM participation WHERE (verified_at IS NULL) <> (verified_by IS NULL) \
             OR (verified_at IS NOT NULL AND status <> 'ATTENDED')",
        ),
        (
            "cancelled events have nobody attending",
            "SELECT COUNT(*) FROM participation p JOIN event e ON e.id = p.event_id \
             WHERE e.status = 'CANCELLED' AND p.status <> 'CANCELLED'",
        ),
        (
            "planned events have no attendance yet",
            "SELECT COUNT(*) FROM participation p JOIN event e ON e.id = p.event_id \
             WHERE e.status = 'PLANNED' AND p.status NOT IN ('REGISTERED', 'CANCELLED')",
        ),
        (
            "a volunteer is in one family at most",
            "SELECT COUNT(*) FROM (SELECT volunteer_id FROM family_member GROUP BY volunteer_id HAVING COUNT(*) > 1) t",
        ),
        (
            "exchanges end on or after their start, never with Kazakhstan",
            "SELECT COUNT(*) FROM international_exchange WHERE ends_on < starts_on OR country_code = 'KZ'",
        ),
    ] {
        assert_eq!(count(db, sql).await, 0, "{rule}");
    }

    // What needs ages and families: the rules for minors, row by row.
    let as_of = national::as_of();
    let volunteers: HashMap<i64, volunteer::Model> = volunteer::Entity::find()
        .all(db)
        .await
        .expect("volunteers")
        .into_iter()
        .map(|v| (v.id, v))
        .collect();
    let members: Vec<family_member::Model> = family_member::Entity::find()
        .all(db)
        .await
        .expect("members");
    let family_of: HashMap<i64, i64> = members
        .iter()
        .map(|m| (m.volunteer_id, m.family_id))
        .collect();
    let guardians_of_family: HashMap<i64, Vec<i64>> = members
        .iter()
        .filter(|m| m.role == FamilyRole::Guardian)
        .fold(HashMap::new(), |mut all, m| {
            all.entry(m.family_id).or_default().push(m.volunteer_id);
            all
        });
    // The guardian on record of docs/domain.md: an adult GUARDIAN of the family other
    // than the volunteer, or a legal representative with a consent date.
    let guardians = |v: &volunteer::Model, on: NaiveDate| -> Vec<i64> {
        family_of
            .get(&v.id)
            .and_then(|f| guardians_of_family.get(f))
            .into_iter()
            .flatten()
            .copied()
            .filter(|g| *g != v.id && age_on(volunteers[g].birth_date, on) >= 18)
            .collect()
    };
    let has_guardian = |v: &volunteer::Model, on: NaiveDate| {
        v.guardian_consent_on.is_some() || !guardians(v, on).is_empty()
    };
    let mut ages = (i32::MAX, i32::MIN);
    for v in volunteers.values() {
        let age = age_on(v.birth_date, as_of);
        ages = (ages.0.min(age), ages.1.max(age));
        assert!(age_on(v.birth_date, v.registered_on) >= 7, "{v:?}");
        assert!(v.registered_on < as_of, "{v:?}");
        assert_eq!(v.guardian_name.is_some(), v.guardian_consent_on.is_some());
        if age_on(v.birth_date, v.registered_on) < 18 {
            assert!(
                has_guardian(v, v.registered_on),
                "a minor without a guardian: {v:?}"
            );
        }
    }
    assert_eq!(ages, (7, 74), "the youngest is 7, the oldest 74");

    let families = family::Entity::find().all(db).await.expect("families");
    for f in &families {
        let size = members.iter().filter(|m| m.family_id == f.id).count();
        assert!((2..=6).contains(&size), "{f:?} has {size} members");
        assert!(
            guardians_of_family.contains_key(&f.id),
            "{f:?} has a guardian"
        );
    }

    let events: HashMap<i64, event::Model> = event::Entity::find()
        .all(db)
        .await
        .expect("events")
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let as_of_start = frontoffice::domain::time::kz_day_start(as_of);
    for e in events.values() {
        match e.status {
            EventStatus::Completed => assert!(e.ends_at <= as_of_start, "{e:?}"),
            EventStatus::Planned => assert!(e.starts_at >= as_of_start, "{e:?}"),
            _ => {}
        }
    }
    let participations = participation::Entity::find()
        .order_by_asc(participation::Column::Id)
        .all(db)
        .await
        .expect("participations");
    let attended_at: HashMap<(i64, i64), Option<DateTime<Utc>>> = participations
        .iter()
        .filter(|p| p.status == ParticipationStatus::Attended)
        .map(|p| ((p.volunteer_id, p.event_id), p.checked_in_at))
        .collect();
    // Each volunteer's checked-in spans, to find overlaps.
    type Spans = Vec<(DateTime<Utc>, DateTime<Utc>)>;
    let mut timed: HashMap<i64, Spans> = HashMap::new();
    for p in &participations {
        let v = &volunteers[&p.volunteer_id];
        let e = &events[&p.event_id];
        let day = kz_date(e.starts_at);
        let age = age_on(v.birth_date, day);
        assert!(age >= 7, "{p:?}");
        assert!(
            p.registered_at < e.starts_at,
            "signed up before the start: {p:?}"
        );
        assert!(
            p.registered_at >= v.created_at,
            "signed up after registering: {p:?}"
        );
        if age < 18 {
            assert!(
                !e.hazardous && !e.activity_type.is_adults_only(),
                "a minor on an event closed to minors: {p:?} {e:?}"
            );
            assert!(has_guardian(v, day), "a minor without a guardian: {p:?}");
        }
        match (p.checked_in_at, p.checked_out_at) {
            (Some(checked_in), Some(checked_out)) => {
                assert_eq!(p.status, ParticipationStatus::Attended);
                assert!(
                    checked_in >= e.starts_at && checked_out <= e.ends_at,
                    "{p:?} {e:?}"
                );
                assert_eq!(
                    p.minutes.map(i64::from),
                    Some((checked_out - checked_in).num_minutes()),
                    "{p:?}"
                );
                assert_eq!(p.on_date, kz_date(checked_in), "{p:?}");
                timed
                    .entry(v.id)
                    .or_default()
                    .push((checked_in, checked_out));
            }
            (None, None) => {
                assert_eq!(p.on_date, day, "{p:?}");
                if let Some(minutes) = p.minutes {
                    assert!(
                        i64::from(minutes) <= (e.ends_at - e.starts_at).num_minutes(),
                        "{p:?}"
                    );
                }
            }
            _ => panic!("checked in without checking out: {p:?}"),
        }
        if p.status == ParticipationStatus::Attended
            && age < 14
            && v.unaccompanied_consent_on.is_none()
        {
            // The guardian attended too, checked in first.
            let escorted = guardians(v, day).iter().any(|g| {
                attended_at
                    .get(&(*g, e.id))
                    .is_some_and(|at| match (at, p.checked_in_at) {
                        (Some(guardian), Some(child)) => guardian <= &child,
                        _ => true,
                    })
            });
            assert!(escorted, "a child under 14 attended alone: {p:?}");
        }
        if let Some(verified_at) = p.verified_at {
            assert!(verified_at >= e.ends_at, "{p:?}");
        }
    }
    for (volunteer, mut spans) in timed {
        spans.sort();
        for pair in spans.windows(2) {
            assert!(
                pair[0].1 <= pair[1].0,
                "volunteer {volunteer} in two places at once"
            );
        }
    }

    let exchanges = international_exchange::Entity::find()
        .all(db)
        .await
        .expect("exchanges");
    let taking_part = exchange_participant::Entity::find()
        .all(db)
        .await
        .expect("participants");
    for x in &exchanges {
        for p in taking_part.iter().filter(|p| p.exchange_id == x.id) {
            let v = &volunteers[&p.volunteer_id];
            assert!(v.registered_on < x.starts_on, "{x:?} {v:?}");
            assert!(age_on(v.birth_date, x.starts_on) >= 18, "{x:?} {v:?}");
        }
    }
}

/// Every row of the tables the set fills, in key order.
async fn rows(db: &DatabaseConnection) -> Vec<Value> {
    macro_rules! tables {
        ($($t:ident),+) => {{
            let mut all = Vec::new();
            $(
                all.push(Value::Array(
                    entity::$t::Entity::find()
                        .order_by_asc(sea_orm::sea_query::Expr::cust("1"))
                        .into_json()
                        .all(db)
                        .await
                        .expect("the table can be read"),
                ));
            )+
            all
        }};
    }
    tables!(
        organization,
        front_office,
        front_office_partner,
        project,
        volunteer,
        volunteer_tag,
        family,
        family_member,
        event,
        participation,
        beneficiaries_served,
        international_exchange,
        exchange_participant,
        audit_log
    )
}

#[tokio::test]
async fn the_same_scale_gives_the_same_rows_and_a_second_load_is_refused() {
    let (first, summary) = loaded().await;
    let (second, again) = loaded().await;
    assert_eq!(summary, again);
    let (a, b) = (rows(&first.db).await, rows(&second.db).await);
    for (table, (a, b)) in a.iter().zip(&b).enumerate() {
        assert!(a == b, "table {table} differs between two loads");
    }

    let err = national::load(&first.db, SCALE)
        .await
        .expect_err("a second load is refused");
    assert!(err.to_string().contains("empty database"), "{err}");
    assert!(rows(&first.db).await == a, "nothing was written");
}

#[tokio::test]
async fn the_api_writes_after_the_bulk_load() {
    let (app, summary) = loaded().await;
    let volunteer = app
        .volunteer(
            "Айгүл Сейітова",
            "1996-04-12",
            json!({ "regionCode": "KZ-62" }),
        )
        .await;
    let id = decode_int(
        &async_graphql::ID(volunteer.clone()),
        NodeType::Volunteer,
        "volunteer",
    )
    .expect("a volunteer id");
    assert_eq!(id, summary.volunteers as i64 + 1);
    let family = app.family("Сейітовтар отбасы").await;
    app.add_member(&family, &volunteer, "GUARDIAN").await;
    let event = app.event("Рейд «Жеңіс» после загрузки", json!({})).await;
    let event_id = decode_int(&async_graphql::ID(event.clone()), NodeType::Event, "event")
        .expect("an event id");
    assert_eq!(event_id, summary.events as i64 + 1);
    // A volunteer of the loaded set signs up too.
    let loaded_adult = count(
        &app.db,
        "SELECT MIN(id) FROM volunteer WHERE birth_date <= '1990-01-01'",
    )
    .await;
    let old_hand = encode(NodeType::Volunteer, loaded_adult).to_string();
    let participation = app.sign_up(&old_hand, &event).await;
    let participation_id = decode_int(
        &async_graphql::ID(participation.clone()),
        NodeType::Participation,
        "participation",
    )
    .expect("a participation id");
    assert_eq!(participation_id, summary.participations as i64 + 1);
    app.sign_up(&volunteer, &event).await;
    let checked = app.check_in(&participation, 10).await;
    assert_eq!(checked["participation"]["id"], participation.as_str());
    let data = app.query("{ volunteers { totalCount } }", json!({})).await;
    assert_eq!(data["volunteers"]["totalCount"], summary.volunteers + 1);
}

#[test]
fn the_command_line_wants_one_data_set() {
    let parse = |args: &[&str]| {
        Cli::try_parse_from(["frontoffice", "seed"].iter().chain(args))
            .map_err(|e| e.to_string())
            .and_then(|cli| cli.command())
            .map(|(_, command)| command)
    };
    assert!(parse(&[]).is_err(), "a data set must be named");
    assert!(parse(&["--demo", "--scale", "0.1"]).is_err(), "not both");
    assert!(parse(&["--scale", "0"]).is_err());
    assert!(parse(&["--scale", "1.5"]).is_err());
    match parse(&["--scale", "national"]) {
        Ok(Command::Seed(args)) => assert_eq!((args.demo, args.scale), (false, Some(1.0))),
        other => panic!("{other:?}"),
    }
    match parse(&["--scale", "0.001"]) {
        Ok(Command::Seed(args)) => assert_eq!(args.scale, Some(0.001)),
        other => panic!("{other:?}"),
    }
    match parse(&["--demo"]) {
        Ok(Command::Seed(args)) => assert_eq!((args.demo, args.scale), (true, None)),
        other => panic!("{other:?}"),
    }
}
