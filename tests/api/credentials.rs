//! The digital volunteer passport: certificates of verified hours issued
//! as Open Badges 3.0 credentials, checked against the official JSON
//! Schema, verified by `jose` against the published keys, revoked by a
//! lowering correction or an erasure (the status list decoded by Digital
//! Bazaar's library), and judged by `verifyCredential` as anyone would.

use crate::support::js::Script;
use crate::support::write::{LOG_HOURS, VERIFY};
use crate::support::{Demo, TestApp, token};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
use chrono::{Duration, Utc};
use entity::Role;
use frontoffice::credentials::{jws, keys, status_list};
use frontoffice::domain::time::kz_date;
use sea_orm::{EntityTrait, QueryOrder};
use serde_json::{Value, json};

/// The IIN key the harness starts the server with (issuer keys are sealed
/// under it).
pub const IIN_SECRET: &[u8] = b"test-secret-0123456789";

pub const ISSUE: &str = "mutation($input: IssueCredentialInput!) {
  issueCredential(input: $input) { clientMutationId credential {
    id kind from to minutes hours issuerName language issuedAt validUntil revokedAt revocationReason jwt verificationUrl pdfUrl } } }";

pub const VERIFY_CREDENTIAL: &str = "query($c: String!) { verifyCredential(credential: $c) {
  status reason credential { title subject hours issuerName validFrom validUntil activityFrom activityTo } } }";

/// A server with an issuer key (made at start on SQLite; on PostgreSQL by
/// the operator, as `frontoffice issuer-key new` does).
pub async fn passport_app() -> TestApp {
    let app = TestApp::spawn(Demo::No).await;
    keys::ensure_one(&app.db, IIN_SECRET)
        .await
        .expect("an issuer key");
    app
}

/// A volunteer with `minutes` verified at an event under way in Astana;
/// returns (volunteer, participation, event).
pub async fn verified_hours(
    app: &TestApp,
    name: &str,
    birth: &str,
    extra: Value,
    minutes: i32,
) -> (String, String, String) {
    let v = app.volunteer(name, birth, extra).await;
    let e = app.event("Сенбілік", json!({})).await;
    let p = app.sign_up(&v, &e).await;
    app.mutate(
        LOG_HOURS,
        json!({ "participationId": p, "minutes": minutes }),
    )
    .await;
    app.mutate(VERIFY, json!({ "participationId": p })).await;
    (v, p, e)
}

/// The last two days in Kazakhstan: the event's day, whatever the hour.
fn recent() -> (String, String) {
    let today = kz_date(Utc::now());
    ((today - Duration::days(1)).to_string(), today.to_string())
}

fn payload_of(jwt: &str) -> Value {
    let part = jwt.split('.').nth(1).expect("a JWT");
    serde_json::from_slice(&B64.decode(part).expect("base64url")).expect("JSON")
}

fn header_of(jwt: &str) -> Value {
    let part = jwt.split('.').next().expect("a JWT");
    serde_json::from_slice(&B64.decode(part).expect("base64url")).expect("JSON")
}

/// The official Open Badges 3.0 JSON Schema of an AchievementCredential.
fn schema() -> jsonschema::Validator {
    let text = include_str!("../schemas/ob_v3p0_achievementcredential_schema.json");
    let schema: Value = serde_json::from_str(text).expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

async fn jose(app: &TestApp, jwt: &str) -> Result<Value, String> {
    let jwks = app.url("/.well-known/jwks.json");
    let mut script = Script::start("credentials.mjs", &["verify", &jwks, jwt]);
    let line = script.line().await;
    match line.strip_prefix("FAILED ") {
        Some(code) => Err(code.to_owned()),
        None => Ok(serde_json::from_str(&line).expect("a JSON line")),
    }
}

async fn status_bit(app: &TestApp, credential: &Value) -> Value {
    let status = &credential["credentialStatus"];
    let url = status["statusListCredential"].as_str().expect("a list URL");
    let index = status["statusListIndex"].as_str().expect("an index");
    let jwks = app.url("/.well-known/jwks.json");
    let mut script = Script::start("credentials.mjs", &["status", &jwks, url, index]);
    let line = script.line().await;
    serde_json::from_str(&line).unwrap_or_else(|_| panic!("the list decodes: {line}"))
}

async fn verdict(app: &TestApp, jwt: &str) -> Value {
    let data = app.query(VERIFY_CREDENTIAL, json!({ "c": jwt })).await;
    data["verifyCredential"].clone()
}

#[tokio::test]
async fn a_certificate_of_verified_hours_passes_the_schema_verifies_with_jose_and_is_revoked_by_a_lowering_correction()
 {
    let app = passport_app().await;
    let (v, p, _) = verified_hours(&app, "Айгерім Серікова", "1999-03-04", json!({}), 125).await;
    let (from, to) = recent();
    let issued = app
        .mutate(ISSUE, json!({ "volunteerId": v, "from": from, "to": to, "language": "EN", "clientMutationId": "cert-1" }))
        .await;
    let c = &issued["credential"];
    assert_eq!(issued["clientMutationId"], "cert-1");
    assert_eq!(c["kind"], "PERIOD");
    assert_eq!(c["minutes"], 125);
    assert_eq!(c["hours"], 2.08);
    assert_eq!(c["language"], "en");
    assert!(c["revokedAt"].is_null());
    let jwt = c["jwt"].as_str().expect("the signed credential");
    let document = payload_of(jwt);

    // The official JSON Schema of Open Badges 3.0.
    let errors: Vec<String> = schema()
        .iter_errors(&document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{document:#}");
    assert_eq!(
        document["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(document["credentialSubject"]["result"][0]["value"], "2.08");
    assert_eq!(
        document["credentialSubject"]["identifier"][0]["identityHash"],
        "Айгерім Серікова"
    );
    assert_eq!(
        document["id"],
        format!("urn:uuid:{}", c["id"].as_str().unwrap())
    );
    assert_eq!(document["jti"], document["id"]);

    // jose verifies it against the published JWK set; the DID document
    // lists the same key.
    let checked = jose(&app, jwt).await.expect("jose verifies the credential");
    assert_eq!(checked["header"]["alg"], "EdDSA");
    assert_eq!(checked["payload"]["iss"], document["issuer"]["id"]);
    let did: Value = app
        .client
        .get(app.url("/.well-known/did.json"))
        .send()
        .await
        .expect("the DID document")
        .json()
        .await
        .expect("JSON");
    assert_eq!(did["id"], document["issuer"]["id"]);
    assert_eq!(did["verificationMethod"][0]["id"], checked["header"]["kid"]);
    assert_eq!(did["assertionMethod"][0], checked["header"]["kid"]);

    // Anyone may verify it: valid, with what it certifies.
    let valid = verdict(&app, jwt).await;
    assert_eq!(valid["status"], "VALID", "{valid}");
    assert_eq!(valid["credential"]["subject"], "Айгерім Серікова");
    assert_eq!(valid["credential"]["hours"], "2.08");
    let bit = status_bit(&app, &document).await;
    assert_eq!(bit["revoked"], false, "{bit}");
    assert_eq!(bit["length"], 131_072);
    assert_eq!(bit["purpose"], "revocation");

    // A raise leaves it standing (it certified less than is now held)…
    app.mutate(
        LOG_HOURS,
        json!({ "participationId": p, "minutes": 130, "reason": "stayed on" }),
    )
    .await;
    assert_eq!(verdict(&app, jwt).await["status"], "VALID");
    // …a lowering correction revokes it, and the list says so.
    app.mutate(
        LOG_HOURS,
        json!({ "participationId": p, "minutes": 90, "reason": "left early" }),
    )
    .await;
    let revoked = verdict(&app, jwt).await;
    assert_eq!(revoked["status"], "REVOKED", "{revoked}");
    assert_eq!(revoked["credential"]["hours"], "2.08");
    let bit = status_bit(&app, &document).await;
    assert_eq!(bit["revoked"], true, "{bit}");
    let passport = app
        .query(
            "query($v: ID!) { volunteerPassport(volunteerId: $v) { credentials { id revokedAt revocationReason } presentation } }",
            json!({ "v": v }),
        )
        .await;
    let listed = &passport["volunteerPassport"]["credentials"][0];
    assert_eq!(listed["revocationReason"], "HOURS_CORRECTED");
    assert!(passport["volunteerPassport"]["presentation"].is_null());
    // The hours are unverified now: no new certificate until verified again.
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "from": from, "to": to }),
        "INVALID_STATE",
    )
    .await;
    app.mutate(VERIFY, json!({ "participationId": p })).await;
    let again = app
        .mutate(ISSUE, json!({ "volunteerId": v, "from": from, "to": to }))
        .await;
    assert_eq!(again["credential"]["minutes"], 90);
    // Cancelling the event: its hours count nowhere, the certificate falls.
    let e = app
        .query(
            "query($p: ID!) { node(id: $p) { ... on Participation { event { id } } } }",
            json!({ "p": p }),
        )
        .await["node"]["event"]["id"]
        .clone();
    app.mutate(
        "mutation($input: EventStatusInput!) { cancelEvent(input: $input) { event { status } } }",
        json!({ "eventId": e }),
    )
    .await;
    let jwt = again["credential"]["jwt"].as_str().unwrap();
    assert_eq!(verdict(&app, jwt).await["status"], "REVOKED");
    let listed = entity::credential::Entity::find()
        .order_by_asc(entity::credential::Column::Id)
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        listed[1].revocation_reason.as_deref(),
        Some("EVENT_CANCELLED")
    );
}

#[tokio::test]
async fn a_minor_is_named_by_given_name_and_initial_and_a_salted_hash() {
    let app = passport_app().await;
    let birth = (kz_date(Utc::now()) - Duration::days(15 * 366)).to_string();
    let (v, _, e) = verified_hours(
        &app,
        "Алия Серікова",
        &birth,
        json!({ "guardian": { "name": "Серік Әлиев", "consentOn": "2024-01-01" }, "languages": ["ru"] }),
        60,
    )
    .await;
    let issued = app
        .mutate(ISSUE, json!({ "volunteerId": v, "eventId": e }))
        .await;
    let c = &issued["credential"];
    assert_eq!(c["kind"], "EVENT");
    assert_eq!(c["language"], "ru", "the volunteer's language");
    let jwt = c["jwt"].as_str().unwrap();
    let document = payload_of(jwt);
    let ids = &document["credentialSubject"]["identifier"];
    assert_eq!(ids[0]["hashed"], true);
    let salt = ids[0]["salt"].as_str().expect("a salt");
    assert_eq!(
        ids[0]["identityHash"],
        frontoffice::credentials::document::identity_hash("Алия Серікова", salt)
    );
    assert_eq!(ids[1]["identityHash"], "Алия С.");
    assert!(!jwt.contains("Серікова") && !document.to_string().contains("Серікова"));
    assert!(schema().is_valid(&document));
    let shown = verdict(&app, jwt).await;
    assert_eq!(shown["status"], "VALID");
    assert_eq!(shown["credential"]["subject"], "Алия С.");
    assert!(
        document["name"]
            .as_str()
            .unwrap()
            .contains("Волонтёрские часы")
    );
}

#[tokio::test]
async fn forged_foreign_unknown_expired_and_malformed_credentials_are_told_apart() {
    let app = passport_app().await;
    let (v, _, _) = verified_hours(&app, "Дәурен Асқаров", "1990-01-01", json!({}), 200).await;
    let (from, to) = recent();
    let issued = app
        .mutate(ISSUE, json!({ "volunteerId": v, "from": from, "to": to }))
        .await;
    let jwt = issued["credential"]["jwt"].as_str().unwrap().to_owned();
    let (head, rest) = jwt.split_once('.').unwrap();
    let (_, signature) = rest.split_once('.').unwrap();

    // A tampered hours figure: the signature no longer holds.
    let mut document = payload_of(&jwt);
    document["credentialSubject"]["result"][0]["value"] = json!("200.00");
    let tampered = format!("{head}.{}.{signature}", B64.encode(document.to_string()));
    let forged = verdict(&app, &tampered).await;
    assert_eq!(forged["status"], "FORGED", "{forged}");
    assert!(
        forged["credential"].is_null(),
        "a forgery's words are not shown"
    );
    assert!(jose(&app, &tampered).await.is_err());

    // Signed with a key of our own making.
    let stranger = ed25519_dalek::SigningKey::from_bytes(&[9; 32]);
    let header = header_of(&jwt);
    let unknown = jws::sign(&header, &payload_of(&jwt), &stranger);
    assert_eq!(verdict(&app, &unknown).await["status"], "FORGED");
    let mut other_kid = header.clone();
    other_kid["kid"] = json!(format!(
        "{}#not-a-key",
        payload_of(&jwt)["iss"].as_str().unwrap()
    ));
    let unknown = jws::sign(&other_kid, &payload_of(&jwt), &stranger);
    assert_eq!(verdict(&app, &unknown).await["status"], "UNKNOWN_KEY");
    assert_eq!(
        jose(&app, &unknown).await.err().as_deref(),
        Some("ERR_JWKS_NO_MATCHING_KEY")
    );

    // Another issuer's credential.
    let mut foreign = payload_of(&jwt);
    foreign["issuer"]["id"] = json!("did:web:credentials.example.org");
    foreign["iss"] = json!("did:web:credentials.example.org");
    let foreign = jws::sign(
        &json!({ "alg": "EdDSA", "kid": "did:web:credentials.example.org#k1" }),
        &foreign,
        &stranger,
    );
    assert_eq!(verdict(&app, &foreign).await["status"], "OTHER_ISSUER");

    // Expired: signed by the register itself with a validity that ended.
    let signer = keys::signer(&app.db, IIN_SECRET).await.unwrap().unwrap();
    let mut old = payload_of(&jwt);
    old["validUntil"] = json!("2020-01-01T00:00:00Z");
    old["exp"] = json!(1_577_836_800);
    let issuer = frontoffice::credentials::Issuer::new(&app.url("")).expect("the issuer");
    let expired = jws::sign(&status_list::header(&issuer, &signer), &old, &signer.key);
    let answer = verdict(&app, &expired).await;
    assert_eq!(answer["status"], "EXPIRED", "{answer}");
    assert_eq!(answer["credential"]["validUntil"], "2020-01-01T00:00:00Z");

    // Not a credential; longer than any; a megabyte is refused by the body limit.
    for text in ["", "hello", "a.b.c", "eyJhbGciOiJub25lIn0.e30."] {
        assert_eq!(verdict(&app, text).await["status"], "MALFORMED", "{text}");
    }
    let long = "a".repeat(jws::MAX_BYTES + 1);
    assert_eq!(verdict(&app, &long).await["status"], "TOO_LARGE");
    let megabyte = "a".repeat(1024 * 1024);
    let (status, body) = app.post(VERIFY_CREDENTIAL, json!({ "c": megabyte })).await;
    assert_eq!(status, 413, "{body}");
    assert_eq!(body["errors"][0]["extensions"]["code"], "PAYLOAD_TOO_LARGE");
    // The register is still well, and the genuine credential still valid.
    assert_eq!(verdict(&app, &jwt).await["status"], "VALID");
}

#[tokio::test]
async fn only_verified_hours_are_certified_and_only_for_those_entitled() {
    let app = passport_app().await;
    let (v, _, e) = verified_hours(&app, "Ерлан Бекұлы", "1985-05-05", json!({}), 90).await;
    let (from, to) = recent();
    // Hours not verified, and an estimate of a missed check-out.
    let unverified = app
        .volunteer("Нұрсұлтан Ұланов", "1995-01-01", json!({}))
        .await;
    let p = app.sign_up(&unverified, &e).await;
    app.mutate(LOG_HOURS, json!({ "participationId": p, "minutes": 60 }))
        .await;
    let error = app
        .refused(
            ISSUE,
            json!({ "volunteerId": unverified, "from": from, "to": to }),
            "INVALID_STATE",
        )
        .await;
    assert!(
        error["message"].as_str().unwrap().contains("1.00"),
        "{error}"
    );
    app.refused(
        ISSUE,
        json!({ "volunteerId": unverified, "eventId": e }),
        "INVALID_STATE",
    )
    .await;
    let key = frontoffice::graphql::ids::decode_int(
        &async_graphql::ID(p.clone()),
        frontoffice::graphql::ids::NodeType::Participation,
        "p",
    )
    .unwrap();
    use sea_orm::{ConnectionTrait, Statement};
    app.db
        .execute_raw(Statement::from_string(
            app.db.get_database_backend(),
            format!("UPDATE participation SET minutes_source = 'AUTO_CLOSE' WHERE id = {key}"),
        ))
        .await
        .unwrap();
    app.refused(
        ISSUE,
        json!({ "volunteerId": unverified, "eventId": e }),
        "INVALID_STATE",
    )
    .await;
    // A milestone not reached, one that is not a milestone, no hours at all.
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "milestoneHours": 50 }),
        "INVALID_STATE",
    )
    .await;
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "milestoneHours": 7 }),
        "VALIDATION",
    )
    .await;
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "from": "2020-01-01", "to": "2020-12-31" }),
        "INVALID_STATE",
    )
    .await;
    // Inputs that can never be valid.
    app.refused(ISSUE, json!({ "volunteerId": v }), "VALIDATION")
        .await;
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "from": from, "to": to, "eventId": e }),
        "VALIDATION",
    )
    .await;
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "from": to, "to": from }),
        "VALIDATION",
    )
    .await;
    let tomorrow = (kz_date(Utc::now()) + Duration::days(1)).to_string();
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "from": from, "to": tomorrow }),
        "VALIDATION",
    )
    .await;
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "from": from, "to": to, "validUntil": to }),
        "VALIDATION",
    )
    .await;
    app.refused(
        ISSUE,
        json!({ "volunteerId": e, "from": from, "to": to }),
        "VALIDATION",
    )
    .await;
    // Not entitled: another volunteer, an analyst, another region's
    // coordinator, nobody. The volunteer itself and its coordinator are.
    let input = json!({ "input": { "volunteerId": v, "from": from, "to": to } });
    for (who, code) in [
        (
            Some(token(Role::Volunteer, &[], Some(&unverified))),
            "FORBIDDEN",
        ),
        (Some(token(Role::Analyst, &[], None)), "FORBIDDEN"),
        (
            Some(token(Role::Coordinator, &["KZ-75"], None)),
            "FORBIDDEN",
        ),
        (None, "FORBIDDEN"),
    ] {
        let before = app.dump().await;
        let (_, body) = app.post_as(who.as_deref(), ISSUE, input.clone()).await;
        assert_eq!(body["errors"][0]["extensions"]["code"], code, "{body}");
        assert_eq!(app.dump().await, before);
    }
    for who in [
        token(Role::Volunteer, &[], Some(&v)),
        token(Role::Coordinator, &["KZ-71"], None),
    ] {
        let (_, body) = app.post_as(Some(&who), ISSUE, input.clone()).await;
        assert_eq!(
            body["data"]["issueCredential"]["credential"]["minutes"], 90,
            "{body}"
        );
    }
    // The volunteer's own passport lists both, bundled in one signed
    // presentation that jose verifies.
    let own = token(Role::Volunteer, &[], Some(&v));
    let (_, body) = app
        .post_as(
            Some(&own),
            "{ myPassport { credentials { id jwt } presentation } }",
            json!({}),
        )
        .await;
    let passport = &body["data"]["myPassport"];
    assert_eq!(
        passport["credentials"].as_array().map(Vec::len),
        Some(2),
        "{body}"
    );
    let presentation = passport["presentation"].as_str().expect("a presentation");
    let checked = jose(&app, presentation).await.expect("jose verifies it");
    assert_eq!(
        checked["payload"]["type"],
        json!(["VerifiablePresentation"])
    );
    assert_eq!(
        checked["payload"]["verifiableCredential"]
            .as_array()
            .map(Vec::len),
        Some(2)
    );
    let (_, body) = app
        .post_as(
            Some(&token(Role::Volunteer, &[], Some(&unverified))),
            "query($v: ID!) { volunteerPassport(volunteerId: $v) { presentation } }",
            json!({ "v": v }),
        )
        .await;
    assert_eq!(
        body["errors"][0]["extensions"]["code"], "FORBIDDEN",
        "{body}"
    );

    // The same passport downloads as JSON and as a PDF: a page listing the
    // certificates, then each one's page.
    let download = |path: String, who: Option<String>| {
        let mut request = app.client.get(app.url(&path));
        if let Some(who) = who {
            request = request.bearer_auth(who);
        }
        request.send()
    };
    let json = download("/passport.json".into(), Some(own.clone()))
        .await
        .unwrap();
    assert_eq!(json.status(), 200);
    let json: Value = json.json().await.unwrap();
    assert_eq!(json["holder"], "Ерлан Бекұлы");
    assert_eq!(json["credentials"].as_array().map(Vec::len), Some(2));
    jose(&app, json["presentation"].as_str().unwrap())
        .await
        .expect("signed");
    let pdf = download("/passport.pdf?lang=en".into(), Some(own.clone()))
        .await
        .unwrap();
    assert_eq!(pdf.status(), 200);
    assert_eq!(pdf.headers()["content-type"], "application/pdf");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("passport.pdf");
    std::fs::write(&file, pdf.bytes().await.unwrap()).unwrap();
    let info = tool("pdfinfo", "poppler-utils")
        .arg(&file)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           3"), "{info}");
    let text = tool("pdftotext", "poppler-utils")
        .arg(&file)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(
        text.contains("Volunteer passport") && text.contains("Ерлан Бекұлы"),
        "{text}"
    );
    let anonymous = download("/passport.pdf".into(), None).await.unwrap();
    assert_eq!(anonymous.status(), 401);
    let other = download(
        format!("/passport.json?volunteerId={v}"),
        Some(token(Role::Volunteer, &[], Some(&unverified))),
    )
    .await
    .unwrap();
    assert_eq!(other.status(), 403);
    let coordinator = download(
        format!("/passport.json?volunteerId={v}"),
        Some(token(Role::Coordinator, &["KZ-71"], None)),
    )
    .await
    .unwrap();
    assert_eq!(coordinator.status(), 200);
}

#[tokio::test]
async fn erasing_a_volunteer_revokes_its_credentials_and_forgets_their_text() {
    let app = passport_app().await;
    let (v, _, _) = verified_hours(&app, "Ғалым Төлеуов", "1980-02-02", json!({}), 45).await;
    let (from, to) = recent();
    let issued = app
        .mutate(ISSUE, json!({ "volunteerId": v, "from": from, "to": to }))
        .await;
    let c = &issued["credential"];
    let jwt = c["jwt"].as_str().unwrap().to_owned();
    let link = app.url(&format!("/credentials/{}", c["id"].as_str().unwrap()));
    let fetched = app.client.get(&link).send().await.unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(fetched.text().await.unwrap(), jwt);
    app.mutate(
        "mutation($input: EraseVolunteerInput!) { eraseVolunteer(input: $input) { volunteer { erased } } }",
        json!({ "volunteerId": v }),
    )
    .await;
    assert_eq!(verdict(&app, &jwt).await["status"], "REVOKED");
    assert_eq!(status_bit(&app, &payload_of(&jwt)).await["revoked"], true);
    assert_eq!(app.client.get(&link).send().await.unwrap().status(), 404);
    let rows = entity::credential::Entity::find()
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(
        rows[0].revocation_reason.as_deref(),
        Some("VOLUNTEER_ERASED")
    );
    assert!(rows[0].jwt.is_none());
}

#[tokio::test]
async fn a_rotated_key_keeps_earlier_credentials_verifiable() {
    let app = passport_app().await;
    let (v, _, _) = verified_hours(&app, "Қайрат Нұрланов", "1975-06-06", json!({}), 200).await;
    let (from, to) = recent();
    let first = app
        .mutate(ISSUE, json!({ "volunteerId": v, "from": from, "to": to }))
        .await["credential"]["jwt"]
        .as_str()
        .unwrap()
        .to_owned();
    // A key sealed under another IIN key could never sign: refused.
    let wrong = keys::generate(&app.db, b"another-secret-0123456789").await;
    assert!(
        matches!(wrong, Err(keys::KeyError::Unseal(_))),
        "{:?}",
        wrong.map(|_| ())
    );
    keys::generate(&app.db, IIN_SECRET)
        .await
        .expect("a new key");
    let second = app
        .mutate(ISSUE, json!({ "volunteerId": v, "from": from, "to": to }))
        .await["credential"]["jwt"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(header_of(&first)["kid"], header_of(&second)["kid"]);
    for jwt in [&first, &second] {
        assert_eq!(verdict(&app, jwt).await["status"], "VALID");
        jose(&app, jwt)
            .await
            .expect("jose verifies with the published keys");
    }
    let jwks: Value = app
        .client
        .get(app.url("/.well-known/jwks.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(jwks["keys"].as_array().map(Vec::len), Some(2));
    assert!(
        jwks["keys"][0].get("d").is_none(),
        "no private part: {jwks}"
    );
}

#[tokio::test]
async fn a_milestone_certifies_the_verified_hours_that_reached_it() {
    let app = passport_app().await;
    let v = app
        .volunteer(
            "Асқар Ерланов",
            "1970-07-07",
            json!({ "languages": ["kk"] }),
        )
        .await;
    // Each begun on another day (a day holds at most 24 hours), all still
    // going on, so volunteers can sign up.
    let day = |n: i64| {
        let start = Utc::now() - Duration::days(n + 1);
        json!({ "startsAt": start.to_rfc3339(), "endsAt": (Utc::now() + Duration::hours(3)).to_rfc3339() })
    };
    for n in 0..7 {
        let e = app.event(&format!("Жылы қыс {n}"), day(n)).await;
        let p = app.sign_up(&v, &e).await;
        app.mutate(LOG_HOURS, json!({ "participationId": p, "minutes": 240 }))
            .await;
        if n < 6 {
            app.mutate(VERIFY, json!({ "participationId": p })).await;
        }
    }
    // 24 verified hours of 28: not yet 25.
    app.refused(
        ISSUE,
        json!({ "volunteerId": v, "milestoneHours": 25 }),
        "INVALID_STATE",
    )
    .await;
    let e = app.event("Жылы қыс 7", day(7)).await;
    let p = app.sign_up(&v, &e).await;
    app.mutate(LOG_HOURS, json!({ "participationId": p, "minutes": 90 }))
        .await;
    app.mutate(VERIFY, json!({ "participationId": p })).await;
    let issued = app
        .mutate(ISSUE, json!({ "volunteerId": v, "milestoneHours": 25 }))
        .await;
    let c = &issued["credential"];
    assert_eq!(c["kind"], "MILESTONE");
    assert_eq!(c["minutes"], 6 * 240 + 90);
    assert_eq!(c["language"], "kk");
    let document = payload_of(c["jwt"].as_str().unwrap());
    assert!(schema().is_valid(&document), "{document:#}");
    assert_eq!(
        document["credentialSubject"]["achievement"]["inLanguage"],
        "kk"
    );
}

/// A Debian tool the PDF test reads the certificate back with.
fn tool(name: &str, package: &str) -> std::process::Command {
    let found = std::process::Command::new("sh")
        .args(["-c", &format!("command -v {name}")])
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "`{name}` is needed (Debian: apt-get install {package})"
    );
    std::process::Command::new(name)
}

#[tokio::test]
async fn the_printed_certificate_shows_the_hours_in_kazakh_and_its_qr_code_opens_the_verification_page()
 {
    let app = passport_app().await;
    let (v, _, _) = verified_hours(
        &app,
        "Әлия Нұрланқызы",
        "2000-02-02",
        json!({ "languages": ["kk"] }),
        95,
    )
    .await;
    let (from, to) = recent();
    let issued = app
        .mutate(ISSUE, json!({ "volunteerId": v, "from": from, "to": to }))
        .await;
    let c = &issued["credential"];
    let response = app
        .client
        .get(c["pdfUrl"].as_str().expect("a PDF link"))
        .send()
        .await
        .expect("the PDF");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let bytes = response.bytes().await.expect("the PDF's bytes");
    let dir = tempfile::tempdir().expect("a directory");
    let pdf = dir.path().join("certificate.pdf");
    std::fs::write(&pdf, &bytes).expect("written");
    // One A4 page, in Kazakh, with the name and the hours.
    let info = tool("pdfinfo", "poppler-utils")
        .arg(&pdf)
        .output()
        .expect("pdfinfo runs");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    let text = tool("pdftotext", "poppler-utils")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for shown in [
        "Әлия Нұрланқызы",
        "1.58",
        "Расталған сағаттар",
        "Еріктілік сағаттары",
    ] {
        assert!(text.contains(shown), "{shown} in {text}");
    }
    // Rendered as a printer would, the QR code reads back as the link.
    let png = dir.path().join("page");
    let status = tool("pdftoppm", "poppler-utils")
        .args(["-r", "150", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&png)
        .status()
        .expect("pdftoppm runs");
    assert!(status.success());
    let decoded = tool("zbarimg", "zbar-tools")
        .args(["--raw", "-q"])
        .arg(dir.path().join("page.png"))
        .output()
        .expect("zbarimg runs");
    let link = String::from_utf8_lossy(&decoded.stdout).trim().to_owned();
    assert_eq!(link, c["verificationUrl"].as_str().unwrap());
    // …which names the certificate the verification page checks.
    let id = link.rsplit("id=").next().unwrap();
    let jwt = app
        .client
        .get(app.url(&format!("/credentials/{id}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(verdict(&app, &jwt).await["status"], "VALID");
    let unknown = app.url("/credentials/00000000-0000-4000-8000-000000000000.pdf");
    assert_eq!(app.client.get(unknown).send().await.unwrap().status(), 404);
}
