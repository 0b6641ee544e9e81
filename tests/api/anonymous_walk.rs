//! No personal data is reachable anonymously: walk the schema by
//! introspection, ask every field reachable from the root (to a depth that
//! covers every type) as an anonymous caller, and look for any personal
//! value of the demo register in the answers.

use crate::support::{Demo, TestApp};
use frontoffice::graphql::ids::{NodeType, encode};
use sea_orm::EntityTrait;
use serde_json::{Map, Value, json};
use std::collections::HashSet;

const INTROSPECT: &str = "{ __schema { types { name kind possibleTypes { name }
  fields { name args { name type { kind ofType { kind } } defaultValue }
           type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } }";

struct Schema(Map<String, Value>);

impl Schema {
    fn ty(&self, name: &str) -> &Value {
        &self.0[name]
    }
}

/// The named type under lists and non-nulls.
fn named(ty: &Value) -> &str {
    if ty["name"].is_string() {
        ty["name"].as_str().unwrap()
    } else {
        named(&ty["ofType"])
    }
}

/// A selection of `type_name` down to `depth` levels of objects.
fn selection(schema: &Schema, type_name: &str, depth: usize) -> Option<String> {
    let ty = schema.ty(type_name);
    match ty["kind"].as_str() {
        Some("SCALAR") | Some("ENUM") => return Some(String::new()),
        Some("INTERFACE") | Some("UNION") => {
            if depth == 0 {
                return Some("{ __typename }".into());
            }
            let parts: Vec<String> = ty["possibleTypes"]
                .as_array()?
                .iter()
                .filter_map(|p| {
                    let name = p["name"].as_str()?;
                    selection(schema, name, depth).map(|s| format!("... on {name} {s}"))
                })
                .collect();
            return Some(format!("{{ __typename {} }}", parts.join(" ")));
        }
        _ => {}
    }
    let mut fields = Vec::new();
    for field in ty["fields"].as_array()? {
        let name = field["name"].as_str()?;
        let args = field["args"].as_array()?;
        // Fields needing an argument we cannot make up are left out; the
        // root fields that need ids are asked separately with real ones.
        let required = args
            .iter()
            .any(|a| a["type"]["kind"] == "NON_NULL" && a["defaultValue"].is_null());
        if required {
            continue;
        }
        let target = named(&field["type"]);
        let sub =
            if schema.ty(target)["kind"] == "OBJECT" || schema.ty(target)["kind"] == "INTERFACE" {
                if depth == 0 {
                    continue;
                }
                match selection(schema, target, depth - 1) {
                    Some(s) => s,
                    None => continue,
                }
            } else {
                String::new()
            };
        let paging = if args.iter().any(|a| a["name"] == "first") {
            "(first: 3)"
        } else {
            ""
        };
        fields.push(format!("{name}{paging} {sub}"));
    }
    if fields.is_empty() {
        None
    } else {
        Some(format!("{{ {} }}", fields.join(" ")))
    }
}

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[tokio::test]
async fn nothing_personal_is_reachable_anonymously() {
    let app = TestApp::spawn(Demo::Yes).await;
    let mut personal: HashSet<String> = HashSet::new();
    for v in entity::volunteer::Entity::find()
        .all(&app.db)
        .await
        .unwrap()
    {
        personal.extend(
            [v.full_name, v.latin_name, v.phone, v.email, v.guardian_name]
                .into_iter()
                .flatten(),
        );
        personal.insert(v.birth_date.to_string());
    }
    for f in entity::family::Entity::find().all(&app.db).await.unwrap() {
        personal.insert(f.name);
    }
    assert!(
        personal.len() > 300,
        "the demo set has personal data to look for"
    );

    let (_, body) = app.post_as(None, INTROSPECT, json!({})).await;
    let types: Map<String, Value> = body["data"]["__schema"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap().to_owned(), t.clone()))
        .collect();
    let schema = Schema(types);

    let mut queries = Vec::new();
    let mut asked = 0;
    for field in schema.ty("Query")["fields"].as_array().unwrap() {
        let name = field["name"].as_str().unwrap();
        let target = named(&field["type"]);
        let Some(sub) = selection(&schema, target, 3) else {
            continue;
        };
        let args: Vec<String> = match name {
            "region" => vec!["(code: \"KZ-71\")".into()],
            "node" => NodeType::ALL
                .iter()
                .map(|t| {
                    format!(
                        "(id: \"{}\")",
                        encode(
                            *t,
                            if *t == NodeType::Region {
                                "KZ-71".to_string()
                            } else {
                                "1".to_string()
                            }
                        )
                        .as_str()
                    )
                })
                .collect(),
            "nodes" => vec![format!(
                "(ids: [{}])",
                NodeType::ALL
                    .iter()
                    .map(|t| format!(
                        "\"{}\"",
                        encode(
                            *t,
                            if *t == NodeType::Region {
                                "KZ-71".to_string()
                            } else {
                                "1".to_string()
                            }
                        )
                        .as_str()
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            )],
            _ => {
                let required: Vec<&Value> = field["args"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|a| a["type"]["kind"] == "NON_NULL")
                    .collect();
                if required.is_empty() {
                    vec![String::new()]
                } else if required.len() == 1 && required[0]["name"] == "id" {
                    let ty = NodeType::ALL
                        .into_iter()
                        .find(|t| t.name() == target)
                        .expect("an id of a node type");
                    vec![format!("(id: \"{}\")", encode(ty, 1).as_str())]
                } else {
                    continue;
                }
            }
        };
        for arg in args {
            queries.push(format!("{{ {name}{arg} {sub} }}"));
        }
    }
    let mut answered = 0;
    for query in &queries {
        let (status, body) = app.post_as(None, query, json!({})).await;
        assert_eq!(status, 200, "{query}: {body}");
        asked += 1;
        for error in body["errors"].as_array().into_iter().flatten() {
            assert_eq!(error["extensions"]["code"], "FORBIDDEN", "{query}: {error}");
        }
        let mut found = Vec::new();
        strings(&body["data"], &mut found);
        if !found.is_empty() {
            answered += 1;
        }
        let leaked: Vec<&String> = found.iter().filter(|s| personal.contains(*s)).collect();
        assert!(leaked.is_empty(), "{query} revealed {leaked:?}");
    }
    assert!(asked >= 20, "{asked} queries");
    assert!(
        answered >= 10,
        "public data is still answered: {answered} of {asked}"
    );
}
