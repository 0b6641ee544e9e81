//! Relay connections: paging forwards and backwards across page boundaries,
//! cursors, orderings, nested lists, and node identification.

use crate::support::{Demo, TestApp, fixtures};
use frontoffice::graphql::ids::{NodeType, encode};
use serde_json::{Value, json};

fn names(connection: &Value) -> Vec<String> {
    connection["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| {
            e["node"]["fullName"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String, $order: VolunteerOrder) {
  volunteers(first: $first, after: $after, last: $last, before: $before, orderBy: $order) {
    totalCount
    edges { cursor node { fullName } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"#;

#[tokio::test]
async fn pages_forwards_and_backwards_cover_the_list_once() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    let order = json!({ "field": "BIRTH_DATE", "direction": "DESC" });
    // Youngest first: Үміт 2015, Қайрат 2012, Әлия 2001, Иван 1990, Ғалым 1975, Семён 1950.
    let expected = [
        "Үміт Ұланқызы",
        "Қайрат Нұрланов",
        "Әлия Серікқызы",
        "Иван Петров",
        "ҒАЛЫМ ӨМІРЗАҚОВ",
        "Семён Ёлкин",
    ];

    let mut seen = Vec::new();
    let mut after = Value::Null;
    let mut pages = 0;
    loop {
        let data = app
            .query(PAGE, json!({ "first": 4, "after": after, "order": order }))
            .await;
        let page = &data["volunteers"];
        assert_eq!(page["totalCount"], 6);
        seen.extend(names(page));
        pages += 1;
        assert_eq!(page["pageInfo"]["hasPreviousPage"], pages > 1);
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(pages, 2);
    assert_eq!(seen, expected);

    // Backwards from the end, two at a time.
    let mut seen_back = Vec::new();
    let mut before = Value::Null;
    loop {
        let data = app
            .query(PAGE, json!({ "last": 2, "before": before, "order": order }))
            .await;
        let page = &data["volunteers"];
        let mut chunk = names(page);
        chunk.extend(seen_back);
        seen_back = chunk;
        if page["pageInfo"]["hasPreviousPage"] == false {
            break;
        }
        before = page["pageInfo"]["startCursor"].clone();
    }
    assert_eq!(seen_back, expected);
}

#[tokio::test]
async fn equal_sort_keys_are_ordered_by_id_and_never_repeat() {
    let app = TestApp::spawn(Demo::No).await;
    let known = fixtures::load(&app.db).await;
    // Four participations share 2024 dates in pairs; page one at a time.
    let query = r#"query($after: String) { participations(first: 1, after: $after, orderBy: { field: DATE }) {
        nodes { id date } pageInfo { endCursor hasNextPage } } }"#;
    let mut ids = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = app.query(query, json!({ "after": after })).await;
        let page = &data["participations"];
        ids.push(page["nodes"][0]["id"].as_str().unwrap().to_owned());
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    let expected: Vec<String> = [0, 1, 2, 3, 4, 5, 6, 7, 8]
        .map(|i| known.participations[i])
        .into_iter()
        // by date: 05-09 (0,1), 06-01 (2,3,4), 2025-01-15 (5), 2025-05-09 (6,7,8)
        .map(|id| encode(NodeType::Participation, id).0)
        .collect();
    assert_eq!(ids, expected);
}

#[tokio::test]
async fn tampered_or_foreign_cursors_are_refused_clearly() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    let (code, message) = app
        .error(PAGE, json!({ "first": 2, "after": "not-a-cursor" }))
        .await;
    assert_eq!(code, "VALIDATION");
    assert!(message.contains("not a cursor"), "{message}");

    let by_name = app
        .query(PAGE, json!({ "first": 1, "order": { "field": "NAME" } }))
        .await;
    let cursor = by_name["volunteers"]["pageInfo"]["endCursor"].clone();
    let (code, message) = app
        .error(PAGE, json!({ "first": 2, "after": cursor }))
        .await;
    assert_eq!(code, "VALIDATION");
    assert!(message.contains("ordering"), "{message}");

    let (code, _) = app.error(PAGE, json!({ "first": 101 })).await;
    assert_eq!(code, "VALIDATION");
    let (code, _) = app.error(PAGE, json!({ "first": 1, "last": 1 })).await;
    assert_eq!(code, "VALIDATION");
}

#[tokio::test]
async fn a_page_of_zero_counts_without_listing() {
    let app = TestApp::spawn(Demo::No).await;
    let known = fixtures::load(&app.db).await;
    let page = &app.query(PAGE, json!({ "first": 0 })).await["volunteers"];
    assert_eq!(page["totalCount"], 6);
    assert_eq!(page["edges"], json!([]));
    assert_eq!(page["pageInfo"]["hasNextPage"], true);
    assert_eq!(page["pageInfo"]["hasPreviousPage"], false);
    assert_eq!(page["pageInfo"]["startCursor"], Value::Null);

    let page = &app.query(PAGE, json!({ "last": 0 })).await["volunteers"];
    assert_eq!(page["edges"], json!([]));
    assert_eq!(page["pageInfo"]["hasPreviousPage"], true);

    let family = encode(NodeType::Family, known.family);
    let data = app
        .query(
            r#"query($id: ID!) { family(id: $id) { members(first: 0) { totalCount nodes { role } pageInfo { hasNextPage } } } }"#,
            json!({ "id": family }),
        )
        .await;
    let members = &data["family"]["members"];
    assert_eq!(members["totalCount"], 3);
    assert_eq!(members["nodes"], json!([]));
    assert_eq!(members["pageInfo"]["hasNextPage"], true);

    let (code, message) = app.error(PAGE, json!({ "first": -1 })).await;
    assert_eq!(code, "VALIDATION");
    assert!(message.contains("between 0 and 100"), "{message}");
}

#[tokio::test]
async fn default_page_size_is_twenty_and_nested_lists_are_connections() {
    let app = TestApp::spawn(Demo::No).await;
    let known = fixtures::load(&app.db).await;
    let data = app
        .query(
            "{ regions { totalCount nodes { code } pageInfo { hasNextPage } } }",
            json!({}),
        )
        .await;
    assert_eq!(data["regions"]["totalCount"], 20);
    assert_eq!(data["regions"]["nodes"].as_array().unwrap().len(), 20);
    assert_eq!(data["regions"]["pageInfo"]["hasNextPage"], false);

    let family = encode(NodeType::Family, known.family);
    let data = app
        .query(
            r#"query($id: ID!) { family(id: $id) { name members(first: 2) { totalCount pageInfo { hasNextPage }
                 nodes { role volunteer { fullName } } } } }"#,
            json!({ "id": family }),
        )
        .await;
    let members = &data["family"]["members"];
    assert_eq!(members["totalCount"], 3);
    assert_eq!(members["pageInfo"]["hasNextPage"], true);
    assert_eq!(members["nodes"][0]["role"], "CHILD"); // Қайрат was recorded before Ғалым's membership key
    let data = app
        .query(
            r#"{ region(code: "KZ-75") { volunteers(orderBy: { field: NAME }) { totalCount nodes { fullName } }
                 events { nodes { title participantCount registeredCount hours } } } }"#,
            json!({}),
        )
        .await;
    assert_eq!(data["region"]["volunteers"]["totalCount"], 3);
    let events = &data["region"]["events"]["nodes"];
    assert_eq!(events[0]["title"], "Таза Алматы");
    assert_eq!(events[0]["participantCount"], 2);
    assert_eq!(events[0]["registeredCount"], 3);
    assert_eq!(events[0]["hours"], 5.0);
}

#[tokio::test]
async fn every_type_resolves_through_node_and_wrong_types_are_refused() {
    let app = TestApp::spawn(Demo::No).await;
    let k = fixtures::load(&app.db).await;
    let ids = [
        (encode(NodeType::Region, "KZ-71"), "Region"),
        (encode(NodeType::FrontOffice, k.front_office), "FrontOffice"),
        (
            encode(NodeType::Organization, k.organization),
            "Organization",
        ),
        (encode(NodeType::Volunteer, k.volunteers[0]), "Volunteer"),
        (encode(NodeType::Family, k.family), "Family"),
        (encode(NodeType::Project, k.projects[0]), "Project"),
        (encode(NodeType::Event, k.events[0]), "Event"),
        (
            encode(NodeType::Participation, k.participations[0]),
            "Participation",
        ),
        (
            encode(NodeType::InternationalExchange, k.exchanges[0]),
            "InternationalExchange",
        ),
    ];
    for (id, typename) in &ids {
        let data = app
            .query(
                "query($id: ID!) { node(id: $id) { __typename id } }",
                json!({ "id": id }),
            )
            .await;
        assert_eq!(data["node"]["__typename"], *typename);
        assert_eq!(data["node"]["id"], id.0);
    }
    let all: Vec<&str> = ids.iter().map(|(id, _)| id.as_str()).collect();
    let data = app
        .query(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }",
            json!({ "ids": all }),
        )
        .await;
    let types: Vec<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["__typename"].as_str().unwrap())
        .collect();
    assert_eq!(types, ids.iter().map(|(_, t)| *t).collect::<Vec<_>>());

    // An id of a missing object is null; an id of another type is refused.
    let missing = encode(NodeType::Volunteer, 999_999);
    let data = app
        .query(
            "query($id: ID!) { volunteer(id: $id) { id } }",
            json!({ "id": missing }),
        )
        .await;
    assert!(data["volunteer"].is_null());
    let event_id = encode(NodeType::Event, k.events[0]);
    let (code, message) = app
        .error(
            "query($id: ID!) { volunteer(id: $id) { id } }",
            json!({ "id": event_id }),
        )
        .await;
    assert_eq!(code, "VALIDATION");
    assert!(message.contains("Event"), "{message}");
    let (code, _) = app
        .error(r#"{ node(id: "garbage") { id } }"#, json!({}))
        .await;
    assert_eq!(code, "VALIDATION");
}
