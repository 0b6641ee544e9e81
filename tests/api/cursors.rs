//! Cursors reveal nothing and cannot be tampered with: they hold no name or
//! birth date a client could read, they still page through every row once,
//! and altered, foreign, forged or old-style cursors are refused with
//! `VALIDATION` naming the argument. Erased volunteers are found and
//! placed by birth date by no one.

use crate::support::{Demo, TestApp, fixtures};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use frontoffice::graphql::ids::{NodeType, encode};
use serde_json::{Value, json};

const PAGE: &str = r#"query($first: Int, $after: String, $last: Int, $before: String, $order: VolunteerOrder, $filter: VolunteerFilter) {
  volunteers(first: $first, after: $after, last: $last, before: $before, orderBy: $order, filter: $filter) {
    edges { cursor node { id fullName latinName birthDate } }
    pageInfo { hasNextPage endCursor startCursor }
  }
}"#;

/// The whole list in one page, as the reference order.
async fn all_ids(app: &TestApp, order: &Value) -> Vec<String> {
    let data = app
        .query(PAGE, json!({ "first": 100, "order": order }))
        .await;
    data["volunteers"]["edges"]
        .as_array()
        .expect("edges")
        .iter()
        .map(|e| e["node"]["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// `needle` appears somewhere in `haystack`.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

/// The error of a request that must fail: its code and `extensions.field`.
async fn refusal(app: &TestApp, query: &str, variables: Value) -> (String, String) {
    let (_, body) = app.post(query, variables).await;
    let error = &body["errors"][0];
    assert!(!error.is_null(), "expected an error: {body}");
    assert!(body["data"]["volunteers"].is_null(), "no page: {body}");
    (
        error["extensions"]["code"]
            .as_str()
            .unwrap_or_default()
            .into(),
        error["extensions"]["field"]
            .as_str()
            .unwrap_or_default()
            .into(),
    )
}

#[tokio::test]
async fn cursors_hold_no_name_or_birth_date_and_page_through_every_row_once() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    for field in ["NAME", "BIRTH_DATE"] {
        for direction in ["ASC", "DESC"] {
            let order = json!({ "field": field, "direction": direction });
            let expected = all_ids(&app, &order).await;
            assert_eq!(expected.len(), 6);
            let mut seen = Vec::new();
            let mut after = Value::Null;
            loop {
                let data = app
                    .query(PAGE, json!({ "first": 2, "after": after, "order": order }))
                    .await;
                let page = &data["volunteers"];
                for edge in page["edges"].as_array().expect("edges") {
                    let node = &edge["node"];
                    let cursor = edge["cursor"].as_str().expect("a cursor");
                    let raw = URL_SAFE_NO_PAD.decode(cursor).expect("base64url");
                    let secrets = [&node["fullName"], &node["latinName"], &node["birthDate"]];
                    for value in secrets.iter().filter_map(|v| v.as_str()) {
                        // In clear, as base64 of its own, and for dates the
                        // digits alone: none of them is in the cursor.
                        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
                        for form in [value.to_owned(), digits, URL_SAFE_NO_PAD.encode(value)] {
                            assert!(
                                !contains(&raw, form.as_bytes()),
                                "{field} cursor bytes hold {form}"
                            );
                            assert!(
                                !contains(cursor.as_bytes(), form.as_bytes()),
                                "{field} cursor text holds {form}"
                            );
                        }
                    }
                    assert!(
                        !contains(&raw, b"NAME"),
                        "not even the ordering is readable"
                    );
                    seen.push(node["id"].as_str().unwrap_or_default().to_owned());
                }
                if page["pageInfo"]["hasNextPage"] == false {
                    break;
                }
                after = page["pageInfo"]["endCursor"].clone();
            }
            assert_eq!(
                seen, expected,
                "{field} {direction}: every row once, in order"
            );
        }
    }
}

#[tokio::test]
async fn altered_foreign_forged_and_old_cursors_are_refused_with_the_argument() {
    let app = TestApp::spawn(Demo::No).await;
    fixtures::load(&app.db).await;
    let by_name = json!({ "field": "NAME" });
    let by_birth = json!({ "field": "BIRTH_DATE" });
    let data = app
        .query(PAGE, json!({ "first": 2, "order": by_name }))
        .await;
    let cursor = data["volunteers"]["pageInfo"]["endCursor"]
        .as_str()
        .expect("a cursor")
        .to_owned();

    // The cursor works as given.
    let (_, body) = app
        .post(
            PAGE,
            json!({ "first": 2, "after": cursor, "order": by_name }),
        )
        .await;
    assert!(body.get("errors").is_none(), "{body}");

    let mut altered = URL_SAFE_NO_PAD.decode(&cursor).expect("base64url");
    let middle = altered.len() / 2;
    altered[middle] ^= 0x01;
    let altered = URL_SAFE_NO_PAD.encode(altered);

    let events = app
        .query("{ events(first: 1) { pageInfo { endCursor } } }", json!({}))
        .await;
    let event_cursor = events["events"]["pageInfo"]["endCursor"].clone();
    assert!(event_cursor.is_string(), "{events}");
    let by_id_cursor =
        app.query(PAGE, json!({ "first": 1 })).await["volunteers"]["pageInfo"]["endCursor"].clone();

    // What cursors looked like before they were sealed, with a key of
    // the wrong type for the ordering (text where an id is expected).
    let old_style = |json: Value| URL_SAFE_NO_PAD.encode(json.to_string());
    let old_wrong_type = old_style(json!({
        "o": "ID_ASC", "k": { "t": "Text", "v": "x" }, "i": { "t": "Text", "v": "x" }
    }));
    let old_by_name = old_style(json!({
        "o": "NAME_ASC", "k": { "t": "Text", "v": "Иван" }, "i": { "t": "Int", "v": 1 }
    }));

    let cases: Vec<(&str, Value, Value)> = vec![
        ("a flipped byte", json!(altered), by_name.clone()),
        ("another ordering", json!(cursor), by_birth.clone()),
        (
            "another direction",
            json!(cursor),
            json!({ "field": "NAME", "direction": "DESC" }),
        ),
        (
            "another list, same ordering name",
            event_cursor.clone(),
            Value::Null,
        ),
        (
            "the id ordering's cursor under NAME",
            by_id_cursor,
            by_name.clone(),
        ),
        ("garbage", json!("not-a-cursor"), by_name.clone()),
        ("not base64", json!("%%%"), by_name.clone()),
        ("empty", json!(""), by_name.clone()),
        (
            "old-style, wrong key type",
            json!(old_wrong_type),
            Value::Null,
        ),
        (
            "old-style, right shape",
            json!(old_by_name),
            by_name.clone(),
        ),
    ];
    for (what, bad, order) in cases {
        let (code, field) = refusal(
            &app,
            PAGE,
            json!({ "first": 2, "after": bad, "order": order }),
        )
        .await;
        assert_eq!(
            (code.as_str(), field.as_str()),
            ("VALIDATION", "after"),
            "{what}"
        );
        let (code, field) = refusal(
            &app,
            PAGE,
            json!({ "last": 2, "before": bad, "order": order }),
        )
        .await;
        assert_eq!(
            (code.as_str(), field.as_str()),
            ("VALIDATION", "before"),
            "{what}"
        );
    }

    // Nested lists are bound the same way: a region's volunteers refuse
    // an event's cursor.
    let nested = r#"query($after: String) { region(code: "KZ-75") {
        volunteers(first: 1, after: $after) { nodes { id } } } }"#;
    let (_, body) = app.post(nested, json!({ "after": event_cursor })).await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "VALIDATION",
        "{body}"
    );
    assert_eq!(body["errors"][0]["extensions"]["field"], "after", "{body}");
}

#[tokio::test]
async fn erased_volunteers_are_not_found_by_age_nor_placed_by_birth_date() {
    let app = TestApp::spawn(Demo::No).await;
    let known = fixtures::load(&app.db).await;
    // Иван Петров, born 1990: in the middle of the list by birth date.
    let ivan = encode(NodeType::Volunteer, known.volunteers[1]);
    let before_erasure = all_ids(&app, &json!({ "field": "BIRTH_DATE" })).await;
    let position = before_erasure.iter().position(|id| *id == ivan.0);
    assert_eq!(position, Some(2), "{before_erasure:?}");

    app.mutate(
        "mutation($input: EraseVolunteerInput!) { eraseVolunteer(input: $input) { volunteer { erased } } }",
        json!({ "volunteerId": ivan }),
    )
    .await;

    // No age range finds the erased volunteer, although its birth date
    // (kept for statistics) is in every one of these ranges.
    let ages = [
        json!({ "ageMin": 0 }),
        json!({ "ageMax": 150 }),
        json!({ "ageMin": 20, "ageMax": 40, "ageOn": "2025-06-01" }),
        json!({ "or": [{ "ageMin": 34, "ageOn": "2025-06-01" }, { "hasFamily": true }] }),
    ];
    for filter in ages {
        let data = app
            .query(PAGE, json!({ "first": 100, "filter": filter }))
            .await;
        let ids: Vec<&str> = data["volunteers"]["edges"]
            .as_array()
            .expect("edges")
            .iter()
            .filter_map(|e| e["node"]["id"].as_str())
            .collect();
        assert!(!ids.contains(&ivan.as_str()), "{filter}: {ids:?}");
        assert!(!ids.is_empty(), "{filter} still finds the others");
    }
    let (_, body) = app
        .post(
            r#"query($id: ID!) { volunteer(id: $id) { birthDate age(on: "2025-06-01") erased } }"#,
            json!({ "id": ivan }),
        )
        .await;
    assert_eq!(
        body["data"]["volunteer"],
        json!({ "birthDate": null, "age": null, "erased": true }),
        "{body}"
    );

    // By birth date the erased volunteer comes after everyone (before
    // everyone, descending), whatever its birth date was; the others keep
    // their order.
    let ascending = all_ids(&app, &json!({ "field": "BIRTH_DATE" })).await;
    let mut expected: Vec<String> = before_erasure
        .iter()
        .filter(|id| **id != ivan.0)
        .cloned()
        .collect();
    expected.push(ivan.0.clone());
    assert_eq!(ascending, expected);
    let descending = all_ids(&app, &json!({ "field": "BIRTH_DATE", "direction": "DESC" })).await;
    let mut reversed = expected.clone();
    reversed.reverse();
    assert_eq!(descending, reversed);

    // Paging with cursors across the erased volunteer gives the same list.
    let mut seen = Vec::new();
    let mut after = Value::Null;
    loop {
        let data = app
            .query(
                PAGE,
                json!({ "first": 1, "after": after, "order": { "field": "BIRTH_DATE" } }),
            )
            .await;
        let page = &data["volunteers"];
        seen.extend(
            page["edges"]
                .as_array()
                .expect("edges")
                .iter()
                .filter_map(|e| e["node"]["id"].as_str().map(str::to_owned)),
        );
        if page["pageInfo"]["hasNextPage"] == false {
            break;
        }
        after = page["pageInfo"]["endCursor"].clone();
    }
    assert_eq!(seen, expected);
}
