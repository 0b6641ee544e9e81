//! Abuse that would slow everyone is refused with a code: sign-in is one
//! per request and rate-limited per address and per account; statistics
//! cost their scopes in the query cost and computing them anew is
//! rate-limited per caller; the figures cache keeps followed scopes
//! whatever else is asked.

use crate::support::{Demo, TestApp, ws};
use serde_json::{Value, json};

const LOGIN: &str = "mutation($u: String!) { login(input: { username: $u, password: \"not the password\" }) { token } }";

/// POST as an anonymous client; the status, the `Retry-After` header and
/// the body.
async fn post_anonymous(
    app: &TestApp,
    query: &str,
    variables: Value,
) -> (u16, Option<String>, Value) {
    let response = app
        .client
        .post(app.url("/graphql"))
        .json(&json!({ "query": query, "variables": variables }))
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    let retry_after = response
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    (status, retry_after, response.json().await.expect("JSON"))
}

fn code(body: &Value) -> &str {
    body["errors"][0]["extensions"]["code"]
        .as_str()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_document_signs_in_once_at_most() {
    let app = TestApp::spawn(Demo::Yes).await;
    let fifteen: String = (0..15)
        .map(|i| {
            format!(
                "a{i}: login(input: {{ username: \"admin\", password: \"guess{i}\" }}) {{ token }} "
            )
        })
        .collect();
    let (_, _, body) = post_anonymous(&app, &format!("mutation {{ {fifteen} }}"), json!({})).await;
    assert_eq!(code(&body), "TOO_MANY_LOGINS", "{body}");
    assert!(
        body.get("data").is_none_or(Value::is_null),
        "nothing ran: {body}"
    );

    // Two logins hidden in two fragments are two as well.
    let fragments = "mutation { ...A ...B } \
        fragment A on Mutation { a: login(input: { username: \"admin\", password: \"x\" }) { token } } \
        fragment B on Mutation { b: login(input: { username: \"admin\", password: \"y\" }) { token } }";
    let (_, _, body) = post_anonymous(&app, fragments, json!({})).await;
    assert_eq!(code(&body), "TOO_MANY_LOGINS", "{body}");

    // One is fine.
    let one = "mutation { login(input: { username: \"admin\", password: \"frontoffice-demo\" }) { token } }";
    let (_, _, body) = post_anonymous(&app, one, json!({})).await;
    assert!(body["data"]["login"]["token"].is_string(), "{body}");
}

#[tokio::test]
async fn sign_in_beyond_the_per_address_limit_is_refused_with_retry_after() {
    let app = TestApp::spawn_with(
        Demo::No,
        &["--sign-in-per-address", "3", "--sign-in-per-account", "100"],
    )
    .await;
    for i in 0..3 {
        let (_, retry_after, body) =
            post_anonymous(&app, LOGIN, json!({ "u": format!("user{i}") })).await;
        assert_eq!(code(&body), "UNAUTHENTICATED", "{body}");
        assert_eq!(retry_after, None);
    }
    let (status, retry_after, body) = post_anonymous(&app, LOGIN, json!({ "u": "user9" })).await;
    assert_eq!(status, 200);
    assert_eq!(code(&body), "RATE_LIMITED", "{body}");
    let secs: u64 = retry_after
        .expect("a Retry-After header")
        .parse()
        .expect("whole seconds");
    assert!((1..=60).contains(&secs), "{secs}");
    assert_eq!(
        body["errors"][0]["extensions"]["retryAfter"], secs,
        "{body}"
    );
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("try again in"), "{message}");
}

#[tokio::test]
async fn sign_in_beyond_the_per_account_limit_is_refused_for_that_account_only() {
    let app = TestApp::spawn_with(
        Demo::No,
        &["--sign-in-per-address", "100", "--sign-in-per-account", "2"],
    )
    .await;
    for name in ["admin", "ADMIN "] {
        let (_, _, body) = post_anonymous(&app, LOGIN, json!({ "u": name })).await;
        assert_eq!(code(&body), "UNAUTHENTICATED", "{body}");
    }
    let (_, retry_after, body) = post_anonymous(&app, LOGIN, json!({ "u": "admin" })).await;
    assert_eq!(code(&body), "RATE_LIMITED", "{body}");
    assert!(retry_after.is_some());
    let (_, _, body) = post_anonymous(&app, LOGIN, json!({ "u": "analyst" })).await;
    assert_eq!(code(&body), "UNAUTHENTICATED", "{body}");
}

#[tokio::test]
async fn requests_beyond_the_per_address_rate_are_refused_before_graphql() {
    let app = TestApp::spawn_with(
        Demo::No,
        &["--requests-per-second", "1", "--request-burst", "3"],
    )
    .await;
    let query = "{ serverInfo { version } }";
    for _ in 0..3 {
        let (status, _, body) = post_anonymous(&app, query, json!({})).await;
        assert_eq!(status, 200, "{body}");
        assert!(body["data"]["serverInfo"]["version"].is_string(), "{body}");
    }
    // Past the burst, a request and a WebSocket upgrade sent together are
    // both refused, before any GraphQL work.
    let upgrade = app
        .client
        .get(app.url("/graphql/ws"))
        .header("connection", "upgrade")
        .header("upgrade", "websocket")
        .header("sec-websocket-version", "13")
        .header("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
        .header("sec-websocket-protocol", "graphql-transport-ws")
        .send();
    let ((status, retry_after, body), upgrade) =
        tokio::join!(post_anonymous(&app, query, json!({})), upgrade);
    assert_eq!(status, 429, "{body}");
    assert_eq!(code(&body), "RATE_LIMITED", "{body}");
    assert_eq!(retry_after.as_deref(), Some("1"));
    let message = body["errors"][0]["message"].as_str().unwrap_or_default();
    assert!(message.contains("requests from this address"), "{message}");
    let upgrade = upgrade.expect("the server answers");
    assert_eq!(upgrade.status().as_u16(), 429);

    // Another address has its own budget, and the health probes none.
    let elsewhere = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().ok())
        .build()
        .expect("a client");
    let body: Value = elsewhere
        .post(app.url("/graphql"))
        .json(&json!({ "query": query }))
        .send()
        .await
        .expect("the server answers")
        .json()
        .await
        .expect("JSON");
    assert!(body["data"]["serverInfo"]["version"].is_string(), "{body}");
    let health = app
        .client
        .get(app.url("/healthz"))
        .send()
        .await
        .expect("the server answers");
    assert_eq!(health.status().as_u16(), 200);
}

/// `n` aliases of a monthly series of 20 years (240 steps), each from a
/// different first day so none shares a cached scope.
fn series_aliases(n: usize) -> String {
    let fields: String = (0..n)
        .map(|i| {
            format!(
                "s{i}: statisticsSeries(from: \"2005-01-{:02}\", to: \"2024-12-31\", interval: MONTH) {{ hours }} ",
                i + 1
            )
        })
        .collect();
    format!("{{ {fields} }}")
}

#[tokio::test]
async fn long_series_cost_their_steps_and_past_the_bound_are_refused() {
    let app = TestApp::spawn(Demo::No).await;
    let (code, message) = app.error(&series_aliases(15), json!({})).await;
    assert_eq!(code, "QUERY_TOO_COMPLEX", "{message}");
    let (code, message) = app.error(&series_aliases(3), json!({})).await;
    assert_eq!(code, "QUERY_TOO_COMPLEX", "{message}");

    // One series of the most steps runs, every step of it.
    let data = app.query(&series_aliases(1), json!({})).await;
    assert_eq!(data["s0"].as_array().map(Vec::len), Some(240));

    // One step more is refused, not cut short.
    let (code, message) = app
        .error(
            "{ statisticsSeries(from: \"2005-01-01\", to: \"2025-01-01\", interval: MONTH) { hours } }",
            json!({}),
        )
        .await;
    assert_eq!(code, "VALIDATION", "{message}");
    assert!(message.contains("241"), "{message}");
}

#[tokio::test]
async fn statistics_computed_anew_are_rate_limited_per_caller() {
    let app = TestApp::spawn_with(
        Demo::No,
        &["--statistics-per-minute", "1", "--statistics-burst", "3"],
    )
    .await;
    let query = "query($to: Date!) { statistics(from: \"2024-01-01\", to: $to) { hours events } }";
    for day in ["2024-12-01", "2024-12-02", "2024-12-03"] {
        let (_, _, body) = post_anonymous(&app, query, json!({ "to": day })).await;
        assert!(body.get("errors").is_none(), "{body}");
    }
    let (_, retry_after, body) = post_anonymous(&app, query, json!({ "to": "2024-12-04" })).await;
    assert_eq!(code(&body), "RATE_LIMITED", "{body}");
    assert!(retry_after.is_some());
    // Figures already computed are free.
    let (_, _, body) = post_anonymous(&app, query, json!({ "to": "2024-12-02" })).await;
    assert!(body.get("errors").is_none(), "{body}");
    // A signed-in caller is counted apart from the anonymous one.
    let data = app.query(query, json!({ "to": "2024-12-05" })).await;
    assert!(data["statistics"]["events"].is_number());
}

#[tokio::test]
async fn a_followed_scope_stays_cached_whatever_else_is_asked() {
    let app = TestApp::spawn_with(
        Demo::Yes,
        &[
            "--statistics-cache-scopes",
            "5",
            "--statistics-per-minute",
            "0",
        ],
    )
    .await;
    let mut socket = ws::connect(&app, Some(&app.admin_token))
        .await
        .expect("ack");
    let watched =
        "subscription { statisticsUpdated(from: \"2024-01-01\", to: \"2024-12-31\") { hours } }";
    ws::subscribe(&mut socket, "dashboard", watched, json!({})).await;
    let first = ws::next(&mut socket, "dashboard").await;
    assert!(
        first["data"]["statisticsUpdated"]["hours"].is_number(),
        "{first}"
    );

    let busting = "query($to: Date!) { statistics(from: \"2023-01-01\", to: $to) { hours } }";
    for day in 1..=50 {
        app.query(
            busting,
            json!({ "to": format!("2023-02-{:02}", day % 28 + 1) }),
        )
        .await;
        app.query(
            busting,
            json!({ "to": format!("2023-03-{:02}", day % 28 + 1) }),
        )
        .await;
    }

    let before = app.statements.get();
    let data = app
        .query(
            "{ statistics(from: \"2024-01-01\", to: \"2024-12-31\") { hours } }",
            json!({}),
        )
        .await;
    // Nothing is read: the caller's token version is known from its
    // earlier requests, and the figures come from the cache.
    assert_eq!(
        app.statements.get(),
        before,
        "the followed scope was served from the cache"
    );
    assert_eq!(
        data["statistics"]["hours"],
        first["data"]["statisticsUpdated"]["hours"]
    );
}
