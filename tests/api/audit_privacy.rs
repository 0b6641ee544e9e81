//! The audit log keeps no personal value, and erasure leaves none behind:
//! every personal input field is declared so where its input type is
//! defined, summaries mask them, a migration cleanses older summaries,
//! erasing a volunteer clears its audit entries, username and an all-erased
//! family's name, and the erased volunteer's token stops working at once.

use crate::support::write::{ADD_MEMBER, REGISTER_VOLUNTEER, SET_GUARDIAN, id_of};
use crate::support::{Demo, TestApp, ws};
use entity::audit_log;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::{Value, json};

const INTROSPECT: &str = r#"{ __schema {
  mutationType { fields { name args { name type { ...T } } } }
  types { kind name inputFields { name type { ...T } } }
} }
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }"#;

/// The named type under lists and non-nulls.
fn named(ty: &Value) -> &str {
    match ty["name"].as_str() {
        Some(name) => name,
        None => named(&ty["ofType"]),
    }
}

/// Whether a field, by its name or type, holds a person's data.
fn looks_personal(field: &str, ty: &str) -> bool {
    let field = field.to_lowercase();
    [
        "name", "birth", "phone", "email", "iin", "skill", "language", "consent", "username",
        "password", "guardian",
    ]
    .iter()
    .any(|word| field.contains(word))
        || ["FamilyRole", "LegalGuardianInput"].contains(&ty)
}

/// Names that are not a person's: organizations, offices and projects.
const NOT_A_PERSON: &[&str] = &[
    "CreateOrganizationInput.name",
    "CreateFrontOfficeInput.name",
    "CreateProjectInput.name",
    "UpdateProjectInput.name",
];

#[tokio::test]
async fn every_personal_field_of_every_mutation_input_is_declared_personal() {
    let app = TestApp::spawn(Demo::No).await;
    let schema = app.query(INTROSPECT, json!({})).await;
    let types: Vec<&Value> = schema["__schema"]["types"]
        .as_array()
        .unwrap()
        .iter()
        .collect();
    let input_fields = |name: &str| -> Vec<(String, String)> {
        types
            .iter()
            .find(|t| t["name"] == name)
            .and_then(|t| t["inputFields"].as_array())
            .map(|fields| {
                fields
                    .iter()
                    .map(|f| {
                        (
                            f["name"].as_str().unwrap().to_owned(),
                            named(&f["type"]).to_owned(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let kind = |name: &str| {
        types
            .iter()
            .find(|t| t["name"] == name)
            .map(|t| t["kind"].as_str().unwrap_or_default().to_owned())
            .unwrap_or_default()
    };
    let declared = frontoffice::graphql::mutations::personal::declared();
    let mutations = schema["__schema"]["mutationType"]["fields"]
        .as_array()
        .unwrap();
    assert!(mutations.len() > 30, "every mutation is walked");
    let mut walked = std::collections::BTreeSet::new();
    let mut personal_seen = 0;
    for mutation in mutations {
        let mut pending: Vec<String> = mutation["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| named(&a["type"]).to_owned())
            .filter(|t| kind(t) == "INPUT_OBJECT")
            .collect();
        while let Some(ty) = pending.pop() {
            if !walked.insert(ty.clone()) {
                continue;
            }
            for (field, field_type) in input_fields(&ty) {
                let path = format!("{ty}.{field}");
                if looks_personal(&field, &field_type) && !NOT_A_PERSON.contains(&path.as_str()) {
                    personal_seen += 1;
                    assert!(
                        declared.contains(&path),
                        "{path} holds personal data but is not declared personal"
                    );
                }
                if kind(&field_type) == "INPUT_OBJECT" {
                    pending.push(field_type);
                }
            }
        }
    }
    assert!(
        walked.contains("LegalGuardianInput"),
        "nested inputs are walked"
    );
    assert!(personal_seen >= 25, "{personal_seen} personal fields");
    // Nothing is declared that no mutation takes.
    for path in &declared {
        let ty = path.split('.').next().unwrap_or_default();
        assert!(
            walked.contains(ty),
            "{path} is declared but no mutation takes it"
        );
    }
}

/// Values given below, none of which may appear in the audit log.
const SECRETS: &[&str] = &[
    "Әлия Аудитқызы",
    "Aliya Auditkyzy",
    "2014-03-17",
    "+7 701 555 12 34",
    "aliya.audit@example.kz",
    "rare_skill_audit",
    "zu",
    "Серік Қорғаншы",
    "2024-02-19",
    "2024-02-20",
    "Аудитовтар отбасы",
    "Жаңа Аудитовтар",
    "aliya.audit.user",
    "a long audit password",
    "Мұрат Екінші",
    "2024-03-05",
];

async fn audit_text(app: &TestApp) -> (Value, String) {
    let data = app
        .query(
            "{ auditLog(first: 100) { nodes { action actor summary } } }",
            json!({}),
        )
        .await;
    let rows = audit_log::Entity::find().all(&app.db).await.unwrap();
    let raw: String = rows
        .iter()
        .map(|r| format!("{} {} {}\n", r.actor, r.action, r.summary))
        .collect();
    (data["auditLog"]["nodes"].clone(), raw)
}

#[tokio::test]
async fn the_audit_log_keeps_no_personal_value_of_any_write() {
    let app = TestApp::spawn(Demo::No).await;
    let family = app
        .mutate(
            "mutation($input: CreateFamilyInput!) { createFamily(input: $input) { family { id } } }",
            json!({ "name": "Аудитовтар отбасы", "regionCode": "KZ-71" }),
        )
        .await;
    let family = id_of(&family["family"]);
    let child = app
        .mutate(
            REGISTER_VOLUNTEER,
            json!({
                "fullName": "Әлия Аудитқызы", "latinName": "Aliya Auditkyzy",
                "birthDate": "2014-03-17", "regionCode": "KZ-71",
                "phone": "+7 701 555 12 34", "email": "aliya.audit@example.kz",
                "skills": ["rare_skill_audit"], "languages": ["zu"],
                "guardian": { "name": "Серік Қорғаншы", "consentOn": "2024-02-19" },
                "unaccompaniedConsentOn": "2024-02-20",
            }),
        )
        .await;
    let child = id_of(&child["volunteer"]);
    app.mutate(
        "mutation($input: UpdateVolunteerInput!) { updateVolunteer(input: $input) { volunteer { id } } }",
        json!({ "volunteerId": child, "skills": ["rare_skill_audit"], "languages": ["zu"], "phone": "+7 701 555 12 34" }),
    )
    .await;
    app.mutate(
        SET_GUARDIAN,
        json!({ "volunteerId": child,
                "guardian": { "name": "Мұрат Екінші", "consentOn": "2024-03-05" },
                "unaccompaniedConsentOn": "2024-02-20" }),
    )
    .await;
    app.mutate(
        ADD_MEMBER,
        json!({ "familyId": family, "volunteerId": child, "role": "CHILD" }),
    )
    .await;
    app.mutate(
        "mutation($input: UpdateFamilyInput!) { updateFamily(input: $input) { family { id } } }",
        json!({ "familyId": family, "name": "Жаңа Аудитовтар" }),
    )
    .await;
    app.mutate(
        "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { username } } }",
        json!({ "username": "aliya.audit.user", "password": "a long audit password",
                "role": "VOLUNTEER", "volunteerId": child }),
    )
    .await;

    let (entries, raw) = audit_text(&app).await;
    let served = entries.to_string();
    for secret in SECRETS {
        assert!(
            !served.contains(secret),
            "auditLog shows {secret}: {served}"
        );
        assert!(!raw.contains(secret), "audit_log rows hold {secret}: {raw}");
    }
    let actions: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    for action in [
        "createFamily",
        "registerVolunteer",
        "updateVolunteer",
        "setGuardian",
        "addFamilyMember",
        "updateFamily",
        "createAccount",
    ] {
        assert!(
            actions.contains(&action),
            "{action} is audited: {actions:?}"
        );
    }
    // The role in a family is masked, and what is not personal is kept.
    let added = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "addFamilyMember")
        .unwrap();
    assert_eq!(added["summary"]["role"], "(personal data)");
    assert_eq!(added["summary"]["familyId"], family);
    let registered = entries
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "registerVolunteer")
        .unwrap();
    assert_eq!(registered["summary"]["regionCode"], "KZ-71");
    assert_eq!(registered["summary"]["guardian"], "(personal data)");
}

#[tokio::test]
async fn the_migration_cleanses_summaries_written_before_masking() {
    let app = TestApp::spawn(Demo::No).await;
    let old = [
        (
            "registerVolunteer",
            json!({ "fullName": "(personal data)", "skills": ["rare_skill_audit"],
            "languages": ["zu"], "guardian": { "name": "Серік Қорғаншы", "consentOn": "2024-02-19" },
            "unaccompaniedConsentOn": "2024-02-20", "familyRole": "GUARDIAN", "regionCode": "KZ-71" }),
        ),
        (
            "updateVolunteer",
            json!({ "skills": ["rare_skill_audit"], "languages": ["zu"] }),
        ),
        (
            "setGuardian",
            json!({ "guardian": { "name": "Мұрат Екінші", "consentOn": "2024-03-05" } }),
        ),
        (
            "createFamily",
            json!({ "name": "Аудитовтар отбасы", "regionCode": "KZ-71" }),
        ),
        ("updateFamily", json!({ "name": "Жаңа Аудитовтар" })),
        (
            "addFamilyMember",
            json!({ "role": "GUARDIAN", "familyId": "RmFtaWx5OjE" }),
        ),
        (
            "createAccount",
            json!({ "username": "aliya.audit.user", "role": "VOLUNTEER" }),
        ),
    ];
    for (action, summary) in &old {
        audit_log::ActiveModel {
            at: Set(chrono::Utc::now()),
            actor: Set("user:1".into()),
            action: Set((*action).into()),
            entity: Set("Volunteer".into()),
            entity_id: Set(Some("1".into())),
            summary: Set(summary.to_string()),
            request_id: Set(None),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
    }
    let (_, before) = audit_text(&app).await;
    assert!(
        before.contains("rare_skill_audit"),
        "the old rows are in place"
    );

    use migration::MigrationTrait;
    let manager = migration::SchemaManager::new(&app.db);
    migration::m20261202_000007_audit_personal_values::Migration
        .up(&manager)
        .await
        .expect("the migration runs");

    let (entries, raw) = audit_text(&app).await;
    for secret in SECRETS.iter().chain(&["GUARDIAN\""]) {
        assert!(
            !raw.contains(secret),
            "audit_log rows still hold {secret}: {raw}"
        );
    }
    // What is not personal stays.
    assert!(
        raw.contains("KZ-71") && raw.contains("RmFtaWx5OjE"),
        "{raw}"
    );
    assert!(
        raw.contains("\"role\":\"VOLUNTEER\""),
        "an account's role is not personal: {raw}"
    );
    assert_eq!(entries.as_array().unwrap().len(), old.len());
}

#[tokio::test]
async fn erasure_clears_audit_values_username_family_name_and_stops_the_token() {
    let app = TestApp::spawn(Demo::No).await;
    let sibling = if app.backend() == "postgres" {
        Some(app.sibling().await)
    } else {
        None
    };
    let family = app
        .mutate(
            "mutation($input: CreateFamilyInput!) { createFamily(input: $input) { family { id } } }",
            json!({ "name": "Аудитовтар отбасы", "regionCode": "KZ-71" }),
        )
        .await;
    let family = id_of(&family["family"]);
    let adult = app
        .volunteer(
            "Әлия Аудитқызы",
            "1990-03-17",
            json!({ "skills": ["rare_skill_audit"] }),
        )
        .await;
    app.mutate(
        ADD_MEMBER,
        json!({ "familyId": family, "volunteerId": adult, "role": "GUARDIAN" }),
    )
    .await;
    app.mutate(
        "mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { username } } }",
        json!({ "username": "aliya.audit.user", "password": "a long audit password",
                "role": "VOLUNTEER", "volunteerId": adult }),
    )
    .await;
    // An entry from before summaries were masked, with values in clear.
    let key = frontoffice::graphql::ids::decode_int(
        &async_graphql::ID(adult.clone()),
        frontoffice::graphql::ids::NodeType::Volunteer,
        "id",
    )
    .unwrap();
    audit_log::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor: Set("user:1".into()),
        action: Set("updateVolunteer".into()),
        entity: Set("Volunteer".into()),
        entity_id: Set(Some(key.to_string())),
        summary: Set(json!({ "volunteerId": adult, "skills": ["rare_skill_audit"], "phone": "+7 701 555 12 34" }).to_string()),
        request_id: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();

    let login = "mutation($input: LoginInput!) { login(input: $input) { token } }";
    let (_, signed_in) = app
        .post_as(
            None,
            login,
            json!({ "input": { "username": "aliya.audit.user", "password": "a long audit password" } }),
        )
        .await;
    let token = signed_in["data"]["login"]["token"]
        .as_str()
        .expect("a token")
        .to_owned();
    let me = "{ me { username } myData { volunteer { fullName } } }";
    let servers: Vec<&TestApp> = std::iter::once(&app).chain(sibling.as_ref()).collect();
    for server in &servers {
        let (status, body) = server.post_as(Some(&token), me, json!({})).await;
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["data"]["me"]["username"], "aliya.audit.user", "{body}");
        ws::connect(server, Some(&token))
            .await
            .expect("the WebSocket accepts the token before erasure");
    }

    app.mutate(
        "mutation($input: EraseVolunteerInput!) { eraseVolunteer(input: $input) { volunteer { erased } } }",
        json!({ "volunteerId": adult }),
    )
    .await;

    // The very next request with the token is refused, on every server.
    for server in &servers {
        let (status, body) = server.post_as(Some(&token), me, json!({})).await;
        assert_eq!(status, 401, "{body}");
        assert_eq!(
            body["errors"][0]["extensions"]["code"], "UNAUTHENTICATED",
            "{body}"
        );
        assert!(body["data"].is_null(), "{body}");
        let refused = ws::connect(server, Some(&token)).await.err();
        assert_eq!(
            refused.as_ref().map(|(code, _)| *code),
            Some(4403),
            "the WebSocket refuses the token at once: {refused:?}"
        );
    }
    let account = entity::account::Entity::find().all(&app.db).await.unwrap();
    let account = account
        .iter()
        .find(|a| a.volunteer_id == Some(key))
        .expect("the account");
    assert_eq!(account.username, format!("erased-{}", account.id));
    assert!(account.disabled_at.is_some());
    let family_row = entity::family::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(family_row[0].name, "(erased)");
    let (_, raw) = audit_text(&app).await;
    for secret in [
        "rare_skill_audit",
        "+7 701 555 12 34",
        "Аудитовтар отбасы",
        "aliya.audit.user",
        "Әлия",
    ] {
        assert!(
            !raw.contains(secret),
            "audit_log rows still hold {secret}: {raw}"
        );
    }
    assert!(
        raw.contains(&adult),
        "ids stay, so the history can still be followed: {raw}"
    );
}

#[tokio::test]
async fn a_family_keeps_its_name_while_a_member_is_not_erased() {
    let app = TestApp::spawn(Demo::No).await;
    let family = app
        .mutate(
            "mutation($input: CreateFamilyInput!) { createFamily(input: $input) { family { id } } }",
            json!({ "name": "Аудитовтар отбасы", "regionCode": "KZ-71" }),
        )
        .await;
    let family = id_of(&family["family"]);
    let first = app.volunteer("Бірінші Адам", "1980-01-01", json!({})).await;
    let second = app.volunteer("Екінші Адам", "1982-01-01", json!({})).await;
    for (v, role) in [(&first, "GUARDIAN"), (&second, "OTHER")] {
        app.mutate(
            ADD_MEMBER,
            json!({ "familyId": family, "volunteerId": v, "role": role }),
        )
        .await;
    }
    let erase = "mutation($input: EraseVolunteerInput!) { eraseVolunteer(input: $input) { volunteer { erased } } }";
    let name = "query($id: ID!) { family(id: $id) { name } }";
    app.mutate(erase, json!({ "volunteerId": first })).await;
    let data = app.query(name, json!({ "id": family })).await;
    assert_eq!(data["family"]["name"], "Аудитовтар отбасы");
    app.mutate(erase, json!({ "volunteerId": second })).await;
    let data = app.query(name, json!({ "id": family })).await;
    assert_eq!(data["family"]["name"], "(erased)");
}
