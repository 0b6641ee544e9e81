//! GraphiQL's docs pane is the analysts' manual: every type, field,
//! argument, input field and enum value of the schema has a description.

use crate::support::{Demo, TestApp};
use serde_json::{Value, json};

const INTROSPECT: &str = "{ __schema { types {
  name description
  fields { name description args { name description } }
  inputFields { name description }
  enumValues { name description } } } }";

fn undocumented(items: &Value, owner: &str, kind: &str, missing: &mut Vec<String>) {
    for item in items.as_array().into_iter().flatten() {
        let name = item["name"].as_str().unwrap_or_default();
        if item["description"]
            .as_str()
            .is_none_or(|d| d.trim().is_empty())
        {
            missing.push(format!("{kind} {owner}.{name}"));
        }
        if let Some(args) = item.get("args") {
            undocumented(args, &format!("{owner}.{name}"), "argument", missing);
        }
    }
}

#[tokio::test]
async fn every_part_of_the_schema_is_described() {
    let app = TestApp::spawn(Demo::No).await;
    let data = app.query(INTROSPECT, json!({})).await;
    let mut missing = Vec::new();
    for ty in data["__schema"]["types"].as_array().unwrap() {
        let name = ty["name"].as_str().unwrap();
        if name.starts_with("__") || ["String", "Int", "Float", "Boolean", "ID"].contains(&name) {
            continue;
        }
        if ty["description"]
            .as_str()
            .is_none_or(|d| d.trim().is_empty())
        {
            missing.push(format!("type {name}"));
        }
        undocumented(&ty["fields"], name, "field", &mut missing);
        undocumented(&ty["inputFields"], name, "input field", &mut missing);
        undocumented(&ty["enumValues"], name, "enum value", &mut missing);
    }
    assert!(
        missing.is_empty(),
        "{} without a description:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
