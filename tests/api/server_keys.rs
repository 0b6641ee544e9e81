//! The server's keys: without configured secrets SQLite generates its own on
//! first start and keeps them in the database (PostgreSQL refuses to start);
//! a token signed with the development key of earlier versions is refused;
//! the command line signs with the server's key; the published development
//! keys are refused as configuration on both backends.

use crate::support::{Demo, Keys, TestApp};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

/// The keys earlier versions published in their source.
const PUBLISHED_JWT: &str = "frontoffice-development-token-key-not-for-production";
const PUBLISHED_IIN: &str = "frontoffice-development-key-not-for-production";

const ME: &str = "{ me { username role } }";

fn on_postgres() -> bool {
    std::env::var("FRONTOFFICE_TEST_PG_URL").is_ok_and(|url| !url.trim().is_empty())
}

async fn sign_in_as_demo_admin(app: &TestApp) -> String {
    let (status, body) = app
        .post_as(
            None,
            "mutation { login(input: { username: \"admin\", password: \"frontoffice-demo\" }) { token } }",
            json!({}),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    body["data"]["login"]["token"]
        .as_str()
        .unwrap_or_else(|| panic!("a token in {body}"))
        .to_owned()
}

/// The claims of `token`, signed anew with `key`, as a forger would.
fn resigned(token: &str, key: &[u8]) -> String {
    let payload = token.split('.').nth(1).expect("a JWT has a payload");
    let claims: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).expect("base64url")).expect("JSON");
    assert_eq!(claims["role"], "ADMIN", "{claims}");
    jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(key),
    )
    .expect("signed")
}

/// The token-signing key the server keeps in its database.
async fn stored_signing_key(app: &TestApp) -> Vec<u8> {
    let row = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT secret FROM server_key WHERE name = 'token-signing'",
        ))
        .await
        .expect("server_key is readable")
        .expect("a generated key is kept");
    let hex: String = row.try_get("", "secret").expect("a secret");
    assert_eq!(hex.len(), 64, "32 random bytes");
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
        .collect()
}

async fn me(app: &TestApp, token: &str) -> (u16, Value) {
    app.post_as(Some(token), ME, json!({})).await
}

#[tokio::test]
async fn without_configured_keys_sqlite_keeps_keys_of_its_own_and_postgresql_refuses_to_start() {
    let started = TestApp::try_spawn(Demo::Yes, Keys::Unset, &[]).await;
    if on_postgres() {
        let message = started.err().expect("PostgreSQL needs configured keys");
        assert!(
            message.contains("FRONTOFFICE_JWT_SECRET")
                || message.contains("FRONTOFFICE_IIN_SECRET"),
            "{message}"
        );
        return;
    }
    let app = started.expect("SQLite starts without configuration");

    // Its own tokens work.
    let token = sign_in_as_demo_admin(&app).await;
    let (status, body) = me(&app, &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["data"]["me"],
        json!({ "username": "admin", "role": "ADMIN" })
    );

    // The same claims signed with the published development key are
    // refused; signed with the key the database keeps, they are accepted
    // (so the refusal is the key's, not the claims').
    let (status, body) = me(&app, &resigned(&token, PUBLISHED_JWT.as_bytes())).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED");
    let key = stored_signing_key(&app).await;
    let (status, body) = me(&app, &resigned(&token, &key)).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["username"], "admin");

    // `frontoffice token` on the same database signs with the same key.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_frontoffice"))
        .args(["--database-url", &app.database_url, "--log", "warn"])
        .args(["token", "--username", "admin"])
        .env_remove("FRONTOFFICE_JWT_SECRET")
        .output()
        .expect("the command runs");
    assert!(output.status.success(), "{output:?}");
    let cli_token = String::from_utf8(output.stdout).expect("UTF-8");
    let (status, body) = me(&app, cli_token.trim()).await;
    assert_eq!(status, 200, "{body}");
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains(&hex_of(&key)),
        "no secret is printed"
    );

    // Another fresh database gets other keys: the first one's tokens are
    // refused there.
    let other = TestApp::try_spawn(Demo::No, Keys::Unset, &[])
        .await
        .expect("a second database starts");
    assert_ne!(stored_signing_key(&other).await, key);
    let (status, _) = me(&other, &token).await;
    assert_eq!(status, 401);

    // Restarted on the same database, the server keeps its key: the token
    // issued before still works.
    let app = app.restart().await;
    assert_eq!(stored_signing_key(&app).await, key);
    let (status, body) = me(&app, &token).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["data"]["me"]["username"], "admin");
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[tokio::test]
async fn the_published_development_keys_are_refused_as_configuration() {
    for (flag, value, variable) in [
        ("--jwt-secret", PUBLISHED_JWT, "FRONTOFFICE_JWT_SECRET"),
        ("--iin-secret", PUBLISHED_IIN, "FRONTOFFICE_IIN_SECRET"),
        ("--jwt-secret", PUBLISHED_IIN, "FRONTOFFICE_JWT_SECRET"),
        ("--iin-secret", PUBLISHED_JWT, "FRONTOFFICE_IIN_SECRET"),
    ] {
        let message = TestApp::try_spawn(Demo::No, Keys::Configured, &[flag, value])
            .await
            .err()
            .unwrap_or_else(|| panic!("{flag} {value} must be refused"));
        assert!(
            message.contains(variable) && message.contains("published"),
            "{message}"
        );
        assert!(
            !message.contains(value),
            "the message repeats no secret: {message}"
        );
    }
}
