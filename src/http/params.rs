//! The parameters of a GraphQL-over-HTTP request (`query`, `operationName`,
//! `variables`, `extensions`), from a JSON body or a URL query string,
//! checked for the types the spec requires before anything executes.

use async_graphql::{Request, Variables};
use serde_json::{Map, Value};

/// Why the parameters were refused; becomes a request error.
#[derive(Debug, PartialEq, Eq)]
pub struct ParamsError(pub String);

/// Parameters from a POST body.
pub fn from_json_body(body: &[u8]) -> Result<Request, ParamsError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ParamsError(
            "the request body is empty; send a JSON object with a `query`".into(),
        ));
    }
    let value: Value = serde_json::from_slice(body)
        .map_err(|err| ParamsError(format!("the request body is not valid JSON: {err}")))?;
    match value {
        Value::Object(map) => from_map(map),
        Value::Array(_) => Err(ParamsError(
            "batched requests are not supported; send one operation per request".into(),
        )),
        _ => Err(ParamsError("the request body must be a JSON object".into())),
    }
}

/// Parameters from a GET query string, where `variables` and `extensions`
/// are JSON text.
pub fn from_query_string(pairs: Vec<(String, String)>) -> Result<Request, ParamsError> {
    let mut map = Map::new();
    for (key, value) in pairs {
        let value = match key.as_str() {
            "variables" | "extensions" if !value.is_empty() => serde_json::from_str(&value)
                .map_err(|err| ParamsError(format!("`{key}` is not valid JSON: {err}")))?,
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
        Some(_) => return Err(ParamsError("`query` must be a string".into())),
        None => return Err(ParamsError("the request has no `query` parameter".into())),
    };
    let mut request = Request::new(query);
    match map.remove("operationName") {
        None | Some(Value::Null) => {}
        Some(Value::String(name)) => request = request.operation_name(name),
        Some(_) => {
            return Err(ParamsError(
                "`operationName` must be a string or null".into(),
            ));
        }
    }
    match map.remove("variables") {
        None | Some(Value::Null) => {}
        Some(vars @ Value::Object(_)) => request = request.variables(Variables::from_json(vars)),
        Some(_) => return Err(ParamsError("`variables` must be an object or null".into())),
    }
    match map.remove("extensions") {
        None | Some(Value::Null) | Some(Value::Object(_)) => {}
        Some(_) => return Err(ParamsError("`extensions` must be an object or null".into())),
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
