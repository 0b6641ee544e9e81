//! The number of SQL statements of a nested query does not grow with the
//! page size: every relation is loaded in batches.
//!
//! Statements are counted by the server's own counter (SeaORM's metric
//! callback sees every statement of every pooled connection).

use crate::support::{Demo, TestApp, fixtures};
use chrono::NaiveDate;
use entity::*;
use sea_orm::ActiveValue::Set;
use sea_orm::{EntityTrait, NotSet};
use serde_json::{Value, json};

const NESTED: &str = r#"query($n: Int!) {
  volunteers(first: $n) {
    totalCount
    nodes {
      fullName
      region { code frontOffice { name } }
      family { name members(first: 6) { nodes { role volunteer { fullName } } } }
      participations(first: 5) { totalCount nodes { minutes event { title project { name } } } }
    }
  }
}"#;

/// Add many volunteers with participations, so pages of 100 are full.
async fn grow(app: &TestApp, events: &[i64]) {
    let day = NaiveDate::from_ymd_opt(2024, 5, 9).unwrap();
    let at = chrono::Utc::now();
    let volunteers: Vec<volunteer::ActiveModel> = (0..150)
        .map(|i| volunteer::ActiveModel {
            id: NotSet,
            full_name: Set(Some(format!("Ерікті {i}"))),
            latin_name: Set(Some(format!("Erikti {i}"))),
            search_name: Set(Some(format!("ерікті {i}"))),
            name_sort_key: Set(Some(frontoffice::domain::collation::sort_key(Some(
                &format!("Ерікті {i}"),
            )))),
            birth_date: Set(NaiveDate::from_ymd_opt(1990, 1, 1).unwrap()),
            region_code: Set(if i % 2 == 0 { "KZ-71" } else { "KZ-75" }.into()),
            registered_on: Set(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
            phone: Set(Some(format!("+7701{i:07}"))),
            email: Set(Some(format!("erikti{i}@example.kz"))),
            iin_hash: Set(None),
            guardian_name: Set((i % 3 == 0).then(|| format!("Қамқоршы {i}"))),
            guardian_consent_on: Set((i % 3 == 0).then_some(day)),
            unaccompanied_consent_on: Set((i % 5 == 0).then_some(day)),
            erased_at: Set(None),
            status: Set(entity::VolunteerStatus::Active),
            created_at: Set(at),
            updated_at: Set(at),
        })
        .collect();
    volunteer::Entity::insert_many(volunteers)
        .exec(&app.db)
        .await
        .unwrap();
    let all = volunteer::Entity::find().all(&app.db).await.unwrap();
    let rows: Vec<participation::ActiveModel> = all
        .iter()
        .filter(|v| {
            v.full_name
                .as_deref()
                .is_some_and(|n| n.starts_with("Ерікті"))
        })
        .flat_map(|v| {
            events.iter().map(move |e| participation::ActiveModel {
                id: NotSet,
                volunteer_id: Set(v.id),
                event_id: Set(*e),
                status: Set(ParticipationStatus::Attended),
                registered_at: Set(at),
                checked_in_at: Set(None),
                checked_out_at: Set(None),
                minutes: Set(Some(60)),
                minutes_source: Set(Some(entity::HoursSource::Coordinator)),
                on_date: Set(day),
                verified_at: Set(None),
                verified_by: Set(None),
            })
        })
        .collect();
    for chunk in rows.chunks(200) {
        participation::Entity::insert_many(chunk.to_vec())
            .exec(&app.db)
            .await
            .unwrap();
    }
    sea_orm::ConnectionTrait::execute_unprepared(
        &app.db,
        frontoffice::domain::ledger::SEEDED_ENTRIES,
    )
    .await
    .expect("ledger entries");
}

/// The statements a query takes, and its answer. The counter sees every
/// statement of the server; the fewer of two runs leaves out one that a
/// task of the server's own ran meanwhile.
async fn counted(app: &TestApp, query: &str, variables: Value) -> (u64, Value) {
    let mut runs = Vec::new();
    let mut data = Value::Null;
    for _ in 0..2 {
        let before = app.statements.get();
        data = app.query(query, variables.clone()).await;
        runs.push(app.statements.get() - before);
    }
    (runs.into_iter().min().unwrap_or_default(), data)
}

#[tokio::test]
async fn nested_query_statements_do_not_grow_with_page_size() {
    let app = TestApp::spawn(Demo::No).await;
    let known = fixtures::load(&app.db).await;
    grow(&app, &known.events).await;

    let mut counts = Vec::new();
    for n in [10, 100] {
        let (count, data) = counted(&app, NESTED, json!({ "n": n })).await;
        counts.push(count);
        let nodes = data["volunteers"]["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), n);
        // The page really has the nested data the statements were for.
        assert!(
            nodes
                .iter()
                .all(|v| v["participations"]["nodes"].as_array().unwrap().len() <= 5)
        );
        assert!(
            nodes
                .iter()
                .any(|v| v["participations"]["totalCount"].as_i64().unwrap() >= 4)
        );
    }
    println!(
        "statements at page size 10: {}, at 100: {}",
        counts[0], counts[1]
    );
    assert_eq!(counts[0], counts[1], "statements grew with the page size");
    // 12 for the data, and one reading the caller's account (is it still
    // enabled?).
    assert!(counts[1] <= 13, "too many statements: {}", counts[1]);
}

/// A participation's event, and an event's participants, come in the
/// statement of the page that lists the participations: asking for them
/// costs no statement more, and they are what reading them on their own
/// gives.
#[tokio::test]
async fn a_pages_events_and_volunteers_come_with_its_participations() {
    let app = TestApp::spawn(Demo::No).await;
    let known = fixtures::load(&app.db).await;
    grow(&app, &known.events).await;

    let bare = "{ volunteers(first: 20) { nodes { participations(first: 5) { nodes { id } } } } }";
    let with_events = "{ volunteers(first: 20) { nodes { participations(first: 5) {
        nodes { id event { id title startsAt } }
        edges { node { ... on Participation { event { kind } } } } } } } }";
    let (alone, _) = counted(&app, bare, json!({})).await;
    let (brought, data) = counted(&app, with_events, json!({})).await;
    assert_eq!(brought, alone, "the events cost statements of their own");
    let mut seen = 0;
    for volunteer in data["volunteers"]["nodes"].as_array().unwrap() {
        let list = &volunteer["participations"];
        for (node, edge) in list["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .zip(list["edges"].as_array().unwrap())
        {
            let own = app
                .query(
                    "query($id: ID!) { event(id: $id) { id title startsAt kind } }",
                    json!({ "id": node["event"]["id"] }),
                )
                .await;
            assert_eq!(node["event"]["title"], own["event"]["title"]);
            assert_eq!(node["event"]["startsAt"], own["event"]["startsAt"]);
            assert_eq!(edge["node"]["event"]["kind"], own["event"]["kind"]);
            seen += 1;
        }
    }
    assert!(seen >= 20, "too few participations to compare: {seen}");

    let bare = "{ events(first: 10) { nodes { participations(first: 10) { nodes { id } } } } }";
    let with_people = "{ events(first: 10) { nodes { participations(first: 10) {
        nodes { id volunteer { id fullName birthDate } } } } } }";
    let (alone, _) = counted(&app, bare, json!({})).await;
    let (brought, data) = counted(&app, with_people, json!({})).await;
    assert_eq!(
        brought, alone,
        "the volunteers cost statements of their own"
    );
    let mut seen = 0;
    for event in data["events"]["nodes"].as_array().unwrap() {
        for node in event["participations"]["nodes"].as_array().unwrap() {
            let own = app
                .query(
                    "query($id: ID!) { volunteer(id: $id) { id fullName birthDate } }",
                    json!({ "id": node["volunteer"]["id"] }),
                )
                .await;
            assert_eq!(node["volunteer"], own["volunteer"]);
            seen += 1;
        }
    }
    assert!(seen >= 20, "too few participations to compare: {seen}");
}

/// The personal columns read by one field each come with a page's
/// volunteers only when that field is asked for, however it is asked
/// (directly, through a fragment, under an alias, in `edges`), and then
/// show what the volunteer's own query shows.
#[tokio::test]
async fn a_pages_volunteers_show_the_personal_fields_asked_for() {
    let app = TestApp::spawn(Demo::No).await;
    let known = fixtures::load(&app.db).await;
    grow(&app, &known.events).await;
    let personal = "latinName phone email guardianName guardianConsentOn unaccompaniedConsentOn";
    let queries = [
        format!(
            "{{ events(first: 10) {{ nodes {{ participations(first: 10) {{
                nodes {{ volunteer {{ id {personal} }} }} }} }} }} }}"
        ),
        format!(
            "{{ events(first: 10) {{ nodes {{ participations(first: 10) {{
                nodes {{ volunteer {{ id ...P }} }} }} }} }} }}
            fragment P on Volunteer {{ {personal} }}"
        ),
        "{ events(first: 10) { nodes { participations(first: 10) {
            edges { node { volunteer { id latinName: latinName phone: phone
              email: email guardianName: guardianName
              guardianConsentOn: guardianConsentOn
              unaccompaniedConsentOn: unaccompaniedConsentOn } } } } } } }"
            .to_owned(),
    ];
    for query in &queries {
        let data = app.query(query, json!({})).await;
        let mut shown = [0; 6];
        let mut seen = 0;
        for event in data["events"]["nodes"].as_array().unwrap() {
            let list = &event["participations"];
            let nodes = match list["nodes"].as_array() {
                Some(nodes) => nodes.clone(),
                None => list["edges"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|e| e["node"].clone())
                    .collect(),
            };
            for node in nodes {
                let own = app
                    .query(
                        &format!("query($id: ID!) {{ volunteer(id: $id) {{ id {personal} }} }}"),
                        json!({ "id": node["volunteer"]["id"] }),
                    )
                    .await;
                assert_eq!(node["volunteer"], own["volunteer"], "{query}");
                for (i, field) in personal.split(' ').enumerate() {
                    shown[i] += usize::from(!node["volunteer"][field].is_null());
                }
                seen += 1;
            }
        }
        assert!(seen >= 20, "too few participations to compare: {seen}");
        // The grown volunteers have every one of them: the page showed each.
        assert!(
            shown.iter().all(|&n| n > 0),
            "{shown:?} shown of {seen}: {query}"
        );
    }
}
