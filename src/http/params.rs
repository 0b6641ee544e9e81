//! The parameters of a GraphQL-over-HTTP request (`query`, `operationName`,
//! `variables`, `extensions`), from a JSON body or a URL query string,
//! checked for the types the spec requires before anything executes.

use crate::i18n::Message;
use crate::msg;
use async_graphql::{Request, Variables};
use serde_json::{Map, Value};

/// Why the parameters were refused; becomes a request error.
#[derive(Debug, PartialEq, Eq)]
pub struct ParamsError(pub Message);

/// Parameters from a POST body.
pub fn from_json_body(body: &[u8]) -> Result<Request, ParamsError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ParamsError(msg!("body-empty")));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|err| ParamsError(msg!("body-not-json", detail = err.to_string())))?;
    match value {
        Value::Object(map) => from_map(map),
        Value::Array(_) => Err(ParamsError(msg!("batch-unsupported"))),
        _ => Err(ParamsError(msg!("body-not-object"))),
    }
}

/// Parameters from a GET query string, where `variables` and `extensions`
/// are JSON text.
pub fn from_query_string(pairs: Vec<(String, String)>) -> Result<Request, ParamsError> {
    let mut map = Map::new();
    for (key, value) in pairs {
        let value = match key.as_str() {
            "variables" | "extensions" if !value.is_empty() => serde_json::from_str(&value)
                .map_err(|err| {
                    ParamsError(msg!("param-not-json", key = &key, detail = err.to_string()))
                })?,
            "variables" | "extensions" => Value::Null,
            _ => Value::String(value),
        };
        map.insert(key, value);
    }
    from_map(map)
}

fn from_map(mut map: Map<String, Value>) -> Result<Request, ParamsError> {
    let query = match map.remove("query") {
        Some(Value::String(q)) => q,
        Some(_) => return Err(ParamsError(msg!("query-not-string"))),
        None => return Err(ParamsError(msg!("query-missing"))),
    };
    let mut request = Request::new(query);
    match map.remove("operationName") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => request = request.operation_name(name),
        Some(_) => {
            return Err(ParamsError(msg!("operation-name-type")));
        }
    }
    match map.remove("variables") {
        None | Some(Value::Null) => {}
        Some(vars @ Value::Object(_)) => request = request.variables(Variables::from_json(vars)),
        Some(_) => return Err(ParamsError(msg!("variables-type"))),
    }
    match map.remove("extensions") {
        None | Some(Value::Null) | Some(Value::Object(_)) => {}
        Some(_) => return Err(ParamsError(msg!("extensions-type"))),
    }
    Ok(request)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_of_the_wrong_type_are_refused() {
        assert!(from_json_body(br#"{"query": "{ __typename }"}"#).is_ok());
        assert!(
            from_json_body(br#"{"query": "{ __typename }", "variables": null, "extensions": {}}"#)
                .is_ok()
        );
        for bad in [
            &br#"{"query": 0}"#[..],
            br#"{"qeury": "{ __typename }"}"#,
            br#"{"query": "{ a }", "operationName": false}"#,
            br#"{"query": "{ a }", "variables": "x"}"#,
            br#"{"query": "{ a }", "extensions": ["x"]}"#,
            br#"[{"query": "{ a }"}]"#,
            br#"{ "not a JSON"#,
            b"",
        ] {
            assert!(
                from_json_body(bad).is_err(),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }

    #[test]
    fn get_parameters_carry_json_variables() {
        let pairs = vec![
            (
                "query".to_owned(),
                "query($n: String!) { __type(name: $n) { name } }".to_owned(),
            ),
            ("variables".to_owned(), r#"{"n": "Query"}"#.to_owned()),
        ];
        assert!(from_query_string(pairs).is_ok());
        assert!(from_query_string(vec![("variables".into(), "{".into())]).is_err());
    }
}
