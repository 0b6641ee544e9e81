//! Names in Kazakh alphabetical order, page by page, in both directions,
//! the same on SQLite and PostgreSQL: Ә after А (not after Я), І after Ы
//! (not before А), Latin names after Cyrillic ones, and a name given twice
//! kept in registration order.

use crate::support::{Demo, TestApp};
use serde_json::{Value, json};

/// Registered in this (scrambled) order.
const NAMES: [&str; 16] = [
    "Юрий Ким",
    "Anna Schmidt",
    "Әлихан Серікұлы",
    "Ілияс Жақсылықов",
    "Айгүл Нұрланқызы",
    "Ұлан Есенов",
    "Үміт Бекова",
    "Ғалым Оспанов",
    "Қанат Әбенов",
    "Һадия Рахимова",
    "Ыбырай Алтынсарин",
    "Ёлкин Пётр",
    "Иван Петров",
    "Zarina Ali",
    "Шолпан Иманова",
    "Айгүл Нұрланқызы",
];

/// The order people expect: the Kazakh alphabet, then Latin.
const EXPECTED: [&str; 16] = [
    "Айгүл Нұрланқызы",
    "Айгүл Нұрланқызы",
    "Әлихан Серікұлы",
    "Ғалым Оспанов",
    "Ёлкин Пётр",
    "Иван Петров",
    "Қанат Әбенов",
    "Ұлан Есенов",
    "Үміт Бекова",
    "Һадия Рахимова",
    "Шолпан Иманова",
    "Ыбырай Алтынсарин",
    "Ілияс Жақсылықов",
    "Юрий Ким",
    "Anna Schmidt",
    "Zarina Ali",
];

const PAGE: &str =
    "query($first: Int, $after: String, $last: Int, $before: String, $d: Direction) {
    volunteers(first: $first, after: $after, last: $last, before: $before,
               orderBy: { field: NAME, direction: $d }) {
      nodes { id fullName }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    } }";

/// Every name, a page of three at a time, forwards (`first`/`after`) or
/// backwards (`last`/`before`), in `direction`; the ids in the order read.
async fn read_all(app: &TestApp, direction: &str, backwards: bool) -> Vec<(String, String)> {
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    for _ in 0..20 {
        let vars = if backwards {
            json!({ "last": 3, "before": cursor, "d": direction })
        } else {
            json!({ "first": 3, "after": cursor, "d": direction })
        };
        let page = app.query(PAGE, vars).await["volunteers"].clone();
        let mut nodes: Vec<(String, String)> = page["nodes"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|n| {
                (
                    n["id"].as_str().unwrap_or_default().to_owned(),
                    n["fullName"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        if backwards {
            nodes.reverse();
        }
        seen.extend(nodes);
        let info = &page["pageInfo"];
        let more = if backwards {
            &info["hasPreviousPage"]
        } else {
            &info["hasNextPage"]
        };
        if more != &Value::Bool(true) {
            if backwards {
                seen.reverse();
            }
            return seen;
        }
        cursor = info[if backwards {
            "startCursor"
        } else {
            "endCursor"
        }]
        .as_str()
        .map(str::to_owned);
    }
    panic!("the pages never ended: {seen:?}");
}

#[tokio::test]
async fn names_page_in_kazakh_alphabetical_order_both_ways() {
    let app = TestApp::spawn(Demo::No).await;
    let mut ids = Vec::new();
    for name in NAMES {
        ids.push(app.volunteer(name, "1990-05-01", json!({})).await);
    }
    let names = |rows: &[(String, String)]| rows.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>();

    let ascending = read_all(&app, "ASC", false).await;
    assert_eq!(names(&ascending), EXPECTED, "{}", app.backend());
    // The same name twice: the one registered first comes first.
    assert_eq!(ascending[0].0, ids[4], "{ascending:?}");
    assert_eq!(ascending[1].0, ids[15], "{ascending:?}");

    let mut descending = EXPECTED.to_vec();
    descending.reverse();
    assert_eq!(names(&read_all(&app, "DESC", false).await), descending);
    // Backwards through the ascending order gives the same list.
    assert_eq!(read_all(&app, "ASC", true).await, ascending);
}
